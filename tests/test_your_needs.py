"""A comparison read for the reader's needs (`?need=…&want=…`): their rows first, a line per
framework, carried from the decision helper; the plain page stays as it is."""

import re

import pytest
from django.test import Client

from frameworks.models import SupportLevel
from tests.factories import make_category, make_feature, make_framework, make_value
from tests.html_audit import audit_html

pytestmark = pytest.mark.django_db

NEEDS = "need=api-support&need=admin-interface"


@pytest.fixture
def pair():
    django = make_framework(name="Django", slug="django")
    flask = make_framework(name="Flask", slug="flask")
    category = make_category(name="Data & APIs", slug="data-apis")
    api = make_feature(category=category, name="API support", slug="api-support")
    admin = make_feature(category=category, name="Admin interface", slug="admin-interface")
    orm = make_feature(category=category, name="ORM", slug="orm")
    make_value(django, api, support=SupportLevel.PARTIAL, text="JsonResponse")
    make_value(flask, api, support=SupportLevel.YES, text="JSON responses")
    make_value(django, admin, support=SupportLevel.YES, text="django.contrib.admin")
    make_value(flask, admin, support=SupportLevel.EXTENSION, text="Flask-Admin")
    make_value(django, orm, text="Built-in ORM")
    make_value(flask, orm, support=SupportLevel.EXTENSION, text="Flask-SQLAlchemy")
    return django, flask


def needs_section(html):
    return re.search(r'<section class="your-needs.*?</section>', html, re.S).group(0)


def test_needs_come_first_with_a_line_per_framework(client, pair):
    html = client.get(f"/compare/django-vs-flask/?{NEEDS}").content.decode()

    section = needs_section(html)
    assert html.index('id="your-needs"') < html.index("Key differences")
    assert "<strong>Django</strong>: Meets all 2 must-haves: 1 built in, 1 partly." in section
    assert "<strong>Flask</strong>: Meets all 2 must-haves: 1 built in, 1 via an extension." in (
        section
    )
    rows = re.findall(r'<th scope="row"><a href="#feature-([^"]+)">', section)
    assert rows == ["api-support", "admin-interface"]
    assert "ORM" not in section
    assert "Flask-Admin" in section and "django.contrib.admin" in section


def test_wants_follow_the_needs_and_unknown_names_are_said(client, pair):
    html = client.get(
        "/compare/django-vs-flask/?need=admin-interface&want=orm&want=admin-interface&need=nope"
    ).content.decode()

    section = needs_section(html)
    rows = re.findall(r'<th scope="row"><a href="#feature-([^"]+)">', section)
    assert rows == ["admin-interface", "orm"]
    assert "Meets the nice-to-have: 1 built in." in section
    assert "Left out, as no capability has this name: “nope”." in section


def test_the_plain_page_and_its_canonical_url_stay_as_they_are(client, pair):
    plain = client.get("/compare/django-vs-flask/").content.decode()
    with_needs = client.get(f"/compare/django-vs-flask/?{NEEDS}").content.decode()

    assert 'id="your-needs"' not in plain
    canonical = '<link rel="canonical" href="http://testserver/compare/django-vs-flask/">'
    assert canonical in plain and canonical in with_needs
    assert audit_html(with_needs).duplicate_ids == []
    assert audit_html(with_needs).nesting_errors == []


def test_a_needs_picker_on_the_page_is_a_plain_get_form(client, pair):
    html = client.get(f"/compare/django-vs-flask/?{NEEDS}").content.decode()

    picker = re.search(r'<details class="needs-picker".*?</details>', html, re.S).group(0)
    assert '<form method="get" action="/compare/django-vs-flask/#your-needs">' in picker
    assert re.search(r'name="need" value="api-support" checked', picker)
    assert re.search(r'name="need" value="orm">', picker)


def test_a_redirect_to_the_canonical_comparison_keeps_the_needs(client, pair):
    response = client.get(f"/compare/Flask-vs-Django/?{NEEDS}")

    assert response.status_code == 301
    assert response.headers["Location"] == f"/compare/django-vs-flask/?{NEEDS}"


def test_the_decision_helpers_compare_links_carry_the_needs(client, pair):
    html = client.get(f"/decide/?{NEEDS}").content.decode()

    assert f'href="/compare/django-vs-flask/?{NEEDS.replace("&", "&amp;")}#your-needs"' in html


def test_a_needs_page_is_cached_and_shows_an_edit_at_once(
    pair, settings, django_assert_num_queries
):
    """Cached as its own page (the query is part of the key) under the same revisions as
    the plain comparison: one query when nothing changed, fresh after an edit."""
    settings.PAGE_CACHE_ENABLED = True
    reader = Client()
    url = f"/compare/django-vs-flask/?{NEEDS}"
    assert "Flask-Admin" in reader.get(url).content.decode()
    with django_assert_num_queries(1):
        assert reader.get(url).status_code == 200

    value = pair[1].values.get(feature__slug="admin-interface")
    value.text = "Flask-Admin or Flask-AppBuilder"
    value.save()

    assert "Flask-Admin or Flask-AppBuilder" in needs_section(reader.get(url).content.decode())
