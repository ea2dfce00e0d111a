"""One framework's page: its profile, its column of the matrix, ways to compare it."""

from collections import defaultdict
from operator import attrgetter

from django.db.models.functions import Lower

from frameworks.cells import make_cell
from frameworks.models import (
    ComparisonEntry,
    FeatureKind,
    FeatureValue,
    Framework,
    compare_url,
)
from frameworks.pages import CategoryBlock, FrameworkLink, FrameworkPage, Row
from frameworks.selectors.comparison import (
    CATEGORY_COLUMNS,
    FEATURE_COLUMNS,
    MATRIX_ORDER,
    VALUE_COLUMNS,
    claims_by_value,
)
from frameworks.selectors.lists import comparison_links
from frameworks.selectors.profiles import User, framework_profiles, metric_charts, metric_notes

COMPARE_LINKS = 12


def framework_page(*, framework: Framework, user: User) -> FrameworkPage:
    """One framework's page: its profile, facts, charts and ways to compare it."""
    (profile,) = framework_profiles(frameworks=[framework], with_key_features=True)
    others = tuple(
        FrameworkLink(name=other.name, slug=other.slug)
        for other in Framework.objects.visible_to(user)
        .exclude(pk=framework.pk)
        .order_by(Lower("name"))
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
        charts=metric_charts(profiles=[profile]),
        comparisons=tuple(
            comparison_links(
                entries=ComparisonEntry.objects.filter(comparison__entries__framework=framework),
                user=user,
            )
        ),
        compare_links=compare_links,
        other_frameworks=others,
        metric_notes=metric_notes(profiles=[profile], named=False),
    )


def _facts(framework):
    """The framework's own column of the matrix, grouped by category: two queries (the
    values, their claims)."""
    values = (
        FeatureValue.objects.filter(framework=framework)
        .order_by(*MATRIX_ORDER)
        .values_list(*VALUE_COLUMNS, *FEATURE_COLUMNS, *CATEGORY_COLUMNS, named=True)
    )
    claims = claims_by_value(framework_ids=[framework.pk])
    grouped = defaultdict(list)
    for value in values:
        name = value.feature__name
        is_capability = value.feature__kind == FeatureKind.CAPABILITY
        cell = make_cell(
            value,
            source_label=f"{framework.name}: {name}",
            is_capability=is_capability,
            claims=claims.get(value.id, ()),
        )
        grouped[attrgetter(*CATEGORY_COLUMNS)(value)].append(
            Row(
                name,
                value.feature__slug,
                value.feature__description,
                (cell,),
                True,
                "",
                is_capability,
            )
        )
    return tuple(CategoryBlock(*category, tuple(rows)) for category, rows in grouped.items())
