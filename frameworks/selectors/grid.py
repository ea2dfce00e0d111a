"""The category grids (/features/, /features/<category>/): every published framework against
one category's features, sorted and paginated here. At most four queries at any size."""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models.functions import Lower
from django.urls import reverse

from frameworks.cells import SUPPORT_ORDER, make_cell
from frameworks.models import (
    CELL_FIELDS,
    Feature,
    FeatureKind,
    FeatureValue,
    Framework,
    SupportLevel,
)
from frameworks.pages import FrameworkLink, GridCategory, GridCell, GridColumn, GridPage, GridRow
from frameworks.selectors.lists import in_languages

ROWS_PER_PAGE = 50


def grid_url(slug):
    return reverse("frameworks:feature_grid", kwargs={"category": slug})


def feature_categories() -> tuple[GridCategory, ...]:
    """Every category that has features, with its features in display order: one query."""
    rows = Feature.objects.order_by(
        "category__order", "category__name", "order", "name"
    ).values_list(
        "name",
        "slug",
        "description",
        "kind",
        "category__name",
        "category__slug",
        "category__description",
        named=True,
    )
    columns, categories = defaultdict(list), {}
    for row in rows:
        categories.setdefault(
            row.category__slug,
            (row.category__name, row.category__slug, row.category__description),
        )
        columns[row.category__slug].append(
            GridColumn(
                name=row.name,
                slug=row.slug,
                description=row.description,
                is_capability=row.kind == FeatureKind.CAPABILITY,
                is_sorted=False,
            )
        )
    return tuple(
        GridCategory(
            name=name,
            slug=slug,
            description=description,
            url=grid_url(slug),
            features=tuple(columns[slug]),
        )
        for name, slug, description in categories.values()
    )


def grid_page(
    *,
    category: str,
    sort: str = "",
    languages: Sequence[str] = (),
    transpose: bool = False,
    page: int | str = 1,
) -> GridPage | None:
    """The grid of one category, or None if no category has this slug.

    A `sort` that names none of the category's features is ignored (`ignored_sort`).
    Raises Django's InvalidPage for a page out of range.
    """
    categories = feature_categories()
    current = next((item for item in categories if item.slug == category), None)
    if current is None:
        return None
    ignored_sort = ""
    if sort and sort not in {column.slug for column in current.features}:
        sort, ignored_sort = "", sort
    url = grid_url(category)

    def link(**changes):
        params = {"sort": sort, "language": list(languages), "transpose": "1" if transpose else ""}
        params.update(changes)
        query = urlencode({key: value for key, value in params.items() if value}, doseq=True)
        return f"{url}?{query}" if query else url

    columns = tuple(
        replace(column, is_sorted=column.slug == sort, sort_url=link(sort=column.slug))
        for column in current.features
    )

    frameworks = list(
        Framework.objects.published()
        .order_by(Lower("name"))
        .values_list("pk", "name", "slug", "language", named=True)
    )
    offered, frameworks = in_languages(frameworks, languages)
    if sort:
        frameworks = _sorted_by(frameworks, next(c for c in columns if c.is_sorted))
    page_obj = Paginator(frameworks, ROWS_PER_PAGE).page(page)
    return GridPage(
        category=current,
        columns=columns,
        rows=_rows(page_obj.object_list, columns),
        sort=sort,
        ignored_sort=ignored_sort,
        chosen_languages=tuple(languages),
        languages=offered,
        transpose=transpose,
        page_obj=page_obj,
        categories=categories,
        filter_query=link().partition("?")[2],
        name_sort_url=link(sort=""),
        transpose_url=link(transpose="" if transpose else "1"),
    )


def _sorted_by(frameworks, column):
    """Frameworks by their value for one feature, then by name: one query for the values."""
    values = {
        row.framework_id: row
        for row in FeatureValue.objects.filter(
            feature__slug=column.slug, framework__in=[framework.pk for framework in frameworks]
        ).values_list("framework_id", "support", "text", named=True)
    }

    def key(framework):
        value = values.get(framework.pk)
        if column.is_capability:
            level = SUPPORT_ORDER.get(value.support if value else SupportLevel.UNKNOWN)
            return (level, framework.name.casefold())
        text = value.text.strip().casefold() if value else ""
        # Frameworks without a value go last, not first.
        return (not text, text, framework.name.casefold())

    return sorted(frameworks, key=key)


def _rows(frameworks, columns):
    """The page's frameworks with their cells: one query for every value on the page."""
    by_cell = {
        (row.framework_id, row.feature__slug): row
        for row in FeatureValue.objects.filter(
            framework__in=[framework.pk for framework in frameworks],
            feature__slug__in=[column.slug for column in columns],
        ).values_list("framework_id", "feature__slug", *CELL_FIELDS, named=True)
    }
    return tuple(
        GridRow(
            framework=FrameworkLink(
                name=framework.name,
                slug=framework.slug,
                url=Framework(slug=framework.slug).get_absolute_url(),
                language=framework.language,
            ),
            cells=tuple(
                GridCell(
                    make_cell(
                        by_cell.get((framework.pk, column.slug)),
                        source_label=f"{framework.name}: {column.name}",
                    ),
                    column.is_capability,
                )
                for column in columns
            ),
        )
        for framework in frameworks
    )
