"""The framework page's feature values as an editor reads them (admin only).

Rows come grouped by category, in the site's order, each knowing its feature: a saved value's
own, or the feature a new row is pre-filled with. The formset keeps its own order for saving;
only the display is grouped.
"""

from dataclasses import dataclass, field
from itertools import groupby

from django import template
from django.urls import reverse

from frameworks.models import Feature

register = template.Library()

# The fields a row shows in one line; the rest open under it ("Source, notes and more").
MAIN_FIELDS = ("support", "text", "verified_on")
MORE_FIELDS = ("source_url", "note", "provenance", "pinned", "editor_note", "change_reason")


@dataclass
class ValueRow:
    inline_admin_form: object
    feature: Feature
    main_fields: list = field(default_factory=list)
    more_fields: list = field(default_factory=list)

    @property
    def form(self):
        return self.inline_admin_form.form

    @property
    def anchor(self):
        return self.form.prefix  # unique even when a refused save shows a feature twice

    @property
    def is_new(self):
        return self.form.instance.pk is None

    @property
    def has_errors(self):
        return bool(self.form.errors)

    @property
    def more_has_errors(self):
        return any(bound.errors for bound in self.more_fields) or "DELETE" in self.form.errors

    @property
    def change_url(self):
        if self.is_new:
            return ""
        return reverse("admin:frameworks_featurevalue_change", args=[self.form.instance.pk])


@dataclass
class CategoryGroup:
    category: object
    rows: list

    @property
    def anchor(self):
        return f"values-{self.category.slug}"


def _row(inline_admin_form, features):
    form = inline_admin_form.form
    feature = features.get(_as_pk(form["feature"].value()))
    if feature is None:  # Only a hand-made POST has a row without a known feature.
        return None
    return ValueRow(
        inline_admin_form,
        feature,
        main_fields=[form[name] for name in MAIN_FIELDS if name in form.fields],
        more_fields=[form[name] for name in MORE_FIELDS if name in form.fields],
    )


def _as_pk(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@register.simple_tag
def value_groups(inline_admin_formset):
    """[CategoryGroup] of the formset's rows, by category then feature, as on the site.

    Worked out once per page: the inline and the page's error summary both ask."""
    if not hasattr(inline_admin_formset, "_value_groups"):
        inline_admin_formset._value_groups = _groups(inline_admin_formset)
    return inline_admin_formset._value_groups


def _groups(inline_admin_formset):
    ordered = list(Feature.objects.select_related("category"))
    features = {feature.pk: feature for feature in ordered}
    position = {feature.pk: index for index, feature in enumerate(ordered)}
    rows = [_row(inline_admin_form, features) for inline_admin_form in inline_admin_formset]
    rows = sorted((row for row in rows if row), key=lambda row: position[row.feature.pk])
    return [
        CategoryGroup(category, list(group))
        for category, group in groupby(rows, key=lambda row: row.feature.category)
    ]


@register.simple_tag
def feature_values_formset(inline_admin_formsets):
    """The feature values' inline among a change page's inlines, or None."""
    for inline_admin_formset in inline_admin_formsets:
        if inline_admin_formset.opts.model._meta.model_name == "featurevalue":
            return inline_admin_formset
    return None


@register.simple_tag
def rows_in_error(value_groups):
    return [row for group in value_groups for row in group.rows if row.has_errors]
