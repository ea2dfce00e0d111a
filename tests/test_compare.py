"""The comparison pages: /compare/<slugs>/, its JSON twin and the picker."""

import datetime
import json

import pytest
from django.test import Client
from django.urls import reverse

from frameworks.models import ClaimStatus, FeatureKind, Provenance, SupportLevel, compare_url
from tests.factories import (
    make_adoption,
    make_category,
    make_claim,
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
        "Choose Django if you need to…",
        "Choose Flask if you need to…",
        "Use case 0",
        "Relies on SQLAlchemy",
        "Since 2005.",
        'Checked against <a href="https://flask.example/orm">flask.example</a> on 4 Mar 2026.',
        "Via extension",
        "Database layer.",
        'datetime="2026-02-01"',  # updated on
    ):
        assert text in html, text


def test_comparison_table_is_an_accessible_table(client, pair):
    audit = audit_html(client.get("/compare/django-vs-flask/").content)

    assert audit.has_tag("caption", id="matrix-caption")
    column_headers = [
        attrs for tag, attrs in audit.tags if tag == "th" and attrs.get("scope") == "col"
    ]
    assert len(column_headers) >= 3  # Feature, Django, Flask
    assert audit.has_tag("th", scope="rowgroup", colspan="3")
    assert audit.has_tag("tr", id="feature-orm")
    assert audit.has_tag("a", href="https://flask.example/orm")


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


def test_capabilities_differ_by_their_typed_level_descriptions_by_their_value(client, pair):
    django, flask, _ = pair
    templates = make_feature(name="Template engine", slug="templates")
    make_value(django, templates, support=SupportLevel.YES, text="DTL")
    make_value(flask, templates, support=SupportLevel.YES, text="Jinja2")
    license_ = make_feature(name="License", slug="license", kind=FeatureKind.DESCRIPTION)
    make_value(django, license_, text="BSD-3-Clause")
    make_value(flask, license_, text="BSD-3-Clause")
    launch = make_feature(name="Launch year", slug="launch-year", kind=FeatureKind.DESCRIPTION)
    make_value(django, launch, text="2005")
    make_value(flask, launch, text="2010")

    differences = audit_html(client.get("/compare/django-vs-flask/?only=differences").content)

    assert not differences.has_tag("tr", id="feature-templates")  # both built in
    assert not differences.has_tag("tr", id="feature-license")
    assert differences.has_tag("tr", id="feature-launch-year", **{"class": "described"})


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
        "provenance": "checked",
        "provenance_words": "checked against flask.example on 4 Mar 2026",
        "claims": [],
    }
    assert orm["kind"] == "capability"
    assert data["comparison"]["author"] == "Robert Johns"
    assert data["comparison"]["faq"] == [{"question": "Which?", "answer": "Either."}]


def test_json_carries_claims_and_kind_but_never_the_editors_note(client, pair):
    django, _, _ = pair
    value = django.values.get(feature__slug="orm")
    value.editor_note = "SECRET working note"
    value.save()
    make_claim(value, text="No ORM", correction="Django ships its ORM.")

    response = client.get("/compare/django-vs-flask.json")

    assert b"SECRET" not in response.content
    data = json.loads(response.content)
    orm = next(f for f in data["categories"][0]["features"] if f["slug"] == "orm")
    (claim,) = orm["values"]["django"]["claims"]
    assert claim["text"] == "No ORM"
    assert claim["status"] == "corrected"
    assert claim["correction"] == "Django ships its ORM."
    assert claim["stated_on"] == "2023-12-21"


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


# --- Reading the page: the answer first, compact cells, honest provenance ----------------


def test_the_answer_comes_before_the_table_and_the_articles_intro(client, pair):
    html = client.get("/compare/django-vs-flask/").content.decode()

    key = html.index("Key differences")
    choose = html.index("Choose Django if you need to")
    table = html.index('id="matrix-caption"')
    intro = html.index("<p>A deep dive.</p>")
    assert key < table and choose < table < intro
    assert '<a href="#feature-orm">ORM</a>' in html  # the key difference links its row
    assert "Use case 0" in html[choose:table]
    assert 'aria-labelledby="profile-title profile-desc"' in html
    assert "Django: 2 built in" in html  # the profile's text equivalent


def test_description_rows_show_their_value_without_a_badge(client, pair):
    django, flask, _ = pair
    launch = make_feature(name="Launch year", slug="launch-year", kind=FeatureKind.DESCRIPTION)
    make_value(django, launch, text="2005")
    make_value(flask, launch, text="2010")

    audit = audit_html(client.get("/compare/django-vs-flask/").content)
    html = client.get("/compare/django-vs-flask/").content.decode()

    row = html[html.index('id="feature-launch-year"') :]
    row = row[: row.index("</tr>")]
    assert "2005" in row and "2010" in row
    assert "badge" not in row and "Yes" not in row
    assert audit.has_tag("tr", id="feature-launch-year")


def test_each_cell_keeps_note_source_and_date_behind_one_labelled_control(client, pair):
    html = client.get("/compare/django-vs-flask/").content.decode()

    row = html[html.index('id="feature-orm"') :]
    row = row[: row.index("</tr>")]
    assert row.count("<details") == 2
    assert '<summary>Source<span class="visually-hidden"> for Flask: ORM</span></summary>' in row
    assert "<div><p>Since 2005.</p>" in row


@pytest.mark.parametrize(
    ("provenance", "words"),
    [
        (Provenance.CHECKED, "Checked against"),
        (Provenance.STATED, "As stated by"),
        (Provenance.AUTOMATIC, "Checked automatically from"),
    ],
)
def test_provenance_says_how_the_value_is_known(client, pair, provenance, words):
    _, flask, _ = pair
    flask.values.filter(feature__slug="orm").update(provenance=provenance)

    html = client.get("/compare/django-vs-flask/").content.decode()

    assert f'{words} <a href="https://flask.example/orm">flask.example</a> on 4 Mar 2026.' in html


@pytest.mark.parametrize(
    ("provenance", "words"),
    [
        (Provenance.CHECKED, "from {host}"),
        (Provenance.STATED, "as stated by {host}"),
        (Provenance.AUTOMATIC, "checked automatically from {host}"),
    ],
)
def test_the_table_and_the_json_word_provenance_alike_even_without_a_date(
    client, pair, provenance, words
):
    _, flask, _ = pair
    flask.values.filter(feature__slug="orm").update(provenance=provenance, verified_on=None)
    link = '<a href="https://flask.example/orm">flask.example</a>'

    html = client.get("/compare/django-vs-flask/").content.decode()
    data = client.get("/compare/django-vs-flask.json").json()

    cell = next(
        feature["values"]["flask"]
        for category in data["categories"]
        for feature in category["features"]
        if feature["slug"] == "orm"
    )
    assert cell["provenance_words"] == words.format(host="flask.example")
    sentence = words.format(host=link)
    assert f"{sentence[0].upper()}{sentence[1:]}." in html


def test_a_corrected_claim_is_marked_and_shown_with_its_correction(client, pair):
    _, flask, _ = pair
    value = flask.values.get(feature__slug="orm")
    make_claim(
        value,
        source_title="Flask vs Django",
        source_url="https://hackr.example/flask-vs-django",
        text="No ORM at all",
        status=ClaimStatus.CORRECTED,
        correction="Flask-SQLAlchemy adds one.",
    )

    html = client.get("/compare/django-vs-flask/").content.decode()

    row = html[html.index('id="feature-orm"') :]
    row = row[: row.index("</tr>")]
    assert '<summary><span class="tag tag-corrected">Corrected</span>' in row
    assert (
        '<a href="https://hackr.example/flask-vs-django">Flask vs Django</a> (21 Dec 2023) '
        "says: “No ORM at all”" in row
    )
    assert "<strong>Corrected:</strong> Flask-SQLAlchemy adds one." in row
    assert "Checked against" in row  # the value's own source, beside the correction


def test_claims_from_the_comparisons_own_article_name_it_once_above_the_table(client, pair):
    _, flask, comparison = pair
    comparison.source_url = "https://hackr.example/flask-vs-django"
    comparison.save()
    make_claim(
        flask.values.get(feature__slug="orm"),
        source_url="https://hackr.example/flask-vs-django",
        text="No ORM at all",
    )

    html = client.get("/compare/django-vs-flask/").content.decode()

    assert "The article (21 Dec 2023) says: “No ORM at all”" in html
    assert html.count('href="https://hackr.example/flask-vs-django"') == 2  # above; credits


def test_a_confirmed_claim_adds_no_correction_tag(client, pair):
    _, flask, _ = pair
    make_claim(flask.values.get(feature__slug="orm"), status=ClaimStatus.CONFIRMED, correction="")

    html = client.get("/compare/django-vs-flask/").content.decode()

    assert 'tag tag-corrected">Corrected</span><span' not in html
    assert "Confirmed." in html


def test_each_cells_details_end_with_a_report_link_for_that_cell(client, pair):
    html = client.get("/compare/django-vs-flask/").content.decode()

    row = html[html.index('id="feature-orm"') :]
    row = row[: row.index("</tr>")]
    assert (
        '<a href="/corrections/new/?page=%2Fcompare%2Fdjango-vs-flask%2F&amp;feature=orm'
        '&amp;framework=flask" rel="nofollow">Report a mistake</a>' in row
    )


def test_editors_notes_never_reach_the_page(client, pair):
    django, _, _ = pair
    django.values.filter(feature__slug="orm").update(editor_note="SECRET working note")

    assert b"SECRET" not in client.get("/compare/django-vs-flask/").content
    assert b"SECRET" not in client.get("/frameworks/django/").content


def test_differences_toggle_says_how_many_rows_it_hides(client, pair):
    html = client.get("/compare/django-vs-flask/").content.decode()

    assert "only the 1 difference" in html
    assert "(hides 1 where all agree)" in html


def test_no_differences_toggle_where_it_would_hide_nothing(client, pair):
    django, _, _ = pair
    django.values.filter(feature__slug="testing").update(support=SupportLevel.NO)

    html = client.get("/compare/django-vs-flask/").content.decode()

    assert "data-view-switch" not in html


# --- URLs in any letter case, and errors that say why ----------------------------------


@pytest.mark.parametrize(
    ("path", "target"),
    [
        ("/compare/DJANGO-vs-Flask/", "/compare/django-vs-flask/"),
        ("/compare/Flask-VS-django/", "/compare/django-vs-flask/"),
        (
            "/compare/DJANGO-vs-Flask/?only=differences",
            "/compare/django-vs-flask/?only=differences",
        ),
        ("/compare/Django-vs-Flask.json", "/compare/django-vs-flask.json"),
        ("/frameworks/Django/", "/frameworks/django/"),
    ],
)
def test_slugs_in_any_letter_case_redirect_to_the_lower_case_url(client, pair, path, target):
    response = client.get(path)

    assert response.status_code == 301
    assert response["Location"] == target


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/compare/django-vs-nope/", "There is no framework called “nope” on Comparator."),
        ("/compare/nope-vs-zilch/", "There are no frameworks called “nope”, “zilch”"),
        ("/compare/django/", "A comparison shows 2 to 4 frameworks"),
        ("/compare/a-vs-b-vs-c-vs-d-vs-e/", "this address names 5"),
        ("/compare/django-vs-DJANGO/", "repeats “django”"),
        ("/frameworks/nope/", "There is no framework called “nope” on Comparator."),
    ],
)
def test_not_found_page_says_why_in_production(client, pair, settings, path, reason):
    settings.DEBUG = False

    response = client.get(path)

    assert response.status_code == 404
    html = response.content.decode()
    assert reason in html
    assert 'href="/frameworks/"' in html and 'href="/#compare"' in html


def test_a_post_to_a_public_page_gets_a_styled_403_in_the_sites_layout(pair):
    client = Client(enforce_csrf_checks=True)

    response = client.post("/compare/django-vs-flask/")

    assert response.status_code == 403
    assert b"This form could not be sent" in response.content
    assert b'class="site-header"' in response.content


def test_other_methods_get_a_styled_405_saying_what_is_allowed(client, pair):
    response = client.put("/compare/django-vs-flask/")

    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
    assert b"This page can only be read" in response.content
    assert b'class="site-header"' in response.content
