"""What each page holds: frozen dataclasses that selectors build and templates print.

Where things live, for a page of the reader site:

- `frameworks/selectors.py` runs the queries (keyword-only, fixed query counts) and builds
  the objects below;
- `frameworks/pages.py` (this module) says what a page holds, and how one stored value becomes
  a printable `Cell`: badge icon and word, CSS class, dates in words. No queries here;
- `frameworks/views.py` renders a page with its template, or shapes it as JSON;
- `templates/frameworks/*.html` print it, with partials `templates/frameworks/_*.html`;
  `frameworks/charts.py` holds the geometry of the metric charts.

Labels, CSS classes and dates are worked out once here, so templates stay lean (a
four-framework comparison over 300 features prints 1,200 cells) and can never run a query.
"""

from dataclasses import dataclass, fields
from datetime import date, datetime
from typing import NamedTuple

from frameworks.charts import Chart, Reading, human_date
from frameworks.models import Approximation, Feature, Framework, MetricKind, SupportLevel


@dataclass(frozen=True, slots=True)
class Badge:
    icon: str
    label: str
    css_class: str


# Icon and word together: a support level is never told by colour alone.
BADGES = {
    SupportLevel.YES: Badge("✓", "Yes", "support-yes"),
    SupportLevel.PARTIAL: Badge("◐", "Partial", "support-partial"),
    SupportLevel.EXTENSION: Badge("⊕", "Via extension", "support-extension"),
    SupportLevel.NO: Badge("✗", "No", "support-no"),
    SupportLevel.UNKNOWN: Badge("?", "Unknown", "support-unknown"),
}


class Cell(NamedTuple):
    """One framework's value for one feature, ready to print.

    A NamedTuple rather than a frozen dataclass like the rest: a four-framework comparison
    over 300 features builds 1,200 of them, and a tuple is built in a third of the time.
    """

    support: str
    icon: str
    label: str
    css_class: str
    text: str
    display_text: str
    note: str
    source_url: str
    source_label: str
    verified_on: date | None
    verified_iso: str
    verified_label: str

    @property
    def agreement_key(self):
        return (self.support, self.text.strip().casefold())


# The cell of a framework nobody has researched for a feature: the same everywhere.
UNKNOWN_CELL = Cell(
    SupportLevel.UNKNOWN,
    BADGES[SupportLevel.UNKNOWN].icon,
    BADGES[SupportLevel.UNKNOWN].label,
    BADGES[SupportLevel.UNKNOWN].css_class,
    *("",) * 5,
    verified_on=None,
    verified_iso="",
    verified_label="",
)


def make_cell(value, *, source_label):
    """The printable cell of a stored value: anything with the attributes of `CELL_FIELDS`
    (a FeatureValue, or a row read with `values_list(..., named=True)`); None is unknown."""
    if value is None:
        return UNKNOWN_CELL
    badge = BADGES.get(value.support, BADGES[SupportLevel.UNKNOWN])
    text, verified_on = value.text, value.verified_on
    return Cell(
        support=value.support,
        icon=badge.icon,
        label=badge.label,
        css_class=badge.css_class,
        text=text,
        # "Yes" beside a "✓ Yes" badge says nothing new.
        display_text="" if text.strip().casefold() == badge.label.casefold() else text,
        note=value.note,
        source_url=value.source_url,
        source_label=source_label,
        verified_on=verified_on,
        verified_iso=verified_on.isoformat() if verified_on else "",
        verified_label=f"verified {human_date(verified_on)}" if verified_on else "",
    )


@dataclass(frozen=True)
class Row:
    name: str
    slug: str
    description: str
    cells: tuple[Cell, ...]
    all_agree: bool
    css_class: str


@dataclass(frozen=True)
class CategoryBlock:
    name: str
    slug: str
    description: str
    rows: tuple[Row, ...]

    @property
    def css_class(self):
        """Lets the differences toggle hide a whole category whose rows all agree."""
        return "agree" if all(row.all_agree for row in self.rows) else ""


@dataclass(frozen=True)
class KeyFeatureItem:
    title: str
    text: str


@dataclass(frozen=True)
class CompanyItem:
    name: str
    website_url: str
    source_url: str
    as_of: date | None


@dataclass(frozen=True)
class FrameworkProfile:
    name: str
    slug: str
    url: str
    tagline: str
    summary: str
    language: str
    first_release_year: int | None
    original_authors: str
    license: str
    website_url: str
    repository_url: str
    source_url: str
    is_published: bool
    updated_at: datetime | None
    key_features: tuple[KeyFeatureItem, ...]
    pros: tuple[str, ...]
    cons: tuple[str, ...]
    use_cases: tuple[str, ...]
    companies: tuple[CompanyItem, ...]
    company_names: str  # "Instagram, Spotify": the at-a-glance table's cell
    readings: dict[str, tuple[Reading, ...]]


@dataclass(frozen=True)
class FaqItem:
    question: str
    answer: str


@dataclass(frozen=True)
class CuratedComparison:
    title: str
    slug: str
    intro: str
    verdict: str
    author: str
    fact_checker: str
    source_url: str
    is_published: bool
    published_on: date | None
    updated_on: date | None
    faq: tuple[FaqItem, ...]


# The columns of a curated comparison a page reads: the fields above but its FAQ.
CURATED_FIELDS = tuple(field.name for field in fields(CuratedComparison) if field.name != "faq")


@dataclass(frozen=True)
class ComparisonPage:
    title: str
    description: str
    slugs: tuple[str, ...]
    url: str
    frameworks: tuple[FrameworkProfile, ...]
    categories: tuple[CategoryBlock, ...]
    curated: CuratedComparison | None
    charts: tuple[Chart, ...]
    only_differences: bool
    row_count: int
    difference_count: int
    draft_names: tuple[str, ...]

    @property
    def is_draft(self):
        return bool(self.draft_names) or (
            self.curated is not None and not self.curated.is_published
        )

    @property
    def column_count(self):
        return len(self.frameworks) + 1

    @property
    def hidden_row_count(self):
        return self.row_count - self.difference_count if self.only_differences else 0


@dataclass(frozen=True)
class FrameworkLink:
    name: str
    slug: str
    url: str = ""
    tagline: str = ""
    language: str = ""
    is_published: bool = True


@dataclass(frozen=True)
class ComparisonLink:
    title: str
    url: str
    names: tuple[str, ...]
    is_published: bool
    updated_on: date | None


@dataclass(frozen=True)
class FrameworkPage:
    framework: FrameworkProfile
    facts: tuple[CategoryBlock, ...]
    charts: tuple[Chart, ...]
    comparisons: tuple[ComparisonLink, ...]
    compare_links: tuple[FrameworkLink, ...]
    other_frameworks: tuple[FrameworkLink, ...]

    @property
    def more_compare_count(self):
        return len(self.other_frameworks) - len(self.compare_links)


@dataclass(frozen=True)
class HomePage:
    cards: tuple[FrameworkLink, ...]
    framework_count: int
    choices: tuple[FrameworkLink, ...]
    featured: tuple[ComparisonLink, ...]


def metric_label(value, approximation):
    """A metric's number in words: "12,000", "about 12,000", "more than 12,000"."""
    number = f"{value:,}"
    if approximation == Approximation.AT_LEAST:
        return f"more than {number}"
    if approximation == Approximation.ABOUT:
        return f"about {number}"
    return number


# --- Admin: Content gaps (frameworks.selectors.gaps, templates/admin/frameworks/content_gaps.html)


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
    metrics_old: list[StaleMetric]
