"""A framework's history page also lists the changes to everything edited on its page.

django-simple-history records each model on its own; an editor who changed a pro on the
framework's page looks for that change on the framework's history, so it is gathered there,
with links to each item's own history and revert page.
"""

from dataclasses import dataclass, field
from datetime import datetime
from itertools import pairwise

from django.contrib.admin.utils import unquote
from django.urls import reverse

from frameworks.models import Adoption, Con, FeatureValue, KeyFeature, Metric, Pro, UseCase

PER_MODEL_LIMIT = 50
SHOWN_LIMIT = 100


@dataclass(frozen=True)
class ChildHistory:
    model: type
    select_related: tuple[str, ...]
    label: object  # callable(historical record) -> str


CHILD_HISTORIES = (
    ChildHistory(
        FeatureValue,
        ("feature", "history_user"),
        lambda record: (
            f"{record.feature.name}: {record.get_support_display()}"
            + (f" ({record.text})" if record.text else "")
        ),
    ),
    ChildHistory(KeyFeature, ("history_user",), lambda record: record.title),
    ChildHistory(Pro, ("history_user",), lambda record: record.text),
    ChildHistory(Con, ("history_user",), lambda record: record.text),
    ChildHistory(UseCase, ("history_user",), lambda record: record.text),
    ChildHistory(Adoption, ("company", "history_user"), lambda record: record.company.name),
    ChildHistory(
        Metric,
        ("history_user",),
        lambda record: f"{record.get_kind_display()} on {record.as_of}: {record.value}",
    ),
)


@dataclass
class Change:
    kind: str
    label: str
    date: datetime
    user: object
    type: str
    history_url: str
    revert_url: str
    fields: list = field(default_factory=list)


def _changed_fields(newer, older):
    delta = newer.diff_against(older)
    return [
        (newer.instance_type._meta.get_field(change.field).verbose_name, change.old, change.new)
        for change in delta.changes
    ]


def _changes_for(child, framework_id):
    opts = child.model._meta
    records = list(
        child.model.history.filter(framework_id=framework_id)
        .select_related(*child.select_related)
        .order_by("-history_date", "-history_id")[:PER_MODEL_LIMIT]
    )
    older_of = {}
    by_object = {}
    for record in records:
        by_object.setdefault(record.id, []).append(record)
    for versions in by_object.values():
        for newer, older in pairwise(versions):
            older_of[newer.history_id] = older
    changes = []
    for record in records:
        older = older_of.get(record.history_id)
        changes.append(
            Change(
                kind=opts.verbose_name,
                label=child.label(record),
                date=record.history_date,
                user=record.history_user,
                type=record.get_history_type_display(),
                history_url=reverse(
                    f"admin:{opts.app_label}_{opts.model_name}_history", args=[record.id]
                ),
                revert_url=reverse(
                    f"admin:{opts.app_label}_{opts.model_name}_simple_history",
                    args=[record.id, record.history_id],
                ),
                fields=_changed_fields(record, older) if older is not None else [],
            )
        )
    return changes


def related_changes(object_id):
    """The newest changes to a framework's values, lists, companies and metrics."""
    try:
        framework_id = int(unquote(object_id))
    except ValueError:
        return []
    changes = [change for child in CHILD_HISTORIES for change in _changes_for(child, framework_id)]
    changes.sort(key=lambda change: change.date, reverse=True)
    return changes[:SHOWN_LIMIT]
