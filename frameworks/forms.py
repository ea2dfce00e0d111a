"""Forms of the editors' tools: the matrix editor's selection and grid, admin form rules."""

import hashlib

from django import forms
from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone

from frameworks.models import (
    CELL_FIELDS,
    Comparison,
    FeatureCategory,
    FeatureValue,
    Framework,
    Provenance,
)

# Each cell posts its fields and the version of the value it was opened with.
POSTED_PER_CELL = len(CELL_FIELDS) + 1
# The grid's POST also carries the CSRF token; keep a little room for it.
POST_FIELDS_RESERVED = 10
NEW_CELL_VERSION = "new"


def max_matrix_cells() -> int:
    """How many cells one grid may hold: Django refuses POSTs with too many fields."""
    limit = settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
    if limit is None:
        return 10_000
    return max(1, (limit - POST_FIELDS_RESERVED) // POSTED_PER_CELL)


def cell_version(value) -> str:
    """A fingerprint of a stored value: it changes whenever anyone saves the cell differently."""
    if value.pk is None:
        return NEW_CELL_VERSION
    stored = "\x1f".join(str(getattr(value, name)) for name in CELL_FIELDS)
    return hashlib.blake2b(stored.encode(), digest_size=8).hexdigest()


def assume_https(db_field, kwargs):
    """A form field's kwargs where URLs typed without a scheme are taken as https:// (Django
    6's default, chosen now). The one rule; admin forms and the matrix grid both use it."""
    if isinstance(db_field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return kwargs


def https_formfield(db_field, **kwargs):
    """A model field's form field, with `assume_https`."""
    return db_field.formfield(**assume_https(db_field, kwargs))


class DateInput(forms.DateInput):
    """The browser's own date picker: no script needed, ISO dates in and out."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def normalize_newlines(value: str) -> str:
    # Browsers send textareas with CRLF; stored text uses LF, so an untouched note is unchanged.
    return value.replace("\r\n", "\n").replace("\r", "\n")


class RecheckedValueMixin:
    """A value whose support or text changes must be checked again before it is saved.

    Keeping the old "checked on" date after changing a value would show readers a check
    nobody made, so the form asks for the day of the new check and its source, and marks the
    value as checked by an editor unless the editor chose another provenance. A check date is
    never in the future.
    """

    def clean(self):
        cleaned = super().clean()
        checked_on = cleaned.get("verified_on")
        if checked_on and checked_on > timezone.localdate():
            self.add_error("verified_on", "A value cannot be checked on a day still to come.")
        if self.instance.pk is None or not {"support", "text"} & set(self.changed_data):
            return cleaned
        if "verified_on" not in self.changed_data or not checked_on:
            self.add_error(
                "verified_on",
                forms.ValidationError(
                    "You changed the value: check it against its source and enter the day "
                    "you checked it.",
                    code="recheck_needed",
                ),
            )
        if not cleaned.get("source_url"):
            self.add_error("source_url", "Give the source you checked the new value against.")
        if "provenance" not in self.changed_data:
            self._mark_checked(cleaned)
        return cleaned

    def _mark_checked(self, cleaned):
        if "provenance" in self.fields:
            cleaned["provenance"] = Provenance.CHECKED
        else:
            self.instance.provenance = Provenance.CHECKED


class MatrixSelectionForm(forms.Form):
    """Which frameworks and features the grid shows: a plain GET form."""

    frameworks = forms.ModelMultipleChoiceField(
        label="Frameworks",
        queryset=Framework.objects.order_by(Lower("name")),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    comparison = forms.ModelChoiceField(
        label="Or a curated comparison",
        queryset=Comparison.objects.order_by("title"),
        required=False,
        empty_label="—",
    )
    category = forms.ModelChoiceField(
        label="Category",
        queryset=FeatureCategory.objects.all(),
        required=False,
        empty_label="All categories",
        help_text="Show only the features of one category.",
    )

    def clean(self):
        cleaned = super().clean()
        chosen = list(cleaned.get("frameworks") or [])
        comparison = cleaned.get("comparison")
        if comparison is not None:
            for entry in comparison.entries.select_related("framework"):
                if entry.framework not in chosen:
                    chosen.append(entry.framework)
        if len(chosen) < 2:
            raise forms.ValidationError(
                "Choose at least two frameworks, or a curated comparison.", code="too_few"
            )
        cleaned["selected_frameworks"] = sorted(chosen, key=lambda framework: framework.name)
        return cleaned

    def check_size(self, *, cells: int) -> bool:
        """Refuse a grid too big to post back; say how to narrow it. Call after is_valid()."""
        limit = max_matrix_cells()
        if cells <= limit:
            return True
        self.add_error(
            None,
            forms.ValidationError(
                "That grid has %(cells)d cells; the editor handles at most %(limit)d at once. "
                "Choose a category or fewer frameworks.",
                code="too_many_cells",
                params={"cells": cells, "limit": limit},
            ),
        )
        return False


class MatrixCellForm(RecheckedValueMixin, forms.ModelForm):
    """One cell of the grid: one framework's value for one feature.

    The cell posts the version of the value it showed; if another editor saved the cell
    since, the change is refused instead of silently overwriting theirs.
    """

    class Meta:
        model = FeatureValue
        fields = CELL_FIELDS
        formfield_callback = https_formfield
        widgets = {
            "text": forms.TextInput(attrs={"size": 18}),
            "note": forms.Textarea(attrs={"rows": 2, "cols": 18}),
            "source_url": forms.URLInput(attrs={"size": 18, "placeholder": "https://…"}),
            "verified_on": DateInput(),
        }

    def __init__(self, *args, framework, feature, **kwargs):
        super().__init__(*args, **kwargs)
        self.framework = framework
        self.feature = feature
        self.instance.framework = framework
        self.instance.feature = feature
        self.current_version = cell_version(self.instance)

    @property
    def is_new(self) -> bool:
        return self.instance.pk is None

    @property
    def version_name(self) -> str:
        return self.add_prefix("version")

    def clean_note(self):
        return normalize_newlines(self.cleaned_data["note"])

    def clean(self):
        cleaned = super().clean()
        if self.has_changed() and self.data.get(self.version_name) != self.current_version:
            stored = self.instance
            now = (
                "has no value"
                if stored.pk is None
                else f"now reads “{stored.get_support_display()}"
                + (f": {stored.text}" if stored.text else "")
                + "”"
            )
            raise forms.ValidationError(
                "Another editor saved this cell after you opened the grid; it %(now)s. "
                "Your entry is kept below: save again to replace theirs.",
                code="stale_cell",
                params={"now": now},
            )
        return cleaned


class FeatureMatrixForm:
    """The grid: a cell form per framework x feature, valid and saved only as a whole.

    Existing values are edited in place; a missing value is an empty cell that becomes a
    FeatureValue only when something is entered in it.
    """

    def __init__(self, *, frameworks, features, values, data=None, can_add=True):
        self.frameworks = list(frameworks)
        self.features = list(features)
        self.is_bound = data is not None
        by_cell = {(value.framework_id, value.feature_id): value for value in values}
        self.rows = []
        for feature in self.features:
            cells = []
            for framework in self.frameworks:
                value = by_cell.get((framework.pk, feature.pk))
                if value is None and not can_add:
                    cells.append(None)
                    continue
                cells.append(
                    MatrixCellForm(
                        data=data,
                        instance=value or FeatureValue(),
                        framework=framework,
                        feature=feature,
                        prefix=f"cell-{framework.pk}-{feature.pk}",
                    )
                )
            self.rows.append((feature, cells))

    def __iter__(self):
        return iter(self.rows)

    @property
    def groups(self):
        """The rows grouped by feature category, in display order."""
        grouped = {}
        for feature, cells in self.rows:
            grouped.setdefault(feature.category, []).append((feature, cells))
        return list(grouped.items())

    @property
    def cells(self):
        return [cell for _, cells in self.rows for cell in cells if cell is not None]

    def is_valid(self) -> bool:
        # Validate every cell, not only up to the first invalid one: all errors show at once.
        results = [cell.is_valid() for cell in self.cells]
        return self.is_bound and all(results)

    @property
    def error_count(self) -> int:
        return sum(1 for cell in self.cells if cell.errors)

    def changed_cells(self):
        """Instances to save: edited values and the new ones something was entered in."""
        return [cell.instance for cell in self.cells if cell.has_changed()]

    def add_cell_errors(self, errors):
        """Show errors found at save time (`MatrixInvalid.errors`) beside their cells."""
        by_key = {(cell.framework.pk, cell.feature.pk): cell for cell in self.cells}
        for key, error in errors.items():
            cell = by_key[key]
            if hasattr(error, "error_dict"):
                for field, field_errors in error.error_dict.items():
                    cell.add_error(field if field in cell.fields else None, field_errors)
            else:
                cell.add_error(None, error)


def public_reason_field():
    return forms.CharField(
        label="Public reason for this change",
        max_length=100,
        required=False,
        help_text="Shown to readers in the change log, e.g. “Flask 3.1 added it”. Not a "
        "working note: readers see it.",
    )


class PublicChangeReasonForm(forms.ModelForm):
    """A value form with the public reason for the change, which the change log shows.

    The reason goes to the history record the save makes (django-simple-history's change
    reason), so it is written in the same transaction as the change itself.
    """

    change_reason = public_reason_field()

    def clean(self):
        cleaned = super().clean()
        self.instance._change_reason = cleaned.get("change_reason") or None
        return cleaned


class MatrixReasonForm(forms.Form):
    """The public reason for a matrix save: every value changed by it is recorded with it."""

    change_reason = public_reason_field()


class FeatureValueForm(RecheckedValueMixin, PublicChangeReasonForm):
    """A value on its own admin page, with the public reason for its change."""


class FeatureValueInlineForm(RecheckedValueMixin, PublicChangeReasonForm):
    """A row of the framework page's values, with the public reason for its change.

    A new row counts as filled only when one of its value fields is: the pre-filled feature
    alone adds nothing, even when admin's script renumbers rows after one is removed and a
    row's feature no longer matches the initial data it is compared with.
    """

    def has_changed(self):
        if self.instance.pk is not None:
            return super().has_changed()
        return any(name in self.changed_data for name in CELL_FIELDS)


class ComparisonAdminForm(forms.ModelForm):
    """Catches an update date before the publication date before the database would."""

    class Meta:
        model = Comparison
        fields = [
            "title",
            "slug",
            "intro",
            "verdict",
            "author",
            "fact_checker",
            "source_url",
            "is_published",
            "is_featured",
            "updated_on",
        ]
        formfield_callback = https_formfield

    def clean(self):
        cleaned = super().clean()
        updated_on = cleaned.get("updated_on")
        published_on = self.instance.published_on
        if published_on is None and cleaned.get("is_published"):
            published_on = timezone.localdate()
        if updated_on and published_on and updated_on < published_on:
            self.add_error(
                "updated_on",
                forms.ValidationError(
                    "The update date cannot be before the publication date (%(published)s).",
                    code="updated_before_published",
                    params={"published": published_on.isoformat()},
                ),
            )
        return cleaned
