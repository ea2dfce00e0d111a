"""A byline is printed in every change log: changing one marks the content as changed.

Connected like the content's own receivers (`frameworks.signals`), so the new revision
commits in the same transaction as the byline and no cached log can show the old one.
Reports need no receiver: a report reaches the public log only through the value change
it led to, which is written, and marks its frameworks changed, in the same transaction.
"""

from django.db.models.signals import post_delete, post_save

from corrections.models import EditorProfile
from frameworks.models import ContentRevision


def mark_bylines_changed(sender, **kwargs):
    # Any change log, of any framework, may name this editor.
    ContentRevision.bump_everything()


def connect_byline_signals():
    for signal, name in ((post_save, "save"), (post_delete, "delete")):
        signal.connect(
            mark_bylines_changed, sender=EditorProfile, dispatch_uid=f"byline-changed-{name}"
        )
