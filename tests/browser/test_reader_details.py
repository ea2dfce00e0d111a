"""What a reader notices: the change log's first edit, the grid's scroll cue, the home picker
on a phone, names in alphabetical order whatever their case."""

import pytest
from django.core.management import call_command

from frameworks.models import FeatureValue, SupportLevel
from tests.factories import make_category, make_feature, make_framework, make_value

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP = {"viewport": {"width": 1366, "height": 800}}
PHONE = {"viewport": {"width": 390, "height": 844}}


@pytest.mark.parametrize("browser_context_options", [DESKTOP, PHONE])
def test_the_first_edit_of_loaded_content_shows_from_what_to_what(live_server, page):
    from tests.seeding import article_fixture_files

    call_command("loaddata", *article_fixture_files(), verbosity=0)
    value = FeatureValue.objects.get(framework__slug="flask", feature__slug="websockets")
    old_text = value.text
    value.support, value.text = SupportLevel.YES, "Built in at last (test)"
    value.save()

    page.goto(live_server.url + "/compare/django-vs-flask/changes/")

    entry = page.locator(".changes .change").first
    before = entry.locator(".change-before").inner_text()
    assert "not recorded" not in before
    assert old_text in before
    assert "Built in at last (test)" in entry.locator(".change-after").inner_text()
    assert page.get_by_role("heading", name="Corrections of the article").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("browser_context_options", [DESKTOP])
def test_a_grid_wider_than_the_screen_says_so_until_scrolled_to_its_end(live_server, page):
    category = make_category(name="Security", slug="security")
    features = [
        make_feature(category=category, name=f"A long feature name {n}", slug=f"f{n}", order=n)
        for n in range(12)
    ]
    for name in ("Django", "Flask"):
        framework = make_framework(name=name, slug=name.lower())
        for feature in features:
            make_value(framework, feature, text="A value that takes some room in its cell")

    page.goto(live_server.url + "/features/security/")

    cue = page.get_by_text("More columns to the right")
    assert cue.is_visible()
    grid_top = page.locator("[data-scroll-region]").bounding_box()["y"]
    page.locator("[data-scroll-region]").evaluate("box => { box.scrollLeft = box.scrollWidth; }")
    cue.wait_for(state="hidden")
    # It fades out in place: nothing below it moves while the reader scrolls.
    assert page.locator("[data-scroll-region]").bounding_box()["y"] == grid_top


@pytest.mark.parametrize("browser_context_options", [PHONE])
def test_the_home_picker_on_a_phone_scrolls_with_the_page_and_names_sort_by_letter(
    live_server, page
):
    for name in (
        "Tornado",
        "aiohttp",
        "Bottle",
        "Django",
        "Flask",
        "FastAPI",
        "Pyramid",
        "Sanic",
        "Quart",
        "Falcon",
        "Litestar",
        "Starlette",
        "CherryPy",
    ):
        make_framework(name=name, slug=name.lower())

    page.goto(live_server.url + "/")

    choices = page.locator(".picker .choices")
    assert choices.evaluate("list => list.scrollHeight <= list.clientHeight + 1")
    names = choices.locator("label").all_inner_texts()
    assert [name.strip() for name in names][:2] == ["aiohttp", "Bottle"]
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
