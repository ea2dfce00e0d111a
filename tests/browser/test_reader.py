"""A reader in a real browser: from the home page to Django vs Flask, at desktop and phone
widths, with the page cache and the Content-Security-Policy active as in production."""

import re

import pytest

from frameworks.models import SupportLevel
from tests.factories import (
    make_adoption,
    make_category,
    make_comparison,
    make_feature,
    make_framework,
    make_lists,
    make_metric,
    make_value,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LONG_TEXT = (
    "Relies on SQLAlchemy or another extension for the object-relational mapping, "
    "configured per application"
)


@pytest.fixture
def content():
    """Django, Flask and two more, with agreeing and differing rows and a curated text.

    Created in the test's own (transactional) database, before any page is opened, so the
    live server's thread sees it.
    """
    django = make_framework(name="Django", slug="django")
    flask = make_framework(name="Flask", slug="flask")
    fastapi = make_framework(name="FastAPI", slug="fastapi")
    pyramid = make_framework(name="Pyramid", slug="pyramid")
    category = make_category(name="Data and APIs")
    testing = make_feature(category=category, name="Testing support", slug="testing")
    orm = make_feature(
        category=category,
        name="Database support (ORM)",
        slug="orm",
        description="Whether the framework ships an object-relational mapper.",
    )
    for framework in (django, flask, fastapi, pyramid):
        make_value(framework, testing, text="Yes (unittest)")
        make_value(framework, orm, support=SupportLevel.EXTENSION, text=LONG_TEXT, note=LONG_TEXT)
        make_lists(framework)
        make_metric(framework)
        make_adoption(framework, source_url="https://example.com/" + "long-path/" * 8)
    django.values.filter(feature=orm).update(support=SupportLevel.YES, text="Built-in ORM")
    make_comparison([django, flask], title="Django vs Flask", is_featured=True)
    return django, flask


def test_reader_picks_django_and_flask_then_sees_only_the_differences(live_server, page, content):
    page.goto(live_server.url + "/")

    page.get_by_label("Flask", exact=True).check()
    page.get_by_label("Django", exact=True).check()
    page.get_by_role("button", name="Compare").click()

    page.wait_for_url(re.compile(r"/compare/django-vs-flask/$"))
    assert page.get_by_role("heading", level=1).inner_text() == "Django vs Flask"
    agreeing_row = page.locator("#feature-testing")
    assert agreeing_row.is_visible()

    page.get_by_role("link", name=re.compile("only the 1 difference")).click()

    page.wait_for_url(re.compile(r"/compare/django-vs-flask/\?only=differences$"))
    assert agreeing_row.count() == 0 or not agreeing_row.is_visible()
    assert page.locator("#feature-orm").is_visible()
    current = page.locator('.view-switch a[aria-current="page"]')
    assert "difference" in current.inner_text()
    page.reload()  # the same view served by the server, without the script's help
    assert page.locator("#feature-testing").count() == 0
    assert page.errors == []


def test_featured_comparison_is_one_click_from_home(live_server, page, content):
    page.goto(live_server.url + "/")

    page.get_by_role("link", name="Read Django vs Flask").click()

    page.wait_for_url(re.compile(r"/compare/django-vs-flask/$"))


def test_picker_lets_a_reader_choose_at_most_four(live_server, page, content):
    make_framework(name="Tornado", slug="tornado")
    page.goto(live_server.url + "/")

    for name in ("Django", "FastAPI", "Flask", "Pyramid"):
        page.get_by_label(name, exact=True).check()

    assert page.get_by_label("Tornado", exact=True).is_disabled()
    page.get_by_role("button", name="Compare").click()
    page.wait_for_url(re.compile(r"/compare/django-vs-fastapi-vs-flask-vs-pyramid/$"))


@pytest.mark.parametrize("browser_context_options", [{"java_script_enabled": False}])
def test_picker_works_without_javascript(live_server, page, content):
    page.goto(live_server.url + "/")

    page.get_by_label("Flask", exact=True).check()
    page.get_by_label("Django", exact=True).check()
    page.get_by_role("button", name="Compare").click()

    page.wait_for_url(re.compile(r"/compare/django-vs-flask/$"))
    page.get_by_role("link", name=re.compile("only the 1 difference")).click()
    page.wait_for_url(re.compile(r"\?only=differences$"))
    assert page.locator("#feature-testing").count() == 0


@pytest.mark.parametrize("browser_context_options", [{"viewport": {"width": 360, "height": 740}}])
@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/frameworks/",
        "/frameworks/django/",
        "/compare/django-vs-flask/",
        "/compare/django-vs-fastapi-vs-flask-vs-pyramid/",
        "/compare/nope/",
    ],
)
def test_no_page_scrolls_sideways_at_360_pixels(live_server, page, content, path):
    page.goto(live_server.url + path)

    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    inner_width = page.evaluate("window.innerWidth")
    assert scroll_width <= inner_width


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/frameworks/",
        "/frameworks/django/",
        "/compare/django-vs-flask/",
        "/compare/django-vs-flask/",  # a second time: now from the page cache
        "/compare/nope/",
    ],
)
def test_pages_break_no_rule_of_the_content_security_policy(live_server, page, content, path):
    response = page.goto(live_server.url + path)

    assert "default-src 'none'" in response.headers["content-security-policy"]
    page.wait_for_load_state("load")
    assert (
        page.errors == []
        or path == "/compare/nope/"
        and all("404" in error for error in page.errors)
    )
