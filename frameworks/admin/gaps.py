"""The “Content gaps” page: what is missing and what is stale, in a fixed number of queries."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import F, Max, Prefetch
from django.template.response import TemplateResponse

from frameworks.admin import staleness
from frameworks.models import (
    METRICS_MAX_AGE,
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


@dataclass(frozen=True)
class MissingValues:
    framework: Framework
    features: list


@dataclass(frozen=True)
class StaleMetric:
    framework_id: int
    framework_name: str
    kind: str
    latest: object

    @property
    def kind_label(self):
        return MetricKind(self.kind).label


@dataclass(frozen=True)
class ContentGaps:
    missing: list
    missing_count: int
    frameworks_due: list
    comparisons_due: list
    values_due: list
    values_due_count: int
    metrics_old: list
    metrics_due: list


def missing_values(frameworks):
    """Framework x feature pairs without a value, grouped by framework."""
    features = list(Feature.objects.select_related("category"))
    filled = set(FeatureValue.objects.values_list("framework_id", "feature_id"))
    missing = []
    for framework in frameworks:
        absent = [feature for feature in features if (framework.pk, feature.pk) not in filled]
        if absent:
            missing.append(MissingValues(framework, absent))
    return missing


def stale_metrics():
    """Metrics whose newest figure for a framework is older than a year."""
    rows = (
        Metric.objects.values("framework_id", "kind")
        .annotate(framework_name=F("framework__name"), latest=Max("as_of"))
        .filter(latest__lt=staleness.metric_cutoff())
        .order_by("framework__name", "kind")
    )
    return [StaleMetric(**row) for row in rows]


def metrics_due():
    """Frameworks whose refreshed metrics are over 35 days old, or whose last refresh failed.

    Each comes with `failed_refreshes`: the sources whose last refresh failed, and why.
    """
    failed = MetricRefresh.objects.filter(status=RefreshStatus.FAILED).order_by("source")
    return list(
        Framework.objects.metrics_due()
        .prefetch_related(Prefetch("metric_refreshes", queryset=failed, to_attr="failed_refreshes"))
        .order_by(F("newest_metric_on").asc(nulls_first=True), "name")
    )


def content_gaps() -> ContentGaps:
    frameworks = list(Framework.objects.order_by("name"))
    cutoff = staleness.review_cutoff()
    values_due = FeatureValue.objects.filter(staleness.verification_due())
    missing = missing_values(frameworks)
    return ContentGaps(
        missing=missing,
        missing_count=sum(len(entry.features) for entry in missing),
        frameworks_due=[
            framework
            for framework in frameworks
            if framework.reviewed_at is None or framework.reviewed_at < cutoff
        ],
        comparisons_due=list(
            Comparison.objects.filter(staleness.review_due()).order_by(
                F("reviewed_at").asc(nulls_first=True), "title"
            )
        ),
        values_due=list(
            values_due.select_related("framework", "feature").order_by(
                F("verified_on").asc(nulls_first=True), "framework__name", "feature__name"
            )[:SHOWN_VALUES_LIMIT]
        ),
        values_due_count=values_due.count(),
        metrics_old=stale_metrics(),
        metrics_due=metrics_due(),
    )


def content_gaps_view(request, *, model_admin):
    if not model_admin.has_view_permission(request):
        raise PermissionDenied
    context = {
        **model_admin.admin_site.each_context(request),
        "title": "Content gaps",
        "opts": Framework._meta,
        "gaps": content_gaps(),
        "review_days": staleness.REVIEW_INTERVAL.days,
        "metrics_max_age_days": METRICS_MAX_AGE.days,
        "shown_values_limit": SHOWN_VALUES_LIMIT,
        "can_edit_matrix": request.user.has_perm("frameworks.change_featurevalue"),
    }
    return TemplateResponse(request, "admin/frameworks/content_gaps.html", context)
