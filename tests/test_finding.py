"""Finding a framework without knowing its name: /decide/, the /features/ grids, their JSON,
the grids' "compare these" form and the sitemap entries (search: tests/test_search.py)."""

import re

import pytest

from frameworks.decide import MAX_NEEDS
from frameworks.models import FeatureKind, FeatureValue, SupportLevel
from frameworks.selectors.decide import RESULTS_PER_PAGE
from frameworks.selectors.grid import ROWS_PER_PAGE
from tests.factories import make_category, make_feature, make_framework, make_value
from tests.html_audit import assert_page_quality
from tests.test_finding_budgets import DECIDE_QUERIES, GRID_QUERIES, SEARCH_QUERIES

pytestmark = pytest.mark.django_db


@pytest.fixture
def site():
    """Three frameworks and a category of capabilities plus a description row."""
    django = make_framework(name="Django", slug="django")
    flask = make_framework(name="Flask", slug="flask")
    express = make_framework(name="Express", slug="express", language="JavaScript")
    make_framework(name="Hidden", slug="hidden", is_published=False)
    data = make_category(name="Data & APIs", slug="data-apis", order=1)
    pages = make_category(name="Building pages", slug="building-pages", order=2)
    admin = make_feature(category=pages, name="Admin interface", slug="admin-interface")
    orm = make_feature(category=data, name="Database support (ORM)", slug="database-support")
    forms = make_feature(category=pages, name="Forms", slug="forms")
    licence = make_feature(
        category=data, name="License", slug="license", kind=FeatureKind.DESCRIPTION
    )
    make_value(django, admin, text="Built in (django.contrib.admin)")
    make_value(django, orm, text="Built-in ORM", source_url="https://docs.example/orm")
    make_value(django, forms, text="Built in (django.forms)")
    make_value(django, licence, text="BSD-3-Clause")
    make_value(flask, admin, support=SupportLevel.NO, text="No built-in admin site")
    make_value(flask, orm, support=SupportLevel.EXTENSION, text="SQLAlchemy via Flask-SQLAlchemy")
    make_value(flask, forms, support=SupportLevel.EXTENSION, text="Flask-WTF")
    make_value(flask, licence, text="BSD-3-Clause")
    make_value(express, orm, support=SupportLevel.NO, text="No ORM")
    make_value(express, licence, text="MIT")
    return {"django": django, "flask": flask, "express": express}


def content(response):
    return response.content.decode()


def result_names(response):
    return re.findall(
        r'class="result-title"><span class="place">.*?</span> <a href="[^"]+">([^<]+)</a>',
        content(response),
    )


NEEDS = "need=admin-interface&need=database-support&need=forms"


# --- /decide/ ----------------------------------------------------------------------------


def test_decide_form_offers_each_capability_once_per_list_grouped_by_category(client, site):
    response = client.get("/decide/")

    page = content(response)
    assert response.status_code == 200
    assert page.count('name="need" value="admin-interface"') == 1
    assert page.count('name="want" value="admin-interface"') == 1
    assert 'value="license"' not in page  # a description is nobody's need
    assert page.index("<legend>Data &amp; APIs</legend>") < page.index(
        "<legend>Building pages</legend>"
    )
    assert page.index('value="database-support"') < page.index("<legend>Building pages</legend>")
    assert "Tick at least one capability" in page
    assert 'class="result"' not in page
    assert_page_quality(response.content)


def test_needing_admin_orm_and_forms_ranks_django_first_with_its_reasons(client, site):
    response = client.get(f"/decide/?{NEEDS}")

    page = content(response)
    assert result_names(response) == ["Django", "Flask", "Express"]
    django = page[page.index(">Django</a>") : page.index(">Flask</a>")]
    assert "Meets all 3 must-haves: 3 built in." in django
    assert "Built in (django.contrib.admin)" in django
    assert 'href="https://docs.example/orm"' in django
    assert '<span class="badge"><span aria-hidden="true">✓</span> Yes</span>' in django
    flask = page[page.index(">Flask</a>") : page.index(">Express</a>")]
    assert "Misses:" in flask and "No built-in admin site" in flask
    assert "Hidden" not in page  # drafts are not ranked
    assert 'checked> Must have<span class="visually-hidden">: Forms' in page
    assert_page_quality(response.content, indexable=False)


def test_the_ranking_rules_are_written_on_the_page(client, site):
    page = content(client.get(f"/decide/?{NEEDS}"))

    assert "How the ranking works" in page
    assert "alphabetically" in page and "“No” and “unknown” both count as a miss" in page


def test_top_two_three_and_four_link_to_canonical_comparisons(client, site):
    page = content(client.get(f"/decide/?{NEEDS}"))

    needs = NEEDS.replace("&", "&amp;")
    assert (
        f'<a class="button button-quiet" href="/compare/django-vs-flask/?{needs}#your-needs">'
        in (page)
    )
    assert f'href="/compare/django-vs-express-vs-flask/?{needs}#your-needs"' in page
    assert "Compare the top 4" not in page  # three frameworks are ranked


def test_unknown_slugs_are_ignored_with_a_note(client, site):
    response = client.get("/decide/?need=admin-interface&need=teleportation&want=license")

    page = content(response)
    assert response.status_code == 200
    assert "Ignored, as no capability has this name: “teleportation”, “license”." in page
    assert result_names(response)[0] == "Django"


def test_a_need_also_ticked_as_a_want_counts_as_a_need(client, site):
    data = client.get("/decide.json?need=forms&want=forms&want=admin-interface").json()

    assert data["needs"] == ["forms"]
    assert data["wants"] == ["admin-interface"]


def test_language_filter_ranks_only_that_languages_frameworks(client, site):
    response = client.get(f"/decide/?{NEEDS}&language=JavaScript")

    assert result_names(response) == ["Express"]
    assert "Compare the top" not in content(response)


def test_several_languages_rank_the_frameworks_of_each(client, site):
    make_framework(name="Rails", slug="rails", language="Ruby")

    response = client.get(f"/decide/?{NEEDS}&language=JavaScript&language=Ruby")

    assert result_names(response) == ["Express", "Rails"]
    page = content(response)
    assert "Languages: JavaScript and Ruby." in page
    assert 'name="language" value="Ruby" checked' in page
    assert 'name="language" value="Python">' in page
    assert_page_quality(response.content)
    data = client.get(f"/decide.json?{NEEDS}&language=JavaScript&language=Ruby").json()
    assert data["languages"] == ["JavaScript", "Ruby"]


def test_more_than_fifty_needs_is_a_clear_400_in_the_sites_layout(client, site):
    query = "&".join(f"need=feature-{n}" for n in range(MAX_NEEDS + 1))

    response = client.get(f"/decide/?{query}")

    assert response.status_code == 400
    assert f"Choose at most {MAX_NEEDS} must-haves" in content(response)
    assert_page_quality(response.content, indexable=False)
    assert client.get(f"/decide.json?{query}").status_code == 400


def test_fifty_needs_are_still_answered(client, site):
    query = "&".join(f"need=feature-{n}" for n in range(MAX_NEEDS))

    assert client.get(f"/decide/?{query}").status_code == 200


def test_decide_results_are_paginated_and_a_page_out_of_range_is_404(client, site):
    for n in range(RESULTS_PER_PAGE):
        make_framework(name=f"Zz {n:02d}", slug=f"zz-{n:02d}")

    second = client.get(f"/decide/?{NEEDS}&page=2")

    assert second.status_code == 200
    assert len(result_names(second)) == 3 + 50 - RESULTS_PER_PAGE
    # Places count in the whole ranking: the second page does not start again at 1. Express
    # and the 50 frameworks without values miss every need alike: all are level at =3.
    assert re.findall(r"(Joint place|Place) (\d+):", content(second)) == [("Joint place", "3")] * 3
    assert client.get(f"/decide/?{NEEDS}&page=3").status_code == 404


def test_decide_json_gives_the_ranking_its_reasons_and_compare_urls(client, site):
    response = client.get(f"/decide.json?{NEEDS}&need=nope")

    data = response.json()
    assert response["Content-Type"] == "application/json"
    assert [result["slug"] for result in data["results"]] == ["django", "flask", "express"]
    assert data["ignored"] == ["nope"]
    orm = next(r for r in data["results"][0]["needs_met"] if r["feature"] == "database-support")
    assert orm["support"] == "yes" and orm["source_url"] == "https://docs.example/orm"
    assert [r["feature"] for r in data["results"][1]["needs_missed"]] == ["admin-interface"]
    assert data["compare"][0] == {
        "count": 2,
        "url": "/compare/django-vs-flask/",
        "needs_url": f"/compare/django-vs-flask/?{NEEDS}#your-needs",
        "cuts_tie": False,
    }
    assert data["rules"]


# --- /features/ --------------------------------------------------------------------------


def test_feature_index_lists_categories_with_their_features(client, site):
    response = client.get("/features/")

    page = content(response)
    assert '<a href="/features/data-apis/">Data &amp; APIs</a>' in page
    assert "Database support (ORM), License" in page
    assert_page_quality(response.content)


def test_grid_shows_every_published_framework_against_the_categorys_features(client, site):
    response = client.get("/features/data-apis/")

    page = content(response)
    assert response.status_code == 200
    for name in ("Django", "Express", "Flask"):
        assert f'<a href="/frameworks/{name.lower()}/">{name}</a>' in page
    assert "Hidden" not in page
    assert page.count('<th scope="row" class="grid-framework">') == 3
    assert '<a class="cell-link" href="https://docs.example/orm" rel="nofollow noopener">' in page
    assert (
        "(source for Django: Database support (ORM), checked against docs.example on 1 Nov 2026)"
    ) in page
    assert_page_quality(response.content)


def test_a_description_shows_its_value_without_a_badge(client, site):
    page = content(client.get("/features/data-apis/"))

    cells = re.findall(r"<td [^>]*>.*?</td>", page)
    license_cell = next(cell for cell in cells if "MIT" in cell)
    assert "badge" not in license_cell


def test_grid_sorts_by_a_feature_best_support_first_then_by_name(client, site):
    page = content(client.get("/features/data-apis/?sort=database-support"))

    order = re.findall(r'class="grid-framework">[^>]*> <a href="[^"]+">([^<]+)', page)
    assert order == ["Django", "Flask", "Express"]
    assert "sorted by Database support (ORM)" in page


def test_grid_sorts_by_a_description_alphabetically_by_value(client, site):
    page = content(client.get("/features/data-apis/?sort=license"))

    order = re.findall(r'class="grid-framework">[^>]*> <a href="[^"]+">([^<]+)', page)
    assert order == ["Django", "Flask", "Express"]


def test_an_unknown_sort_is_ignored_with_a_note(client, site):
    page = content(client.get("/features/data-apis/?sort=teleportation"))

    assert "No feature of Data &amp; APIs is called “teleportation”: sorted by name." in page


def test_grid_filters_by_language(client, site):
    page = content(client.get("/features/data-apis/?language=JavaScript"))

    assert page.count('<th scope="row" class="grid-framework">') == 1
    assert ">Express</a>" in page


def test_grid_filters_by_several_languages_and_keeps_them_in_its_links(client, site):
    make_framework(name="Rails", slug="rails", language="Ruby")

    response = client.get("/features/data-apis/?language=Ruby&language=JavaScript&sort=license")

    page = content(response)
    assert page.count('<th scope="row" class="grid-framework">') == 2
    assert ">Express</a>" in page and ">Rails</a>" in page and ">Django</a>" not in page
    assert "2 frameworks in Ruby and JavaScript" in page
    assert "sort=license&amp;language=Ruby&amp;language=JavaScript&amp;transpose=1" in page
    assert_page_quality(response.content)
    data = client.get("/features/data-apis.json?language=Ruby&language=JavaScript").json()
    assert data["languages"] == ["Ruby", "JavaScript"]


def test_transposed_grid_has_features_as_rows_and_frameworks_as_columns(client, site):
    response = client.get("/features/data-apis/?transpose=1&sort=license")

    page = content(response)
    assert page.count('<th scope="col" class="grid-framework">') == 3
    assert page.count('<th scope="row" class="grid-feature">') == 2
    assert '<input type="hidden" name="transpose" value="1">' in page
    assert 'href="/features/data-apis/?sort=license">Frameworks as rows</a>' in page
    assert_page_quality(response.content)


def test_grid_paginates_fifty_rows_and_a_page_out_of_range_is_404(client, site):
    for n in range(ROWS_PER_PAGE):
        make_framework(name=f"Zz {n:02d}", slug=f"zz-{n:02d}")

    first = content(client.get("/features/data-apis/"))
    second = client.get("/features/data-apis/?page=2")

    assert first.count('class="grid-framework"') == ROWS_PER_PAGE
    assert content(second).count('class="grid-framework"') == 3
    assert 'rel="next" href="?page=2"' in first
    assert client.get("/features/data-apis/?page=3").status_code == 404


def test_unknown_category_is_404(client, site):
    assert client.get("/features/teleportation/").status_code == 404
    assert client.get("/features/teleportation.json").status_code == 404


def test_grid_json_has_every_cell_with_its_source(client, site):
    data = client.get("/features/data-apis.json?sort=database-support").json()

    assert [feature["slug"] for feature in data["features"]] == ["database-support", "license"]
    assert data["features"][1]["kind"] == "description"
    assert [row["slug"] for row in data["frameworks"]] == ["django", "flask", "express"]
    cell = data["frameworks"][0]["values"]["database-support"]
    assert cell["support"] == "yes" and cell["source_url"] == "https://docs.example/orm"
    assert data["frameworks"][2]["values"]["license"]["text"] == "MIT"


# --- "Compare these" ---------------------------------------------------------------------


def test_ticked_frameworks_go_to_the_canonical_comparison(client, site):
    response = client.get(
        "/features/compare/?category=data-apis&frameworks=flask&frameworks=django"
    )

    assert response.status_code == 302
    assert response["Location"] == "/compare/django-vs-flask/"


@pytest.mark.parametrize(
    ("picked", "message"),
    [
        (["django"], "Choose between 2 and 4 frameworks to compare; you chose 1."),
        ([], "Choose between 2 and 4 frameworks to compare; you chose 0."),
        (["django", "django"], "Choose each framework only once."),
        (["django", "nope"], "One of the chosen frameworks does not exist."),
        (["django", "hidden"], "One of the chosen frameworks does not exist."),
    ],
)
def test_a_wrong_choice_says_what_is_wrong_and_links_back_to_the_grid(
    client, site, picked, message
):
    query = "".join(f"&frameworks={slug}" for slug in picked)

    response = client.get(f"/features/compare/?category=data-apis{query}")

    assert response.status_code == 400
    assert message in content(response)
    assert '<a href="/features/data-apis/">Back to the grid</a>' in content(response)
    assert_page_quality(response.content, indexable=False)


# --- Links and sitemap -------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/", "/compare/django-vs-flask/", "/features/data-apis/"])
def test_home_comparisons_and_grids_link_to_the_decision_helper(client, site, path):
    assert 'href="/decide/"' in content(client.get(path))


def test_sitemap_lists_every_grid_and_the_finding_pages(client, site):
    index = content(client.get("/sitemap.xml"))
    assert "sitemap-features.xml" in index

    features = content(client.get("/sitemap-features.xml"))
    pages = content(client.get("/sitemap-pages.xml"))

    assert "http://testserver/features/data-apis/" in features
    assert "http://testserver/features/building-pages/" in features
    assert "http://testserver/decide/" in pages and "http://testserver/features/" in pages


def test_decide_and_grid_pages_are_cached_for_anonymous_readers(client, site, settings):
    settings.PAGE_CACHE_ENABLED = True
    for path in (f"/decide/?{NEEDS}", "/features/data-apis/?sort=license"):
        first = client.get(path)
        again = client.get(path, HTTP_IF_NONE_MATCH=first["ETag"])
        assert first.status_code == 200 and first["ETag"]
        assert again.status_code == 304


@pytest.mark.parametrize(
    "path",
    [
        "/decide/?need=forms",
        "/decide.json?need=forms",
        "/features/",
        "/features/data-apis/",
        "/features/data-apis.json",
        "/features/compare/",
    ],
)
def test_decide_and_grid_pages_are_cached_as_site_wide_pages(rf, path):
    """They show every framework: cached under the part every framework's change replaces."""
    from frameworks.models import ContentRevision
    from frameworks.pagecache import page_dependencies

    assert page_dependencies(rf.get(path)) == (ContentRevision.SHARED, ContentRevision.LISTING)


def test_a_change_to_any_framework_refreshes_the_decide_and_grid_pages(client, site, settings):
    """They show every framework: whichever framework changes, they must not stay stale."""
    settings.PAGE_CACHE_ENABLED = True
    paths = (f"/decide/?{NEEDS}", "/features/building-pages/")
    before = {path: content(client.get(path)) for path in paths}

    value = FeatureValue.objects.get(framework=site["flask"], feature__slug="admin-interface")
    value.text = "Flask-Admin"
    value.support = SupportLevel.EXTENSION
    value.save()

    for path in paths:
        after = content(client.get(path))
        assert after != before[path]
        assert "Flask-Admin" in after


def test_a_small_site_costs_the_same_queries_as_500_frameworks(
    client, site, settings, django_assert_num_queries
):
    """The budgets of tests/test_finding_budgets.py, met exactly on three frameworks."""
    settings.PAGE_CACHE_ENABLED = False
    for path, budget in (
        (f"/decide/?{NEEDS}", DECIDE_QUERIES),
        ("/features/data-apis/?sort=license", GRID_QUERIES),
        # A query that names no feature has no named feature's values to read.
        ("/frameworks/?q=django", SEARCH_QUERIES - 1),
        ("/frameworks/?q=admin", SEARCH_QUERIES),
    ):
        with django_assert_num_queries(budget):
            assert client.get(path).status_code == 200


# --- The committed content ("Done when") -------------------------------------------------


def test_in_the_seed_needing_admin_orm_and_forms_ranks_django_first(client, seed):
    response = client.get(f"/decide/?{NEEDS}")

    page = content(response)
    assert result_names(response)[0] == "Django"
    django = page[
        page.index('<li class="result') : page.index('<li class="result', page.index(">Django</a>"))
    ]
    assert "Meets all 3 must-haves: 3 built in." in django
    assert "django.contrib.admin" in django


def test_in_the_seed_the_data_and_apis_grid_shows_every_published_framework(client, seed):
    from frameworks.models import Framework

    page = content(client.get("/features/data-apis/"))

    published = Framework.objects.published()
    assert 12 <= published.count() <= ROWS_PER_PAGE
    assert page.count('<th scope="row" class="grid-framework">') == published.count()
    for framework in published:
        assert f'<a href="/frameworks/{framework.slug}/">{framework.name}</a>' in page
