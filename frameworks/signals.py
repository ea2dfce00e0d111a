"""Every write to content, wherever it comes from, marks the content as changed.

Admin saves, the matrix editor, `loaddata` (whose raw saves still send post_save) and
deletes all pass through these receivers, inside the writer's transaction, so the revision
token changes exactly when the change commits.
"""

from django.db.models.signals import post_delete, post_save

from frameworks.models import CONTENT_MODELS, ContentRevision


def mark_content_changed(sender, **kwargs):
    ContentRevision.bump()


def connect_content_signals():
    for model in CONTENT_MODELS:
        uid = f"content-changed-{model._meta.label_lower}"
        post_save.connect(mark_content_changed, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(mark_content_changed, sender=model, dispatch_uid=f"{uid}-delete")
