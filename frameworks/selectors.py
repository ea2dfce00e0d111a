"""Reads that build the reader pages, each in a fixed number of SQL queries.

Every function here returns plain frozen dataclasses holding exactly what a template prints:
labels, CSS classes and dates are worked out once here, so templates stay lean (a
four-framework comparison over 300 features prints 1,200 cells) and can never run a query.
The query count of each page is fixed whatever the number of frameworks, features and
values; tests/test_selectors.py holds the budgets.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from itertools import groupby
from operator import itemgetter
from typing import NamedTuple

from django.db.models import F, Prefetch, Q
from django.db.models.functions import Coalesce
from django.template.defaultfilters import pluralize
from django.utils.text import Truncator

from frameworks.charts import Chart, Reading, build_chart, human_date
from frameworks.models import (
    Adoption,
    Approximation,
    Comparison,
    ComparisonEntry,
    Con,
    FeatureValue,
    Framework,
    KeyFeature,
    Metric,
    MetricKind,
    Pro,
    SupportLevel,
    UseCase,
    compare_url,
    previews_drafts,
)

MIN_COMPARED = 2
MAX_COMPARED = 4
HOME_CARDS = 12
COMPARE_LINKS = 12
DESCRIPTION_LENGTH = 160


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


# --- Comparison --------------------------------------------------------------------------


def comparison_page(*, frameworks, user, only_differences=False):
    """Everything the comparison of 2-4 frameworks shows, in a fixed number of queries.

    `frameworks` are the Framework rows of the URL, already checked visible to `user`.
    Columns are in canonical (alphabetical slug) order, as in the URL.
    """
    frameworks = sorted(frameworks, key=lambda framework: framework.slug)
    profiles = _profiles(frameworks)
    all_categories = _matrix(frameworks)
    categories = all_categories
    if only_differences:
        categories = _only_differences(all_categories)
    row_count = sum(len(category.rows) for category in all_categories)
    difference_count = sum(
        1 for category in all_categories for row in category.rows if not row.all_agree
    )
    curated = _curated_for(frameworks, user)
    title = " vs ".join(profile.name for profile in profiles)
    return ComparisonPage(
        title=curated.title if curated else title,
        description=_comparison_description(profiles, row_count, curated),
        slugs=tuple(framework.slug for framework in frameworks),
        url=compare_url([framework.slug for framework in frameworks]),
        frameworks=profiles,
        categories=categories,
        curated=curated,
        charts=_charts(profiles),
        only_differences=only_differences,
        row_count=row_count,
        difference_count=difference_count,
        draft_names=tuple(profile.name for profile in profiles if not profile.is_published),
    )


def _comparison_description(profiles, row_count, curated):
    if curated is not None and curated.intro:
        return Truncator(" ".join(curated.intro.split())).chars(DESCRIPTION_LENGTH)
    names = [profile.name for profile in profiles]
    listed = ", ".join(names[:-1]) + " and " + names[-1]
    return (
        f"{listed} compared side by side: {row_count} feature{pluralize(row_count)} with "
        "sources and verification dates, pros and cons, use cases, companies and metrics."
    )


# What a matrix query reads of each value, then of its feature and the feature's category.
CELL_COLUMNS = ("support", "text", "note", "source_url", "verified_on")
ROW_COLUMNS = (
    "feature__name",
    "feature__slug",
    "feature__description",
    "feature__category__name",
    "feature__category__slug",
    "feature__category__description",
)


def _matrix(frameworks):
    """Categories → rows → cells in one query, whatever the size of the matrix.

    Only features with a value for one of these frameworks come back: a row nobody has
    researched for them tells nothing, and 300 features must not be read to show 40.
    """
    values = (
        FeatureValue.objects.filter(framework__in=[framework.pk for framework in frameworks])
        .order_by(
            "feature__category__order",
            "feature__category__name",
            "feature__order",
            "feature__name",
        )
        .values_list("feature_id", "framework_id", *CELL_COLUMNS, *ROW_COLUMNS)
    )
    categories = []
    for category, feature_rows in groupby(values, key=itemgetter(10, 11, 12)):
        rows = tuple(
            _row(list(cells), frameworks) for _, cells in groupby(feature_rows, key=itemgetter(0))
        )
        categories.append(CategoryBlock(*category, rows))
    return tuple(categories)


def _row(values, frameworks):
    """One feature's row from its values (one per framework that has one)."""
    name, slug, description = values[0][7:10]
    by_framework = {value[1]: value[2:7] for value in values}
    cells = tuple(
        _cell(by_framework.get(framework.pk), framework.name, name) for framework in frameworks
    )
    all_agree = len({cell.agreement_key for cell in cells}) == 1
    return Row(name, slug, description, cells, all_agree, "agree" if all_agree else "")


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


def _cell(values, framework_name, feature_name):
    if values is None:
        return UNKNOWN_CELL
    support, text, note, source_url, verified_on = values
    badge = BADGES.get(support, BADGES[SupportLevel.UNKNOWN])
    return Cell(
        support=support,
        icon=badge.icon,
        label=badge.label,
        css_class=badge.css_class,
        # "Yes" beside a "✓ Yes" badge says nothing new.
        text=text,
        display_text="" if text.strip().casefold() == badge.label.casefold() else text,
        note=note,
        source_url=source_url,
        source_label=f"{framework_name}: {feature_name}",
        verified_on=verified_on,
        verified_iso=verified_on.isoformat() if verified_on else "",
        verified_label=f"verified {human_date(verified_on)}" if verified_on else "",
    )


def _only_differences(categories):
    kept = []
    for category in categories:
        rows = tuple(row for row in category.rows if not row.all_agree)
        if rows:
            kept.append(CategoryBlock(category.name, category.slug, category.description, rows))
    return tuple(kept)


def _curated_for(frameworks, user):
    """The curated comparison of exactly this set of frameworks, if any: always two queries.

    The first lists the members of every comparison that includes one of these frameworks
    (a handful of short rows) and the exact set is picked here, which costs less than
    counting entries with aggregates in SQL. The second reads it with its FAQ.
    """
    match = _comparison_of_exactly({framework.pk for framework in frameworks})
    # A draft comes first only when no published comparison has this set, and the public
    # must not see it: then nothing is found. Filtering on None still runs the query, so
    # the count stays the same with or without a match.
    rows = list(
        Comparison.objects.visible_to(user)
        .filter(pk=match)
        .order_by("faq__order", "faq__pk")
        .values_list(*CURATED_FIELDS, "faq__question", "faq__answer")
    )
    if not rows:
        return None
    faq = tuple(FaqItem(question, answer) for *_, question, answer in rows if question is not None)
    return CuratedComparison(*rows[0][: len(CURATED_FIELDS)], faq=faq)


# The columns of a curated comparison, in the order of `CuratedComparison`'s fields.
CURATED_FIELDS = (
    "title",
    "slug",
    "intro",
    "verdict",
    "author",
    "fact_checker",
    "source_url",
    "is_published",
    "published_on",
    "updated_on",
)


def _comparison_of_exactly(ids):
    """The id of the comparison of exactly `ids`: the published one, the latest, first."""
    entries = (
        ComparisonEntry.objects.filter(comparison__entries__framework__in=ids)
        .order_by("-comparison__is_published", "-comparison__updated_on", "comparison_id")
        .values_list("comparison_id", "framework_id")
    )
    members = defaultdict(set)
    for comparison_id, framework_id in entries:
        members[comparison_id].add(framework_id)
    return next((pk for pk, frameworks in members.items() if frameworks == ids), None)


# --- Framework profiles ------------------------------------------------------------------


def _profiles(frameworks, *, with_key_features=False):
    """The frameworks' profiles: one query per kind of item, whatever the number of frameworks.

    Rows are read as tuples: building a model instance for each pro and con would cost
    more than the rest of the profile.
    """
    ids = [framework.pk for framework in frameworks]
    pros = _texts(Pro, ids)
    cons = _texts(Con, ids)
    use_cases = _texts(UseCase, ids)
    key_features = _key_features(ids) if with_key_features else defaultdict(list)
    companies = _companies(ids)
    readings = _readings(frameworks)
    return tuple(
        _profile(
            framework,
            key_features=key_features[framework.pk],
            pros=pros[framework.pk],
            cons=cons[framework.pk],
            use_cases=use_cases[framework.pk],
            companies=companies[framework.pk],
            readings=readings[framework.pk],
        )
        for framework in frameworks
    )


def _texts(model, ids):
    """{framework id: [text, …]} of one of the frameworks' lists (pros, cons, use cases).

    Three queries cost less than one UNION ALL of the three tables: the ORM spends more
    time building the union than the database saves running it. Likewise the rows are
    sorted here: compiling an ORDER BY costs the ORM more than sorting a few rows costs.
    """
    rows = model.objects.filter(framework__in=ids).order_by()
    texts = defaultdict(list)
    for _, _, framework_id, text in sorted(rows.values_list("order", "pk", "framework_id", "text")):
        texts[framework_id].append(text)
    return texts


def _key_features(ids):
    rows = KeyFeature.objects.filter(framework__in=ids).order_by()
    rows = sorted(rows.values_list("order", "pk", "framework_id", "title", "text"))
    items = defaultdict(list)
    for _, _, framework_id, title, text in rows:
        items[framework_id].append(KeyFeatureItem(title, text))
    return items


def _companies(ids):
    adoptions = (
        Adoption.objects.filter(framework__in=ids)
        .order_by("order", "company__name")
        .values_list("framework_id", "company__name", "company__website_url", "source_url", "as_of")
    )
    companies = defaultdict(list)
    for framework_id, *company in adoptions:
        companies[framework_id].append(CompanyItem(*company))
    return companies


def _readings(frameworks):
    """{framework id: {metric kind: [Reading, ...]}}, oldest reading first."""
    names = {framework.pk: framework.name for framework in frameworks}
    metrics = (
        Metric.objects.filter(framework__in=list(names))
        .order_by()
        .values_list("kind", "as_of", "framework_id", "value", "approximation", "source_url")
    )
    readings = defaultdict(lambda: defaultdict(list))
    for kind, as_of, framework_id, value, approximation, source_url in sorted(metrics):
        readings[framework_id][kind].append(
            Reading(
                series=names[framework_id],
                as_of=as_of,
                value=value,
                value_label=metric_label(value, approximation),
                source_url=source_url,
            )
        )
    return readings


def _profile(framework, *, key_features, pros, cons, use_cases, companies, readings):
    return FrameworkProfile(
        name=framework.name,
        slug=framework.slug,
        url=framework.get_absolute_url(),
        tagline=framework.tagline,
        summary=framework.summary,
        language=framework.language,
        first_release_year=framework.first_release_year,
        original_authors=framework.original_authors,
        license=framework.license,
        website_url=framework.website_url,
        repository_url=framework.repository_url,
        source_url=framework.source_url,
        is_published=framework.is_published,
        updated_at=framework.updated_at,
        key_features=tuple(key_features),
        pros=tuple(pros),
        cons=tuple(cons),
        use_cases=tuple(use_cases),
        companies=tuple(companies),
        company_names=", ".join(company.name for company in companies),
        readings={kind: tuple(values) for kind, values in readings.items()},
    )


def metric_label(value, approximation):
    number = f"{value:,}"
    if approximation == Approximation.AT_LEAST:
        return f"more than {number}"
    if approximation == Approximation.ABOUT:
        return f"about {number}"
    return number


def _charts(profiles):
    charts = []
    for kind, title in MetricKind.choices:
        series = {profile.name: profile.readings.get(kind, ()) for profile in profiles}
        if any(series.values()):
            charts.append(build_chart(chart_id=f"chart-{kind}", title=title, series=series))
    return tuple(charts)


# --- Framework page ----------------------------------------------------------------------


def framework_page(*, framework, user):
    """One framework's page: its profile, facts, charts and ways to compare it."""
    (profile,) = _profiles([framework], with_key_features=True)
    others = tuple(
        FrameworkLink(name=name, slug=slug)
        for name, slug in Framework.objects.visible_to(user)
        .exclude(pk=framework.pk)
        .order_by("name")
        .values_list("name", "slug")
    )
    # Links for a dozen; the picker offers the rest (500 frameworks would be 499 links).
    compare_links = tuple(
        FrameworkLink(
            name=other.name, slug=other.slug, url=compare_url([framework.slug, other.slug])
        )
        for other in others[:COMPARE_LINKS]
    )
    return FrameworkPage(
        framework=profile,
        facts=_facts(framework),
        charts=_charts([profile]),
        comparisons=tuple(
            _comparison_links(
                ComparisonEntry.objects.filter(comparison__entries__framework=framework), user
            )
        ),
        compare_links=compare_links,
        other_frameworks=others,
    )


def _facts(framework):
    """The framework's own column of the matrix, grouped by category: one query."""
    values = (
        FeatureValue.objects.filter(framework=framework)
        .order_by("feature__category__order", "feature__category__name", "feature__order")
        .values_list(*CELL_COLUMNS, *ROW_COLUMNS)
    )
    grouped = defaultdict(list)
    for *cell_values, name, slug, description, cat_name, cat_slug, cat_description in values:
        cell = _cell(tuple(cell_values), framework.name, name)
        grouped[(cat_name, cat_slug, cat_description)].append(
            Row(name, slug, description, (cell,), True, "")
        )
    return tuple(CategoryBlock(*category, tuple(rows)) for category, rows in grouped.items())


def _comparison_links(entries, user):
    """Curated comparisons from their entries: one query, URLs from the framework slugs.

    The public sees a curated comparison only when it and all its frameworks are published.
    """
    staff = previews_drafts(user)
    if not staff:
        entries = entries.filter(comparison__is_published=True)
    rows = entries.order_by("-comparison__updated_on", "comparison__title", "order", "pk")
    grouped = {}
    for (
        comparison_id,
        title,
        is_published,
        updated_on,
        slug,
        name,
        framework_published,
    ) in rows.values_list(
        "comparison_id",
        "comparison__title",
        "comparison__is_published",
        "comparison__updated_on",
        "framework__slug",
        "framework__name",
        "framework__is_published",
    ):
        entry = grouped.setdefault(
            comparison_id,
            {"title": title, "published": is_published, "updated_on": updated_on, "members": []},
        )
        entry["members"].append((slug, name, framework_published))
    for entry in grouped.values():
        members = entry["members"]
        if not staff and not all(published for _, _, published in members):
            continue
        if not MIN_COMPARED <= len(members) <= MAX_COMPARED:
            continue
        yield ComparisonLink(
            title=entry["title"],
            url=compare_url([slug for slug, _, _ in members]),
            names=tuple(name for _, name, _ in members),
            is_published=entry["published"] and all(p for _, _, p in members),
            updated_on=entry["updated_on"],
        )


# --- Home and lists ----------------------------------------------------------------------


def home_page(*, user):
    """Framework cards, the picker's choices and the featured comparisons: two queries."""
    frameworks = list(
        Framework.objects.visible_to(user)
        .order_by("name")
        .values_list("name", "slug", "tagline", "language", "is_published")
    )
    # Only the cards link to the frameworks' pages: 500 choices need no reversed URL.
    cards = tuple(
        FrameworkLink(
            name=name,
            slug=slug,
            url=Framework(slug=slug).get_absolute_url(),
            tagline=tagline,
            language=language,
            is_published=is_published,
        )
        for name, slug, tagline, language, is_published in frameworks[:HOME_CARDS]
    )
    featured = ComparisonEntry.objects.filter(comparison__is_featured=True)
    return HomePage(
        cards=cards,
        framework_count=len(frameworks),
        choices=tuple(FrameworkLink(name=name, slug=slug) for name, slug, *_ in frameworks),
        featured=tuple(_comparison_links(featured, user)),
    )


def framework_list(*, user, query="", language=""):
    """The /frameworks/ queryset (paginated by the view) and the languages to filter by."""
    frameworks = Framework.objects.visible_to(user).order_by("name")
    languages = tuple(frameworks.order_by("language").values_list("language", flat=True).distinct())
    if query:
        frameworks = frameworks.filter(
            Q(name__icontains=query) | Q(tagline__icontains=query) | Q(summary__icontains=query)
        )
    if language:
        frameworks = frameworks.filter(language=language)
    return frameworks.values("name", "slug", "tagline", "language", "is_published"), languages


def published_comparisons(*, limit=None):
    """Curated comparisons the public may read, newest update first, each with its `url`.

    For the feed and the sitemap: two queries, however many comparisons.
    """
    comparisons = (
        Comparison.objects.published()
        .exclude(entries__framework__is_published=False)
        .annotate(last_change=Coalesce("updated_on", "published_on"))
        .order_by(F("last_change").desc(nulls_last=True), "title")
        .prefetch_related(
            Prefetch(
                "entries",
                queryset=ComparisonEntry.objects.select_related("framework").order_by(
                    "order", "pk"
                ),
            )
        )
    )
    if limit is not None:
        comparisons = comparisons[:limit]
    result = []
    for comparison in comparisons:
        slugs = [entry.framework.slug for entry in comparison.entries.all()]
        if MIN_COMPARED <= len(slugs) <= MAX_COMPARED:
            comparison.url = compare_url(slugs)
            result.append(comparison)
    return result


# --- JSON --------------------------------------------------------------------------------


def comparison_data(page):
    """The comparison as plain data for /compare/….json."""
    return {
        "title": page.title,
        "url": page.url,
        "frameworks": [
            {"slug": profile.slug, "name": profile.name, "url": profile.url}
            for profile in page.frameworks
        ],
        "categories": [
            {
                "name": category.name,
                "slug": category.slug,
                "features": [
                    {
                        "name": row.name,
                        "slug": row.slug,
                        "description": row.description,
                        "all_agree": row.all_agree,
                        "values": {
                            profile.slug: _cell_data(cell)
                            for profile, cell in zip(page.frameworks, row.cells, strict=True)
                        },
                    }
                    for row in category.rows
                ],
            }
            for category in page.categories
        ],
        "comparison": _curated_data(page.curated),
    }


def _cell_data(cell):
    return {
        "support": cell.support,
        "support_label": cell.label,
        "text": cell.text,
        "note": cell.note,
        "source_url": cell.source_url,
        "verified_on": cell.verified_on.isoformat() if cell.verified_on else None,
    }


def _curated_data(curated):
    if curated is None:
        return None
    return {
        "title": curated.title,
        "intro": curated.intro,
        "verdict": curated.verdict,
        "author": curated.author,
        "fact_checker": curated.fact_checker,
        "published_on": curated.published_on.isoformat() if curated.published_on else None,
        "updated_on": curated.updated_on.isoformat() if curated.updated_on else None,
        "faq": [{"question": item.question, "answer": item.answer} for item in curated.faq],
    }
