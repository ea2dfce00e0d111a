"""The content of Comparator: frameworks and their typed, dated, sourced facts.

Every content model has a natural key, so fixtures load into a database that already holds
other content and loading them again updates rows instead of adding copies. Every invariant
is a named database constraint, mirrored by field validation so that admin shows the message
next to the field before the database would refuse the row.
"""

import datetime
import uuid
from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import connections, models, router, transaction
from django.db.models import Exists, Max, OuterRef, Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from frameworks.fields import MillisecondDateTimeField
from frameworks.loading import related_row, row_named
from frameworks.validators import (
    COMPARE_SEPARATOR,
    SEPARATOR_WORD,
    validate_framework_slug,
    validate_github_repo,
)

EARLIEST_YEAR = 1970
LATEST_YEAR = 2100


class SupportLevel(models.TextChoices):
    YES = "yes", "Yes"
    PARTIAL = "partial", "Partial"
    EXTENSION = "extension", "Via extension or plugin"
    NO = "no", "No"
    UNKNOWN = "unknown", "Unknown"


class FeatureKind(models.TextChoices):
    CAPABILITY = "capability", "Capability (typed: yes, partial, via extension, no)"
    DESCRIPTION = "description", "Description (the value alone, no badge)"


class Provenance(models.TextChoices):
    CHECKED = "checked", "Checked against the source"
    STATED = "stated", "As stated by the source"
    AUTOMATIC = "automatic", "Checked automatically"


class ClaimStatus(models.TextChoices):
    UNREVIEWED = "unreviewed", "Not reviewed yet"
    CONFIRMED = "confirmed", "Confirmed"
    CORRECTED = "corrected", "Wrong: corrected"
    OUTDATED = "outdated", "Out of date: corrected"


class MetricKind(models.TextChoices):
    """What a number counts. Downloads over different spans are different metrics: a month's
    downloads, every download since the first release and the last 90 days' never share a
    chart. Each framework's figure comes from its own package registry."""

    GITHUB_STARS = "github_stars", "GitHub stars"
    STACKOVERFLOW_QUESTIONS = "stackoverflow_questions", "Stack Overflow questions"
    MONTHLY_DOWNLOADS = "monthly_downloads", "Downloads per month"
    TOTAL_DOWNLOADS = "total_downloads", "Downloads in all"
    DOWNLOADS_LAST_90_DAYS = "downloads_last_90_days", "Downloads in the last 90 days"
    CONTRIBUTORS = "contributors", "Contributors"


DOWNLOAD_METRICS = (
    MetricKind.MONTHLY_DOWNLOADS,
    MetricKind.TOTAL_DOWNLOADS,
    MetricKind.DOWNLOADS_LAST_90_DAYS,
)
# The metrics refresh_metrics keeps current; contributors are counted by hand.
REFRESHED_METRICS = (
    MetricKind.GITHUB_STARS,
    MetricKind.STACKOVERFLOW_QUESTIONS,
    *DOWNLOAD_METRICS,
)


class PackageRegistry(models.TextChoices):
    """Where a framework's releases are published: one registry per language's ecosystem."""

    PYPI = "pypi", "PyPI (Python)"
    NPM = "npm", "npm (JavaScript, TypeScript)"
    RUBYGEMS = "rubygems", "RubyGems (Ruby)"
    PACKAGIST = "packagist", "Packagist (PHP)"
    MAVEN = "maven", "Maven Central (Java, Kotlin)"
    NUGET = "nuget", "NuGet (.NET)"
    HEX = "hex", "Hex (Elixir, Erlang)"
    CRATES = "crates", "crates.io (Rust)"
    GO = "go", "Go modules"


class MetricSource(models.TextChoices):
    """One API that refresh_metrics asks (a registry may have two: npm's downloads live apart)."""

    PYPI = "pypi", "PyPI"
    PYPISTATS = "pypistats", "pypistats"
    GITHUB = "github", "GitHub"
    STACKEXCHANGE = "stackexchange", "Stack Exchange"
    NPM = "npm", "npm registry"
    NPM_DOWNLOADS = "npm_downloads", "npm downloads"
    RUBYGEMS = "rubygems", "RubyGems"
    RUBYGEMS_VERSIONS = "gem_versions", "RubyGems versions"
    PACKAGIST = "packagist", "Packagist"
    MAVEN = "maven", "Maven Central"
    NUGET = "nuget", "NuGet"
    HEX = "hex", "Hex"
    CRATES = "crates", "crates.io"
    GO = "goproxy", "Go module proxy"


class RefreshStatus(models.TextChoices):
    UPDATED = "updated", "Updated"
    UNCHANGED = "unchanged", "Unchanged"
    FAILED = "failed", "Failed"


class Approximation(models.TextChoices):
    EXACT = "exact", "Exactly"
    AT_LEAST = "at_least", "More than"
    ABOUT = "about", "About"


def choices_constraint(field_name, choices, model_label):
    """A CheckConstraint that keeps a choices field within its choices in the database too."""
    return models.CheckConstraint(
        condition=Q(**{f"{field_name}__in": choices.values}),
        name=f"%(app_label)s_%(class)s_{model_label}_valid",
    )


def previews_drafts(user):
    """Active staff see drafts, with a banner; everyone else sees published content only."""
    return user is not None and user.is_active and user.is_staff


# When content counts as stale: the editorial rules behind the admin's filters and its
# Content gaps page. The QuerySet methods below are the only place that applies them.
REVIEW_INTERVAL = datetime.timedelta(days=180)
CHECK_INTERVAL = datetime.timedelta(days=365)
METRIC_MAX_AGE = datetime.timedelta(days=365)
# Figures refresh_metrics keeps current: a weekly run may fail four times before they are due.
REFRESH_MAX_AGE = datetime.timedelta(days=35)


def review_cutoff() -> datetime.datetime:
    return timezone.now() - REVIEW_INTERVAL


def check_cutoff() -> datetime.date:
    return timezone.localdate() - CHECK_INTERVAL


def metric_cutoff() -> datetime.date:
    return timezone.localdate() - METRIC_MAX_AGE


class PublishableQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def visible_to(self, user):
        """Published rows for the public; drafts as well for staff, who preview them."""
        return self.all() if previews_drafts(user) else self.published()


def _review_due():
    return Q(reviewed_at__isnull=True) | Q(reviewed_at__lt=review_cutoff())


class ReviewedQuerySet(PublishableQuerySet):
    """Frameworks and curated comparisons: published or not, and reviewed by an editor."""

    def review_due(self):
        """Never reviewed, or not in the last 180 days."""
        return self.filter(_review_due())

    def with_review_due(self):
        """Every row, each with `review_is_due`: for a list that flags rather than filters."""
        return self.annotate(
            review_is_due=models.ExpressionWrapper(
                _review_due(), output_field=models.BooleanField()
            )
        )


class FrameworkQuerySet(ReviewedQuerySet):
    def metrics_due(self, *, today=None):
        """Frameworks to look at: refreshed metrics older than 35 days, or a failed refresh.

        A framework counts when it names a source of figures (a GitHub repository, a Stack
        Overflow tag, a package on a registry that counts downloads) but has no refreshed
        figure newer than the cut-off, or when the last refresh from any of its sources failed.
        Each row comes annotated with `newest_metric_on` (None when there is no figure at all).
        """
        from frameworks.registries import counts_downloads

        cutoff = (today or timezone.localdate()) - REFRESH_MAX_AGE
        # A package on Maven Central or Go's proxy gives no figure to be out of date.
        counted_package = ~Q(package_name="") & Q(package_registry__in=counts_downloads())
        names_a_source = counted_package | ~Q(github_repo="") | ~Q(stackoverflow_tag="")
        return self.annotate(
            newest_metric_on=Max("metrics__as_of", filter=Q(metrics__kind__in=REFRESHED_METRICS)),
            last_refresh_failed=Exists(
                MetricRefresh.objects.filter(framework=OuterRef("pk"), status=RefreshStatus.FAILED)
            ),
        ).filter(
            (names_a_source & (Q(newest_metric_on__isnull=True) | Q(newest_metric_on__lt=cutoff)))
            | Q(last_refresh_failed=True)
        )


class SlugNaturalKeyManager(models.Manager):
    """Rows known by their slug alone (frameworks, features, categories, companies…)."""

    def get_by_natural_key(self, slug):
        return row_named(self.model, (slug,), lambda: self.get(slug=slug))


class FrameworkManager(SlugNaturalKeyManager.from_queryset(FrameworkQuerySet)):
    pass


class Framework(models.Model):
    name = models.CharField("name", max_length=100, unique=True)
    slug = models.SlugField(
        "slug",
        max_length=60,
        unique=True,
        validators=[validate_framework_slug],
        help_text="Lower-case letters, digits and hyphens; never “-vs-”, nor “vs” at either end.",
    )
    tagline = models.CharField("tagline", max_length=200, blank=True)
    summary = models.TextField("summary", blank=True)
    language = models.CharField("language", max_length=50, default="Python")
    first_release_year = models.PositiveSmallIntegerField(
        "first release year",
        null=True,
        blank=True,
        validators=[MinValueValidator(EARLIEST_YEAR), MaxValueValidator(LATEST_YEAR)],
    )
    original_authors = models.CharField("original author(s)", max_length=200, blank=True)
    license = models.CharField("license", max_length=100, blank=True)
    website_url = models.URLField("website", blank=True)
    repository_url = models.URLField("repository", blank=True)
    source_url = models.URLField(
        "source",
        blank=True,
        help_text="Where the facts on this page (summary, authors…) come from.",
    )
    package_registry = models.CharField(
        "package registry",
        max_length=10,
        choices=PackageRegistry.choices,
        blank=True,
        help_text="Where its releases are published.",
    )
    package_name = models.CharField(
        "package",
        max_length=140,
        blank=True,
        help_text="As the registry names it: flask, express, laravel/framework, "
        "org.springframework.boot:spring-boot, github.com/gin-gonic/gin.",
    )
    github_repo = models.CharField(
        "GitHub repository",
        max_length=140,
        blank=True,
        validators=[validate_github_repo],
        help_text="owner/name, as in github.com/owner/name.",
    )
    stackoverflow_tag = models.CharField("Stack Overflow tag", max_length=60, blank=True)
    is_published = models.BooleanField("published", default=False)
    published_at = MillisecondDateTimeField("published at", null=True, blank=True)
    created_at = MillisecondDateTimeField("created at", auto_now_add=True)
    updated_at = MillisecondDateTimeField("updated at", auto_now=True)
    reviewed_by = models.CharField("last reviewed by", max_length=150, blank=True)
    reviewed_at = MillisecondDateTimeField("last reviewed at", null=True, blank=True)

    history = HistoricalRecords()
    objects = FrameworkManager()

    class Meta:
        # "aiohttp" beside "Bottle", not after "Tornado": names sort whatever their case.
        ordering = [Lower("name")]
        verbose_name = "framework"
        verbose_name_plural = "frameworks"
        constraints = [
            models.CheckConstraint(
                condition=Q(first_release_year__isnull=True)
                | Q(first_release_year__gte=EARLIEST_YEAR, first_release_year__lte=LATEST_YEAR),
                name="%(app_label)s_%(class)s_release_year_in_range",
            ),
            models.CheckConstraint(
                condition=~Q(slug__contains=COMPARE_SEPARATOR)
                & ~Q(slug__in=["", SEPARATOR_WORD])
                & ~Q(slug__startswith=f"{SEPARATOR_WORD}-")
                & ~Q(slug__endswith=f"-{SEPARATOR_WORD}"),
                name="%(app_label)s_%(class)s_slug_usable_in_compare_urls",
            ),
            models.CheckConstraint(
                condition=Q(is_published=False) | Q(published_at__isnull=False),
                name="%(app_label)s_%(class)s_published_has_date",
            ),
            models.CheckConstraint(
                condition=Q(package_name="") | ~Q(package_registry=""),
                name="%(app_label)s_%(class)s_package_names_its_registry",
            ),
            models.CheckConstraint(
                condition=Q(package_registry="") | Q(package_registry__in=PackageRegistry.values),
                name="%(app_label)s_%(class)s_package_registry_valid",
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if self.is_published and self.published_at is None:
            self.published_at = timezone.now()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("frameworks:framework_detail", kwargs={"slug": self.slug})

    def natural_key(self):
        return (self.slug,)


class FeatureCategory(models.Model):
    name = models.CharField("name", max_length=100, unique=True)
    slug = models.SlugField("slug", max_length=60, unique=True)
    description = models.TextField("description", blank=True)
    order = models.PositiveSmallIntegerField("display order", default=0)

    history = HistoricalRecords()
    objects = SlugNaturalKeyManager()

    class Meta:
        ordering = ["order", "name"]
        verbose_name = "feature category"
        verbose_name_plural = "feature categories"

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)


# A feature's editorial weight: how much a reader weighs it when choosing (key differences).
MIN_WEIGHT = 1
DEFAULT_WEIGHT = 1
MAX_WEIGHT = 5


class Feature(models.Model):
    """A row of the comparison table: what is compared, and what the row means."""

    category = models.ForeignKey(
        FeatureCategory, on_delete=models.PROTECT, related_name="features", verbose_name="category"
    )
    name = models.CharField("name", max_length=100, unique=True)
    slug = models.SlugField("slug", max_length=60, unique=True)
    description = models.TextField("what this row means", blank=True)
    kind = models.CharField(
        "kind",
        max_length=12,
        choices=FeatureKind.choices,
        default=FeatureKind.CAPABILITY,
        help_text="A capability is typed (yes, partial, via extension, no) and shown with a "
        "badge; a description (launch year, licence…) is shown as its value alone.",
    )
    order = models.PositiveSmallIntegerField("display order", default=0)
    rating_guide = models.TextField(
        "rating guide",
        blank=True,
        help_text="What Yes, Partial, Via extension and No mean for this feature: shown to "
        "editors beside the rating they choose and to readers on the “How we rate” page.",
    )
    weight = models.PositiveSmallIntegerField(
        "editorial weight",
        default=DEFAULT_WEIGHT,
        validators=[MinValueValidator(MIN_WEIGHT), MaxValueValidator(MAX_WEIGHT)],
        help_text=f"{MIN_WEIGHT} to {MAX_WEIGHT}: how much readers weigh this feature when "
        "choosing. Key differences show the weightiest features whose ratings differ first.",
    )
    search_terms = models.CharField(
        "other words for it",
        max_length=200,
        blank=True,
        help_text="Words readers search for this feature with, besides its name, separated by "
        "commas (for WebSockets: realtime, socket.io). Search then lists every framework's "
        "value for it, best supported first.",
    )

    history = HistoricalRecords()
    objects = SlugNaturalKeyManager()

    class Meta:
        ordering = ["category__order", "order", "name"]
        verbose_name = "feature"
        verbose_name_plural = "features"
        constraints = [
            choices_constraint("kind", FeatureKind, "kind"),
            models.CheckConstraint(
                condition=Q(weight__gte=MIN_WEIGHT, weight__lte=MAX_WEIGHT),
                name="%(app_label)s_%(class)s_weight_in_range",
            ),
        ]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)

    natural_key.dependencies = ["frameworks.featurecategory"]

    @property
    def is_capability(self):
        return self.kind == FeatureKind.CAPABILITY


class FeatureValueQuerySet(models.QuerySet):
    def check_due(self):
        """Values never checked against their source, or not in the last year."""
        return self.filter(Q(verified_on__isnull=True) | Q(verified_on__lt=check_cutoff()))

    def unknown(self):
        """Cells whose answer nobody has found yet: as much a gap as a missing row."""
        return self.filter(support=SupportLevel.UNKNOWN)


class FeatureValueManager(models.Manager.from_queryset(FeatureValueQuerySet)):
    def get_by_natural_key(self, framework_slug, feature_slug):
        return self.get(framework__slug=framework_slug, feature__slug=feature_slug)


# What a cell of the matrix holds: the fields an editor types in the matrix editor and a
# reader sees in a comparison. The matrix form and the page selectors both read this list.
CELL_FIELDS = ("support", "text", "note", "source_url", "verified_on")


# What a reader sees of a value: a change to any of these is a change in the public log.
PUBLIC_VALUE_FIELDS = ("support", "text", "note", "source_url")


class FeatureValue(models.Model):
    """One cell of the comparison: how one framework does one feature, and how we know."""

    framework = models.ForeignKey(
        Framework, on_delete=models.CASCADE, related_name="values", verbose_name="framework"
    )
    feature = models.ForeignKey(
        Feature, on_delete=models.CASCADE, related_name="values", verbose_name="feature"
    )
    support = models.CharField(
        "support", max_length=12, choices=SupportLevel.choices, default=SupportLevel.UNKNOWN
    )
    text = models.CharField(
        "value", max_length=200, blank=True, help_text="Short, e.g. “Django Template Language”."
    )
    note = models.TextField(
        "note for readers", blank=True, help_text="Shown to readers beside the value."
    )
    editor_note = models.TextField(
        "editors’ working note",
        blank=True,
        help_text="For editors only: never shown on a page, in the JSON or in a feed.",
    )
    source_url = models.URLField("source", max_length=500, blank=True)
    verified_on = models.DateField(
        "checked on",
        null=True,
        blank=True,
        help_text="The day the value was checked against its source, or the day the source "
        "stated it (see provenance).",
    )
    provenance = models.CharField(
        "provenance", max_length=10, choices=Provenance.choices, default=Provenance.CHECKED
    )
    pinned = models.BooleanField(
        "pinned", default=False, help_text="Automatic refreshes never overwrite a pinned value."
    )

    history = HistoricalRecords()
    objects = FeatureValueManager()

    class Meta:
        ordering = ["framework__name", "feature__category__order", "feature__order"]
        verbose_name = "feature value"
        verbose_name_plural = "feature values"
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "feature"], name="%(app_label)s_%(class)s_one_per_cell"
            ),
            choices_constraint("support", SupportLevel, "support"),
            choices_constraint("provenance", Provenance, "provenance"),
        ]

    def __str__(self):
        return f"{self.framework} · {self.feature}: {self.get_support_display()}"

    def natural_key(self):
        return (
            *related_row(self, "framework").natural_key(),
            *related_row(self, "feature").natural_key(),
        )

    natural_key.dependencies = ["frameworks.framework", "frameworks.feature"]


class ClaimQuerySet(models.QuerySet):
    def review_due(self):
        """Claims nobody has reviewed, and corrections that don't say what is right."""
        return self.filter(
            Q(status=ClaimStatus.UNREVIEWED)
            | Q(status__in=[ClaimStatus.CORRECTED, ClaimStatus.OUTDATED], correction="")
        )


class ClaimManager(models.Manager.from_queryset(ClaimQuerySet)):
    def get_by_natural_key(self, framework_slug, feature_slug, source_url):
        return self.get(
            value__framework__slug=framework_slug,
            value__feature__slug=feature_slug,
            source_url=source_url,
        )


class Claim(models.Model):
    """What a published source said about a cell, kept in its own words.

    The value states the current, checked fact; a claim keeps what an article said beside it,
    attributed and dated, with the correction where the article is wrong or out of date.
    """

    value = models.ForeignKey(
        FeatureValue, on_delete=models.CASCADE, related_name="claims", verbose_name="value"
    )
    source_title = models.CharField("source title", max_length=200)
    source_url = models.URLField("source", max_length=500)
    stated_on = models.DateField("stated on", help_text="When the source said it.")
    support = models.CharField(
        "support claimed", max_length=12, choices=SupportLevel.choices, default=SupportLevel.YES
    )
    text = models.CharField("the source’s words", max_length=200)
    quote = models.TextField("longer quote", blank=True)
    status = models.CharField(
        "status", max_length=12, choices=ClaimStatus.choices, default=ClaimStatus.UNREVIEWED
    )
    correction = models.TextField(
        "correction",
        blank=True,
        help_text="Shown to readers: what is right and why, when the claim is wrong or dated.",
    )
    reviewed_on = models.DateField("reviewed on", null=True, blank=True)

    history = HistoricalRecords()
    objects = ClaimManager()

    class Meta:
        ordering = ["value", "stated_on"]
        verbose_name = "claim"
        verbose_name_plural = "claims"
        constraints = [
            models.UniqueConstraint(
                fields=["value", "source_url"], name="%(app_label)s_%(class)s_one_per_source"
            ),
            choices_constraint("support", SupportLevel, "support"),
            choices_constraint("status", ClaimStatus, "status"),
            models.CheckConstraint(
                condition=Q(status=ClaimStatus.UNREVIEWED) | Q(reviewed_on__isnull=False),
                name="%(app_label)s_%(class)s_reviewed_has_date",
            ),
        ]

    def __str__(self):
        return f"{self.source_title} on {self.value}: {self.text}"

    def natural_key(self):
        return (*self.value.natural_key(), self.source_url)

    natural_key.dependencies = ["frameworks.featurevalue"]

    @property
    def is_corrected(self):
        return self.status in (ClaimStatus.CORRECTED, ClaimStatus.OUTDATED)


class FrameworkItemManager(models.Manager):
    """Items of a framework are known by the framework and their own key field."""

    def get_by_natural_key(self, framework_slug, key):
        return self.get(framework__slug=framework_slug, **{self.model.natural_key_field: key})


class FrameworkItem(models.Model):
    """An ordered entry of one of a framework's lists (pros, cons, use cases…)."""

    natural_key_field = "text"

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, verbose_name="framework")
    text = models.CharField("text", max_length=255)
    order = models.PositiveSmallIntegerField("order", default=0)
    claim = models.ForeignKey(
        Claim,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="the article’s claim it repeats",
        help_text="When this item is an article's words about one of the framework's cells: "
        "pages then show it with that claim's correction, if it has one.",
    )

    objects = FrameworkItemManager()

    class Meta:
        abstract = True
        ordering = ["framework", "order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "text"], name="%(app_label)s_%(class)s_unique_per_framework"
            ),
        ]

    def __str__(self):
        return self.text

    def clean(self):
        super().clean()
        claim_elsewhere = (
            self.claim_id is not None
            and self.framework_id is not None
            and self.claim.value.framework_id != self.framework_id
        )
        if claim_elsewhere:
            raise ValidationError(
                {"claim": "Choose a claim about one of this framework's own values."}
            )

    def natural_key(self):
        return (
            *related_row(self, "framework").natural_key(),
            getattr(self, self.natural_key_field),
        )

    natural_key.dependencies = ["frameworks.framework", "frameworks.claim"]


class KeyFeature(FrameworkItem):
    natural_key_field = "title"

    framework = models.ForeignKey(
        Framework, on_delete=models.CASCADE, related_name="key_features", verbose_name="framework"
    )
    title = models.CharField("title", max_length=100)
    text = models.TextField("text")

    history = HistoricalRecords()

    class Meta(FrameworkItem.Meta):
        verbose_name = "key feature"
        verbose_name_plural = "key features"
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "title"], name="%(app_label)s_%(class)s_unique_per_framework"
            ),
        ]

    def __str__(self):
        return self.title


class Pro(FrameworkItem):
    framework = models.ForeignKey(
        Framework, on_delete=models.CASCADE, related_name="pros", verbose_name="framework"
    )
    history = HistoricalRecords()

    class Meta(FrameworkItem.Meta):
        verbose_name = "pro"
        verbose_name_plural = "pros"


class Con(FrameworkItem):
    framework = models.ForeignKey(
        Framework, on_delete=models.CASCADE, related_name="cons", verbose_name="framework"
    )
    history = HistoricalRecords()

    class Meta(FrameworkItem.Meta):
        verbose_name = "con"
        verbose_name_plural = "cons"


class UseCase(FrameworkItem):
    """“Use it when you need to …”: the text completes that sentence."""

    framework = models.ForeignKey(
        Framework, on_delete=models.CASCADE, related_name="use_cases", verbose_name="framework"
    )
    history = HistoricalRecords()

    class Meta(FrameworkItem.Meta):
        verbose_name = "use case"
        verbose_name_plural = "use cases"


class Company(models.Model):
    name = models.CharField("name", max_length=100, unique=True)
    slug = models.SlugField("slug", max_length=60, unique=True)
    website_url = models.URLField("website", blank=True)

    history = HistoricalRecords()
    objects = SlugNaturalKeyManager()

    class Meta:
        ordering = [Lower("name")]
        verbose_name = "company"
        verbose_name_plural = "companies"

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)


class AdoptionManager(models.Manager):
    def get_by_natural_key(self, framework_slug, company_slug):
        return self.get(framework__slug=framework_slug, company__slug=company_slug)


class Adoption(models.Model):
    """A company known to use a framework, and who says so."""

    framework = models.ForeignKey(
        Framework, on_delete=models.CASCADE, related_name="adoptions", verbose_name="framework"
    )
    company = models.ForeignKey(
        Company, on_delete=models.CASCADE, related_name="adoptions", verbose_name="company"
    )
    order = models.PositiveSmallIntegerField("order", default=0)
    source_url = models.URLField("source", max_length=500, blank=True)
    as_of = models.DateField("as of", null=True, blank=True)

    history = HistoricalRecords()
    objects = AdoptionManager()

    class Meta:
        ordering = ["framework", "order", "company__name"]
        verbose_name = "company using it"
        verbose_name_plural = "companies using it"
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "company"], name="%(app_label)s_%(class)s_once_per_framework"
            ),
        ]

    def __str__(self):
        return f"{self.company} uses {self.framework}"

    def natural_key(self):
        return (
            *related_row(self, "framework").natural_key(),
            *related_row(self, "company").natural_key(),
        )

    natural_key.dependencies = ["frameworks.framework", "frameworks.company"]


class MetricQuerySet(models.QuerySet):
    def outdated_series(self):
        """One row per framework and kind whose newest figure is over a year old:
        `framework_id`, `framework_name`, `kind`, `latest`, by framework name then kind."""
        return (
            self.values("framework_id", "kind")
            .annotate(framework_name=models.F("framework__name"), latest=models.Max("as_of"))
            .filter(latest__lt=metric_cutoff())
            .order_by("framework__name", "kind")
        )


class MetricManager(models.Manager.from_queryset(MetricQuerySet)):
    def get_by_natural_key(self, framework_slug, kind, as_of):
        return self.get(framework__slug=framework_slug, kind=kind, as_of=as_of)


class Metric(models.Model):
    """A number about a framework at a date, with its source: a number without both is no fact."""

    framework = models.ForeignKey(
        Framework, on_delete=models.CASCADE, related_name="metrics", verbose_name="framework"
    )
    kind = models.CharField("metric", max_length=32, choices=MetricKind.choices)
    value = models.BigIntegerField("value", validators=[MinValueValidator(0)])
    approximation = models.CharField(
        "precision", max_length=10, choices=Approximation.choices, default=Approximation.EXACT
    )
    as_of = models.DateField("as of")
    source_url = models.URLField("source", max_length=500)
    note = models.CharField("note", max_length=255, blank=True)

    history = HistoricalRecords()
    objects = MetricManager()

    class Meta:
        ordering = ["framework", "kind", "as_of"]
        verbose_name = "metric"
        verbose_name_plural = "metrics"
        get_latest_by = "as_of"
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "kind", "as_of"], name="%(app_label)s_%(class)s_one_per_day"
            ),
            models.CheckConstraint(
                condition=Q(value__gte=0), name="%(app_label)s_%(class)s_value_not_negative"
            ),
            choices_constraint("kind", MetricKind, "kind"),
            choices_constraint("approximation", Approximation, "approximation"),
        ]

    def __str__(self):
        return f"{self.framework} · {self.get_kind_display()} on {self.as_of}: {self.value}"

    def natural_key(self):
        return (*related_row(self, "framework").natural_key(), self.kind, self.as_of.isoformat())

    natural_key.dependencies = ["frameworks.framework"]


class MetricRefresh(models.Model):
    """How the last automatic refresh of one framework from one source went.

    One row per framework and source, rewritten by every refresh: the gaps page lists the
    failures. It also keeps what the source answered last time it succeeded, with the ETag
    of that answer, so the next refresh can ask “changed since?” and reuse the figures on a
    304. Not content: no page shows it, so a refresh that changes nothing changes no page.
    """

    framework = models.ForeignKey(
        Framework,
        on_delete=models.CASCADE,
        related_name="metric_refreshes",
        verbose_name="framework",
    )
    source = models.CharField("source", max_length=16, choices=MetricSource.choices)
    status = models.CharField("status", max_length=10, choices=RefreshStatus.choices)
    message = models.CharField("message", max_length=500, blank=True)
    refreshed_at = MillisecondDateTimeField("refreshed at")
    succeeded_at = MillisecondDateTimeField("last succeeded at", null=True, blank=True)
    etag = models.CharField("ETag of the last answer", max_length=200, blank=True)
    figures = models.JSONField("figures of the last answer", default=dict, blank=True)

    class Meta:
        ordering = ["framework", "source"]
        verbose_name = "metric refresh"
        verbose_name_plural = "metric refreshes"
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "source"], name="%(app_label)s_%(class)s_one_per_source"
            ),
            choices_constraint("source", MetricSource, "source"),
            choices_constraint("status", RefreshStatus, "status"),
        ]

    def __str__(self):
        return f"{self.framework} · {self.get_source_display()}: {self.get_status_display()}"


class ComparisonManager(SlugNaturalKeyManager.from_queryset(ReviewedQuerySet)):
    pass


class Comparison(models.Model):
    """A curated, written comparison of a set of frameworks, shown on their compare page."""

    title = models.CharField("title", max_length=200)
    slug = models.SlugField("slug", max_length=100, unique=True)
    intro = models.TextField("introduction", blank=True)
    verdict = models.TextField("verdict", blank=True)
    author = models.CharField("author", max_length=150, blank=True)
    fact_checker = models.CharField("fact checked by", max_length=150, blank=True)
    source_url = models.URLField("source", max_length=500, blank=True)
    is_published = models.BooleanField("published", default=False)
    is_featured = models.BooleanField("featured on the home page", default=False)
    published_on = models.DateField("published on", null=True, blank=True)
    updated_on = models.DateField(
        "updated on",
        null=True,
        blank=True,
        help_text="When the comparison's text was last updated (the article's own date); "
        "the page shows when its facts were last checked apart from it.",
    )
    pinned_features = models.ManyToManyField(
        Feature,
        blank=True,
        related_name="pinned_in",
        verbose_name="key differences to show first",
        help_text="Features this comparison's key differences always start with, when the "
        "frameworks' ratings differ; the weightiest differing features follow.",
    )
    reviewed_by = models.CharField("last reviewed by", max_length=150, blank=True)
    reviewed_at = MillisecondDateTimeField("last reviewed at", null=True, blank=True)
    created_at = MillisecondDateTimeField("created at", auto_now_add=True)
    updated_at = MillisecondDateTimeField("updated at", auto_now=True)

    history = HistoricalRecords()
    objects = ComparisonManager()

    class Meta:
        ordering = ["-updated_on", "title"]
        verbose_name = "curated comparison"
        verbose_name_plural = "curated comparisons"
        constraints = [
            models.CheckConstraint(
                condition=Q(is_published=False) | Q(published_on__isnull=False),
                name="%(app_label)s_%(class)s_published_has_date",
            ),
            models.CheckConstraint(
                condition=Q(updated_on__isnull=True)
                | Q(published_on__isnull=True)
                | Q(updated_on__gte=models.F("published_on")),
                name="%(app_label)s_%(class)s_updated_after_published",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if self.is_published and self.published_on is None:
            self.published_on = timezone.localdate()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        """Its frameworks' compare page, or None while it has too few or too many.

        Reads `entries` through `.all()`, so a list that prefetches `entries__framework`
        (the admin, the feed, the sitemap) asks no query per comparison.
        """
        return curated_compare_url(entry.framework.slug for entry in self.entries.all())

    def natural_key(self):
        return (self.slug,)


class ComparisonEntryManager(models.Manager):
    def get_by_natural_key(self, comparison_slug, framework_slug):
        return self.get(comparison__slug=comparison_slug, framework__slug=framework_slug)


class ComparisonEntry(models.Model):
    """A framework taking part in a curated comparison, in the order the writer chose."""

    comparison = models.ForeignKey(
        Comparison, on_delete=models.CASCADE, related_name="entries", verbose_name="comparison"
    )
    framework = models.ForeignKey(
        Framework,
        on_delete=models.PROTECT,
        related_name="comparison_entries",
        verbose_name="framework",
    )
    order = models.PositiveSmallIntegerField("order", default=0)

    history = HistoricalRecords()
    objects = ComparisonEntryManager()

    class Meta:
        ordering = ["comparison", "order", "id"]
        verbose_name = "compared framework"
        verbose_name_plural = "compared frameworks"
        constraints = [
            models.UniqueConstraint(
                fields=["comparison", "framework"], name="%(app_label)s_%(class)s_once_each"
            ),
        ]

    def __str__(self):
        return f"{self.framework} in {self.comparison}"

    def natural_key(self):
        return (
            *related_row(self, "comparison").natural_key(),
            *related_row(self, "framework").natural_key(),
        )

    natural_key.dependencies = ["frameworks.comparison", "frameworks.framework"]


class FaqEntryManager(models.Manager):
    def get_by_natural_key(self, comparison_slug, question):
        return self.get(comparison__slug=comparison_slug, question=question)


class FaqEntry(models.Model):
    comparison = models.ForeignKey(
        Comparison, on_delete=models.CASCADE, related_name="faq", verbose_name="comparison"
    )
    question = models.CharField("question", max_length=255)
    answer = models.TextField("answer")
    order = models.PositiveSmallIntegerField("order", default=0)

    history = HistoricalRecords()
    objects = FaqEntryManager()

    class Meta:
        ordering = ["comparison", "order", "id"]
        verbose_name = "FAQ entry"
        verbose_name_plural = "FAQ entries"
        constraints = [
            models.UniqueConstraint(
                fields=["comparison", "question"], name="%(app_label)s_%(class)s_unique_question"
            ),
        ]

    def __str__(self):
        return self.question

    def natural_key(self):
        return (*related_row(self, "comparison").natural_key(), self.question)

    natural_key.dependencies = ["frameworks.comparison"]


# The name of the revision keys a transaction gathers until it commits (`comparator.db`).
PENDING_REVISIONS = "content-revisions"


class ContentRevisionManager(models.Manager):
    """Reads see the revisions their own transaction gathered: they are written first."""

    def get_queryset(self):
        ContentRevision.write_pending(connections[self.db])
        return super().get_queryset()


class ContentRevision(models.Model):
    """One row per part of the content whose token changes whenever that part changes.

    A cached page is stored under the tokens of the parts it shows (see
    `frameworks.pagecache`), so an edit makes exactly the pages that show it unreachable, in
    every process at once, and nothing has to be purged. The parts are each framework's own
    content, the content every page may show (`SHARED`), the names and links of the
    published frameworks (`DIRECTORY`) and what the lists of frameworks show (`LISTING`).
    Tokens are random rather than counters, so restoring an old database can never bring
    back a token that old cached pages are stored under; for the same reason rows are never
    deleted, not even with their framework.
    """

    SHARED = "shared"
    DIRECTORY = "directory"
    LISTING = "listing"
    FRAMEWORK_PREFIX = "framework:"

    key = models.CharField("part of the content", max_length=80, unique=True)
    token = models.CharField("token", max_length=32, default="initial")
    changed_at = models.DateTimeField("changed at", default=timezone.now)

    objects = ContentRevisionManager()

    class Meta:
        verbose_name = "content revision"
        verbose_name_plural = "content revisions"

    def __str__(self):
        return f"{self.key}: {self.token} ({self.changed_at:%Y-%m-%d %H:%M:%S})"

    @classmethod
    def framework_key(cls, slug):
        return f"{cls.FRAMEWORK_PREFIX}{slug}"

    @classmethod
    def bump(cls, keys, *, using=None):
        """Mark these parts of the content as changed, when the writer's transaction commits.

        The keys are gathered during the transaction and written once just before it
        commits (`write`): every writer then locks its revision rows in the same order, at
        the end, so two writers cannot deadlock over them whatever order they saved rows in,
        and a part touched many times is written once. Outside a transaction: at once.
        """
        connection = connections[using or router.db_for_write(cls)]
        pending = (
            connection.pending(PENDING_REVISIONS, cls.write)
            if hasattr(connection, "pending")
            else None
        )
        if pending is None:
            with transaction.atomic(using=connection.alias):
                cls.write(connection, set(keys))
            return
        pending.update(keys)

    @classmethod
    def write(cls, connection, keys):
        """Give these parts one new token: their rows locked in key order, then one UPDATE.

        An UPDATE locks rows in the order it finds them, not the order of its keys, so the
        rows are first locked by a SELECT … ORDER BY key FOR UPDATE. A part changed for the
        first time gets its row.
        """
        keys = sorted(keys)
        rows = cls._base_manager.db_manager(connection.alias).filter(key__in=keys)
        list(rows.select_for_update().order_by("key").values_list("pk", flat=True))
        # Stamped once the locks are held, so the time is the commit's to within milliseconds.
        now = timezone.now()
        token = uuid.uuid4().hex
        updated = rows.update(token=token, changed_at=now)
        if updated < len(keys):
            # ignore_conflicts: a concurrent writer may be adding the same row; then update.
            cls._base_manager.db_manager(connection.alias).bulk_create(
                [cls(key=key, token=token, changed_at=now) for key in keys], ignore_conflicts=True
            )
            rows.update(token=token, changed_at=now)

    @staticmethod
    def write_pending(connection):
        """Before this transaction reads revisions, write the ones it gathered."""
        flush = getattr(connection, "flush_pending", None)
        if flush is not None:
            flush(PENDING_REVISIONS)

    @classmethod
    def bump_everything(cls):
        """Every page shows shared content, so a new shared token makes every page fresh."""
        cls.bump([cls.SHARED])


CONTENT_MODELS = (
    Framework,
    FeatureCategory,
    Feature,
    FeatureValue,
    Claim,
    KeyFeature,
    Pro,
    Con,
    UseCase,
    Company,
    Adoption,
    Metric,
    Comparison,
    ComparisonEntry,
    FaqEntry,
)


def canonical_compare_path(slugs):
    """The one canonical compare path for a set of frameworks: slugs in alphabetical order."""
    return COMPARE_SEPARATOR.join(sorted(slugs))


def compare_url(slugs):
    return reverse("frameworks:compare", kwargs={"slugs": canonical_compare_path(slugs)})


def language_list_url(language):
    """The list of a language's frameworks, where a reader who starts from a language lands."""
    return f"{reverse('frameworks:framework_list')}?{urlencode({'language': language})}"


# How many frameworks one comparison shows side by side.
MIN_COMPARED = 2
MAX_COMPARED = 4


def curated_compare_url(slugs):
    """The public page of a curated comparison of `slugs`; None unless it has 2 to 4 of them.

    The one rule for a curated comparison's URL: the model, the admin and the selectors
    (which read slugs as rows) all ask this.
    """
    slugs = list(slugs)
    return compare_url(slugs) if MIN_COMPARED <= len(slugs) <= MAX_COMPARED else None
