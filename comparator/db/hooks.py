"""State gathered during a transaction and written by one callback just before it commits.

A writer that touches the same rows from several places in one transaction (the page
cache's revision rows, bumped by every saved or deleted row) would otherwise lock them one
statement at a time, in whatever order the saves happen, and two such writers can deadlock.
Gathered here and written once at the end, the rows are locked together, in one order,
for the shortest time. A rollback drops the state with the transaction.
"""


class BeforeCommitMixin:
    """For a DatabaseWrapper: `pending(name, flush)` gives this transaction's state."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._before_commit = {}
        self._at_savepoint = {}  # savepoint id -> a copy of the state when it was taken

    def pending(self, name, flush):
        """A set kept until this transaction ends; `flush(connection, items)` writes it
        just before the commit. Outside a transaction there is nothing to wait for: None."""
        if self.get_autocommit():
            return None
        if name not in self._before_commit:
            self._before_commit[name] = (flush, set())
        return self._before_commit[name][1]

    def flush_pending(self, name=None):
        """Write gathered state now (all of it, or one kind): before the commit, or before
        this transaction reads what it wrote."""
        names = [name] if name is not None else list(self._before_commit)
        for each in names:
            flush, items = self._before_commit.pop(each, (None, None))
            if items:
                flush(self, items)

    def _commit(self):
        self.flush_pending()
        return super()._commit()

    def _rollback(self):
        self._forget()
        return super()._rollback()

    def _close(self):
        self._forget()
        return super()._close()

    def _forget(self):
        self._before_commit.clear()
        self._at_savepoint.clear()

    # A block rolled back to its savepoint takes back what it gathered, and only that.
    def _savepoint(self, sid):
        super()._savepoint(sid)
        self._at_savepoint[sid] = {
            name: (flush, set(items)) for name, (flush, items) in self._before_commit.items()
        }

    def _savepoint_rollback(self, sid):
        super()._savepoint_rollback(sid)
        self._before_commit = self._at_savepoint.pop(sid, self._before_commit)

    def _savepoint_commit(self, sid):
        super()._savepoint_commit(sid)
        self._at_savepoint.pop(sid, None)
