"""The decision helper, the grids and search at 500 frameworks x 300 features: a fixed number
of queries however big the site is. Each budget's docstring names the N+1 it prevents."""

import pytest
from django.core.management import call_command

# The whole request with the page cache off (see each test for what the queries are).
DECIDE_QUERIES = 3
GRID_QUERIES = 4
SEARCH_QUERIES = 4
INDEX_QUERIES = 1


@pytest.fixture(scope="module")
def big_site(django_db_setup, django_db_blocker):
    """generate_demo_data's 500 x 300 (150,000 values), made once for the module."""
    from django.db import transaction

    with django_db_blocker.unblock(), transaction.atomic():
        call_command("generate_demo_data", frameworks=500, features=300, seed=1, verbosity=0)
        yield
        transaction.set_rollback(True)


pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("big_site")]


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    settings.PAGE_CACHE_ENABLED = False


def features_of_first_category():
    from frameworks.selectors import feature_categories

    category = feature_categories()[0]
    return category, [feature.slug for feature in category.features]


def get(client, path, budget, assert_max):
    with assert_max(budget):
        response = client.get(path)
    assert response.status_code == 200, path
    return response


def test_decide_ranks_500_frameworks_for_50_needs_in_three_queries(
    client, django_assert_max_num_queries
):
    """Prevents a query per framework or per need: the capabilities, the frameworks and the
    asked values are one query each."""
    from frameworks.models import Feature

    slugs = list(Feature.objects.order_by("slug").values_list("slug", flat=True)[:50])
    query = (
        "&".join(f"need={slug}" for slug in slugs[:40])
        + "&"
        + "&".join(f"want={slug}" for slug in slugs[40:])
    )

    response = get(client, f"/decide/?{query}", DECIDE_QUERIES, django_assert_max_num_queries)
    get(client, f"/decide/?{query}&page=10", DECIDE_QUERIES, django_assert_max_num_queries)
    get(client, f"/decide.json?{query}", DECIDE_QUERIES, django_assert_max_num_queries)

    assert "500 frameworks, best fit first" in response.content.decode()
    assert response.content.decode().count('class="result"') == 50


def test_grid_of_500_frameworks_costs_four_queries_sorted_or_not(
    client, django_assert_max_num_queries
):
    """Prevents a query per row or per cell: the features, the frameworks, the sorting
    feature's values and the page's values are one query each."""
    category, slugs = features_of_first_category()
    base = f"/features/{category.slug}/"

    response = get(client, base, GRID_QUERIES, django_assert_max_num_queries)
    for path in (
        f"{base}?sort={slugs[0]}&page=7",
        f"{base}?sort={slugs[-1]}&transpose=1&page=10",
        f"/features/{category.slug}.json?sort={slugs[0]}",
    ):
        get(client, path, GRID_QUERIES, django_assert_max_num_queries)

    page = response.content.decode()
    assert page.count('<th scope="row" class="grid-framework">') == 50
    assert page.count("<td ") == 50 * len(slugs)


def test_search_over_500_frameworks_costs_four_queries(client, django_assert_max_num_queries):
    """Prevents a query per framework for its values or key features (the reasons)."""
    response = get(client, "/frameworks/?q=demo", SEARCH_QUERIES, django_assert_max_num_queries)
    get(client, "/frameworks/?q=routing&page=2", SEARCH_QUERIES, django_assert_max_num_queries)

    assert "500 frameworks matching" in response.content.decode()


def test_feature_index_and_grid_sitemap_cost_one_query(client, django_assert_max_num_queries):
    """Prevents a query per category for its features."""
    get(client, "/features/", INDEX_QUERIES, django_assert_max_num_queries)
    get(client, "/sitemap-features.xml", INDEX_QUERIES, django_assert_max_num_queries)
