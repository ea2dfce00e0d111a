"""Every write to content, wherever it comes from, marks what it changed as changed.

Admin saves, the matrix editor, `loaddata` (whose raw saves still send post_save) and
deletes all pass through these receivers, inside the writer's transaction, so the revisions
of the parts of the content a write touched change exactly when the write commits (see
`frameworks.pagecache` for what each page depends on). And `migrate` alone leaves a ready
Editors group.

Which part a write touches is declared once, in `REVISION_SCOPES`: a content model is
either about one framework (the path from a row to its framework) or shared. A content
model without a scope stops the site at start-up rather than leave its pages stale.
"""

import uuid

from django.apps import apps as global_apps
from django.core.exceptions import ImproperlyConfigured, ObjectDoesNotExist
from django.db import DEFAULT_DB_ALIAS, connection
from django.db.models.signals import post_delete, post_migrate, post_save, pre_delete, pre_save
from django.utils import timezone

from frameworks.models import (
    CONTENT_MODELS,
    Adoption,
    Claim,
    Company,
    Comparison,
    ComparisonEntry,
    Con,
    ContentRevision,
    FaqEntry,
    Feature,
    FeatureCategory,
    FeatureValue,
    Framework,
    KeyFeature,
    Metric,
    Pro,
    UseCase,
)
from frameworks.services import create_editors_group

# Content every page may show: a change to it makes every page fresh.
SHARED = "shared"

# How an edit to each content model reaches the pages: SHARED, or the path (attribute names
# joined by "__", as in a query) from a row to the framework the row is about.
REVISION_SCOPES = {
    Framework: "",
    FeatureValue: "framework",
    Claim: "value__framework",
    KeyFeature: "framework",
    Pro: "framework",
    Con: "framework",
    UseCase: "framework",
    Adoption: "framework",
    Metric: "framework",
    FeatureCategory: SHARED,
    Feature: SHARED,
    Company: SHARED,
    Comparison: SHARED,
    ComparisonEntry: SHARED,
    FaqEntry: SHARED,
}

# A framework's fields that other frameworks' pages show too (their links to it).
DIRECTORY_FIELDS = ("name", "slug", "is_published")


def framework_of(instance, path):
    """The framework a row is about, following `path`; None when it cannot be found."""
    target = instance
    try:
        for name in path.split("__") if path else ():
            target = getattr(target, name)
    except ObjectDoesNotExist:  # A parent deleted before its children's signals ran.
        return None
    return target


def framework_keys(*slugs):
    """What an edit of frameworks' content touches: their pages and the lists."""
    return [ContentRevision.LISTING, *(ContentRevision.framework_key(slug) for slug in slugs)]


def locked(queryset, **options):
    """The rows an invalidation is decided from, locked until the writer commits.

    Two racing saves of one row then decide in turn, each from what the other committed,
    and neither loses the other's invalidation (a rename's old slug, say). SQLite needs no
    lock: its writers take turns for the whole transaction. The lock is the one the save's
    UPDATE takes anyway (NO KEY UPDATE), so rows being added for the framework (which share
    its key) are not held up, and cannot deadlock with it.
    """
    if connection.get_autocommit():
        return queryset
    return queryset.select_for_update(no_key=True, **options)


def frameworks_being_deleted():
    """The ids of the frameworks this transaction is deleting; None outside a transaction."""
    pending = getattr(connection, "pending", None)
    return pending("deleting-frameworks", lambda *args: None) if pending else None


def remember_framework(sender, instance, **kwargs):
    """Before a row about a framework is saved, which framework it was about (None if new).

    A row moved to another framework must leave the pages of the first one too.
    """
    path = REVISION_SCOPES[sender]
    instance._framework_slug_before = (
        locked(sender._default_manager.filter(pk=instance.pk), of=("self",))
        .values_list(f"{path}__slug", flat=True)
        .first()
        if instance.pk is not None
        else None
    )


def mark_changed(sender, instance, **kwargs):
    path = REVISION_SCOPES[sender]
    if path == SHARED:
        ContentRevision.bump_everything()
        return
    if path == "framework" and instance.framework_id in (frameworks_being_deleted() or ()):
        return  # Its framework's delete marks the same parts, without a query per row.
    framework = framework_of(instance, path)
    if framework is None:
        ContentRevision.bump_everything()  # Unsure what it showed on: assume everything.
        return
    before = getattr(instance, "_framework_slug_before", None)
    ContentRevision.bump(framework_keys(*{framework.slug, before or framework.slug}))


def remember_directory_entry(sender, instance, raw=False, **kwargs):
    """Before a framework is saved, what its links on other pages said (None if new)."""
    instance._directory_entry_before = (
        locked(Framework.objects.filter(pk=instance.pk)).values(*DIRECTORY_FIELDS).first()
        if instance.pk is not None
        else None
    )


def mark_framework_changed(sender, instance, created=False, **kwargs):
    before = getattr(instance, "_directory_entry_before", None)
    now = {field: getattr(instance, field) for field in DIRECTORY_FIELDS}
    keys = framework_keys(instance.slug)
    if before != now:  # New, renamed, moved to a new slug, published or withdrawn.
        keys.append(ContentRevision.DIRECTORY)
        if before and before["slug"] != instance.slug:
            keys.append(ContentRevision.framework_key(before["slug"]))
    ContentRevision.bump(keys)


def remember_framework_deleted(sender, instance, **kwargs):
    """pre_delete: its rows, deleted first, need not mark what its own delete marks."""
    deleting = frameworks_being_deleted()
    if deleting is not None:
        deleting.add(instance.pk)


def mark_framework_deleted(sender, instance, **kwargs):
    ContentRevision.bump([*framework_keys(instance.slug), ContentRevision.DIRECTORY])


def mark_everything_changed_after_migrate(sender, *, plan=None, apps=None, using=None, **kwargs):
    """post_migrate receiver: a migration may have changed any content, so every page goes.

    Only when migrations were applied: a `migrate` with nothing to do keeps the cache warm.
    Written with the migrated state's model, which is the table as it now is.
    """
    if not plan:
        return
    try:
        revisions = apps.get_model("frameworks", "ContentRevision")
    except LookupError:  # Migrated backwards past the model.
        return
    if not any(field.name == "key" for field in revisions._meta.fields):
        return  # Migrated back before revisions had parts: pages are not keyed by them.
    now = timezone.now()
    token = uuid.uuid4().hex
    updated = (
        revisions.objects.using(using)
        .filter(key=ContentRevision.SHARED)
        .update(token=token, changed_at=now)
    )
    if not updated:
        revisions.objects.using(using).create(
            key=ContentRevision.SHARED, token=token, changed_at=now
        )


def connect_content_signals(app_config):
    missing = [model._meta.label for model in CONTENT_MODELS if model not in REVISION_SCOPES]
    if missing:
        raise ImproperlyConfigured(
            f"Content models without a revision scope in frameworks.signals: {missing}"
        )
    for model in CONTENT_MODELS:
        uid = f"content-changed-{model._meta.label_lower}"
        if model is Framework:
            pre_save.connect(remember_directory_entry, sender=model, dispatch_uid=f"{uid}-pre")
            post_save.connect(mark_framework_changed, sender=model, dispatch_uid=f"{uid}-save")
            pre_delete.connect(
                remember_framework_deleted, sender=model, dispatch_uid=f"{uid}-pre-delete"
            )
            post_delete.connect(mark_framework_deleted, sender=model, dispatch_uid=f"{uid}-delete")
            continue
        if REVISION_SCOPES[model] != SHARED:
            pre_save.connect(remember_framework, sender=model, dispatch_uid=f"{uid}-pre")
        post_save.connect(mark_changed, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(mark_changed, sender=model, dispatch_uid=f"{uid}-delete")
    post_migrate.connect(
        mark_everything_changed_after_migrate,
        sender=app_config,
        dispatch_uid="content-changed-after-migrate",
    )


def create_editors_group_after_migrate(sender, *, using=DEFAULT_DB_ALIAS, apps=None, **kwargs):
    """post_migrate receiver: `migrate` alone leaves a ready Editors group."""
    state_apps = apps or global_apps
    try:
        state_apps.get_model("frameworks", "Framework")
        state_apps.get_model("auth", "Group")
    except LookupError:  # Migrated backwards past the models: nothing to grant yet.
        return
    create_editors_group(using=using)
