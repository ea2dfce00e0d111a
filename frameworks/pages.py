"""What each page holds: frozen dataclasses that selectors build and templates print.

Where things live, for a page of the reader site:

- `frameworks/selectors/` runs the queries (keyword-only, fixed query counts), one module per
  page, and builds the objects below;
- `frameworks/pages.py` (this module) says what a page holds. No queries here;
- `frameworks/cells.py` says how one stored value becomes a printable `Cell`: badge icon and
  word, CSS class, dates in words, how the value is known;
- `frameworks/views.py` renders a page with its template; `frameworks/json_data.py` shapes
  it as JSON;
- `templates/frameworks/*.html` print it, with partials `templates/frameworks/_*.html`;
  `frameworks/charts.py` holds the geometry of the metric charts.

Labels, CSS classes and dates are worked out before the template, so templates stay lean (a
four-framework comparison over 300 features prints 1,200 cells) and can never run a query.
"""

from dataclasses import dataclass, fields
from datetime import date, datetime
from typing import NamedTuple

from frameworks.cells import Cell
from frameworks.charts import Chart, ProfileChart, Reading
from frameworks.models import Approximation


def language_phrase(languages) -> str:
    """("Ruby",) → "Ruby"; ("Ruby", "PHP", "Go") → "Ruby, PHP and Go"; () → "" (any)."""
    languages = list(languages)
    if len(languages) < 2:
        return "".join(languages)
    return f"{', '.join(languages[:-1])} and {languages[-1]}"


@dataclass(frozen=True, slots=True)
class MatrixContext:
    """What the table's cells need to know of their page: its path (for "Report a mistake"
    links), the frameworks' slugs in column order, and the article the page names once."""

    page_url: str
    slugs: tuple[str, ...]
    article_url: str = ""
    names: tuple[str, ...] = ()  # the frameworks' names, which label each value on a phone


@dataclass(frozen=True)
class Row:
    name: str
    slug: str
    description: str
    cells: tuple[Cell, ...]
    all_agree: bool
    css_class: str
    is_capability: bool = True
    weight: int = 1  # the feature's editorial weight: key differences show the weightiest first


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
    corrected: "ListItem | None" = None  # the correction of the article's claim it repeats


@dataclass(frozen=True)
class ListItem:
    """A pro, con, use case or key feature; when it repeats an article's claim that the site
    corrected, the correction and the cell (`#feature-<slug>` on the page) go with it."""

    text: str
    is_corrected: bool = False
    correction: str = ""
    status_label: str = ""  # "Corrected", "Outdated"
    feature_slug: str = ""
    feature_name: str = ""
    source_title: str = ""

    def __str__(self):
        return self.text


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
    pros: tuple[ListItem, ...]
    cons: tuple[ListItem, ...]
    use_cases: tuple[ListItem, ...]
    companies: tuple[CompanyItem, ...]
    company_names: str  # "Instagram, Spotify": the at-a-glance table's cell
    readings: dict[str, tuple[Reading, ...]]
    package_registry: str = ""  # where its downloads are counted, when anywhere

    @property
    def summary_lead(self):
        """The summary's first paragraph: what the framework page says first."""
        return self.summary.strip().split("\n\n", 1)[0]

    @property
    def summary_rest(self):
        parts = self.summary.strip().split("\n\n", 1)
        return parts[1] if len(parts) > 1 else ""


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
    pinned_features: tuple[str, ...] = ()  # slugs of the key differences shown first


# The columns of a curated comparison a page reads: the fields above but its FAQ and pins.
CURATED_FIELDS = tuple(
    field.name
    for field in fields(CuratedComparison)
    if field.name not in ("faq", "pinned_features")
)


@dataclass(frozen=True)
class NeedTally:
    """How one framework of a comparison does on the reader's needs, in a sentence each."""

    name: str
    needs: str  # "Meets both must-haves: 1 built in, 1 via an extension."
    wants: str


@dataclass(frozen=True)
class YourNeeds:
    """The rows a reader's question depends on (`?need=…&want=…`), first on the page."""

    needs: tuple[Row, ...]
    wants: tuple[Row, ...]
    tallies: tuple[NeedTally, ...]
    query: str  # "need=admin-interface&need=api-support": carried to the decision helper
    ignored: tuple[str, ...] = ()  # asked for, but no capability has that name


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
    key_differences: tuple[Row, ...] = ()
    choices: tuple["ChoiceList", ...] = ()
    profile: ProfileChart | None = None
    facts_checked_on: date | None = None  # the newest check of any of its values
    your_needs: YourNeeds | None = None  # the reader's needs, when the URL carries them
    capabilities: tuple[Row, ...] = ()  # what a reader can tick as a need, in table order
    metric_notes: tuple[str, ...] = ()  # "Spring Boot: Maven Central publishes no download counts."

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

    @property
    def agree_count(self):
        """Rows where every framework agrees: what "only the differences" hides."""
        return self.row_count - self.difference_count

    @property
    def offers_differences_toggle(self):
        """A toggle that hides nothing is noise: offered only when some rows agree and
        some differ."""
        return 0 < self.difference_count < self.row_count

    @property
    def article_url(self):
        """The article the comparison started from, which its claims call "the article"."""
        return self.curated.source_url if self.curated is not None else ""

    @property
    def matrix(self):
        names = tuple(profile.name for profile in self.frameworks)
        return MatrixContext(self.url, self.slugs, self.article_url, names)

    @property
    def column_class(self):
        return f"cols-{len(self.frameworks)}"


@dataclass(frozen=True)
class ChoiceList:
    """ "Choose Django if you need to: …", from the framework's own use cases."""

    name: str
    slug: str
    url: str
    reasons: tuple[ListItem, ...]
    # The framework's use cases that rest on a claim the site corrected: never advice.
    set_aside: tuple[ListItem, ...] = ()


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
    metric_notes: tuple[str, ...] = ()  # "Maven Central publishes no download counts."

    @property
    def matrix(self):
        return MatrixContext(self.framework.url, (self.framework.slug,))

    @property
    def more_compare_count(self):
        return len(self.other_frameworks) - len(self.compare_links)


@dataclass(frozen=True)
class LanguageGroup:
    """A language's frameworks: where a reader starts from a language, and the picker's group."""

    language: str
    url: str  # the list of this language's frameworks
    choices: tuple[FrameworkLink, ...]


@dataclass(frozen=True)
class HomePage:
    cards: tuple[FrameworkLink, ...]
    framework_count: int
    languages: tuple[LanguageGroup, ...]
    featured: tuple[ComparisonLink, ...]


def metric_label(value, approximation):
    """A metric's number in words: "12,000", "about 12,000", "more than 12,000"."""
    number = f"{value:,}"
    if approximation == Approximation.AT_LEAST:
        return f"more than {number}"
    if approximation == Approximation.ABOUT:
        return f"about {number}"
    return number


# --- Finding a framework: the decision helper, the category grids, search ---------------


@dataclass(frozen=True)
class FeatureChoice:
    """A capability the decision helper's form offers, and whether the reader ticked it."""

    name: str
    slug: str
    description: str
    is_need: bool
    is_want: bool


@dataclass(frozen=True)
class ChoiceGroup:
    name: str
    slug: str
    choices: tuple[FeatureChoice, ...]


@dataclass(frozen=True)
class Reason:
    """How a framework does on one feature the reader asked for: the feature and its cell."""

    feature: str
    slug: str
    cell: Cell


@dataclass(frozen=True)
class DecideResult:
    rank: int  # the place: frameworks level on the reader's needs and wants share one
    tied: bool  # another framework shares this place
    framework: FrameworkLink
    met: tuple[Reason, ...]
    missed: tuple[Reason, ...]
    wants_met: tuple[Reason, ...]
    wants_missed: tuple[Reason, ...]
    summary: str  # "Meets all 3 must-haves: 2 built in, 1 via an extension."


@dataclass(frozen=True)
class CompareLink:
    count: int
    url: str
    names: tuple[str, ...]
    cuts_tie: bool = False  # the last one taken is level with the next one left out
    needs_url: str = ""  # the same comparison read for the reader's needs, their rows first


@dataclass(frozen=True)
class DecidePage:
    groups: tuple[ChoiceGroup, ...]
    needs: tuple[FeatureChoice, ...]
    wants: tuple[FeatureChoice, ...]
    ignored: tuple[str, ...]
    chosen_languages: tuple[str, ...]
    languages: tuple[str, ...]
    rules: tuple[str, ...]
    results: tuple[DecideResult, ...]
    result_count: int
    compare_links: tuple[CompareLink, ...]
    page_obj: object = None

    @property
    def asked(self):
        return bool(self.needs or self.wants)

    @property
    def language_phrase(self):
        return language_phrase(self.chosen_languages)

    @property
    def tie_cut(self):
        """The first "Compare the top N" that leaves out a framework level with those taken."""
        return next((link for link in self.compare_links if link.cuts_tie), None)


@dataclass(frozen=True)
class GridColumn:
    name: str
    slug: str
    description: str
    is_capability: bool
    is_sorted: bool
    sort_url: str = ""


class GridCell(NamedTuple):
    """A grid's cell: a capability shows its badge, a description its value alone."""

    cell: Cell
    is_capability: bool


@dataclass(frozen=True)
class GridRow:
    framework: FrameworkLink
    cells: tuple[GridCell, ...]


@dataclass(frozen=True)
class GridCategory:
    name: str
    slug: str
    description: str
    url: str
    features: tuple[GridColumn, ...] = ()


@dataclass(frozen=True)
class GridPage:
    category: GridCategory
    columns: tuple[GridColumn, ...]
    rows: tuple[GridRow, ...]
    sort: str
    ignored_sort: str
    chosen_languages: tuple[str, ...]
    languages: tuple[str, ...]
    transpose: bool
    page_obj: object
    categories: tuple[GridCategory, ...]
    # The page's query string without `page`, for the pagination links.
    filter_query: str = ""
    name_sort_url: str = ""
    transpose_url: str = ""

    @property
    def language_phrase(self):
        return language_phrase(self.chosen_languages)

    @property
    def sorted_column(self):
        return next((column for column in self.columns if column.is_sorted), None)

    @property
    def transposed(self):
        """(column, its cells one per row) for the table with features as rows."""
        return tuple(
            (column, tuple(row.cells[index] for row in self.rows))
            for index, column in enumerate(self.columns)
        )


@dataclass(frozen=True)
class FeatureMatch:
    """A framework's value for the feature a search names: "WebSockets: ✓ Yes"."""

    feature: str
    support: str
    icon: str
    label: str
    css_class: str
    text: str


@dataclass(frozen=True)
class SearchHit:
    """A framework that matches a search, and why: "Async support: Native async/await"."""

    name: str
    slug: str
    url: str
    tagline: str
    language: str
    is_published: bool
    reasons: tuple[str, ...]
    more_reasons: int
    features: tuple[FeatureMatch, ...] = ()  # its values for the features the query names
