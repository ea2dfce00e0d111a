"""Enrolling a second factor on a phone: the QR code, the first code, the backup codes, admin."""

import re

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import make_editor
from tests.secondfactor import current_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-editor-password-42"


@pytest.fixture
def browser_context_options():
    return {"viewport": {"width": 390, "height": 844}, "is_mobile": True}


def test_a_new_editor_enrols_on_a_phone_and_reaches_admin(live_server, page, tmp_path):
    editor = make_editor("grace", password=PASSWORD)
    page.goto(live_server.url + "/admin/")
    page.get_by_label("Username").fill("grace")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()

    page.wait_for_url(re.compile(r"/admin/second-factor/enrol/"))
    page.screenshot(path=tmp_path / "enrol-390.png", full_page=True)
    qr_code = page.locator(".qr-code svg")
    assert qr_code.is_visible()
    box = qr_code.bounding_box()
    assert box["width"] >= 150, "big enough to scan"
    assert box["x"] >= 0
    assert box["x"] + box["width"] <= 390
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    device = TOTPDevice.objects.get(user=editor, confirmed=False)
    page.get_by_label("Code").fill(current_code(device))
    page.get_by_role("button", name="Turn on").click()

    codes = page.locator(".backup-codes li")
    assert codes.count() == 10
    page.get_by_role("link", name="I have kept them: continue").click()
    page.wait_for_url(live_server.url + "/admin/")
    assert page.get_by_role("heading", name="Content and editors").is_visible()
    assert page.errors == []  # no CSP violation, no script error
