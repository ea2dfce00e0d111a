from django.core.management.color import no_style
from django.db import migrations, models

# The single revision of 0002 becomes the shared part, which every page shows; the
# site-wide parts start with its token and time, so Last-Modified keeps its meaning.
SHARED = "shared"
SITE_WIDE = ("directory", "listing")


def name_the_shared_revision(apps, schema_editor):
    ContentRevision = apps.get_model("frameworks", "ContentRevision")
    ContentRevision.objects.filter(pk=1).update(key=SHARED)
    # 0002 wrote id 1 by hand, so PostgreSQL's sequence still starts at 1: move it on first.
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), [ContentRevision]):
            cursor.execute(sql)
    shared, _ = ContentRevision.objects.get_or_create(key=SHARED)
    for key in SITE_WIDE:
        ContentRevision.objects.get_or_create(
            key=key, defaults={"token": shared.token, "changed_at": shared.changed_at}
        )


def keep_only_the_shared_revision(apps, schema_editor):
    ContentRevision = apps.get_model("frameworks", "ContentRevision")
    shared = ContentRevision.objects.get(key=SHARED)
    ContentRevision.objects.exclude(pk=shared.pk).delete()
    if shared.pk != 1:
        ContentRevision.objects.filter(pk=shared.pk).update(pk=1)


class Migration(migrations.Migration):
    dependencies = [("frameworks", "0005_core_content_fields")]

    operations = [
        migrations.AddField(
            model_name="contentrevision",
            name="key",
            field=models.CharField(max_length=80, null=True, verbose_name="part of the content"),
        ),
        migrations.RunPython(name_the_shared_revision, keep_only_the_shared_revision),
        migrations.AlterField(
            model_name="contentrevision",
            name="key",
            field=models.CharField(max_length=80, unique=True, verbose_name="part of the content"),
        ),
    ]
