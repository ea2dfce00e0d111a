"""The editors' Content gaps: what is missing and what is stale, in a fixed number of queries.

The rules of staleness are QuerySet methods of the models (`review_due()`, `check_due()`,
`outdated_series()`, `unknown()`, `metrics_due()`); this module only gathers their answers
for the page.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import F, Prefetch
from django.db.models.functions import Lower

from frameworks.models import (
    Claim,
    Comparison,
    Feature,
    FeatureValue,
    Framework,
    Metric,
    MetricKind,
    MetricRefresh,
    RefreshStatus,
)

SHOWN_VALUES_LIMIT = 200


# What templates/admin/frameworks/content_gaps.html prints (admin only, so not in pages.py).
@dataclass(frozen=True)
class MissingValues:
    framework: Framework
    features: list[Feature]


@dataclass(frozen=True)
class StaleMetric:
    framework_id: int
    framework_name: str
    kind: str
    latest: date

    @property
    def kind_label(self):
        return MetricKind(self.kind).label


@dataclass(frozen=True)
class ContentGaps:
    missing: list[MissingValues]
    missing_count: int
    frameworks_due: list
    comparisons_due: list
    values_due: list
    values_due_count: int
    unknown_values: list
    unknown_count: int
    claims_due: list
    metrics_old: list[StaleMetric]
    metrics_due: list  # Frameworks, each with newest_metric_on and failed_refreshes


def missing_values(*, frameworks: list[Framework]) -> list[MissingValues]:
    """Framework x feature pairs without a value, grouped by framework: two queries."""
    features = list(Feature.objects.select_related("category"))
    filled = set(FeatureValue.objects.values_list("framework_id", "feature_id"))
    missing = []
    for framework in frameworks:
        absent = [feature for feature in features if (framework.pk, feature.pk) not in filled]
        if absent:
            missing.append(MissingValues(framework, absent))
    return missing


def metrics_due() -> list[Framework]:
    """Frameworks whose refreshed metrics are over 35 days old, or whose last refresh failed.

    Each comes with `failed_refreshes`: the sources whose last refresh failed, and why (one
    prefetch for all of them).
    """
    failed = MetricRefresh.objects.filter(status=RefreshStatus.FAILED).order_by("source")
    return list(
        Framework.objects.metrics_due()
        .prefetch_related(Prefetch("metric_refreshes", queryset=failed, to_attr="failed_refreshes"))
        .order_by(F("newest_metric_on").asc(nulls_first=True), "name")
    )


def content_gaps() -> ContentGaps:
    # One read of the frameworks serves both the missing values and the reviews due.
    frameworks = list(Framework.objects.with_review_due().order_by(Lower("name")))
    values_due = FeatureValue.objects.check_due()
    unknown = FeatureValue.objects.unknown()
    missing = missing_values(frameworks=frameworks)
    return ContentGaps(
        missing=missing,
        missing_count=sum(len(entry.features) for entry in missing),
        frameworks_due=[framework for framework in frameworks if framework.review_is_due],
        comparisons_due=list(
            Comparison.objects.review_due().order_by(
                F("reviewed_at").asc(nulls_first=True), "title"
            )
        ),
        values_due=list(
            values_due.select_related("framework", "feature").order_by(
                F("verified_on").asc(nulls_first=True), "framework__name", "feature__name"
            )[:SHOWN_VALUES_LIMIT]
        ),
        values_due_count=values_due.count(),
        unknown_values=list(
            unknown.select_related("framework", "feature").order_by(
                "framework__name", "feature__name"
            )[:SHOWN_VALUES_LIMIT]
        ),
        unknown_count=unknown.count(),
        claims_due=list(
            Claim.objects.review_due()
            .select_related("value__framework", "value__feature")
            .order_by("value__framework__name", "value__feature__name")
        ),
        metrics_old=[StaleMetric(**row) for row in Metric.objects.outdated_series()],
        metrics_due=metrics_due(),
    )
