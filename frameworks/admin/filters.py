"""Changelist filters that show editors what needs their attention."""

from django.contrib import admin
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce

from frameworks.models import (
    Feature,
    FeatureValue,
    check_cutoff,
    metric_cutoff,
    review_cutoff,
)


def value_count():
    """A framework's number of feature values, as a subquery: no join to multiply rows."""
    counts = (
        FeatureValue.objects.filter(framework=OuterRef("pk"))
        .order_by()
        .values("framework")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(counts), 0)


class ReviewStatusFilter(admin.SimpleListFilter):
    title = "review status"
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [
            ("current", "Reviewed in the last 180 days"),
            ("due", "Review due (over 180 days ago)"),
            ("never", "Never reviewed"),
        ]

    def queryset(self, request, queryset):
        cutoff = review_cutoff()
        match self.value():
            case "current":
                return queryset.filter(reviewed_at__gte=cutoff)
            case "due":
                return queryset.filter(reviewed_at__lt=cutoff)
            case "never":
                return queryset.filter(reviewed_at__isnull=True)
        return queryset


class VerificationFilter(admin.SimpleListFilter):
    title = "verification"
    parameter_name = "verification"

    def lookups(self, request, model_admin):
        return [
            ("current", "Verified in the last year"),
            ("due", "Verified over a year ago"),
            ("never", "Never verified"),
        ]

    def queryset(self, request, queryset):
        cutoff = check_cutoff()
        match self.value():
            case "current":
                return queryset.filter(verified_on__gte=cutoff)
            case "due":
                return queryset.filter(verified_on__lt=cutoff)
            case "never":
                return queryset.filter(verified_on__isnull=True)
        return queryset


class MetricAgeFilter(admin.SimpleListFilter):
    title = "age"
    parameter_name = "age"

    def lookups(self, request, model_admin):
        return [("current", "From the last year"), ("old", "Older than a year")]

    def queryset(self, request, queryset):
        cutoff = metric_cutoff()
        match self.value():
            case "current":
                return queryset.filter(as_of__gte=cutoff)
            case "old":
                return queryset.filter(as_of__lt=cutoff)
        return queryset


class CompletenessFilter(admin.SimpleListFilter):
    title = "feature values"
    parameter_name = "values"

    def lookups(self, request, model_admin):
        return [("missing", "Some missing"), ("complete", "A value for every feature")]

    def queryset(self, request, queryset):
        if self.value() not in ("missing", "complete"):
            return queryset
        feature_count = Feature.objects.count()
        queryset = queryset.alias(filter_value_count=value_count())
        if self.value() == "missing":
            return queryset.filter(filter_value_count__lt=feature_count)
        return queryset.filter(filter_value_count__gte=feature_count)
