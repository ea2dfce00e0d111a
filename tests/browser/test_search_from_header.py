"""Search from any page's header: a feature query answers with each framework's badge."""

import re

import pytest

from frameworks.models import SupportLevel
from tests.factories import make_feature, make_framework, make_value

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP = {"viewport": {"width": 1366, "height": 900}}
PHONE = {"viewport": {"width": 390, "height": 844}}


@pytest.fixture
def content():
    websockets = make_feature(name="WebSockets", slug="websockets", search_terms="realtime")
    for name, support, text in (
        ("Flask", SupportLevel.EXTENSION, "Flask-Sock"),
        ("Django", SupportLevel.EXTENSION, "Channels"),
        ("Tornado", SupportLevel.YES, "tornado.websocket"),
        ("Bottle", SupportLevel.NO, ""),
    ):
        make_value(
            make_framework(name=name, slug=name.lower()), websockets, support=support, text=text
        )


@pytest.mark.parametrize("browser_context_options", [DESKTOP, PHONE])
@pytest.mark.parametrize("start", ["/", "/compare/django-vs-flask/", "/decide/"])
def test_a_reader_searches_a_feature_from_the_header_of_any_page(live_server, page, content, start):
    page.goto(live_server.url + start)
    search = page.get_by_role("searchbox", name="Search frameworks and features")
    assert search.is_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    search.fill("websocket")
    search.press("Enter")

    page.wait_for_url(re.compile(r"/frameworks/\?q=websocket$"))
    cards = page.locator(".card")
    assert cards.locator(".card-title").all_inner_texts() == [
        "Tornado",
        "Django",
        "Flask",
        "Bottle",
    ]
    assert "WebSockets: ✓ Yes" in cards.first.inner_text()
    assert "WebSockets: ✗ No" in cards.last.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
