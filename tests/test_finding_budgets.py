"""The decision helper, the grids and search cost a fixed number of queries however big the site
is: each page runs as many queries on a site twice the size as on the smaller one, and no more
than its budget. Each budget's docstring names the N+1 it prevents."""

from dataclasses import dataclass

import pytest
from django.core.management import call_command

# The whole request with the page cache off (see each test for what the queries are).
DECIDE_QUERIES = 3
GRID_QUERIES = 4
SEARCH_QUERIES = 6
INDEX_QUERIES = 1
# generate_demo_data's sizes: (frameworks, features). Both hold more than a page (50) of
# frameworks and the 50 features the decision helper is asked about; the larger one has more
# than twice the values of the smaller.
SMALLER = (60, 60)
LARGER = (130, 120)
SEARCH_PATHS = ["/frameworks/?q=demo", "/frameworks/?q=routing&page=2"]
INDEX_PATHS = ["/features/", "/sitemap-features.xml"]


@dataclass
class Sizes:
    paths: dict  # what each test requests, from the smaller site
    queries: dict  # path -> the queries it ran on the smaller site


def generate(size, **options):
    frameworks, features = size
    call_command(
        "generate_demo_data",
        frameworks=frameworks,
        features=features,
        seed=1,
        verbosity=0,
        **options,
    )


def decide_paths():
    from frameworks.models import Feature

    slugs = list(Feature.objects.order_by("slug").values_list("slug", flat=True)[:50])
    query = (
        "&".join(f"need={slug}" for slug in slugs[:40])
        + "&"
        + "&".join(f"want={slug}" for slug in slugs[40:])
    )
    return [f"/decide/?{query}", f"/decide/?{query}&page=2", f"/decide.json?{query}"]


def grid_paths():
    category, slugs = features_of_first_category()
    base = f"/features/{category.slug}/"
    return [
        base,
        f"{base}?sort={slugs[0]}&page=2",
        f"{base}?sort={slugs[-1]}&transpose=1&page=2",
        f"/features/{category.slug}.json?sort={slugs[0]}",
    ]


def queries_on(client, path):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(captured)


@pytest.fixture(scope="module")
def big_site(django_db_setup, django_db_blocker):
    """The queries of every page on the smaller site, then the larger site left in place."""
    from django.core.cache import cache
    from django.db import transaction
    from django.test import Client, override_settings

    with (
        django_db_blocker.unblock(),
        transaction.atomic(),
        override_settings(PAGE_CACHE_ENABLED=False),
    ):
        generate(SMALLER)
        paths = {
            "decide": decide_paths(),
            "grid": grid_paths(),
            "search": SEARCH_PATHS,
            "index": INDEX_PATHS,
        }
        cache.clear()
        client = Client()
        queries = {path: queries_on(client, path) for group in paths.values() for path in group}
        generate(LARGER, clear=True)
        yield Sizes(paths=paths, queries=queries)
        transaction.set_rollback(True)


pytestmark = [pytest.mark.django_db]


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    settings.PAGE_CACHE_ENABLED = False


def features_of_first_category():
    from frameworks.selectors import feature_categories

    category = feature_categories()[0]
    return category, [feature.slug for feature in category.features]


def get(client, path, budget, assert_max, big_site):
    with assert_max(budget) as captured:
        response = client.get(path)
    assert response.status_code == 200, path
    assert len(captured) == big_site.queries[path], f"{path}: more queries on the larger site"
    return response


def test_decide_ranks_every_framework_for_50_needs_in_three_queries(
    client, django_assert_max_num_queries, big_site
):
    """Prevents a query per framework or per need: the capabilities, the frameworks and the
    asked values are one query each."""
    first, *others = big_site.paths["decide"]

    response = get(client, first, DECIDE_QUERIES, django_assert_max_num_queries, big_site)
    for path in others:
        get(client, path, DECIDE_QUERIES, django_assert_max_num_queries, big_site)

    assert f"{LARGER[0]} frameworks, best fit first" in response.content.decode()
    assert response.content.decode().count('class="result"') == 50


def test_grid_of_every_framework_costs_four_queries_sorted_or_not(
    client, django_assert_max_num_queries, big_site
):
    """Prevents a query per row or per cell: the features, the frameworks, the sorting
    feature's values and the page's values are one query each."""
    _, slugs = features_of_first_category()
    first, *others = big_site.paths["grid"]

    response = get(client, first, GRID_QUERIES, django_assert_max_num_queries, big_site)
    for path in others:
        get(client, path, GRID_QUERIES, django_assert_max_num_queries, big_site)

    page = response.content.decode()
    assert page.count('<th scope="row" class="grid-framework">') == 50
    assert page.count("<td ") == 50 * len(slugs)


def test_search_over_every_framework_costs_six_queries(
    client, django_assert_max_num_queries, big_site
):
    """Prevents a query per framework for its values or key features (the reasons)."""
    first, *others = big_site.paths["search"]

    response = get(client, first, SEARCH_QUERIES, django_assert_max_num_queries, big_site)
    for path in others:
        get(client, path, SEARCH_QUERIES, django_assert_max_num_queries, big_site)

    assert f"{LARGER[0]} frameworks matching" in response.content.decode()


def test_feature_index_and_grid_sitemap_cost_one_query(
    client, django_assert_max_num_queries, big_site
):
    """Prevents a query per category for its features."""
    for path in big_site.paths["index"]:
        get(client, path, INDEX_QUERIES, django_assert_max_num_queries, big_site)
