"""The correction form readers fill in and the page it is about; the editors' queue forms."""

from dataclasses import dataclass
from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.core.validators import URLValidator
from django.urls import Resolver404, resolve

from corrections.changelog import PUBLIC_FIELDS
from corrections.models import REPORT_TEXT_LIMIT, ReaderReport
from frameworks.comparepaths import compare_slugs
from frameworks.forms import (
    DateInput,
    PublicChangeReasonForm,
    RecheckedValueMixin,
    https_formfield,
)
from frameworks.models import Feature, FeatureValue, Framework, compare_url

PAGE_LIMIT = 200
# Where a report can come from: the pages that show facts, and their change logs.
COMPARISON_PAGES = {"frameworks:compare", "corrections:compare_changes"}
FRAMEWORK_PAGES = {"frameworks:framework_detail", "corrections:framework_changes"}


@dataclass(frozen=True)
class Subject:
    """The page a report is about: its canonical path, its title and its frameworks."""

    path: str
    title: str
    frameworks: tuple[Framework, ...]


def _slugs_of(path):
    """The framework slugs of a comparison or framework page at `path`, or None."""
    try:
        match = resolve(path)
    except Resolver404:
        return None
    if match.view_name in COMPARISON_PAGES:
        return compare_slugs(match.kwargs["slugs"])
    if match.view_name in FRAMEWORK_PAGES:
        return [match.kwargs["slug"]]
    return None


def describe_page(page):
    """The published comparison or framework page at `page` (a path), or None: one query."""
    if not isinstance(page, str) or not page or len(page) > PAGE_LIMIT or "\x00" in page:
        return None
    parts = urlsplit(page)
    if parts.scheme or parts.netloc or not parts.path.startswith("/"):
        return None
    slugs = _slugs_of(parts.path)
    if not slugs:
        return None
    frameworks = sorted(
        Framework.objects.published().filter(slug__in=slugs), key=lambda framework: framework.slug
    )
    if len(frameworks) != len(slugs):
        return None
    if len(frameworks) == 1:
        return Subject(frameworks[0].get_absolute_url(), frameworks[0].name, tuple(frameworks))
    title = " vs ".join(framework.name for framework in frameworks)
    return Subject(compare_url(slugs), title, tuple(frameworks))


class WebAddressField(forms.URLField):
    """A URL a reader can follow: http or https only (Django's also takes ftp)."""

    default_validators = [URLValidator(schemes=["http", "https"])]


class SlugChoiceField(forms.ModelChoiceField):
    """A choice by slug, where a value that cannot be a slug is refused before any query.

    (PostgreSQL fails a query that holds a NUL character instead of matching nothing.)
    """

    def to_python(self, value):
        if isinstance(value, str) and "\x00" in value:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        return super().to_python(value)


class ReportForm(forms.ModelForm):
    """What is wrong, what is right, a source, an e-mail; the page and cell it is about.

    `website` is a trap: hidden from people (and from the keyboard), filled in by bots.
    """

    # What a link may pre-fill: the page and the cell it came from.
    PREFILLED = ("page", "framework", "feature")

    page = forms.CharField(widget=forms.HiddenInput, max_length=PAGE_LIMIT)
    framework = SlugChoiceField(
        label="Which framework?",
        queryset=Framework.objects.published(),
        to_field_name="slug",
        required=False,
        empty_label="Not about one framework",
        error_messages={"invalid_choice": "That framework is not on this page."},
    )
    feature = SlugChoiceField(
        label="Which feature?",
        queryset=Feature.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label="Not about one feature",
        error_messages={"invalid_choice": "We do not track a feature by that name."},
    )
    what_is_wrong = forms.CharField(
        label="What is wrong?",
        max_length=REPORT_TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    what_is_right = forms.CharField(
        label="What is right?",
        max_length=REPORT_TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    source_url = WebAddressField(
        label="A source that shows it (optional)",
        required=False,
        max_length=500,
        assume_scheme="https",
        error_messages={"invalid": "Enter a web address that starts with http:// or https://."},
        help_text="Official documentation, a release note, the project’s repository…",
    )
    email = forms.EmailField(
        label="Your e-mail (optional)",
        required=False,
        help_text="Only if you would like a reply. Only the editors see it, and it is erased "
        "{days} days after your report is closed.",  # the setting, read per form (__init__)
    )
    website = forms.CharField(
        label="Leave this field empty",
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    class Meta:
        model = ReaderReport
        fields = [
            "page",
            "framework",
            "feature",
            "what_is_wrong",
            "what_is_right",
            "source_url",
            "email",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        page = self.data.get("page") if self.is_bound else self.initial.get("page")
        email = self.fields["email"]
        email.help_text = email.help_text.format(days=settings.REPORT_EMAIL_RETENTION_DAYS)
        self.subject = describe_page(page)
        if self.subject is not None:
            # Only this page's frameworks can be chosen, and so only they validate.
            ids = [framework.pk for framework in self.subject.frameworks]
            self.fields["framework"].queryset = Framework.objects.filter(pk__in=ids)
            if len(ids) == 1 and not self.is_bound:
                self.initial.setdefault("framework", self.subject.frameworks[0].slug)
        self.problems = []

    def check_initial(self):
        """Say what is wrong with a pre-filled link (an unknown page or cell) and drop it."""
        if self.subject is None:
            self.problems.append(
                "We cannot find the page this link came from. Reports are made from a "
                "comparison or a framework page: open the page and use its “Report a "
                "mistake” link."
            )
        for name, label in (("framework", "framework"), ("feature", "feature")):
            value = self.initial.get(name)
            if value and not self._known(name, value):
                self.problems.append(f"The {label} “{value}” is not on this page; choose one.")
                self.initial.pop(name)

    def _known(self, name, value):
        try:
            self.fields[name].to_python(value)
        except forms.ValidationError:
            return False
        return True

    def clean_page(self):
        if self.subject is None:
            raise forms.ValidationError(
                "We cannot find that page. Reports are made from a comparison or a framework page.",
                code="unknown_page",
            )
        return self.subject.path

    def is_trapped(self):
        return bool(self.cleaned_data.get("website"))


class AcceptReportForm(RecheckedValueMixin, PublicChangeReasonForm):
    """The value a report is about, opened to correct it. Accepting must change what
    readers see: a report whose fact is already right is rejected, with the reason."""

    class Meta:
        model = FeatureValue
        fields = ["support", "text", "note", "source_url", "verified_on", "provenance"]
        formfield_callback = https_formfield
        widgets = {"verified_on": DateInput(), "note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, framework, feature, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.framework = framework
        self.instance.feature = feature
        self.stored = {name: getattr(self.instance, name) for name in PUBLIC_FIELDS}

    def clean(self):
        cleaned = super().clean()
        unchanged = all(cleaned.get(name) == self.stored[name] for name in PUBLIC_FIELDS)
        if self.instance.pk is not None and unchanged:
            raise forms.ValidationError(
                "Nothing readers see has changed (support, value, note or source). If the "
                "value is right as it is, reject the report and say why.",
                code="unchanged",
            )
        return cleaned


class CellChoiceForm(forms.Form):
    """Which cell a report is about, when the reader did not say or said it wrongly."""

    framework = forms.ModelChoiceField(label="Framework", queryset=Framework.objects.all())
    feature = forms.ModelChoiceField(label="Feature", queryset=Feature.objects.all())


class RejectForm(forms.Form):
    rejection_reason = forms.CharField(
        label="Why is it rejected?",
        max_length=REPORT_TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text="For the editors’ record, and for a reply if the reader left an e-mail.",
    )
