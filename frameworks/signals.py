"""The app's signal receivers, connected in `FrameworksConfig.ready()`.

Every write to content, wherever it comes from, marks the content as changed: admin saves,
the matrix editor, `loaddata` (whose raw saves still send post_save) and deletes all pass
through these receivers, inside the writer's transaction, so the revision token changes
exactly when the change commits. And `migrate` alone leaves a ready Editors group.
"""

from django.apps import apps as global_apps
from django.db import DEFAULT_DB_ALIAS
from django.db.models.signals import post_delete, post_save

from frameworks.models import CONTENT_MODELS, ContentRevision
from frameworks.services import create_editors_group


def mark_content_changed(sender, **kwargs):
    ContentRevision.bump()


def connect_content_signals():
    for model in CONTENT_MODELS:
        uid = f"content-changed-{model._meta.label_lower}"
        post_save.connect(mark_content_changed, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(mark_content_changed, sender=model, dispatch_uid=f"{uid}-delete")


def create_editors_group_after_migrate(sender, *, using=DEFAULT_DB_ALIAS, apps=None, **kwargs):
    """post_migrate receiver: `migrate` alone leaves a ready Editors group."""
    state_apps = apps or global_apps
    try:
        state_apps.get_model("frameworks", "Framework")
        state_apps.get_model("auth", "Group")
    except LookupError:  # Migrated backwards past the models: nothing to grant yet.
        return
    create_editors_group(using=using)
