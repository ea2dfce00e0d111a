"""The comparison pages: /compare/<slugs>/, its JSON twin and the picker."""

import datetime
import json

import pytest
from django.urls import reverse

from frameworks.models import SupportLevel, compare_url
from tests.factories import (
    make_adoption,
    make_category,
    make_comparison,
    make_feature,
    make_framework,
    make_lists,
    make_metric,
    make_value,
)
from tests.html_audit import assert_page_quality, audit_html

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair():
    """Django and Flask with one agreeing row, one differing row and a curated comparison."""
    django = make_framework(name="Django", slug="django", language="Python")
    flask = make_framework(name="Flask", slug="flask", language="Python")
    category = make_category(name="Building pages", slug="building-pages")
    testing = make_feature(
        category=category, name="Testing support", slug="testing", description="Tools to test."
    )
    orm = make_feature(category=category, name="ORM", slug="orm", description="Database layer.")
    make_value(django, testing, support=SupportLevel.YES, text="Yes (unittest)")
    make_value(flask, testing, support=SupportLevel.YES, text="Yes (unittest)")
    make_value(django, orm, support=SupportLevel.YES, text="Built-in ORM", note="Since 2005.")
    make_value(
        flask,
        orm,
        support=SupportLevel.EXTENSION,
        text="Relies on SQLAlchemy",
        source_url="https://flask.example/orm",
        verified_on=datetime.date(2026, 3, 4),
    )
    for framework in (django, flask):
        make_lists(framework)
        make_metric(framework)
        make_adoption(framework)
    comparison = make_comparison(
        [django, flask],
        title="Flask vs Django: which to use?",
        author="Robert Johns",
        fact_checker="Jim Markus",
        intro="A deep dive.",
        verdict="It depends.",
    )
    return django, flask, comparison


def test_comparison_page_shows_every_part_of_the_comparison(client, pair):
    response = client.get("/compare/django-vs-flask/")

    assert response.status_code == 200
    html = response.content.decode()
    for text in (
        "Flask vs Django: which to use?",
        "Robert Johns",
        "Jim Markus",
        "A deep dive.",
        "It depends.",
        "Which?",  # the FAQ question
        "Either.",  # and its answer
        "Pro 0 of django",
        "Con 1 of flask",
        "Use Django when you need to",
        "Use Flask when you need to",
        "Use case 0",
        "Relies on SQLAlchemy",
        "Since 2005.",
        "verified 4 Mar 2026",
        "Via extension",
        "Database layer.",
        'datetime="2026-02-01"',  # updated on
    ):
        assert text in html, text


def test_comparison_table_is_an_accessible_table(client, pair):
    audit = audit_html(client.get("/compare/django-vs-flask/").content)

    assert audit.has_tag("caption", id="matrix-caption")
    assert audit.has_tag(
        "div", role="region", tabindex="0", **{"aria-labelledby": "matrix-caption"}
    )
    column_headers = [
        attrs for tag, attrs in audit.tags if tag == "th" and attrs.get("scope") == "col"
    ]
    assert len(column_headers) >= 3  # Feature, Django, Flask
    assert audit.has_tag("th", scope="rowgroup", colspan="3")
    assert audit.has_tag("tr", id="feature-orm")
    assert audit.has_tag("a", href="https://flask.example/orm", rel="nofollow noopener")


def test_support_is_told_by_icon_and_word_not_colour_alone(client, pair):
    html = client.get("/compare/django-vs-flask/").content.decode()

    assert '<span aria-hidden="true">✓</span> Yes' in html
    assert '<span aria-hidden="true">⊕</span> Via extension' in html


def test_comparison_page_passes_the_html_audit(client, pair):
    audit = assert_page_quality(client.get("/compare/django-vs-flask/").content)

    types = {node["@type"] for data in audit.json_ld for node in data["@graph"]}
    assert {"ItemList", "Article", "FAQPage"} <= types


def test_comparison_without_curated_text_still_shows_the_matrix(client, pair):
    make_framework(name="Bottle", slug="bottle")

    response = client.get("/compare/bottle-vs-django/")

    assert response.status_code == 200
    assert "Bottle vs Django" in response.content.decode()
    assert "Verdict" not in response.content.decode()


def test_curated_text_belongs_to_exactly_its_set_of_frameworks(client, pair):
    make_framework(name="Bottle", slug="bottle")

    html = client.get("/compare/bottle-vs-django-vs-flask/").content.decode()

    assert "Flask vs Django: which to use?" not in html


# --- Canonical URLs ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "canonical"),
    [
        ("/compare/flask-vs-django/", "/compare/django-vs-flask/"),
        (
            "/compare/flask-vs-django/?only=differences",
            "/compare/django-vs-flask/?only=differences",
        ),
        ("/compare/flask-vs-bottle-vs-django/", "/compare/bottle-vs-django-vs-flask/"),
        (
            "/compare/pyramid-vs-flask-vs-django-vs-bottle/",
            "/compare/bottle-vs-django-vs-flask-vs-pyramid/",
        ),
        ("/compare/flask-vs-django.json", "/compare/django-vs-flask.json"),
    ],
)
def test_other_orders_redirect_permanently_to_the_canonical_url(client, pair, path, canonical):
    make_framework(name="Bottle", slug="bottle")
    make_framework(name="Pyramid", slug="pyramid")

    response = client.get(path)

    assert response.status_code == 301
    assert response["Location"] == canonical


def test_canonical_url_matches_the_models_compare_url(client, pair):
    response = client.get(compare_url(["flask", "django"]))

    assert response.status_code == 200
    assert audit_html(response.content).link_href("canonical") == (
        "http://testserver/compare/django-vs-flask/"
    )


def test_differences_view_keeps_the_canonical_link_of_the_full_comparison(client, pair):
    response = client.get("/compare/django-vs-flask/?only=differences")

    assert audit_html(response.content).link_href("canonical") == (
        "http://testserver/compare/django-vs-flask/"
    )


# --- Bad input -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/compare/django-vs-unknown/",  # unknown slug
        "/compare/django-vs-django/",  # repeated slug
        "/compare/django-vs-flask-vs-django/",  # repeated among three
        "/compare/django/",  # one framework
        "/compare/a-vs-bottle-vs-django-vs-flask-vs-pyramid/",  # five frameworks
        "/compare/-vs-django/",  # empty first part
        "/compare/django-vs-/",  # empty last part
        "/compare/django-vs--vs-flask/",  # empty middle part
        "/compare/django-vs-flask-vs-/",  # trailing separator
        "/compare/django-vs-flask/extra/",  # trailing junk
        "/compare/django-vs-flask.html/",  # a dot is no slug
        "/compare/django-vs-fl%20ask/",  # space
        "/compare/django-vs-fl%3Cask/",  # markup
        "/compare/Django-vs-Flask/",  # slugs are lower case
        "/compare/django-vs-fläsk/",  # non-ASCII
        "/compare/django-vs-flask%00/",  # NUL byte
        "/compare/" + "-vs-".join(["x" * 5000] * 2) + "/",  # very long
        "/compare/'%20OR%201=1--/",  # SQL
        "/compare/django-vs-flask.json/",
        "/compare/django.json",
        "/compare/django-vs-unknown.json",
        "/compare/django-vs-django.json",
    ],
)
def test_bad_compare_paths_are_not_found(client, pair, path):
    response = client.get(path)

    assert response.status_code == 404


def test_not_found_page_is_in_the_site_layout(client, pair):
    response = client.get("/compare/django-vs-unknown/")

    audit = assert_page_quality(response.content, indexable=False)
    assert "Page not found" in audit.title
    assert audit.has_tag("link", rel="stylesheet")


# --- Differences only --------------------------------------------------------------------


def test_differences_only_hides_rows_where_all_frameworks_agree(client, pair):
    full = audit_html(client.get("/compare/django-vs-flask/").content)
    differences = audit_html(client.get("/compare/django-vs-flask/?only=differences").content)

    assert full.has_tag("tr", id="feature-testing", **{"class": "agree"})
    assert full.has_tag("tr", id="feature-orm")
    assert not differences.has_tag("tr", id="feature-testing")
    assert differences.has_tag("tr", id="feature-orm")


def test_the_current_view_is_marked_with_aria_current(client, pair):
    full = audit_html(client.get("/compare/django-vs-flask/").content)
    differences = audit_html(client.get("/compare/django-vs-flask/?only=differences").content)

    assert full.has_tag("a", href="/compare/django-vs-flask/", **{"aria-current": "page"})
    assert differences.has_tag(
        "a", href="/compare/django-vs-flask/?only=differences", **{"aria-current": "page"}
    )
    assert not differences.has_tag(
        "a", href="/compare/django-vs-flask/", **{"aria-current": "page"}
    )


def test_rows_differing_only_in_text_are_differences(client, pair):
    django, flask, _ = pair
    templates = make_feature(name="Template engine", slug="templates")
    make_value(django, templates, support=SupportLevel.YES, text="DTL")
    make_value(flask, templates, support=SupportLevel.YES, text="Jinja2")

    differences = audit_html(client.get("/compare/django-vs-flask/?only=differences").content)

    assert differences.has_tag("tr", id="feature-templates")


# --- JSON ------------------------------------------------------------------------------


def test_json_holds_frameworks_categories_features_and_values(client, pair):
    response = client.get("/compare/django-vs-flask.json")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = json.loads(response.content)
    assert [framework["slug"] for framework in data["frameworks"]] == ["django", "flask"]
    category = data["categories"][0]
    assert category["name"] == "Building pages"
    orm = next(feature for feature in category["features"] if feature["slug"] == "orm")
    assert orm["all_agree"] is False
    assert orm["values"]["flask"] == {
        "support": "extension",
        "support_label": "Via extension",
        "text": "Relies on SQLAlchemy",
        "note": "",
        "source_url": "https://flask.example/orm",
        "verified_on": "2026-03-04",
    }
    assert data["comparison"]["author"] == "Robert Johns"
    assert data["comparison"]["faq"] == [{"question": "Which?", "answer": "Either."}]


def test_json_url_is_linked_from_the_page(client, pair):
    html = client.get("/compare/django-vs-flask/").content.decode()

    assert 'href="/compare/django-vs-flask.json"' in html
    assert reverse("frameworks:compare_json", kwargs={"slugs": "django-vs-flask"}) == (
        "/compare/django-vs-flask.json"
    )


# --- Drafts ----------------------------------------------------------------------------


def test_draft_framework_is_not_found_for_the_public(client, pair):
    make_framework(name="Secret", slug="secret", is_published=False)

    assert client.get("/compare/django-vs-secret/").status_code == 404
    assert client.get("/compare/django-vs-secret.json").status_code == 404


def test_logged_in_reader_who_is_not_staff_sees_no_drafts(client, pair, django_user_model):
    make_framework(name="Secret", slug="secret", is_published=False)
    client.force_login(django_user_model.objects.create_user("reader", password="x-1234567"))

    assert client.get("/compare/django-vs-secret/").status_code == 404


def test_staff_see_a_draft_comparison_with_a_banner(admin_client, pair):
    make_framework(name="Secret", slug="secret", is_published=False)

    response = admin_client.get("/compare/django-vs-secret/")

    assert response.status_code == 200
    audit = audit_html(response.content)
    assert audit.has_tag("div", **{"class": "draft-banner", "role": "status"})
    assert "Draft" in response.content.decode()


def test_draft_curated_text_is_hidden_from_the_public_and_shown_to_staff(
    client, admin_client, pair
):
    _, _, comparison = pair
    comparison.is_published = False
    comparison.save()

    public = client.get("/compare/django-vs-flask/").content.decode()
    staff = admin_client.get("/compare/django-vs-flask/").content.decode()

    assert "Flask vs Django: which to use?" not in public
    assert "draft-banner" not in public
    assert "Flask vs Django: which to use?" in staff
    assert "draft-banner" in staff


def test_a_staff_view_is_never_served_to_the_public_from_the_cache(client, admin_client, pair):
    make_framework(name="Secret", slug="secret", is_published=False)

    assert admin_client.get("/compare/django-vs-secret/").status_code == 200
    assert client.get("/compare/django-vs-secret/").status_code == 404


# --- Escaping --------------------------------------------------------------------------


def test_text_typed_by_editors_is_escaped_everywhere(client, pair):
    django, flask, comparison = pair
    attack = "<script>alert(1)</script>"
    make_value(django, make_feature(name="Evil", slug="evil"), text=attack, note=attack)
    django.pros.create(text=attack, order=9)
    comparison.faq.create(question=attack, answer=f"</script>{attack}", order=9)
    comparison.intro = comparison.verdict = attack
    comparison.save()

    response = client.get("/compare/django-vs-flask/")

    html = response.content.decode()
    assert attack not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    audit = assert_page_quality(response.content)
    faq = next(node for node in audit.json_ld[0]["@graph"] if node["@type"] == "FAQPage")
    assert faq["mainEntity"][-1]["acceptedAnswer"]["text"] == f"</script>{attack}"


@pytest.mark.parametrize("readings", [1, 2], ids=["bar chart", "line chart"])
def test_framework_names_are_escaped_in_charts(client, pair, readings):
    django, _, _ = pair
    django.name = 'Django <b>"&'
    django.save()
    for year in range(2020, 2020 + readings):
        make_metric(django, kind="contributors", value=9, as_of=datetime.date(year, 5, 1))

    response = client.get("/compare/django-vs-flask/")

    html = response.content.decode()
    assert "Django <b>" not in html
    assert html.count("Django &lt;b&gt;&quot;&amp;") >= 4
    assert_page_quality(response.content)


# --- Picker ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "location"),
    [
        ("frameworks=flask&frameworks=django", "/compare/django-vs-flask/"),
        ("frameworks=django&frameworks=flask", "/compare/django-vs-flask/"),
        (
            "frameworks=flask&frameworks=django&only=differences",
            "/compare/django-vs-flask/?only=differences",
        ),
        ("frameworks=flask&frameworks=&frameworks=django", "/compare/django-vs-flask/"),
    ],
)
def test_picker_redirects_permanently_to_the_canonical_url(client, pair, query, location):
    response = client.get(f"/compare/?{query}")

    assert response.status_code == 301
    assert response["Location"] == location


@pytest.mark.parametrize(
    "query",
    [
        "frameworks=django",
        "frameworks=",
        "frameworks=django&frameworks=django",
        "frameworks=django&frameworks=unknown",
        "frameworks=django&frameworks=%3Cscript%3E",
        "frameworks=django&frameworks=a/b",
        "&".join(f"frameworks=f{n}" for n in range(5)),
    ],
)
def test_bad_picker_input_shows_the_home_page_with_the_problem(client, pair, query):
    response = client.get(f"/compare/?{query}")

    assert response.status_code == 400
    audit = assert_page_quality(response.content)
    assert audit.has_tag("p", **{"class": "form-error", "id": "picker-error"})
    assert "<script>" not in response.content.decode().split("</head>")[1]


def test_picker_without_input_goes_back_to_the_home_page(client, pair):
    response = client.get("/compare/")

    assert response.status_code == 302
    assert response["Location"] == "/#compare"


def test_picker_offers_drafts_to_staff_only(client, admin_client, pair):
    make_framework(name="Secret", slug="secret", is_published=False)

    assert client.get("/compare/?frameworks=django&frameworks=secret").status_code == 400
    response = admin_client.get("/compare/?frameworks=secret&frameworks=django")
    assert response.status_code == 301
    assert response["Location"] == "/compare/django-vs-secret/"


def test_picker_keeps_the_readers_choices_checked_after_a_problem(client, pair):
    make_framework(name='Bottle <b>"&', slug="bottle")

    response = client.get("/compare/?frameworks=django&frameworks=django&frameworks=bottle")

    assert response.status_code == 400
    audit = assert_page_quality(response.content)
    checked = {attrs["value"] for tag, attrs in audit.tags if tag == "input" and "checked" in attrs}
    assert checked == {"django", "bottle"}
    assert audit.has_tag("input", type="checkbox", name="frameworks", value="flask")
    assert "Bottle &lt;b&gt;&quot;&amp;</label>" in response.content.decode()
