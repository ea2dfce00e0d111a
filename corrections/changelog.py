"""The public change log: what changed in a page's facts, when, why, and on whose report.

Built from the history django-simple-history records of every feature value. A record is a
snapshot, so the value *before* a change is the previous snapshot of the same value; it is
read in the same query with a window function (`LAG … OVER (PARTITION BY the value)`), and
records that change nothing a reader sees (an editors' working note, a re-check date, a save
that changed nothing) are left out in SQL too. So a page of the log costs the same few
queries whether the history holds ten records or ten thousand, and pagination counts exactly
what is shown.

What a reader sees of a value, and so what counts as a change: its support level, its text,
its public note and its source. Editors appear only under the byline they chose
(`EditorProfile`), or as "the editors"; never by username or e-mail. Editors' working notes
are never read here at all.
"""

from dataclasses import dataclass
from datetime import date, datetime
from functools import reduce
from operator import or_

from django.db.models import BooleanField, Case, F, Q, Value, When, Window
from django.db.models.functions import Lag

from corrections.models import ANONYMOUS_BYLINE, EditorProfile, ReaderReport, ReportStatus
from frameworks.cells import BADGES, Badge
from frameworks.charts import human_date
from frameworks.models import (
    PUBLIC_VALUE_FIELDS,
    Claim,
    ClaimStatus,
    FeatureKind,
    FeatureValue,
    SupportLevel,
)
from frameworks.services import HISTORY_BASELINE_REASON

HistoricalFeatureValue = FeatureValue.history.model

PUBLIC_FIELDS = PUBLIC_VALUE_FIELDS  # what a reader sees of a value: a change to any is logged
ADDED, CHANGED, REMOVED = "+", "~", "-"
ENTRIES_PER_PAGE = 50


@dataclass(frozen=True)
class ValueState:
    """A value as the log prints it: the badge (capabilities only) and the text."""

    badge: Badge | None
    text: str


@dataclass(frozen=True)
class Change:
    id: int
    changed_at: datetime
    changed_iso: str
    changed_label: str
    framework_name: str
    framework_slug: str
    feature_name: str
    feature_slug: str
    kind: str  # "added", "changed" or "removed"
    before: ValueState | None  # None: added, or changed from a state recorded before the log
    after: ValueState | None  # None: removed
    also_changed: tuple[str, ...]  # "note", "source", beside the value itself
    note: str
    source_url: str
    reason: str
    byline: str
    reader_report_on: date | None

    @property
    def summary(self):
        """One line for a feed title: "Django · Forms: ◐ Partial → ✓ Yes"."""
        return (
            f"{self.framework_name} · {self.feature_name}: "
            f"{_state_words(self.before) if self.before else '—'} → "
            f"{_state_words(self.after) if self.after else 'removed'}"
        )


def _state_words(state):
    badge = f"{state.badge.icon} {state.badge.label}" if state.badge else ""
    return " ".join(part for part in (badge, state.text) if part) or "—"


def _previous(field):
    return Window(
        Lag(field),
        partition_by=[F("id")],
        order_by=[F("history_date").asc(), F("history_id").asc()],
    )


def public_changes(*, framework_slugs):
    """The recorded changes readers can see in these frameworks' values, newest first.

    A lazy queryset of dicts; slicing it reads only that slice (the window runs over the
    frameworks' whole history inside, so each row knows the value it replaced).
    """
    before = {f"before_{name}": _previous(name) for name in PUBLIC_FIELDS}
    changed = reduce(or_, (~Q(**{name: F(f"before_{name}")}) for name in PUBLIC_FIELDS))
    # One CASE rather than OR-ed filters: Django cannot count (paginate) a query filtered
    # on window functions joined by OR, but it can filter on one expression that holds them.
    visible = Case(
        # A baseline is the value as loaded, the "from" of its first edit: not a change.
        When(Q(history_change_reason=HISTORY_BASELINE_REASON), then=Value(False)),
        When(Q(history_type__in=(ADDED, REMOVED)), then=Value(True)),
        When(Q(before_support__isnull=True), then=Value(True)),
        When(changed, then=Value(True)),
        default=Value(False),
        output_field=BooleanField(),
    )
    return (
        HistoricalFeatureValue.objects.filter(framework__slug__in=list(framework_slugs))
        .annotate(**before)
        .annotate(visible=visible)
        .filter(visible=True)
        .order_by("-history_date", "-history_id")
        .values(
            "history_id",
            "history_date",
            "history_type",
            "history_change_reason",
            "history_user_id",
            *PUBLIC_FIELDS,
            *before,
            "framework__name",
            "framework__slug",
            "feature__name",
            "feature__slug",
            "feature__kind",
        )
    )


def latest_change_date(*, framework_slugs):
    """When the newest change readers can see was made, or None: one query."""
    changes = public_changes(framework_slugs=framework_slugs)
    return changes.values_list("history_date", flat=True).first()


def build_changes(rows):
    """The log's entries from a slice of `public_changes()`: two more queries, at most."""
    rows = list(rows)
    bylines = _bylines({row["history_user_id"] for row in rows} - {None})
    reports = _reports([row["history_id"] for row in rows])
    return tuple(
        _change(
            row,
            byline=bylines.get(row["history_user_id"], ""),
            report=reports.get(row["history_id"]),
        )
        for row in rows
    )


def _bylines(user_ids):
    if not user_ids:
        return {}
    return dict(EditorProfile.objects.filter(user_id__in=user_ids).values_list("user_id", "byline"))


def _reports(history_ids):
    """{history id: when the reader's report behind that change came in}."""
    if not history_ids:
        return {}
    received = (
        ReaderReport.objects.filter(
            resulting_change_id__in=history_ids, status=ReportStatus.ACCEPTED
        )
        .order_by("received_at")
        .values_list("resulting_change_id", "received_at")
    )
    reports = {}
    for history_id, received_at in received:
        reports.setdefault(history_id, received_at.date())
    return reports


def _change(row, *, byline, report):
    capability = row["feature__kind"] != FeatureKind.DESCRIPTION
    current = _state(row["support"], row["text"], capability=capability)
    kind = {ADDED: "added", REMOVED: "removed"}.get(row["history_type"], "changed")
    if kind == "removed":
        before, after = current, None
    elif kind == "added" or row["before_support"] is None:
        before, after = None, current
    else:
        before, after = (
            _state(row["before_support"], row["before_text"], capability=capability),
            current,
        )
    also = ()
    if kind == "changed" and row["before_support"] is not None:
        also = tuple(
            label
            for name, label in (("note", "note"), ("source_url", "source"))
            if row[name] != row[f"before_{name}"]
        )
    changed_at = row["history_date"]
    return Change(
        id=row["history_id"],
        changed_at=changed_at,
        changed_iso=changed_at.isoformat(),
        changed_label=human_date(changed_at.date()),
        framework_name=row["framework__name"] or "A framework no longer listed",
        framework_slug=row["framework__slug"] or "",
        feature_name=row["feature__name"] or "A feature no longer listed",
        feature_slug=row["feature__slug"] or "",
        kind=kind,
        before=before,
        after=after,
        also_changed=also,
        note=row["note"] if kind != "removed" else "",
        source_url=row["source_url"] if kind != "removed" else "",
        reason=row["history_change_reason"] or "",
        byline=byline or ANONYMOUS_BYLINE,
        reader_report_on=report,
    )


def _state(support, text, *, capability):
    if not capability:
        # A description row is its text alone; without one, its value is not known.
        return ValueState(None, text or BADGES[SupportLevel.UNKNOWN].label)
    badge = BADGES.get(support, BADGES[SupportLevel.UNKNOWN])
    # "Yes" beside a "✓ Yes" badge says nothing new.
    shown = "" if text.strip().casefold() == badge.label.casefold() else text
    return ValueState(badge, shown)


@dataclass(frozen=True)
class ArticleCorrection:
    """A claim of a published article that the site corrected: part of the page's record."""

    framework_name: str
    feature_name: str
    feature_slug: str
    source_title: str
    stated_on: date
    said: str
    correction: str
    corrected_on: date | None
    corrected_label: str


def article_corrections(*, framework_slugs):
    """The corrected claims about these frameworks' values, newest correction first: one
    query."""
    claims = (
        Claim.objects.filter(
            value__framework__slug__in=list(framework_slugs),
            status__in=(ClaimStatus.CORRECTED, ClaimStatus.OUTDATED),
        )
        .select_related("value__framework", "value__feature")
        .order_by("-reviewed_on", "value__framework__name", "value__feature__name")
    )
    return tuple(
        ArticleCorrection(
            framework_name=claim.value.framework.name,
            feature_name=claim.value.feature.name,
            feature_slug=claim.value.feature.slug,
            source_title=claim.source_title,
            stated_on=claim.stated_on,
            said=claim.text,
            correction=claim.correction,
            corrected_on=claim.reviewed_on,
            corrected_label=human_date(claim.reviewed_on) if claim.reviewed_on else "",
        )
        for claim in claims
    )
