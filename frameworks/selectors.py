"""Reads that span several models, each in a fixed number of SQL queries.

The reader pages' selectors (`comparison_page`, `framework_page`, `home_page`,
`framework_list`, `published_comparisons`) hand back the frozen objects of
`frameworks/pages.py`, so templates only print; the admin's `content_gaps` hands back the
editors' to-do lists. Every function takes keyword-only, annotated arguments. Rows are read
by name (`values_list(..., named=True)`), never by position. The query count of each page is
fixed whatever the number of frameworks, features and values: tests/test_selectors.py and
tests/test_query_budgets.py hold the budgets.
"""

from collections import defaultdict
from collections.abc import Iterable
from itertools import groupby
from operator import attrgetter

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import F, Prefetch, Q, QuerySet
from django.db.models.functions import Coalesce
from django.template.defaultfilters import pluralize
from django.utils.text import Truncator

from frameworks.charts import Reading, build_chart
from frameworks.models import (
    CELL_FIELDS,
    MAX_COMPARED,
    MIN_COMPARED,
    Adoption,
    Comparison,
    ComparisonEntry,
    Con,
    FeatureValue,
    Framework,
    KeyFeature,
    Metric,
    MetricKind,
    Pro,
    UseCase,
    compare_url,
    curated_compare_url,
    previews_drafts,
)
from frameworks.pages import (
    CURATED_FIELDS,
    CategoryBlock,
    CompanyItem,
    ComparisonLink,
    ComparisonPage,
    CuratedComparison,
    FaqItem,
    FrameworkLink,
    FrameworkPage,
    FrameworkProfile,
    HomePage,
    KeyFeatureItem,
    Row,
    make_cell,
    metric_label,
)

__all__ = [
    "COMPARE_LINKS",
    "MAX_COMPARED",
    "MIN_COMPARED",
    "comparison_page",
    "framework_list",
    "framework_page",
    "home_page",
    "published_comparisons",
]

User = AbstractBaseUser | AnonymousUser

HOME_CARDS = 12
COMPARE_LINKS = 12
DESCRIPTION_LENGTH = 160


# --- Comparison --------------------------------------------------------------------------


def comparison_page(
    *, frameworks: Iterable[Framework], user: User, only_differences: bool = False
) -> ComparisonPage:
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


# What a matrix query reads of each value's feature and the feature's category.
FEATURE_COLUMNS = ("feature__name", "feature__slug", "feature__description")
CATEGORY_COLUMNS = (
    "feature__category__name",
    "feature__category__slug",
    "feature__category__description",
)
MATRIX_ORDER = ("feature__category__order", "feature__category__name", "feature__order")


def _matrix_values(frameworks):
    """The frameworks' values with their feature and category, in matrix order: one query."""
    return (
        FeatureValue.objects.filter(framework__in=[framework.pk for framework in frameworks])
        .order_by(*MATRIX_ORDER, "feature__name")
        .values_list(
            "feature_id",
            "framework_id",
            *CELL_FIELDS,
            *FEATURE_COLUMNS,
            *CATEGORY_COLUMNS,
            named=True,
        )
    )


def _matrix(frameworks):
    """Categories → rows → cells in one query, whatever the size of the matrix.

    Only features with a value for one of these frameworks come back: a row nobody has
    researched for them tells nothing, and 300 features must not be read to show 40.
    """
    values = _matrix_values(frameworks)
    categories = []
    for category, feature_rows in groupby(values, key=attrgetter(*CATEGORY_COLUMNS)):
        rows = tuple(
            _row(list(cells), frameworks)
            for _, cells in groupby(feature_rows, key=attrgetter("feature_id"))
        )
        categories.append(CategoryBlock(*category, rows))
    return tuple(categories)


def _row(values, frameworks):
    """One feature's row from its values (one per framework that has one)."""
    feature = values[0]
    name = feature.feature__name
    by_framework = {value.framework_id: value for value in values}
    cells = tuple(
        make_cell(by_framework.get(framework.pk), source_label=f"{framework.name}: {name}")
        for framework in frameworks
    )
    all_agree = len({cell.agreement_key for cell in cells}) == 1
    return Row(
        name,
        feature.feature__slug,
        feature.feature__description,
        cells,
        all_agree,
        "agree" if all_agree else "",
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
        .values_list(*CURATED_FIELDS, "faq__question", "faq__answer", named=True)
    )
    if not rows:
        return None
    faq = tuple(
        FaqItem(row.faq__question, row.faq__answer) for row in rows if row.faq__question is not None
    )
    first = rows[0]
    return CuratedComparison(**{name: getattr(first, name) for name in CURATED_FIELDS}, faq=faq)


def _comparison_of_exactly(ids):
    """The id of the comparison of exactly `ids`: the published one, the latest, first."""
    entries = (
        ComparisonEntry.objects.filter(comparison__entries__framework__in=ids)
        .order_by("-comparison__is_published", "-comparison__updated_on", "comparison_id")
        .values_list("comparison_id", "framework_id", named=True)
    )
    members = defaultdict(set)
    for entry in entries:
        members[entry.comparison_id].add(entry.framework_id)
    return next((pk for pk, frameworks in members.items() if frameworks == ids), None)


# --- Framework profiles ------------------------------------------------------------------


def _profiles(frameworks, *, with_key_features=False):
    """The frameworks' profiles: one query per kind of item, whatever the number of frameworks.

    Rows are read as tuples: building a model instance for each pro and con would cost
    more than the rest of the profile. Every list is ordered in SQL, by its `order` first.
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
    """{framework id: [text, …]} of one of the frameworks' lists (pros, cons, use cases)."""
    rows = model.objects.filter(framework__in=ids).order_by("order", "pk")
    texts = defaultdict(list)
    for row in rows.values_list("framework_id", "text", named=True):
        texts[row.framework_id].append(row.text)
    return texts


def _key_features(ids):
    rows = KeyFeature.objects.filter(framework__in=ids).order_by("order", "pk")
    items = defaultdict(list)
    for row in rows.values_list("framework_id", "title", "text", named=True):
        items[row.framework_id].append(KeyFeatureItem(row.title, row.text))
    return items


def _companies(ids):
    adoptions = (
        Adoption.objects.filter(framework__in=ids)
        .order_by("order", "company__name")
        .values_list(
            "framework_id",
            "company__name",
            "company__website_url",
            "source_url",
            "as_of",
            named=True,
        )
    )
    companies = defaultdict(list)
    for adoption in adoptions:
        companies[adoption.framework_id].append(
            CompanyItem(
                name=adoption.company__name,
                website_url=adoption.company__website_url,
                source_url=adoption.source_url,
                as_of=adoption.as_of,
            )
        )
    return companies


def _readings(frameworks):
    """{framework id: {metric kind: [Reading, ...]}}, oldest reading first."""
    names = {framework.pk: framework.name for framework in frameworks}
    metrics = (
        Metric.objects.filter(framework__in=list(names))
        .order_by("kind", "as_of", "framework_id", "value")
        .values_list(
            "kind", "as_of", "framework_id", "value", "approximation", "source_url", named=True
        )
    )
    readings = defaultdict(lambda: defaultdict(list))
    for metric in metrics:
        readings[metric.framework_id][metric.kind].append(
            Reading(
                series=names[metric.framework_id],
                as_of=metric.as_of,
                value=metric.value,
                value_label=metric_label(metric.value, metric.approximation),
                source_url=metric.source_url,
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


def _charts(profiles):
    charts = []
    for kind, title in MetricKind.choices:
        series = {profile.name: profile.readings.get(kind, ()) for profile in profiles}
        if any(series.values()):
            charts.append(build_chart(chart_id=f"chart-{kind}", title=title, series=series))
    return tuple(charts)


# --- Framework page ----------------------------------------------------------------------


def framework_page(*, framework: Framework, user: User) -> FrameworkPage:
    """One framework's page: its profile, facts, charts and ways to compare it."""
    (profile,) = _profiles([framework], with_key_features=True)
    others = tuple(
        FrameworkLink(name=other.name, slug=other.slug)
        for other in Framework.objects.visible_to(user)
        .exclude(pk=framework.pk)
        .order_by("name")
        .values_list("name", "slug", named=True)
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
        .order_by(*MATRIX_ORDER)
        .values_list(*CELL_FIELDS, *FEATURE_COLUMNS, *CATEGORY_COLUMNS, named=True)
    )
    grouped = defaultdict(list)
    for value in values:
        name = value.feature__name
        cell = make_cell(value, source_label=f"{framework.name}: {name}")
        grouped[attrgetter(*CATEGORY_COLUMNS)(value)].append(
            Row(name, value.feature__slug, value.feature__description, (cell,), True, "")
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
    grouped = defaultdict(list)
    for row in rows.values_list(
        "comparison_id",
        "comparison__title",
        "comparison__is_published",
        "comparison__updated_on",
        "framework__slug",
        "framework__name",
        "framework__is_published",
        named=True,
    ):
        grouped[row.comparison_id].append(row)
    for members in grouped.values():
        all_published = all(member.framework__is_published for member in members)
        if not staff and not all_published:
            continue
        url = curated_compare_url(member.framework__slug for member in members)
        if url is None:
            continue
        first = members[0]
        yield ComparisonLink(
            title=first.comparison__title,
            url=url,
            names=tuple(member.framework__name for member in members),
            is_published=first.comparison__is_published and all_published,
            updated_on=first.comparison__updated_on,
        )


# --- Home and lists ----------------------------------------------------------------------


def home_page(*, user: User) -> HomePage:
    """Framework cards, the picker's choices and the featured comparisons: two queries."""
    frameworks = list(
        Framework.objects.visible_to(user)
        .order_by("name")
        .values_list("name", "slug", "tagline", "language", "is_published", named=True)
    )
    # Only the cards link to the frameworks' pages: 500 choices need no reversed URL.
    cards = tuple(
        FrameworkLink(
            name=card.name,
            slug=card.slug,
            url=Framework(slug=card.slug).get_absolute_url(),
            tagline=card.tagline,
            language=card.language,
            is_published=card.is_published,
        )
        for card in frameworks[:HOME_CARDS]
    )
    featured = ComparisonEntry.objects.filter(comparison__is_featured=True)
    return HomePage(
        cards=cards,
        framework_count=len(frameworks),
        choices=tuple(FrameworkLink(name=row.name, slug=row.slug) for row in frameworks),
        featured=tuple(_comparison_links(featured, user)),
    )


def framework_list(
    *, user: User, query: str = "", language: str = ""
) -> tuple[QuerySet, tuple[str, ...]]:
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


def published_comparisons(*, limit: int | None = None) -> list[Comparison]:
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
        comparison.url = comparison.get_absolute_url()
        if comparison.url is not None:
            result.append(comparison)
    return result
