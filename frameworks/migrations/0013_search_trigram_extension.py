"""pg_trgm for search's typo-tolerant names (frameworks.selectors.search), on PostgreSQL only.

Django's TrigramExtension already does nothing on other databases going forwards; going
backwards it would query pg_extension, so this one skips other databases both ways.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations


class PostgresOnlyTrigramExtension(TrigramExtension):
    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class Migration(migrations.Migration):
    dependencies = [
        ("frameworks", "0015_metric_refresh"),
    ]

    operations = [PostgresOnlyTrigramExtension()]
