"""Writes that do more than one `save()`: publishing, review stamps, the matrix save, editors.

Every write goes through `Model.save()`, so the content signals replace the page-cache
revisions of what it touched and django-simple-history records each change with the editor
who made it.
"""

from collections.abc import Iterable

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.db import DEFAULT_DB_ALIAS, transaction
from django.db.models import Exists, OuterRef, Q, Subquery
from django.utils import timezone

from frameworks.models import (
    CONTENT_MODELS,
    PUBLIC_VALUE_FIELDS,
    Comparison,
    FeatureValue,
    Framework,
)

EDITORS_GROUP_NAME = "Editors"
CONTENT_ACTIONS = ("add", "change", "delete", "view")
# Beyond the content: the readers' reports queue (closing a report changes it; reports are
# never added or deleted by editors) and their own public byline for the change log.
OTHER_EDITOR_PERMISSIONS = {
    # Written by refresh_metrics; editors read it to see why a refresh failed.
    "frameworks": ("view_metricrefresh",),
    "corrections": (
        "view_readerreport",
        "change_readerreport",
        "view_editorprofile",
        "add_editorprofile",
        "change_editorprofile",
    ),
}


class MatrixInvalid(Exception):
    """Some cells of a matrix save failed validation; nothing was saved.

    `errors` maps (framework id, feature id) to the cell's ValidationError.
    """

    def __init__(self, errors):
        super().__init__(f"{len(errors)} cell(s) failed validation")
        self.errors = errors


def reviewer_name(user) -> str:
    return user.get_full_name() or user.get_username()


def _stamp_history_user(obj, user):
    # Explicit, so history names the editor even outside a request (shell, commands).
    if user is not None:
        obj._history_user = user


@transaction.atomic
def publish(*, items: Iterable[Framework | Comparison], user=None) -> int:
    """Publish frameworks or curated comparisons; a comparison's `updated_on` becomes today."""
    count = 0
    today = timezone.localdate()
    for item in items:
        item.is_published = True
        # Each model's save() dates a first publication; these fields let it be written.
        fields = ["is_published", "updated_at"]
        if isinstance(item, Framework):
            fields.append("published_at")
        else:
            item.updated_on = max(today, item.published_on or today)
            fields += ["published_on", "updated_on"]
        _stamp_history_user(item, user)
        item.save(update_fields=fields)
        count += 1
    return count


@transaction.atomic
def unpublish(*, items: Iterable[Framework | Comparison], user=None) -> int:
    """Turn items back into drafts; their published date stays as a record."""
    count = 0
    for item in items:
        item.is_published = False
        _stamp_history_user(item, user)
        item.save(update_fields=["is_published", "updated_at"])
        count += 1
    return count


@transaction.atomic
def mark_reviewed(*, items: Iterable[Framework | Comparison], user) -> int:
    """Stamp items as reviewed now by `user` (the seed article's “fact checked by”)."""
    count = 0
    now = timezone.now()
    name = reviewer_name(user)
    for item in items:
        item.reviewed_by = name
        item.reviewed_at = now
        _stamp_history_user(item, user)
        item.save(update_fields=["reviewed_by", "reviewed_at", "updated_at"])
        count += 1
    return count


@transaction.atomic
def save_matrix(*, cells: Iterable[FeatureValue], user) -> int:
    """Validate every cell, then save them all, or save none and raise `MatrixInvalid`.

    Cells are new or changed FeatureValue instances. A cell another editor created since
    the grid was loaded fails the one-value-per-cell constraint here, with the others.
    """
    cells = list(cells)
    errors = {}
    for cell in cells:
        try:
            cell.full_clean()
        except ValidationError as error:
            errors[(cell.framework_id, cell.feature_id)] = error
    if errors:
        raise MatrixInvalid(errors)
    # One order for every editor: two saving the same cells in another order cannot deadlock.
    for cell in sorted(cells, key=lambda cell: (cell.framework_id, cell.feature_id)):
        _stamp_history_user(cell, user)
        cell.save()
    return len(cells)


def editor_permissions(*, using: str = DEFAULT_DB_ALIAS):
    """Everything on content, a read-only look at its history and at metric refreshes, the
    reports queue and their own byline; nothing else."""
    wanted = Q()
    for app_label, codenames in OTHER_EDITOR_PERMISSIONS.items():
        wanted |= Q(content_type__app_label=app_label, codename__in=codenames)
    for model in CONTENT_MODELS:
        opts = model._meta
        wanted |= Q(
            content_type__app_label=opts.app_label,
            codename__in=[f"{action}_{opts.model_name}" for action in CONTENT_ACTIONS],
        )
        history_opts = model.history.model._meta
        wanted |= Q(
            content_type__app_label=history_opts.app_label,
            codename=f"view_{history_opts.model_name}",
        )
    return Permission.objects.using(using).filter(wanted)


def create_editors_group(*, using: str = DEFAULT_DB_ALIAS) -> tuple[Group, bool]:
    """Create the Editors group, or bring its permissions back to exactly the editor set.

    Idempotent. Creates the app's permissions first: on a fresh database they may not exist
    yet when this runs from a migration signal.
    """
    for app_label in {"frameworks", *OTHER_EDITOR_PERMISSIONS}:
        create_permissions(global_apps.get_app_config(app_label), verbosity=0, using=using)
    with transaction.atomic(using=using):
        group, created = Group.objects.using(using).get_or_create(name=EDITORS_GROUP_NAME)
        group.permissions.set(editor_permissions(using=using))
    return group, created


# The change reason of a value's history baseline: the value as the content was loaded. The
# public change log never lists these; they give a value's first edit its "from".
HISTORY_BASELINE_REASON = "The value as the content was loaded"


def record_history_baselines(*, using: str = DEFAULT_DB_ALIAS) -> int:
    """Give every value whose history does not end in its current public state a baseline
    record of that state (loaddata saves raw rows, which history never sees). Returns how
    many were recorded; a second load of the same content records none."""
    history = FeatureValue.history.model._default_manager.db_manager(using)
    latest = history.filter(id=OuterRef("pk")).order_by("-history_date", "-history_id")
    values = FeatureValue._default_manager.db_manager(using).annotate(
        **{f"recorded_{name}": Subquery(latest.values(name)[:1]) for name in PUBLIC_VALUE_FIELDS},
        recorded=Exists(latest),
    )
    missing = [value for value in values if not _history_ends_in(value)]
    if missing:
        FeatureValue.history.bulk_history_create(
            missing, default_change_reason=HISTORY_BASELINE_REASON, default_date=timezone.now()
        )
    return len(missing)


def _history_ends_in(value):
    """Whether the value's newest history record shows what readers see of it now."""
    return value.recorded and all(
        getattr(value, name) == getattr(value, f"recorded_{name}") for name in PUBLIC_VALUE_FIELDS
    )
