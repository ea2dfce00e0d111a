"""A second factor for everyone who can edit: the password alone reaches no admin page."""

import io
import re
import subprocess
import sys

import pytest
from django.contrib.admin import site
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.adminforms import assert_csp_compatible
from tests.factories import make_editor
from tests.secondfactor import authenticator, current_code
from tests.servers import BASE_DIR, base_env

PASSWORD = "editor-password-1234"
VERIFY = reverse("admin:second_factor")
ENROL = reverse("admin:second_factor_enrol")


@pytest.fixture
def editor(db):
    return make_editor("ada", password=PASSWORD)


def password_only(user, client=None):
    client = client or Client()
    response = client.post(
        reverse("admin:login"),
        {"username": user.username, "password": PASSWORD, "next": reverse("admin:index")},
    )
    assert response.status_code == 302
    assert "_auth_user_id" in client.session
    return client, response


def every_admin_page():
    """The admin index, the tools, and every registered model's list and add pages."""
    urls = [
        reverse("admin:index"),
        reverse("admin:matrix_editor"),
        reverse("admin:content_gaps"),
        reverse("admin:password_change"),
    ]
    for model in site._registry:
        meta = model._meta
        urls.append(reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist"))
        urls.append(reverse(f"admin:{meta.app_label}_{meta.model_name}_add"))
    return urls


def test_the_password_alone_reaches_no_admin_page(editor):
    editor.is_superuser = True  # every page would be open to it
    editor.save()
    client, response = password_only(editor)
    assert response.headers["Location"].startswith(ENROL)

    pages = every_admin_page()
    assert len(pages) > 20
    for url in pages:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.headers["Location"].startswith(reverse("admin:login")), url


def test_an_editor_with_a_device_is_asked_for_a_code_after_the_password(editor):
    authenticator(editor)

    client, response = password_only(editor)

    assert response.headers["Location"] == f"{VERIFY}?next={reverse('admin:index')}"
    page = client.get(response.headers["Location"])
    assert page.status_code == 200
    assert "Your second factor" in page.content.decode()
    assert_csp_compatible(page.content.decode())
    # Back to the login page: still the code, not admin.
    assert client.get(reverse("admin:login")).headers["Location"].startswith(VERIFY)


def test_a_valid_code_reaches_admin_and_the_same_code_is_refused_after(editor):
    device = authenticator(editor)
    client, _ = password_only(editor)
    code = current_code(device)

    response = client.post(VERIFY, {"code": code, "next": reverse("admin:index")})

    assert response.status_code == 302
    assert response.headers["Location"] == reverse("admin:index")
    assert client.get(reverse("admin:index")).status_code == 200

    again, _ = password_only(editor)
    reused = again.post(VERIFY, {"code": code, "next": reverse("admin:index")})
    assert reused.status_code == 200
    assert "not valid (or was used already)" in reused.content.decode()
    assert again.get(reverse("admin:index")).status_code == 302


def test_a_wrong_code_is_refused_beside_the_field(editor):
    authenticator(editor)
    client, _ = password_only(editor)

    response = client.post(VERIFY, {"code": "000000"})

    html = response.content.decode()
    assert response.status_code == 200
    assert re.search(r'class="errorlist" id="code-errors"><li>That code is not valid', html)
    assert client.get(reverse("admin:index")).status_code == 302


def test_the_next_url_never_leaves_the_site(editor):
    device = authenticator(editor)
    client, _ = password_only(editor)

    response = client.post(VERIFY, {"code": current_code(device), "next": "https://evil.example/"})

    assert response.headers["Location"] == reverse("admin:index")


def test_wrong_codes_count_towards_the_lock_out(editor):
    device = authenticator(editor)
    client, _ = password_only(editor)
    for _ in range(5):
        response = client.post(VERIFY, {"code": "000000"})

    assert response.status_code == 429
    right = client.post(VERIFY, {"code": current_code(device)})
    assert right.status_code == 429
    assert client.get(reverse("admin:index")).status_code == 302
    # The lock-out holds for the password too, as after five wrong passwords.
    assert (
        Client().post(reverse("admin:login"), {"username": "ada", "password": PASSWORD}).status_code
        == 429
    )


def test_enrolment_shows_a_qr_code_drawn_here_then_backup_codes_once(editor):
    client, response = password_only(editor)

    page = client.get(response.headers["Location"])
    html = page.content.decode()
    assert page.status_code == 200
    assert "<svg" in html
    assert not re.search(r'(src|href)="https?://', html), "no third-party request"
    assert_csp_compatible(html)
    secret = re.search(r'id="secret-key">([A-Z2-7 ]+)<', html).group(1)
    device = TOTPDevice.objects.get(user=editor, confirmed=False)
    assert secret.replace(" ", "") in device.config_url

    done = client.post(ENROL, {"code": current_code(device), "next": reverse("admin:index")})

    codes = re.findall(r"<li><code>([a-z0-9]+)</code></li>", done.content.decode())
    assert done.status_code == 200
    assert len(codes) == 10
    assert len(set(codes)) == 10
    assert client.get(reverse("admin:index")).status_code == 200
    device.refresh_from_db()
    assert device.confirmed
    # Enrolled: the next sign-in asks for a code, and enrolment is closed.
    later, response = password_only(editor)
    assert response.headers["Location"].startswith(VERIFY)
    assert later.get(ENROL).headers["Location"].startswith(VERIFY)


def test_a_wrong_first_code_does_not_turn_the_factor_on(editor):
    client, _ = password_only(editor)
    client.get(ENROL)

    response = client.post(ENROL, {"code": "000000"})

    assert response.status_code == 200
    assert "does not match" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=editor, confirmed=True).exists()
    assert client.get(reverse("admin:index")).status_code == 302


def backup_codes_of(client):
    device = TOTPDevice.objects.get(confirmed=False)
    response = client.post(ENROL, {"code": current_code(device)})
    return re.findall(r"<li><code>([a-z0-9]+)</code></li>", response.content.decode())


def test_a_backup_code_works_once(editor):
    client, _ = password_only(editor)
    client.get(ENROL)
    code = backup_codes_of(client)[0]

    first, _ = password_only(editor)
    assert first.post(VERIFY, {"code": code}).status_code == 302
    assert first.get(reverse("admin:index")).status_code == 200

    second, _ = password_only(editor)
    assert second.post(VERIFY, {"code": code}).status_code == 200
    assert second.get(reverse("admin:index")).status_code == 302


def test_addstatictoken_gives_a_locked_out_editor_a_one_time_code(editor):
    authenticator(editor)
    output = io.StringIO()

    call_command("addstatictoken", "ada", stdout=output)

    code = output.getvalue().strip()
    client, _ = password_only(editor)
    assert client.post(VERIFY, {"code": code}).status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200


def test_removing_a_device_ends_its_owners_sessions(editor):
    device = authenticator(editor)
    client, _ = password_only(editor)
    client.post(VERIFY, {"code": current_code(device)})
    assert client.get(reverse("admin:index")).status_code == 200

    device.delete()

    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_a_code_from_the_previous_step_still_works_but_not_one_from_long_ago(editor):
    """The app's clock may be a little behind: one step of tolerance, no more."""
    device = authenticator(editor)
    client, _ = password_only(editor)
    old = totp(device.bin_key, device.step, device.t0, device.digits, drift=-10)

    assert client.post(VERIFY, {"code": f"{old:06d}"}).status_code == 200


def test_the_editors_group_works_with_the_second_factor(editor):
    device = authenticator(editor)
    client, _ = password_only(editor)
    client.post(VERIFY, {"code": current_code(device)})

    assert client.get(reverse("admin:frameworks_framework_changelist")).status_code == 200
    assert client.get(reverse("admin:matrix_editor")).status_code == 200
    # Devices are an administrator's business, not an editor's.
    assert client.get(reverse("admin:otp_totp_totpdevice_changelist")).status_code == 403


def test_signing_out_forgets_an_enrolment_left_half_way(editor):
    client, _ = password_only(editor)
    client.get(ENROL)
    assert TOTPDevice.objects.filter(user=editor, confirmed=False).exists()

    response = client.post(reverse("admin:second_factor_sign_out"))

    assert response.headers["Location"] == reverse("admin:login")
    assert "_auth_user_id" not in client.session
    assert not TOTPDevice.objects.filter(user=editor).exists()
    assert not StaticDevice.objects.filter(user=editor).exists()


@pytest.mark.slow
def test_the_second_factor_can_be_off_only_in_local_development():
    probe = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.ADMIN_SECOND_FACTOR_OFF_FOR_LOCAL_DEVELOPMENT)"
    )

    def run(**env):
        return subprocess.run(
            [sys.executable, "-c", probe],
            env=base_env(ADMIN_SECOND_FACTOR_OFF_FOR_LOCAL_DEVELOPMENT="1", **env),
            cwd=BASE_DIR,
            capture_output=True,
            text=True,
            timeout=60,
        )

    production = run(DJANGO_DEBUG="0")
    assert production.returncode != 0
    assert "for local development only" in production.stderr
    local = run(DJANGO_DEBUG="1")
    assert local.returncode == 0, local.stderr
    assert local.stdout.strip() == "True"


def test_with_the_second_factor_off_locally_the_password_is_enough(editor, settings):
    settings.ADMIN_SECOND_FACTOR_OFF_FOR_LOCAL_DEVELOPMENT = True

    client, response = password_only(editor)

    assert response.headers["Location"] == reverse("admin:index")
    assert client.get(reverse("admin:index")).status_code == 200
