"""A framework's admin page at 1366 × 800, as an editor uses it: no sideways scroll, the save
row always in view, an error shown beside its row with the feature's name, a filter."""

import re

import pytest
from django.conf import settings
from django.test import Client

from frameworks.models import FeatureValue
from tests.factories import make_category, make_editor, make_feature, make_framework, make_value
from tests.secondfactor import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CATEGORIES = ["Overview", "Architecture", "Data & APIs", "Building pages", "Security"]


@pytest.fixture
def browser_context_options():
    return {"viewport": {"width": 1366, "height": 800}}


@pytest.fixture
def flask():
    """Flask with 30 features in five categories, long values among them."""
    framework = make_framework(name="Flask", slug="flask")
    for c, name in enumerate(CATEGORIES):
        category = make_category(name=name, slug=f"cat-{c}", order=c)
        for f in range(6):
            feature = make_feature(
                category=category, name=f"{name} feature {f}", slug=f"f-{c}-{f}", order=f
            )
            make_value(
                framework,
                feature,
                text=f"A value long enough to need some room, number {c}-{f}, and more words",
            )
    websockets = make_feature(category=category, name="WebSockets", slug="websockets", order=9)
    make_value(framework, websockets, support="extension", text="Flask-Sock")
    return framework


def signed_in(browser, live_server):
    editor = make_editor("ada")
    client = sign_in(Client(), editor)
    context = browser.new_context(viewport={"width": 1366, "height": 800})
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    page = context.new_page()
    page.errors = []
    page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
    return page


def open_framework(page, live_server, framework):
    page.goto(f"{live_server.url}/admin/frameworks/framework/{framework.pk}/change/")


def save_button_in_view(page):
    button = page.locator(".submit-row input[name='_save']").last
    box = button.bounding_box()
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= 800


def test_the_page_fits_1366_px_and_save_is_in_reach_everywhere(live_server, browser, flask):
    page = signed_in(browser, live_server)
    open_framework(page, live_server, flask)

    assert page.evaluate("document.documentElement.scrollWidth") <= 1366
    height = page.evaluate("document.documentElement.scrollHeight")
    for y in (0, height // 2, height):
        page.evaluate(f"window.scrollTo(0, {y})")
        assert save_button_in_view(page), f"no Save button in view at y={y}"
    assert page.errors == []


def test_a_change_without_a_date_shows_its_error_beside_the_row_in_view(
    live_server, browser, flask
):
    page = signed_in(browser, live_server)
    open_framework(page, live_server, flask)
    row = page.locator(".value-row", has=page.locator("strong", has_text="WebSockets"))
    row.locator("textarea[name$='-text']").fill("Flask-Sock and Flask-SocketIO")

    page.locator(".submit-row input[name='_continue']").last.click()
    page.wait_for_load_state()

    row = page.locator(".value-row.has-errors")
    error = row.locator(".value-error")
    assert error.inner_text().startswith("WebSockets: You changed the value")
    for element in (error, row.locator("strong", has_text="WebSockets")):
        box = element.bounding_box()
        assert box["y"] >= 0 and box["y"] + box["height"] <= 800, "in the viewport"
    assert page.evaluate("document.activeElement.name").endswith("-verified_on")
    date_box = row.locator("input[type=date]").bounding_box()
    error_box = error.bounding_box()
    assert abs(error_box["x"] - date_box["x"]) < 40, "the message sits under its field"
    assert page.get_by_role("link", name="WebSockets").is_visible()  # the summary at the top
    assert FeatureValue.objects.get(feature__slug="websockets").text == "Flask-Sock"


def test_the_filter_narrows_rows_to_matching_features(live_server, browser, flask):
    page = signed_in(browser, live_server)
    open_framework(page, live_server, flask)
    rows = page.locator(".value-row")
    assert rows.count() == 31

    page.get_by_label("Find a feature").fill("websock")

    visible = [row for row in rows.all() if row.is_visible()]
    assert len(visible) == 1
    assert "WebSockets" in visible[0].inner_text()
    assert page.locator(".values-category:visible").count() == 1
    assert re.search(r"1 feature\b", page.locator(".values-filter-count").inner_text())

    page.get_by_label("Find a feature").fill("")
    assert rows.locator("visible=true").count() == 31


def test_editor_changes_flasks_websockets_value_from_the_framework_page(
    live_server, browser, flask
):
    page = signed_in(browser, live_server)
    open_framework(page, live_server, flask)
    row = page.locator(".value-row", has=page.locator("strong", has_text="WebSockets"))
    row.locator("select[name$='-support']").select_option("yes")
    row.locator("textarea[name$='-text']").fill("Built in since 9.9 (test)")
    row.locator("input[type=date]").fill("2026-12-01")
    row.get_by_text("Source, notes and more").click()
    row.locator("input[name$='-source_url']").fill("https://flask.palletsprojects.com/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366

    page.locator(".submit-row input[name='_continue']").last.click()
    page.wait_for_load_state()

    value = FeatureValue.objects.get(feature__slug="websockets")
    assert (value.support, value.text) == ("yes", "Built in since 9.9 (test)")
    assert page.errors == []
