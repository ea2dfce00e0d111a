"""Inlines: a framework's change page edits everything about it, a comparison's its parts."""

from django import forms
from django.contrib import admin
from django.db import models

from frameworks.forms import DateInput, FeatureValueInlineForm, assume_https
from frameworks.models import (
    Adoption,
    ComparisonEntry,
    Con,
    FaqEntry,
    Feature,
    FeatureValue,
    KeyFeature,
    Metric,
    Pro,
    UseCase,
)

COMPACT_WIDGETS = {
    models.TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 40})},
    models.DateField: {"widget": DateInput},
}
# In table rows, a URL is a plain input: admin's "Currently: … Change:" widget is too wide.
INLINE_WIDGETS = {
    **COMPACT_WIDGETS,
    models.URLField: {"widget": forms.URLInput(attrs={"size": 28})},
}


def missing_features(request, framework):
    """Features the framework has no value for (all of them for a new framework).

    Remembered on the request: the inline's extra count and its initial rows must agree.
    """
    memo = request.__dict__.setdefault("_frameworks_missing_features", {})
    key = framework.pk if framework is not None else None
    if key not in memo:
        features = Feature.objects.select_related("category")
        if framework is not None:
            features = features.exclude(values__framework=framework)
        memo[key] = list(features)
    return memo[key]


def grouped_feature_choices():
    """Feature choices grouped by category, read once for every row of the inline."""
    groups = {}
    for feature in Feature.objects.select_related("category"):
        groups.setdefault(feature.category.name, []).append((feature.pk, feature.name))
    return [("", "---------"), *groups.items()]


def rating_guide_of(value):
    """The rating guide of a value's feature, for the editor choosing its support."""
    if value is None or value.feature_id is None:  # a row not saved yet: see the Features page
        return "—"
    return value.feature.rating_guide or "This feature has no rating guide yet."


class HttpsUrlsMixin:
    """URLs typed without a scheme are taken as https:// (`forms.assume_https`)."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        return super().formfield_for_dbfield(db_field, request, **assume_https(db_field, kwargs))


class ContentInline(HttpsUrlsMixin, admin.TabularInline):
    """A tabular inline whose rows' titles (their __str__) cost no query per row."""

    formfield_overrides = INLINE_WIDGETS
    related_for_titles = ()

    def get_queryset(self, request):
        return super().get_queryset(request).select_related(*self.related_for_titles)


class OrderedInline(ContentInline):
    """Pros, cons, use cases…: rows in the model's `order`, and one empty row for the next."""

    extra = 1


class FeatureValueInline(ContentInline):
    """Every feature's value. Features without a value come as pre-filled empty rows."""

    model = FeatureValue
    form = FeatureValueInlineForm
    # One line per feature, grouped by category; the rest of a value opens under its line.
    template = "admin/frameworks/framework/feature_values_inline.html"
    fields = [
        "feature",
        "support",
        "text",
        "note",
        "source_url",
        "verified_on",
        "provenance",
        "pinned",
        "editor_note",
        "change_reason",
    ]
    related_for_titles = ("framework", "feature")

    class Media:
        js = ["js/feature-values.js"]

    def get_extra(self, request, obj=None, **kwargs):
        return len(missing_features(request, obj))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "feature":
            # Static choices: every row's select reuses them instead of querying again.
            field.choices = grouped_feature_choices()
        return field

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "feature":
            # A plain select: add/change/view icons on every row would only be noise.
            field.widget = field.widget.widget
        elif db_field.name == "text":
            # A value is read whole: the box grows with its text (admin.css).
            field.widget = forms.Textarea(attrs={"rows": 1, "maxlength": db_field.max_length})
        elif isinstance(db_field, models.TextField):
            field.widget = forms.Textarea(attrs={"rows": 3})
        elif isinstance(db_field, models.URLField):
            field.widget = forms.URLInput()
        return field


class KeyFeatureInline(OrderedInline):
    model = KeyFeature
    fields = ["order", "title", "text"]


class ProInline(OrderedInline):
    model = Pro
    fields = ["order", "text"]


class ConInline(OrderedInline):
    model = Con
    fields = ["order", "text"]


class UseCaseInline(OrderedInline):
    model = UseCase
    fields = ["order", "text"]
    verbose_name = "use case (“use it when you need to …”)"
    verbose_name_plural = "use cases (“use it when you need to …”)"


class AdoptionInline(OrderedInline):
    model = Adoption
    fields = ["order", "company", "source_url", "as_of"]
    autocomplete_fields = ["company"]
    related_for_titles = ("framework", "company")


class MetricInline(ContentInline):
    model = Metric
    fields = ["kind", "value", "approximation", "as_of", "source_url", "note"]
    extra = 1
    related_for_titles = ("framework",)


class ComparisonEntryInline(OrderedInline):
    model = ComparisonEntry
    fields = ["order", "framework"]
    autocomplete_fields = ["framework"]
    extra = 2
    related_for_titles = ("framework", "comparison")


class FaqEntryInline(OrderedInline):
    model = FaqEntry
    fields = ["order", "question", "answer"]
