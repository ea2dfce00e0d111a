"""A reader who does not know which framework to pick: from the home page to a ranked,
reasoned shortlist and on to the comparison, and through a category grid, at desktop and
phone widths, with and without JavaScript."""

import re

import pytest

from frameworks.models import FeatureKind, SupportLevel
from tests.factories import make_category, make_feature, make_framework, make_value

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP = {"viewport": {"width": 1366, "height": 900}}
PHONE = {"viewport": {"width": 390, "height": 844}}
PHONE_WITHOUT_SCRIPT = {**PHONE, "java_script_enabled": False}


@pytest.fixture
def content():
    """Five frameworks, two categories; created before any page is opened."""
    frameworks = {
        name: make_framework(name=name, slug=name.lower())
        for name in ("Django", "Flask", "FastAPI", "Pyramid", "Tornado")
    }
    data = make_category(name="Data & APIs", slug="data-apis", order=1)
    pages = make_category(name="Building pages", slug="building-pages", order=2)
    features = {
        "admin": make_feature(category=pages, name="Admin interface", slug="admin-interface"),
        "orm": make_feature(category=data, name="Database support (ORM)", slug="database-support"),
        "forms": make_feature(category=pages, name="Forms", slug="forms"),
        "api": make_feature(category=data, name="API support", slug="api-support"),
        "license": make_feature(
            category=data, name="License", slug="license", kind=FeatureKind.DESCRIPTION
        ),
    }
    for name, framework in frameworks.items():
        built_in = name == "Django"
        for key in ("admin", "orm", "forms"):
            make_value(
                framework,
                features[key],
                support=SupportLevel.YES if built_in else SupportLevel.EXTENSION,
                text=f"{name}'s own {key}" if built_in else f"{key} via an add-on for {name}",
            )
        make_value(framework, features["api"], text="JSON responses and an OpenAPI schema")
        make_value(framework, features["license"], text="BSD-3-Clause")
    return frameworks


def no_sideways_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("browser_context_options", [DESKTOP, PHONE, PHONE_WITHOUT_SCRIPT])
def test_reader_ticks_needs_gets_django_first_with_reasons_then_compares(
    live_server, page, content
):
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Rank every framework by what you need").click()
    page.wait_for_url(re.compile(r"/decide/$"))

    for feature in ("Admin interface", "Database support (ORM)", "Forms"):
        page.get_by_label(f"Must have: {feature}", exact=True).check()
    page.get_by_label("Nice to have: API support", exact=True).check()
    page.get_by_role("button", name="Rank the frameworks").click()

    page.wait_for_url(re.compile(r"/decide/\?need=database-support&want=api-support&need="))
    results = page.locator("ol.results > li")
    assert results.count() == 5
    first = results.first
    assert first.locator(".result-title a").inner_text() == "Django"
    assert "Meets all 3 must-haves: 3 built in." in first.inner_text()
    assert first.locator(".reason").filter(has_text="Django's own admin").is_visible()
    assert "✓ Yes" in first.locator(".reason").first.inner_text()
    assert page.get_by_label("Must have: Forms", exact=True).is_checked()
    assert page.get_by_text("How the ranking works").is_visible()
    assert no_sideways_scroll(page)

    page.get_by_role("link", name="Compare the top 2").click()
    page.wait_for_url(
        re.compile(r"/compare/django-vs-fastapi/\?.*need=admin-interface.*#your-needs$")
    )
    # The comparison opens at the reader's needs: their rows and a line per framework.
    needs = page.locator("#your-needs")
    box = needs.get_by_role("heading", name="Your needs").bounding_box()
    assert 0 <= box["y"] < page.viewport_size["height"]
    assert "Django: Meets all 3 must-haves: 3 built in." in needs.inner_text()
    assert page.errors == []


@pytest.mark.parametrize("browser_context_options", [PHONE])
def test_grid_keeps_its_header_and_framework_column_in_view_while_it_scrolls(
    live_server, page, content
):
    for number in range(20):  # more rows than a phone's screen holds
        make_framework(name=f"More {number:02d}", slug=f"more-{number:02d}")
    page.goto(live_server.url + "/features/data-apis/")
    region = page.locator('[role="region"][aria-labelledby="grid-caption"]')
    header = page.locator("thead th").nth(1)
    first_column = page.locator("tbody th").first
    header_top = header.bounding_box()["y"]
    column_left = first_column.bounding_box()["x"]

    region.evaluate("element => element.scrollBy(300, 200)")

    assert region.evaluate("element => element.scrollLeft") > 0
    assert region.evaluate("element => element.scrollTop") > 0
    assert header.bounding_box()["y"] == pytest.approx(header_top, abs=1)
    assert first_column.bounding_box()["x"] == pytest.approx(column_left, abs=1)
    assert no_sideways_scroll(page)


@pytest.mark.parametrize("browser_context_options", [DESKTOP, PHONE_WITHOUT_SCRIPT])
def test_reader_sorts_a_grid_and_compares_two_ticked_frameworks(live_server, page, content):
    page.goto(live_server.url + "/features/data-apis/")

    page.get_by_role("link", name="Sort by Database support (ORM)").click()
    page.wait_for_url(re.compile(r"\?sort=database-support$"))
    names = page.locator("tbody th a").all_inner_texts()
    assert names[0] == "Django" and sorted(names[1:]) == names[1:]

    page.get_by_label("Compare Pyramid").check()
    page.get_by_label("Compare Flask").check()
    page.get_by_role("button", name="Compare the ticked frameworks").click()

    page.wait_for_url(re.compile(r"/compare/flask-vs-pyramid/$"))
    assert page.errors == []


@pytest.mark.parametrize("browser_context_options", [DESKTOP, PHONE])
def test_level_frameworks_share_a_place_and_cutting_the_tie_is_said(live_server, page, content):
    """Flask, FastAPI, Pyramid and Tornado meet the needs the same way: they share place 2."""
    page.goto(live_server.url + "/decide/?need=database-support&need=admin-interface")

    places = page.locator("ol.results .place [aria-hidden=true]").all_inner_texts()
    assert places == ["1", "=2", "=2", "=2", "=2"]
    assert page.get_by_role("link", name="Compare the top 2").is_visible()
    cut = page.get_by_role("link", name="Compare the top 3 (cuts a tie)")
    assert cut.is_visible()
    assert "Cuts a tie" in page.locator(".tie-note").inner_text()
    assert no_sideways_scroll(page)


@pytest.mark.parametrize("browser_context_options", [PHONE, PHONE_WITHOUT_SCRIPT])
def test_after_ranking_on_a_phone_the_page_opens_at_the_results(live_server, page, content):
    page.goto(live_server.url + "/decide/")
    page.get_by_label("Must have: Admin interface", exact=True).check()

    page.get_by_role("button", name="Rank the frameworks").click()

    page.wait_for_url(re.compile(r"/decide/\?.*need=admin-interface.*#results$"))
    heading = page.get_by_role("heading", name=re.compile("best fit first"))
    box = heading.bounding_box()
    assert 0 <= box["y"] < 844, "the results open in the first screen"
    assert page.get_by_role("link", name="Skip to the ranking").count() == 1
