"""The correction form: what it takes, what it refuses, and how it keeps bots and floods out."""

import re

import pytest
from django.conf import settings as django_settings
from django.test import Client
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from corrections import ratelimit
from corrections.links import report_url
from corrections.models import ReaderReport
from tests.factories import make_feature, make_framework, make_value
from tests.html_audit import assert_page_quality

pytestmark = pytest.mark.django_db

FORM = "/corrections/new/"


@pytest.fixture
def pages():
    django = make_framework(name="Django", slug="django")
    flask = make_framework(name="Flask", slug="flask")
    feature = make_feature(name="Multi-page apps", slug="multi-page-apps")
    make_value(django, feature)
    make_value(flask, feature)
    return django, flask, feature


def valid_report(**overrides):
    return {
        "page": "/compare/django-vs-flask/",
        "framework": "flask",
        "feature": "multi-page-apps",
        "what_is_wrong": "It says Flask has no multi-page apps.",
        "what_is_right": "Flask serves as many pages as you route.",
        "source_url": "https://flask.palletsprojects.com/en/stable/quickstart/",
        "email": "reader@example.com",
        "website": "",
        **overrides,
    }


def test_a_report_from_a_cell_link_is_stored_with_its_page_and_cell(client, pages):
    _, flask, feature = pages
    link = report_url("/compare/django-vs-flask/", feature="multi-page-apps", framework="flask")
    form_page = client.get(link)
    assert form_page.status_code == 200
    html = form_page.content.decode()
    assert 'value="/compare/django-vs-flask/"' in html
    assert re.search(r'<option value="flask" selected>', html)
    assert re.search(r'<option value="multi-page-apps" selected>', html)

    response = client.post(FORM, valid_report())

    assert response.status_code == 302
    assert response["Location"].startswith("/corrections/thanks/?page=")
    report = ReaderReport.objects.get()
    assert (report.page, report.framework, report.feature) == (
        "/compare/django-vs-flask/",
        flask,
        feature,
    )
    assert report.email == "reader@example.com"
    assert report.is_open


def test_thank_you_page_says_what_happens_next(client, pages):
    response = client.get("/corrections/thanks/?page=/compare/django-vs-flask/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "What happens next" in html
    assert "erased 90 days after your report is closed" in html
    assert 'href="/compare/django-vs-flask/"' in html


def test_reversed_compare_page_is_stored_as_the_canonical_one(client, pages):
    client.post(FORM, valid_report(page="/compare/flask-vs-django/?only=differences"))

    assert ReaderReport.objects.get().page == "/compare/django-vs-flask/"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("what_is_wrong", "x" * 2001, "at most 2000 characters"),
        ("what_is_right", "x" * 2001, "at most 2000 characters"),
        ("what_is_wrong", "", "This field is required."),
        ("source_url", "javascript:alert(1)", "starts with http:// or https://"),
        ("source_url", "ftp://example.com/file", "starts with http:// or https://"),
        ("source_url", "file:///etc/passwd", "starts with http:// or https://"),
        ("email", "not-an-address", "valid email address"),
        ("page", "/not/a/page/", "We cannot find that page"),
        ("page", "https://evil.example/compare/django-vs-flask/", "We cannot find that page"),
        ("page", "/compare/django-vs-nothing/", "We cannot find that page"),
        ("feature", "no-such-feature", "We do not track a feature by that name."),
        ("framework", "pyramid", "That framework is not on this page."),
    ],
)
def test_bad_input_is_explained_in_the_form_and_nothing_is_stored(
    client, pages, field, value, message
):
    response = client.post(FORM, valid_report(**{field: value}))

    assert response.status_code == 400
    html = response.content.decode()
    assert html.count(message) == 1  # once, beside its field
    assert "Your report was not sent" in html
    assert not ReaderReport.objects.exists()


def test_a_framework_on_another_page_is_refused(client, pages):
    make_framework(name="Pyramid", slug="pyramid")

    response = client.post(FORM, valid_report(page="/frameworks/django/", framework="flask"))

    assert "That framework is not on this page." in response.content.decode()
    assert not ReaderReport.objects.exists()


def test_an_unknown_page_in_a_link_is_explained_on_the_form(client, pages):
    response = client.get(report_url("/compare/nope-vs-never/", feature="ghost"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "We cannot find the page this link came from" in html
    assert "The feature “ghost” is not on this page" in html


def test_a_filled_spam_trap_is_thanked_and_nothing_is_stored(client, pages):
    response = client.post(FORM, valid_report(website="http://spam.example/"))

    assert response.status_code == 302
    assert response["Location"].startswith("/corrections/thanks/")
    assert not ReaderReport.objects.exists()


def test_the_spam_trap_is_hidden_from_people_and_the_keyboard(client, pages):
    html = client.get(report_url("/frameworks/django/")).content.decode()

    trap = re.search(r'<div class="trap" aria-hidden="true">.*?</div>', html, re.S).group(0)
    assert 'name="website"' in trap
    assert 'tabindex="-1"' in trap
    assert 'autocomplete="off"' in trap


def test_a_post_without_a_csrf_token_is_refused_with_the_styled_page(pages):
    client = Client(enforce_csrf_checks=True)

    response = client.post(FORM, valid_report())

    assert response.status_code == 403
    html = response.content.decode()
    assert "This form could not be sent" in html
    assert 'class="site-header"' in html  # the site's layout, not Django's bare page
    assert not ReaderReport.objects.exists()


def test_a_post_with_the_forms_csrf_token_is_accepted(pages):
    client = Client(enforce_csrf_checks=True)
    html = client.get(report_url("/compare/django-vs-flask/")).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)

    response = client.post(FORM, {**valid_report(), "csrfmiddlewaretoken": token})

    assert response.status_code == 302
    assert ReaderReport.objects.count() == 1


def test_the_form_is_never_cached_and_public_pages_stay_cookie_free(client, pages):
    form = client.get(report_url("/compare/django-vs-flask/"))
    assert "no-store" in form["Cache-Control"]
    assert django_settings.CSRF_COOKIE_NAME in form.cookies

    for path in ("/compare/django-vs-flask/", "/compare/django-vs-flask/changes/"):
        response = Client().get(path)
        assert response.status_code == 200
        assert not response.cookies
        assert b"csrfmiddlewaretoken" not in response.content
        assert "/corrections/new/?page=" in response.content.decode()


def test_after_the_limit_a_client_gets_429_with_a_friendly_page(client, pages, settings):
    settings.REPORTS_RATE_LIMIT = 3
    for _ in range(3):
        assert client.post(FORM, valid_report()).status_code == 302

    response = client.post(FORM, valid_report())

    assert response.status_code == 429
    assert response["Retry-After"] == str(settings.REPORTS_RATE_WINDOW_SECONDS)
    assert "Too many reports for now" in response.content.decode()
    assert ReaderReport.objects.count() == 3


def test_the_limit_counts_each_client_address_apart(client, pages, settings):
    settings.REPORTS_RATE_LIMIT = 1
    assert client.post(FORM, valid_report(), REMOTE_ADDR="192.0.2.1").status_code == 302
    assert client.post(FORM, valid_report(), REMOTE_ADDR="192.0.2.1").status_code == 429

    assert client.post(FORM, valid_report(), REMOTE_ADDR="192.0.2.2").status_code == 302


def test_forwarded_for_is_ignored_unless_a_proxy_is_trusted(client, pages, settings):
    settings.REPORTS_RATE_LIMIT = 1
    spoofed = {"REMOTE_ADDR": "192.0.2.1"}
    first = client.post(FORM, valid_report(), HTTP_X_FORWARDED_FOR="198.51.100.1", **spoofed)
    assert first.status_code == 302
    # A new made-up address in the header does not reset the count: the connection decides.
    response = client.post(FORM, valid_report(), HTTP_X_FORWARDED_FOR="198.51.100.2", **spoofed)
    assert response.status_code == 429


def test_behind_a_trusted_proxy_the_address_it_forwarded_counts(rf, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    request = rf.post(
        FORM, REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="203.0.113.9, 198.51.100.7"
    )
    # The client may have sent "203.0.113.9" itself; our proxy appended what it saw.
    assert ratelimit.client_address(request) == "198.51.100.7"
    settings.TRUSTED_PROXY_COUNT = 2
    assert ratelimit.client_address(request) == "203.0.113.9"
    settings.TRUSTED_PROXY_COUNT = 3  # fewer entries than proxies: only the connection is known
    assert ratelimit.client_address(request) == "10.0.0.5"


def test_a_failing_cache_lets_reports_through(client, pages, monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(ratelimit.cache, "add", broken)

    assert client.post(FORM, valid_report()).status_code == 302
    assert ReaderReport.objects.count() == 1


FORM_FIELDS = (
    "page",
    "framework",
    "feature",
    "what_is_wrong",
    "what_is_right",
    "source_url",
    "email",
    "website",
)
HOSTILE = st.one_of(
    st.text(max_size=2100),
    st.sampled_from(
        [
            "\x00",
            "<script>alert(1)</script>",
            "' OR 1=1 --",
            "javascript:alert(1)",
            "//evil.example/",
            "/compare/django-vs-flask/",
            "/frameworks/django/",
            "x" * 2001,
            "https://example.com/" + "a" * 600,
        ]
    ),
)


@hypothesis_settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    fields=st.fixed_dictionaries(
        {},
        optional=dict.fromkeys(
            (
                "page",
                "framework",
                "feature",
                "what_is_wrong",
                "what_is_right",
                "source_url",
                "email",
                "website",
            ),
            HOSTILE,
        ),
    )
)
def test_any_form_input_gets_an_answer_never_a_server_error(client, pages, settings, fields):
    settings.REPORTS_RATE_LIMIT = 10**9
    response = client.post(FORM, fields)
    assert response.status_code in (302, 400), response.status_code
    prefilled = {name: fields[name] for name in ("page", "framework", "feature") if name in fields}
    assert client.get(FORM, prefilled).status_code == 200


def test_the_forms_pages_pass_the_html_audit(pages, settings):
    settings.REPORTS_RATE_LIMIT = 1
    client = Client()
    responses = [
        client.get(report_url("/compare/django-vs-flask/", feature="multi-page-apps")),
        client.post(FORM, valid_report(email="bad")),
        client.get("/corrections/thanks/?page=/frameworks/django/"),
        client.post(FORM, valid_report()),  # over the limit
        Client(enforce_csrf_checks=True).post(FORM, valid_report()),
    ]

    assert [response.status_code for response in responses] == [200, 400, 200, 429, 403]
    for response in responses:
        assert_page_quality(response.content, indexable=False)


# --- Limits that hold, and keep what the reader wrote ----------------------------------------


def test_an_ipv6_client_is_limited_per_64_block(client, pages, settings):
    settings.REPORTS_RATE_LIMIT = 1
    same_block = ("2001:db8:1:2::10", "2001:db8:1:2:ffff:ffff:ffff:ffff")
    assert client.post(FORM, valid_report(), REMOTE_ADDR=same_block[0]).status_code == 302
    # Another address of the same /64 is the same subscriber: no fresh allowance.
    assert client.post(FORM, valid_report(), REMOTE_ADDR=same_block[1]).status_code == 429

    assert client.post(FORM, valid_report(), REMOTE_ADDR="2001:db8:1:3::10").status_code == 302
    assert ratelimit.client_block("::ffff:192.0.2.7") == "192.0.2.7"
    assert ratelimit.client_block("2001:db8:1:2::10") == "2001:db8:1:2::/64"


def test_a_throttled_reader_gets_the_form_back_with_what_they_wrote(client, pages, settings):
    settings.REPORTS_RATE_LIMIT = 1
    assert client.post(FORM, valid_report()).status_code == 302
    mine = valid_report(what_is_wrong="The table says 2010; the changelog says 2011.")

    response = client.post(FORM, mine)

    assert response.status_code == 429
    html = response.content.decode()
    assert "Too many reports for now" in html
    assert "The table says 2010; the changelog says 2011." in html
    assert mine["what_is_right"] in html
    assert 'action="/corrections/new/"' in html
    assert_page_quality(response.content, indexable=False)


def test_a_filled_spam_trap_is_logged_without_what_was_typed(client, pages, caplog):
    caplog.set_level("INFO", logger="corrections.views")
    secret = "a bot's advertising text"

    client.post(FORM, valid_report(website="https://spam.example/", what_is_wrong=secret))

    assert "spam trap was filled" in caplog.text
    assert secret not in caplog.text
    assert "spam.example" not in caplog.text
    assert "127.0.0.1" not in caplog.text


def test_the_site_wide_cap_holds_when_the_cache_is_down(client, pages, settings, monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(ratelimit.cache, "add", broken)
    settings.REPORTS_SITE_RATE_LIMIT = 2
    for number in range(2):
        address = f"192.0.2.{number + 1}"
        assert client.post(FORM, valid_report(), REMOTE_ADDR=address).status_code == 302

    response = client.post(
        FORM, valid_report(what_is_wrong="Kept for later."), REMOTE_ADDR="192.0.2.9"
    )

    assert response.status_code == 503
    assert response["Retry-After"] == str(settings.REPORTS_RATE_WINDOW_SECONDS)
    html = response.content.decode()
    assert "send it again" in html
    assert "Kept for later." in html
    assert ReaderReport.objects.count() == 2


def test_the_retention_shown_to_readers_is_the_setting(client, pages, settings):
    settings.REPORT_EMAIL_RETENTION_DAYS = 30
    form = client.get(report_url("/compare/django-vs-flask/")).content.decode()
    thanks = client.get("/corrections/thanks/?page=/compare/django-vs-flask/").content.decode()

    assert "30 days" in form
    assert "30 days" in thanks
    assert "90 days" not in form + thanks
    assert "90" not in str(ReaderReport._meta.get_field("email").help_text)
