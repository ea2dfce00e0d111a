"""Four frameworks side by side on a 390 px phone: no word broken across lines, labels at least
14 px, and an opened Source note as wide as the row."""

import re

import pytest

from frameworks.models import SupportLevel
from tests.factories import make_category, make_feature, make_framework, make_value

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VALUES = {
    "aiohttp": "web.WebSocketResponse with aiohttp-sqlalchemy",
    "django": "Channels and django.contrib.admin",
    "flask": "Flask-SQLAlchemy and @app.websocket",
    "quart": "@app.websocket, SQLAlchemy via Quart-DB",
}

# Every word of every value, as laid out: a word whose rectangles sit on two lines is broken.
WORDS_ON_MORE_THAN_ONE_LINE = """
() => {
  const checked = [], broken = [];
  for (const cell of document.querySelectorAll(".matrix.features td")) {
    for (const text of cell.childNodes) {
      if (text.nodeType !== Node.TEXT_NODE) continue;
      const re = /[^\\s-]+-?/g;  // a hyphen is a fair place to break a line
      let match;
      while ((match = re.exec(text.data))) {
        const range = document.createRange();
        range.setStart(text, match.index);
        range.setEnd(text, match.index + match[0].length);
        const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
        checked.push(match[0]);
        if (lines.size > 1) broken.push(match[0]);
      }
    }
  }
  return {checked: checked.length, broken};
}
"""


@pytest.fixture
def browser_context_options():
    return {"viewport": {"width": 390, "height": 844}, "is_mobile": True}


@pytest.fixture
def four():
    category = make_category(name="Data & APIs", slug="data-apis")
    feature = make_feature(category=category, name="WebSockets and ORM", slug="ws-orm")
    for slug, text in VALUES.items():
        framework = make_framework(name=slug.capitalize(), slug=slug)
        make_value(framework, feature, support=SupportLevel.EXTENSION, text=text)


def test_four_frameworks_on_a_phone_break_no_word(live_server, page, four):
    page.goto(live_server.url + "/compare/aiohttp-vs-django-vs-flask-vs-quart/")

    words = page.evaluate(WORDS_ON_MORE_THAN_ONE_LINE)
    assert words["checked"] == sum(len(re.findall(r"[^\s-]+-?", text)) for text in VALUES.values())
    assert words["broken"] == []
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    sizes = page.evaluate(
        """[...document.querySelectorAll(`.matrix.features .badge, .matrix.features td,
            .matrix.features thead th`)].map((el) => parseFloat(getComputedStyle(el).fontSize))"""
    )
    assert sizes and min(sizes) >= 14


def test_an_opened_source_note_takes_the_rows_width(live_server, page, four):
    page.goto(live_server.url + "/compare/aiohttp-vs-django-vs-flask-vs-quart/")
    row = page.locator("#feature-ws-orm")
    row_width = row.bounding_box()["width"]

    row.locator("td").first.locator("summary").click()

    note = row.locator("td details[open]")
    assert note.bounding_box()["width"] >= 0.9 * row_width
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
