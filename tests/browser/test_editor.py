"""An editor in a real browser: sign in, change a value in the matrix editor, see it published.

The admin pages run under the same strict Content-Security-Policy as the public site, so any
inline script or style they needed would show up here as a console error.
"""

import re

import pytest
from django.contrib.auth import get_user_model

from frameworks.models import FeatureValue
from tests.factories import (
    make_category,
    make_comparison,
    make_editor,
    make_feature,
    make_framework,
    make_value,
)
from tests.secondfactor import authenticator, current_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-editor-password-42"


@pytest.fixture
def content():
    """Django vs Flask with a curated comparison, and an editor made as the README says."""
    django = make_framework(name="Django", slug="django")
    flask = make_framework(name="Flask", slug="flask")
    category = make_category(name="Templates and views")
    templates = make_feature(category=category, name="Template engine", slug="template-engine")
    debugger = make_feature(category=category, name="Debugger", slug="debugger")
    make_value(django, templates, text="Django Template Language")
    make_value(flask, templates, text="Jinja")
    make_value(django, debugger, text="Debug page")
    comparison = make_comparison([django, flask], title="Django vs Flask")
    make_editor("ada", password=PASSWORD)
    return comparison


def sign_in(page, live_server):
    device = authenticator(get_user_model().objects.get(username="ada"))
    page.goto(live_server.url + "/admin/")
    page.get_by_label("Username").fill("ada")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.get_by_label("Code").fill(current_code(device))
    page.get_by_role("button", name="Verify").click()
    page.wait_for_url(live_server.url + "/admin/")


def test_editor_changes_a_value_in_the_matrix_and_readers_see_it(
    live_server, browser, page, content
):
    reader = browser.new_page()
    reader.goto(live_server.url + "/compare/django-vs-flask/")
    assert "Jinja" in reader.content()  # and now cached for anonymous readers

    sign_in(page, live_server)
    page.get_by_role("link", name="Matrix editor").click()
    page.get_by_label("Or a curated comparison").select_option(label="Django vs Flask")
    page.get_by_role("button", name="Show the grid").click()
    page.get_by_label("Flask, Template engine: Value").fill("Jinja2 templates")
    page.get_by_label("Flask, Template engine: Checked on").fill("2026-11-20")
    # The missing cell is there to fill too.
    page.get_by_label("Flask, Debugger: Support").select_option(label="Via extension or plugin")
    page.get_by_label("Flask, Debugger: Value").fill("Werkzeug debugger")
    with page.expect_navigation():
        page.get_by_role("button", name="Save all values").click()

    # Back on the same grid, after the redirect that follows a save.
    assert re.search(r"/admin/tools/matrix/\?comparison=\d+", page.url)
    assert page.get_by_text("Saved 2 values.").is_visible()
    assert page.get_by_label("Flask, Template engine: Value").input_value() == "Jinja2 templates"
    assert FeatureValue.objects.get(framework__slug="flask", feature__slug="debugger")

    page.goto(live_server.url + "/compare/django-vs-flask/")
    assert page.get_by_text("Jinja2 templates").first.is_visible()
    reader.reload()
    assert "Jinja2 templates" in reader.content()
    assert "Werkzeug debugger" in reader.content()
    assert page.errors == []
    reader.close()  # the browser outlives the test


def test_a_changed_value_in_the_matrix_is_saved_only_with_a_new_check_date(
    live_server, page, content
):
    sign_in(page, live_server)
    page.goto(f"{live_server.url}/admin/tools/matrix/?comparison={content.pk}")
    checked_on = page.get_by_label("Flask, Template engine: Checked on")
    old_date = checked_on.input_value()

    page.get_by_label("Flask, Template engine: Value").fill("Jinja2 templates")
    page.get_by_label("Flask, Template engine: Value").blur()

    # The script asks at once, beside the cell...
    assert page.get_by_text("Changed: check the source again").is_visible()
    # ...and without it (a browser skipping the hint), the server refuses the old date.
    checked_on.evaluate("input => { input.required = false; }")
    with page.expect_navigation():
        page.get_by_role("button", name="Save all values").click()
    assert page.get_by_text("Nothing was saved").is_visible()
    assert page.get_by_text("You changed the value: check it against its source").is_visible()
    assert (
        FeatureValue.objects.get(framework__slug="flask", feature__slug="template-engine").text
        == "Jinja"
    )

    page.get_by_label("Flask, Template engine: Checked on").fill("2026-11-30")
    with page.expect_navigation():
        page.get_by_role("button", name="Save all values").click()
    value = FeatureValue.objects.get(framework__slug="flask", feature__slug="template-engine")
    assert (value.text, value.verified_on.isoformat()) == ("Jinja2 templates", "2026-11-30")
    assert old_date != "2026-11-30"
    assert page.errors == []


def test_the_grid_keeps_its_header_and_feature_column_in_view(live_server, page, content):
    sign_in(page, live_server)
    page.set_viewport_size({"width": 480, "height": 500})
    page.goto(f"{live_server.url}/admin/tools/matrix/?comparison={content.pk}")
    grid_box = page.locator(".matrix-scroll")
    header = page.get_by_role("columnheader", name="Flask")
    row_header = page.get_by_role("rowheader", name="Debugger")

    scrolled = grid_box.evaluate(
        "box => { box.scrollTo(400, 400); return [box.scrollTop, box.scrollLeft]; }"
    )

    assert scrolled[0] > 0 and scrolled[1] > 0  # the grid really scrolled inside its box
    box = grid_box.bounding_box()
    # Scrolled past, yet pinned to the box's top and left edges (inside its 1 px border).
    assert header.bounding_box()["y"] == pytest.approx(box["y"] + 1, abs=1)
    assert row_header.bounding_box()["x"] == pytest.approx(box["x"] + 1, abs=1)
    assert row_header.is_visible()
    assert page.errors == []


def test_editor_fills_a_new_framework_from_its_admin_page_and_publishes_it(
    live_server, browser, page, content
):
    from frameworks.models import Framework
    from tests.factories import make_company

    make_company(name="Acme Corp", slug="acme")
    sign_in(page, live_server)
    page.goto(live_server.url + "/admin/frameworks/framework/add/")

    page.get_by_label("Name:").press_sequentially("Litestar")
    assert page.get_by_label("Slug:").input_value() == "litestar"  # prepopulated by admin's JS
    engine_row = page.locator("#values-0")
    assert "Template engine" in engine_row.locator(".value-feature").inner_text()
    assert engine_row.locator("input[name$='-feature']").input_value() != ""  # pre-filled
    engine_row.locator("textarea[name$='-text']").fill("Jinja2")
    page.get_by_role("button", name="Add another Pro").click()
    page.locator("input[name='pros-1-text']").fill("Fast")
    page.locator("#adoptions-0 .select2-selection").click()
    page.locator(".select2-search__field").fill("Acme")
    page.get_by_role("option", name="Acme Corp").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Save", exact=True).first.click()

    framework = Framework.objects.get(slug="litestar")
    assert not framework.is_published
    assert framework.values.get(feature__slug="template-engine").text == "Jinja2"
    assert list(framework.pros.values_list("text", flat=True)) == ["Fast"]
    assert framework.adoptions.get().company.name == "Acme Corp"

    page.get_by_role("checkbox", name="Select this object for an action - Litestar").check()
    page.get_by_label("Action:").select_option(label="Publish selected frameworks")
    with page.expect_navigation():
        page.get_by_role("button", name="Go").click()
    assert page.get_by_text("1 framework published.").is_visible()

    reader = browser.new_page()
    assert reader.goto(live_server.url + "/frameworks/litestar/").status == 200
    assert "Fast" in reader.content()
    assert page.errors == []
    reader.close()  # the browser outlives the test
