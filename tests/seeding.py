"""The committed fixtures for tests: validated by loaddata once per test process, replayed after.

The project's loaddata validates every one of the seed's objects (full_clean, constraints,
natural keys) and takes seconds; the rows it leaves are the same every time. The first load in a
process (one per xdist worker) runs that loaddata and records every row it added or changed;
later loads write those rows back in bulk, inside the caller's transaction like the real load,
so they roll back with it. A replay needs the tables it touches to be as they were when it was
recorded; when they are not (a test made rows first), the real loaddata runs instead.
"""

from dataclasses import dataclass

from django.apps import apps
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction

from frameworks.models import ContentRevision


@dataclass
class Recording:
    before: dict  # model -> {pk: row} of the tables the load touched, as they were
    added: dict  # model -> [row]
    changed: dict  # model -> [row]
    after: dict  # model -> {pk: row} of the same tables once loaded


_recording = None


def load_seed():
    """Leave the committed fixtures in the database, as `loaddata fixtures/*.json` does."""
    global _recording
    if _recording is not None and _tables_as_recorded(_recording):
        # One transaction, as loaddata's: rows that point at each other (a pro at its claim)
        # are checked together at its end, whatever the order of the models.
        with transaction.atomic():
            _replay(_recording)
        if _snapshot(_recording.after) != _recording.after:
            raise AssertionError("the replayed seed differs from the one loaddata left")
        return
    before = _snapshot(_models())
    _run_loaddata()
    # The load's revision marks are written at commit; write them now, as a committed load
    # leaves them, so the recording holds them and a test starts with nothing pending.
    ContentRevision.write_pending(connection)
    after = _snapshot(_models())
    _recording = _record(before, after)


# The article's site: the features, the companies, Django, Flask and their comparison. For tests
# of how content is loaded or shown, where every committed file would only take longer.
ARTICLE_FIXTURES = (
    "01_features.json",
    "02_companies.json",
    "10_django.json",
    "11_flask.json",
    "30_comparisons.json",
)


def article_fixture_files():
    from django.conf import settings

    return [str(settings.BASE_DIR / "fixtures" / name) for name in ARTICLE_FIXTURES]


def _run_loaddata():
    from frameworks.management.commands.load_initial_content import fixture_files

    call_command("loaddata", *fixture_files(), verbosity=0)


def _models():
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    ]


def _columns(model):
    return [field.attname for field in model._meta.concrete_fields]


def _snapshot(models):
    snapshot = {}
    for model in models:
        columns = _columns(model)
        pk_index = columns.index(model._meta.pk.attname)
        rows = model._base_manager.values_list(*columns)
        snapshot[model] = {row[pk_index]: row for row in rows}
    return snapshot


def _record(before, after):
    added, changed, touched = {}, {}, {}
    for model, rows in after.items():
        old = before[model]
        if set(old) - set(rows):
            raise RuntimeError(f"loading the seed deleted {model._meta.label} rows: not replayable")
        new_rows = [row for pk, row in rows.items() if pk not in old]
        changed_rows = [row for pk, row in rows.items() if pk in old and old[pk] != row]
        if new_rows or changed_rows:
            added[model], changed[model], touched[model] = new_rows, changed_rows, old
    after_touched = {model: after[model] for model in touched}
    return Recording(before=touched, added=added, changed=changed, after=after_touched)


def _tables_as_recorded(recording):
    return _snapshot(recording.before) == recording.before


def _instances(model, rows):
    columns = _columns(model)
    return [model(**dict(zip(columns, row, strict=True))) for row in rows]


def _stamped(field):
    return getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)


def _replay(recording):
    for model, rows in recording.added.items():
        instances = _instances(model, rows)
        model._base_manager.bulk_create(instances)
        # bulk_create stamps auto_now fields with the time of the replay; put back the recorded.
        stamped = [field.name for field in model._meta.concrete_fields if _stamped(field)]
        if stamped:
            model._base_manager.bulk_update(_instances(model, rows), stamped)
    for model, rows in recording.changed.items():
        if rows:
            fields = [field.name for field in model._meta.concrete_fields if not field.primary_key]
            model._base_manager.bulk_update(_instances(model, rows), fields)
    # As loaddata does: the next row a test creates must not take a replayed row's key.
    statements = connection.ops.sequence_reset_sql(no_style(), list(recording.added))
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
