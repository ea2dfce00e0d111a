from django.db import migrations


def create_revision_row(apps, schema_editor):
    ContentRevision = apps.get_model("frameworks", "ContentRevision")
    ContentRevision.objects.get_or_create(pk=1)


class Migration(migrations.Migration):
    dependencies = [("frameworks", "0001_initial")]

    operations = [migrations.RunPython(create_revision_row, migrations.RunPython.noop)]
