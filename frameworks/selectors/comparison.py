"""The comparison page of 2 to 4 frameworks: the matrix, the curated comparison, charts."""

from collections import defaultdict
from collections.abc import Iterable
from itertools import groupby
from operator import attrgetter

from django.template.defaultfilters import pluralize
from django.utils.text import Truncator

from frameworks.models import (
    CELL_FIELDS,
    Comparison,
    ComparisonEntry,
    FeatureValue,
    Framework,
    compare_url,
)
from frameworks.pages import (
    CURATED_FIELDS,
    CategoryBlock,
    ComparisonPage,
    CuratedComparison,
    FaqItem,
    Row,
    make_cell,
)
from frameworks.selectors.profiles import User, framework_profiles, metric_charts

DESCRIPTION_LENGTH = 160


def comparison_page(
    *, frameworks: Iterable[Framework], user: User, only_differences: bool = False
) -> ComparisonPage:
    """Everything the comparison of 2-4 frameworks shows, in a fixed number of queries.

    `frameworks` are the Framework rows of the URL, already checked visible to `user`.
    Columns are in canonical (alphabetical slug) order, as in the URL.
    """
    frameworks = sorted(frameworks, key=lambda framework: framework.slug)
    profiles = framework_profiles(frameworks=frameworks)
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
        charts=metric_charts(profiles=profiles),
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
