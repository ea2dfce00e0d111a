"""Django's postgresql engine with work that runs just before a commit (`comparator.db.hooks`)."""

from django.db.backends.postgresql import base

from comparator.db.hooks import BeforeCommitMixin


class DatabaseWrapper(BeforeCommitMixin, base.DatabaseWrapper):
    pass
