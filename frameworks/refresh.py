"""What refresh_metrics writes: dated metric points and the release rows, one transaction each.

For each framework, every source it names is read first (no database lock is held while an
API is slow), then everything is written in one transaction: today's data point per metric
(a second refresh on the same day updates it), the “Latest release” and “Runtime versions”
values unless an editor pinned them, and how each source's refresh went.
Nothing is deleted. Every write is a `save()`, so history records it (“refresh_metrics”) and
the content signals make cached pages stale; a refresh that changes nothing saves nothing.

What a source's figures become is read from their names, whichever the source: a count
named in COUNTS is a data point of that metric; `version` (with `released_on`) is the
“Latest release” row; a runtime requirement named in RUNTIMES is the “Runtime versions” row.
Each is cited with the source's public page (the registry's page of the package).

A source that fails writes nothing; the others still write. Its MetricRefresh row says why,
and keeps the ETag and figures of the last answer that worked.
"""

import datetime
import logging
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

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
from frameworks.registries import no_downloads_text
from frameworks.runtimes import RUNTIMES, release_text
from frameworks.sources import (
    SOURCES,
    ApiClient,
    Reading,
    Source,
    SourceError,
    read,
)

logger = logging.getLogger(__name__)

CHANGE_REASON = "refresh_metrics"
LATEST_RELEASE = "latest-release"
RUNTIME_VERSIONS = "runtime-versions"
SKIPPED = "skipped"

# Which metric a counted figure is, whichever source counted it.
COUNTS = {
    "stars": MetricKind.GITHUB_STARS,
    "questions": MetricKind.STACKOVERFLOW_QUESTIONS,
    "monthly_downloads": MetricKind.MONTHLY_DOWNLOADS,
    "total_downloads": MetricKind.TOTAL_DOWNLOADS,
    "downloads_last_90_days": MetricKind.DOWNLOADS_LAST_90_DAYS,
}
SOURCES_BY_KEY = {source.key: source for source in SOURCES}


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


def count_words(kind, value):
    """ "70,500 GitHub stars", "120,000,000 downloads per month"."""
    label = MetricKind(kind).label
    return f"{value:,} {label.lower() if kind in DOWNLOAD_WORDS_LOWER else label}"


DOWNLOAD_WORDS_LOWER = frozenset(COUNTS.values()) - {
    MetricKind.GITHUB_STARS,
    MetricKind.STACKOVERFLOW_QUESTIONS,
}


def release_rows(figures):
    """[(row slug, text)] from a release's figures, and words for the summary."""
    released_on = figures.get("released_on")
    day = datetime.date.fromisoformat(released_on) if released_on else None
    release = release_text(figures["version"], day)
    rows, words = [(LATEST_RELEASE, release)], [release]
    for figure, (runtime, reader) in RUNTIMES.items():
        if figure not in figures:
            continue
        versions = reader(figures[figure])
        if versions is None:
            words.append(f"{runtime} versions unreadable ({figures[figure] or 'none given'})")
        else:
            # The row is every language's: its text names the runtime.
            rows.append((RUNTIME_VERSIONS, f"{runtime} {versions}"))
            words.append(f"{runtime} {versions}")
    return rows, words


def plan_release(framework, figures, *, today, features, source_url):
    """The release rows, never over a pinned value; returns (instances, words)."""
    rows, words = release_rows(figures)
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


def plan(framework, source_key, reading: Reading, *, today, features):
    """What one source's figures write, and words for the summary: (instances, words)."""
    source: Source = SOURCES_BY_KEY[source_key]
    figures = reading.figures
    source_url = source.page(source.name_for(framework))
    instances, words = [], []
    if "version" in source.figures:
        instances, words = plan_release(
            framework, figures, today=today, features=features, source_url=source_url
        )
    for figure, kind in COUNTS.items():
        if figure not in source.figures:
            continue
        value = figures[figure]
        planned = planned_metric(framework, kind, value, today=today, source_url=source_url)
        instances.extend([planned] if planned is not None else [])
        words.append(count_words(kind, value))
    if figures.get("pushed_at"):
        words.append(f"last push {figures['pushed_at'][:10]}")
    if source.registry and (missing := no_downloads_text(source.registry)):
        words.append(missing)
    return instances, words


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
