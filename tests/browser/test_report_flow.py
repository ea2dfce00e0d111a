"""A reader on a phone reports a mistake; an editor accepts it; the public log says so.

The comparison table does not print a link per cell yet (the table is being redesigned):
the reader starts from the page's "Report a mistake" link and names the cell in the form,
or opens the address a cell's link will have (`corrections.links.report_url`).
"""

import re

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from corrections.links import report_url
from corrections.models import ReaderReport, ReportStatus
from frameworks.models import SupportLevel
from tests.factories import make_editor, make_feature, make_framework, make_value
from tests.secondfactor import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


@pytest.fixture
def content():
    django = make_framework(name="Django", slug="django")
    flask = make_framework(name="Flask", slug="flask")
    feature = make_feature(name="Multi-page apps", slug="multi-page-apps")
    make_value(django, feature, support=SupportLevel.YES, text="Yes")
    make_value(flask, feature, support=SupportLevel.NO, text="Single page only")
    return django, flask, feature


def assert_no_sideways_scroll(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.evaluate("window.innerWidth")


def fill_report(page):
    page.get_by_label("What is wrong?").fill("It says Flask serves a single page.")
    page.get_by_label("What is right?").fill("Flask routes as many pages as you declare.")
    page.get_by_label("A source that shows it (optional)").fill(
        "https://flask.palletsprojects.com/en/stable/quickstart/#routing"
    )
    page.get_by_label("Your e-mail (optional)").fill("reader@example.com")


@pytest.mark.parametrize("browser_context_options", [PHONE])
def test_reader_reports_from_the_comparison_and_an_editor_accepts_it(
    live_server, page, browser, content
):
    page.goto(live_server.url + "/compare/django-vs-flask/")
    page.get_by_role("link", name="Report a mistake").click()
    page.wait_for_url(re.compile(r"/corrections/new/\?page="))
    assert_no_sideways_scroll(page)
    page.get_by_label("Which framework?").select_option("flask")
    page.get_by_label("Which feature?").select_option("multi-page-apps")
    fill_report(page)
    trap = page.locator("#id_website")
    box = trap.bounding_box()
    assert box is None or box["x"] + box["width"] <= 0  # out of sight

    page.get_by_role("button", name="Send the report").click()

    page.wait_for_url(re.compile(r"/corrections/thanks/"))
    assert page.get_by_role("heading", name="What happens next").is_visible()
    assert_no_sideways_scroll(page)
    assert page.errors == []
    report = ReaderReport.objects.get()
    assert (report.framework.slug, report.feature.slug) == ("flask", "multi-page-apps")

    editor_accepts(live_server, browser, report)

    page.goto(live_server.url + "/compare/django-vs-flask/changes/")
    entry = page.locator(".change").first
    assert "Corrected after a reader’s report" in entry.inner_text()
    assert "Routes declared with @app.route" in entry.inner_text()
    assert "reader@example.com" not in page.content()
    assert_no_sideways_scroll(page)
    page.goto(live_server.url + "/compare/django-vs-flask/")
    assert page.get_by_role("link", name="What changed").is_visible()


def editor_accepts(live_server, browser, report):
    """An editor, signed in, opens the report's Accept page and saves the correction."""
    editor = make_editor("ada")
    client = Client()
    sign_in(client, editor)
    context = browser.new_context()
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    admin = context.new_page()
    admin.goto(f"{live_server.url}/admin/corrections/readerreport/{report.pk}/change/")
    admin.get_by_role("link", name="Accept: correct the value").click()
    source = admin.locator("#id_source_url")
    assert source.input_value() == report.source_url  # the reader's source, pre-filled
    admin.locator("#id_support").select_option("yes")
    admin.locator("#id_text").fill("Routes declared with @app.route")
    admin.locator("#id_verified_on").fill(timezone.localdate().isoformat())
    admin.locator("#id_change_reason").fill("The quickstart routes several pages")
    admin.get_by_role("button", name="Save the correction and accept the report").click()
    admin.wait_for_url(re.compile(r"/admin/corrections/readerreport/$"))
    context.close()
    report.refresh_from_db()
    assert report.status == ReportStatus.ACCEPTED


@pytest.mark.parametrize("browser_context_options", [PHONE])
def test_reader_reports_from_a_cells_address_at_390_pixels(live_server, page, content):
    link = report_url("/compare/django-vs-flask/", feature="multi-page-apps", framework="flask")
    page.goto(live_server.url + link)

    assert page.get_by_label("Which framework?").input_value() == "flask"
    assert page.get_by_label("Which feature?").input_value() == "multi-page-apps"
    assert_no_sideways_scroll(page)
    fill_report(page)
    page.get_by_label("What is wrong?").focus()
    for _ in range(8):  # the trap is never reached from the keyboard
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.name") != "website"
    page.get_by_role("button", name="Send the report").click()

    page.wait_for_url(re.compile(r"/corrections/thanks/"))
    assert ReaderReport.objects.get().feature.slug == "multi-page-apps"
    assert page.errors == []


@pytest.mark.parametrize("browser_context_options", [PHONE])
def test_form_errors_are_shown_beside_the_fields_at_390_pixels(live_server, page, content):
    page.goto(live_server.url + report_url("/frameworks/flask/"))
    page.get_by_label("What is wrong?").fill("x" * 2001)
    page.get_by_label("A source that shows it (optional)").fill("javascript:alert(1)")

    page.get_by_role("button", name="Send the report").click()

    assert page.get_by_text("Your report was not sent").is_visible()
    assert page.get_by_text("starts with http:// or https://").is_visible()
    assert not ReaderReport.objects.exists()
    assert_no_sideways_scroll(page)
