"""“A small JSON API with an admin panel: Django or Flask?” asked on the comparison itself."""

import pytest

from frameworks.models import SupportLevel
from tests.factories import make_category, make_feature, make_framework, make_value

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP = {"viewport": {"width": 1366, "height": 800}}
PHONE = {"viewport": {"width": 390, "height": 844}}
PHONE_WITHOUT_SCRIPT = {**PHONE, "java_script_enabled": False}


@pytest.fixture
def pair():
    django = make_framework(name="Django", slug="django")
    flask = make_framework(name="Flask", slug="flask")
    for order, name in enumerate(["Overview", "Architecture", "Data & APIs", "Pages"]):
        category = make_category(name=name, slug=f"c{order}", order=order)
        for n in range(5):  # a long table: the asked rows are far down without needs
            feature = make_feature(category=category, name=f"{name} {n}", slug=f"f{order}{n}")
            make_value(django, feature, text="Something")
            make_value(flask, feature, support=SupportLevel.PARTIAL, text="Something else")
    api = make_feature(category=category, name="API support", slug="api-support", order=90)
    admin = make_feature(category=category, name="Admin interface", slug="admin", order=91)
    make_value(django, api, support=SupportLevel.PARTIAL, text="JsonResponse")
    make_value(flask, api, support=SupportLevel.YES, text="JSON responses")
    make_value(django, admin, support=SupportLevel.YES, text="django.contrib.admin")
    make_value(flask, admin, support=SupportLevel.EXTENSION, text="Flask-Admin")


@pytest.mark.parametrize("browser_context_options", [DESKTOP, PHONE, PHONE_WITHOUT_SCRIPT])
def test_the_rows_that_decide_it_come_first_with_a_tally(live_server, page, pair):
    page.goto(live_server.url + "/compare/django-vs-flask/")
    page.get_by_text("Read this comparison for your needs").click()
    page.get_by_label("Must have: API support", exact=True).check()
    page.get_by_label("Must have: Admin interface", exact=True).check()
    page.get_by_role("button", name="Show my needs first").click()

    page.wait_for_url("**/compare/django-vs-flask/?need=api-support&need=admin#your-needs")
    needs = page.locator("#your-needs")
    height = page.viewport_size["height"]
    for text in (
        "Django: Meets all 2 must-haves: 1 built in, 1 partly.",
        "Flask: Meets all 2 must-haves: 1 built in, 1 via an extension.",
    ):
        line = needs.get_by_text(text)
        box = line.bounding_box()
        assert box["y"] >= 0 and box["y"] + box["height"] <= height, text
    for feature in ("API support", "Admin interface"):
        row = needs.get_by_role("row", name=feature)
        box = row.bounding_box()
        assert box["y"] >= 0 and box["y"] < height, f"{feature} row starts in the first screen"
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
