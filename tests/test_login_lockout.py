"""Login hardening (django-axes): 5 failures for a username from one address lock it out."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.adminforms import assert_csp_compatible
from tests.factories import make_editor

PASSWORD = "editor-password-1234"
ATTACKER = "203.0.113.7"


def attempt(client, username, password, address=ATTACKER):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": reverse("admin:index")},
        REMOTE_ADDR=address,
    )


def is_logged_in(client):
    return "_auth_user_id" in client.session


@pytest.fixture
def editor(db):
    return make_editor("victim", password=PASSWORD)


def fail_five_times(client, username):
    for _ in range(5):
        response = attempt(client, username, "wrong password")
    return response


def test_the_right_password_logs_in(client, editor):
    response = attempt(client, "victim", PASSWORD)

    assert response.status_code == 302
    assert is_logged_in(client)


def test_four_failures_still_allow_the_right_password(client, editor):
    for _ in range(4):
        attempt(client, "victim", "wrong password")

    response = attempt(client, "victim", PASSWORD)

    assert response.status_code == 302
    assert is_logged_in(client)


def test_after_five_failures_the_right_password_is_refused(client, editor):
    fail_five_times(client, "victim")

    response = attempt(client, "victim", PASSWORD)

    assert response.status_code == 429
    assert not is_logged_in(client)
    html = response.content.decode()
    assert "Sign-in paused" in html
    assert "even with the right password" in html
    assert_csp_compatible(html)


def test_the_lock_out_holds_in_a_new_session_too(client, editor):
    fail_five_times(client, "victim")

    fresh = Client()
    response = attempt(fresh, "victim", PASSWORD)

    assert response.status_code == 429
    assert not is_logged_in(fresh)


def test_another_username_from_the_same_address_can_still_log_in(client, editor):
    make_editor("colleague", password=PASSWORD)
    fail_five_times(client, "victim")

    other = Client()
    response = attempt(other, "colleague", PASSWORD)

    assert response.status_code == 302
    assert is_logged_in(other)


def test_the_same_username_from_another_address_can_still_log_in(client, editor):
    fail_five_times(client, "victim")

    elsewhere = Client()
    response = attempt(elsewhere, "victim", PASSWORD, address="198.51.100.20")

    assert response.status_code == 302
    assert is_logged_in(elsewhere)


def test_login_page_works_under_the_strict_csp(client, db):
    response = client.get(reverse("admin:login"))

    assert response.status_code == 200
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    assert_csp_compatible(response.content.decode())
