"""What refresh_metrics writes: dated metric points and the release rows, one transaction each.

For each framework, every source it names is read first (no database lock is held while an
API is slow), then everything is written in one transaction: today's data point per metric
(a second refresh on the same day updates it), the “Latest release” and “Supported Python
versions” values unless an editor pinned them, and how each source's refresh went.
Nothing is deleted. Every write is a `save()`, so history records it (“refresh_metrics”) and
the content signals make cached pages stale; a refresh that changes nothing saves nothing.

A source that fails writes nothing; the others still write. Its MetricRefresh row says why,
and keeps the ETag and figures of the last answer that worked.
"""

import datetime
import logging
import re
from dataclasses import dataclass
from urllib.parse import quote

from django.db import transaction
from django.utils import dateformat, timezone

from frameworks.models import (
    Feature,
    FeatureValue,
    Framework,
    Metric,
    MetricKind,
    MetricRefresh,
    MetricSource,
    Provenance,
    RefreshStatus,
    SupportLevel,
)
from frameworks.sources import (
    SOURCES,
    ApiClient,
    Reading,
    SourceError,
    normalized_project,
    read,
)

logger = logging.getLogger(__name__)

CHANGE_REASON = "refresh_metrics"
LATEST_RELEASE = "latest-release"
RUNTIME_VERSIONS = "runtime-versions"
SKIPPED = "skipped"

PYPI_PAGE = "https://pypi.org/project/{}/"
PYPISTATS_PAGE = "https://pypistats.org/packages/{}"
GITHUB_PAGE = "https://github.com/{}"
STACKOVERFLOW_PAGE = "https://stackoverflow.com/questions/tagged/{}"

# Which metric each counting source writes, from which figure, and the public page it cites.
METRIC_OF = {
    MetricSource.PYPISTATS: (
        MetricKind.PYPI_MONTHLY_DOWNLOADS,
        "monthly_downloads",
        lambda framework: PYPISTATS_PAGE.format(normalized_project(framework.package_name)),
    ),
    MetricSource.GITHUB: (
        MetricKind.GITHUB_STARS,
        "stars",
        lambda framework: GITHUB_PAGE.format(framework.github_repo),
    ),
    MetricSource.STACKEXCHANGE: (
        MetricKind.STACKOVERFLOW_QUESTIONS,
        "questions",
        lambda framework: STACKOVERFLOW_PAGE.format(quote(framework.stackoverflow_tag, safe="")),
    ),
}

SPECIFIER = re.compile(r"(>=|~=|==|<=|<|!=|>)\s*(\d+(?:\.\d+)*)(\.\*)?")


@dataclass(frozen=True)
class Outcome:
    """One cell of the summary: how one source of one framework went."""

    framework: str
    source: MetricSource
    status: str  # a RefreshStatus, or SKIPPED when the framework names no such source
    message: str

    @property
    def failed(self):
        return self.status == RefreshStatus.FAILED


def release_text(version: str, released_on: datetime.date) -> str:
    """ "6.0 (3 Dec 2025)"."""
    return f"{version} ({dateformat.format(released_on, 'j M Y')})"


def python_versions_text(requires_python: str) -> str | None:
    """ ">=3.10" → "3.10 and later", ">=3.10,<3.14" → "3.10–3.13"; None when unreadable.

    Exclusions (`!=3.11.0`) are left out: the row says which versions, not which patches.
    """
    lower = upper = None
    for clause in filter(None, (part.strip() for part in requires_python.split(","))):
        match = SPECIFIER.fullmatch(clause)
        if match is None:
            return None
        operator, version, _wildcard = match.groups()
        parts = [int(part) for part in version.split(".")] + [0]
        major, minor = parts[0], parts[1]
        if operator in (">=", "~="):
            lower = (major, minor)
        elif operator == ">":
            lower = (major, minor + 1) if len(version.split(".")) <= 2 else (major, minor)
        elif operator == "<=":
            upper = (major, minor)
        elif operator == "<":
            excluded_patch = len(parts) > 3 and parts[2] > 0
            upper = (major, minor) if excluded_patch else (major, minor - 1)
        elif operator == "==":
            lower = (major, minor)
            upper = None if version.isdigit() else lower
    if lower is None or (upper is not None and upper[0] == lower[0] and upper < lower):
        return None
    first = f"{lower[0]}.{lower[1]}"
    # "<4" (or "<3.0" style bounds below the floor) says nothing about the 3.x line.
    if upper is None or upper[1] < 0 or upper[0] != lower[0]:
        return f"{first} and later"
    if upper == lower:
        return f"{first} only"
    return f"{first}–{upper[0]}.{upper[1]}"


# --- Planning the writes: instances to save, nothing saved yet ------------------------------


def planned_metric(framework, kind, value, *, today, source_url):
    """Today's point for `kind`, changed or new; None when it already says `value`."""
    point = (
        Metric.objects.select_for_update()
        .filter(framework=framework, kind=kind, as_of=today)
        .first()
    )
    if point is None:
        return Metric(
            framework=framework, kind=kind, value=value, as_of=today, source_url=source_url
        )
    if point.value == value and point.source_url == source_url:
        return None
    point.value, point.source_url = value, source_url
    return point


def planned_value(framework, feature, text, *, today, source_url):
    """The value row of `feature`, or the string "pinned" when an editor pinned it."""
    value = (
        FeatureValue.objects.select_for_update()
        .filter(framework=framework, feature=feature)
        .first()
    )
    if value is None:
        value = FeatureValue(framework=framework, feature=feature)
    elif value.pinned:
        return "pinned"
    wanted = {
        "support": SupportLevel.YES,
        "text": text,
        "source_url": source_url,
        "verified_on": today,
        "provenance": Provenance.AUTOMATIC,
    }
    if value.pk is not None and all(getattr(value, k) == v for k, v in wanted.items()):
        return None
    for name, new in wanted.items():
        setattr(value, name, new)
    return value


def plan_pypi(framework, figures, *, today, features):
    """The two release rows from PyPI's figures; returns (instances, words for the summary)."""
    source_url = PYPI_PAGE.format(framework.package_name)
    release = release_text(figures["version"], datetime.date.fromisoformat(figures["released_on"]))
    versions = python_versions_text(figures["requires_python"])
    rows = [(LATEST_RELEASE, release)]
    words = [release]
    if versions is None:
        words.append(f"Python versions unreadable ({figures['requires_python'] or 'none given'})")
    else:
        # The row is every language's: its text names the runtime.
        rows.append((RUNTIME_VERSIONS, f"Python {versions}"))
        words.append(f"Python {versions}")
    instances = []
    for slug, text in rows:
        feature = features.get(slug)
        if feature is None:
            words.append(f"no “{slug}” row to write to")
            continue
        planned = planned_value(framework, feature, text, today=today, source_url=source_url)
        if planned == "pinned":
            words.append(f"“{feature.name}” pinned: kept")
        elif planned is not None:
            instances.append(planned)
    return instances, words


def plan_count(framework, source, figures, *, today):
    """Today's data point of the source's metric; returns (instances, words for the summary)."""
    kind, figure, page = METRIC_OF[source]
    value = figures[figure]
    planned = planned_metric(framework, kind, value, today=today, source_url=page(framework))
    words = [f"{value:,} {MetricKind(kind).label}"]
    if source == MetricSource.GITHUB and figures.get("pushed_at"):
        words.append(f"last push {figures['pushed_at'][:10]}")
    return ([planned] if planned is not None else []), words


def plan(framework, source, reading: Reading, *, today, features):
    if source == MetricSource.PYPI:
        return plan_pypi(framework, reading.figures, today=today, features=features)
    return plan_count(framework, source, reading.figures, today=today)


# --- Refreshing ------------------------------------------------------------------------------


def read_all(framework, client, states):
    """{source: Reading or the SourceError's message}, for every source the framework names."""
    results = {}
    for source in SOURCES:
        name = source.name_for(framework)
        if not name:
            continue
        state = states.get(source.key)
        try:
            results[source.key] = read(
                client,
                source,
                name,
                etag=state.etag if state else "",
                last_figures=state.figures if state else None,
            )
        except SourceError as error:
            logger.warning("%s · %s failed: %s", framework.slug, source.key, error)
            results[source.key] = str(error)
        except Exception as error:  # A bug reading one source fails that source alone.
            logger.exception("%s · %s failed unexpectedly", framework.slug, source.key)
            results[source.key] = f"unexpected error: {type(error).__name__}: {error}"
    return results


def sources_named(framework):
    """The sources this framework names: the ones its refresh can fail."""
    return [source.key for source in SOURCES if source.name_for(framework)]


def failed_framework(framework, reason):
    """Every source the framework names failed for `reason` (none of its writes were kept)."""
    return [
        Outcome(framework.slug, source, RefreshStatus.FAILED, reason)
        for source in sources_named(framework)
    ]


def refresh_framework(
    *, framework: Framework, client: ApiClient, today: datetime.date, dry_run: bool = False
) -> list[Outcome]:
    """Read every source the framework names, then write what they say in one transaction.

    The rows to change are read inside the transaction, locked, so an editor who pins a
    value while the APIs answer is never overwritten by a copy read before the pin.
    """
    states = {state.source: state for state in framework.metric_refreshes.all()}
    results = read_all(framework, client, states)
    with transaction.atomic():
        outcomes, writes = plan_all(framework, results, states, today=today)
        if not dry_run:
            save(framework, outcomes, writes, results, states)
    return outcomes


def plan_all(framework, results, states, *, today):
    """(an Outcome per source, the instances to save), from what the sources said."""
    features = {
        feature.slug: feature
        for feature in Feature.objects.filter(slug__in=[LATEST_RELEASE, RUNTIME_VERSIONS])
    }
    outcomes, writes = [], []
    for source in SOURCES:
        result = results.get(source.key)
        if result is None:
            outcomes.append(
                Outcome(framework.slug, source.key, SKIPPED, source.not_named_because(framework))
            )
            continue
        if isinstance(result, str):
            outcomes.append(Outcome(framework.slug, source.key, RefreshStatus.FAILED, result))
            continue
        try:
            instances, words = plan(framework, source.key, result, today=today, features=features)
        except (KeyError, TypeError, ValueError) as error:
            # Only figures stored by an older version, reused on a 304, can get here.
            message = f"stored figures unreadable ({error!r})"
            outcomes.append(Outcome(framework.slug, source.key, RefreshStatus.FAILED, message))
            continue
        state = states.get(source.key)
        same = result.not_modified or (state is not None and state.figures == result.figures)
        status = RefreshStatus.UNCHANGED if same else RefreshStatus.UPDATED
        outcomes.append(Outcome(framework.slug, source.key, status, "; ".join(words)))
        writes.extend(instances)
    return outcomes, writes


def save(framework, outcomes, writes, results, states):
    for instance in writes:
        instance._change_reason = CHANGE_REASON
        instance.save()
    now = timezone.now()
    for outcome in outcomes:
        if outcome.status == SKIPPED:
            continue
        state = states.get(outcome.source) or MetricRefresh(
            framework=framework, source=outcome.source
        )
        state.status, state.message, state.refreshed_at = outcome.status, outcome.message, now
        if not outcome.failed:
            reading = results[outcome.source]
            state.succeeded_at, state.etag, state.figures = now, reading.etag, reading.figures
        state.message = state.message[:500]
        state.save()
