"""A ModelAdmin for every content model, each with history and revert (django-simple-history)."""

from django.contrib import admin
from django.db.models import Count, IntegerField, Value
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from frameworks.admin import actions, history, inlines
from frameworks.admin.filters import (
    CompletenessFilter,
    MetricAgeFilter,
    ReviewStatusFilter,
    VerificationFilter,
    value_count,
)
from frameworks.forms import ComparisonAdminForm, FeatureValueForm
from frameworks.models import (
    Adoption,
    Claim,
    Company,
    Comparison,
    ComparisonEntry,
    Con,
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


class ContentAdmin(inlines.HttpsUrlsMixin, SimpleHistoryAdmin):
    """What every content admin shares: save on top, history without inline styles."""

    save_on_top = True
    list_per_page = 50
    object_history_list_template = "admin/frameworks/object_history_list.html"
    formfield_overrides = inlines.COMPACT_WIDGETS


class FrameworkChildAdmin(ContentAdmin):
    """Rows that belong to one framework: shown on, and previewed from, its page."""

    autocomplete_fields = ["framework"]
    list_select_related = ["framework"]
    list_filter = ["framework"]

    def view_on_site(self, obj):
        return obj.framework.get_absolute_url()


@admin.register(Framework)
class FrameworkAdmin(ContentAdmin):
    list_display = [
        "name",
        "slug",
        "language",
        "is_published",
        "published_at",
        "updated_at",
        "missing_values",
        "reviewed_at",
        "reviewed_by",
        "preview_link",
    ]
    list_filter = ["is_published", ReviewStatusFilter, CompletenessFilter, "language"]
    search_fields = ["name", "slug", "tagline", "summary", "package_name", "github_repo"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["published_at", "created_at", "updated_at", "reviewed_by", "reviewed_at"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "tagline", "summary", "language"]}),
        (
            "Facts",
            {
                "fields": [
                    "first_release_year",
                    "original_authors",
                    "license",
                    "website_url",
                    "repository_url",
                    "source_url",
                ]
            },
        ),
        (
            "Where it lives (read by refresh_metrics)",
            {"fields": ["package_registry", "package_name", "github_repo", "stackoverflow_tag"]},
        ),
        (
            "Publishing and review",
            {
                "fields": [
                    "is_published",
                    "published_at",
                    "reviewed_by",
                    "reviewed_at",
                    "created_at",
                    "updated_at",
                ],
                "description": "New frameworks are drafts: staff can preview them with "
                "“View on site”; readers see them once published.",
            },
        ),
    ]
    inlines = [
        inlines.FeatureValueInline,
        inlines.KeyFeatureInline,
        inlines.ProInline,
        inlines.ConInline,
        inlines.UseCaseInline,
        inlines.AdoptionInline,
        inlines.MetricInline,
    ]
    actions = [
        actions.publish,
        actions.unpublish,
        actions.mark_reviewed,
        actions.open_in_matrix_editor,
    ]
    object_history_template = "admin/frameworks/framework/object_history.html"

    def get_queryset(self, request):
        feature_count = Feature.objects.count()
        return (
            super()
            .get_queryset(request)
            .annotate(
                missing_value_count=Cast(
                    Value(feature_count) - value_count(), output_field=IntegerField()
                )
            )
        )

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if isinstance(inline, inlines.FeatureValueInline):
            # One empty row per feature without a value, so every feature is there to fill.
            kwargs["initial"] = [
                {"feature": feature.pk} for feature in inlines.missing_features(request, obj)
            ]
        return kwargs

    def view_on_site(self, obj):
        # The public page itself (drafts included, for staff), not admin's redirect.
        return obj.get_absolute_url()

    def history_view(self, request, object_id, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "related_changes": history.related_changes(object_id),
        }
        return super().history_view(request, object_id, extra_context=extra_context)

    @admin.display(description="missing values", ordering="missing_value_count")
    def missing_values(self, obj):
        return obj.missing_value_count

    @admin.display(description="page")
    def preview_link(self, obj):
        label = "View" if obj.is_published else "Preview draft"
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), label)


@admin.register(FeatureCategory)
class FeatureCategoryAdmin(ContentAdmin):
    list_display = ["name", "slug", "order", "feature_count"]
    list_editable = ["order"]
    search_fields = ["name", "slug", "description"]
    prepopulated_fields = {"slug": ["name"]}
    view_on_site = False

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(feature_total=Count("features"))

    @admin.display(description="features", ordering="feature_total")
    def feature_count(self, obj):
        return obj.feature_total


@admin.register(Feature)
class FeatureAdmin(ContentAdmin):
    list_display = ["name", "category", "kind", "order", "weight", "slug"]
    list_editable = ["order", "weight"]
    list_filter = ["category", "kind"]
    list_select_related = ["category"]
    search_fields = ["name", "slug", "description", "rating_guide"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["category"]
    view_on_site = False


@admin.register(FeatureValue)
class FeatureValueAdmin(FrameworkChildAdmin):
    form = FeatureValueForm
    list_display = ["framework", "feature", "support", "text", "verified_on", "category"]
    list_filter = ["support", VerificationFilter, "provenance", "feature__category", "framework"]
    list_select_related = ["framework", "feature__category"]
    search_fields = ["framework__name", "feature__name", "text", "note", "editor_note"]
    autocomplete_fields = ["framework", "feature"]
    fields = [
        "framework",
        "feature",
        "support",
        "rating_guide",
        "text",
        "note",
        "source_url",
        "verified_on",
        "provenance",
        "pinned",
        "editor_note",
        "change_reason",
    ]
    readonly_fields = ["rating_guide"]

    @admin.display(description="category", ordering="feature__category__order")
    def category(self, obj):
        return obj.feature.category

    @admin.display(description="how to rate it")
    def rating_guide(self, obj):
        return inlines.rating_guide_of(obj)


@admin.register(Claim)
class ClaimAdmin(ContentAdmin):
    """What an article said about a cell, and whether the site confirms or corrects it."""

    list_display = ["value", "text", "status", "source_title", "stated_on", "reviewed_on"]
    list_filter = ["status", "source_title", "value__framework"]
    list_select_related = ["value__framework", "value__feature"]
    search_fields = ["text", "quote", "correction", "value__framework__name"]
    autocomplete_fields = ["value"]
    fields = [
        "value",
        "source_title",
        "source_url",
        "stated_on",
        "support",
        "text",
        "quote",
        "status",
        "correction",
        "reviewed_on",
    ]

    def view_on_site(self, obj):
        return obj.value.framework.get_absolute_url()


@admin.register(KeyFeature)
class KeyFeatureAdmin(FrameworkChildAdmin):
    list_display = ["title", "framework", "order"]
    search_fields = ["title", "text", "framework__name"]
    fields = ["framework", "order", "title", "text", "claim"]
    autocomplete_fields = ["claim"]


@admin.register(Pro)
class ProAdmin(FrameworkChildAdmin):
    list_display = ["text", "framework", "order"]
    search_fields = ["text", "framework__name"]
    fields = ["framework", "order", "text", "claim"]
    autocomplete_fields = ["claim"]


@admin.register(Con)
class ConAdmin(FrameworkChildAdmin):
    list_display = ["text", "framework", "order"]
    search_fields = ["text", "framework__name"]
    fields = ["framework", "order", "text", "claim"]
    autocomplete_fields = ["claim"]


@admin.register(UseCase)
class UseCaseAdmin(FrameworkChildAdmin):
    list_display = ["text", "framework", "order"]
    search_fields = ["text", "framework__name"]
    fields = ["framework", "order", "text", "claim"]
    autocomplete_fields = ["claim"]


@admin.register(Company)
class CompanyAdmin(ContentAdmin):
    list_display = ["name", "slug", "website_url", "framework_list"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    view_on_site = False

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("adoptions__framework")

    @admin.display(description="uses")
    def framework_list(self, obj):
        return ", ".join(adoption.framework.name for adoption in obj.adoptions.all())


@admin.register(Adoption)
class AdoptionAdmin(FrameworkChildAdmin):
    list_display = ["company", "framework", "order", "as_of", "source_url"]
    list_select_related = ["company", "framework"]
    search_fields = ["company__name", "framework__name"]
    autocomplete_fields = ["framework", "company"]
    fields = ["framework", "company", "order", "source_url", "as_of"]


@admin.register(Metric)
class MetricAdmin(FrameworkChildAdmin):
    list_display = ["framework", "kind", "value", "approximation", "as_of"]
    list_filter = ["kind", MetricAgeFilter, "framework"]
    search_fields = ["framework__name", "note", "source_url"]
    date_hierarchy = "as_of"
    fields = ["framework", "kind", "value", "approximation", "as_of", "source_url", "note"]


@admin.register(Comparison)
class ComparisonAdmin(ContentAdmin):
    form = ComparisonAdminForm
    list_display = [
        "title",
        "framework_list",
        "is_published",
        "is_featured",
        "published_on",
        "updated_on",
        "reviewed_at",
        "reviewed_by",
        "matrix_link",
    ]
    list_filter = ["is_published", "is_featured", ReviewStatusFilter]
    search_fields = ["title", "slug", "intro", "verdict", "author"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["published_on", "reviewed_by", "reviewed_at", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "intro", "verdict", "pinned_features"]}),
        ("Credits", {"fields": ["author", "fact_checker", "source_url"]}),
        (
            "Publishing and review",
            {
                "fields": [
                    "is_published",
                    "is_featured",
                    "published_on",
                    "updated_on",
                    "reviewed_by",
                    "reviewed_at",
                    "created_at",
                    "updated_at",
                ],
                "description": "New comparisons are drafts: staff can preview them with "
                "“View on site” once two frameworks are chosen.",
            },
        ),
    ]
    filter_horizontal = ["pinned_features"]
    inlines = [inlines.ComparisonEntryInline, inlines.FaqEntryInline]
    actions = [actions.publish, actions.unpublish, actions.mark_reviewed]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("entries__framework")

    def view_on_site(self, obj):
        return obj.get_absolute_url()

    @admin.display(description="frameworks")
    def framework_list(self, obj):
        return ", ".join(entry.framework.name for entry in obj.entries.all())

    @admin.display(description="values")
    def matrix_link(self, obj):
        url = reverse("admin:matrix_editor")
        return format_html('<a href="{}?comparison={}">Edit in matrix</a>', url, obj.pk)


@admin.register(ComparisonEntry)
class ComparisonEntryAdmin(ContentAdmin):
    list_display = ["comparison", "framework", "order"]
    list_filter = ["comparison"]
    list_select_related = ["comparison", "framework"]
    search_fields = ["comparison__title", "framework__name"]
    autocomplete_fields = ["comparison", "framework"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("comparison__entries__framework")

    def view_on_site(self, obj):
        return obj.comparison.get_absolute_url()


@admin.register(FaqEntry)
class FaqEntryAdmin(ContentAdmin):
    list_display = ["question", "comparison", "order"]
    list_filter = ["comparison"]
    list_select_related = ["comparison"]
    search_fields = ["question", "answer", "comparison__title"]
    autocomplete_fields = ["comparison"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("comparison__entries__framework")

    def view_on_site(self, obj):
        return obj.comparison.get_absolute_url()
