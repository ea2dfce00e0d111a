"""Django's sqlite3 engine with work that runs just before a commit (`comparator.db.hooks`)."""

from django.db.backends.sqlite3 import base

from comparator.db.hooks import BeforeCommitMixin


class DatabaseWrapper(BeforeCommitMixin, base.DatabaseWrapper):
    pass
