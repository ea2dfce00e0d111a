"""The reader pages other than the comparison: home, framework list and page, site files."""

import datetime
import re

import pytest
from django.urls import resolve, reverse

from frameworks.models import MetricKind
from tests.factories import (
    make_adoption,
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
def site():
    django = make_framework(
        name="Django",
        slug="django",
        tagline="The web framework for perfectionists with deadlines",
        original_authors="Adrian Holovaty, Simon Willison",
        license="BSD-3-Clause",
        website_url="https://www.djangoproject.com/",
        repository_url="https://github.com/django/django",
        source_url="https://en.wikipedia.org/wiki/Django_(web_framework)",
        first_release_year=2005,
    )
    flask = make_framework(name="Flask", slug="flask", first_release_year=2010)
    make_framework(name="Gin", slug="gin", language="Go")
    for framework in (django, flask):
        make_lists(framework)
        make_value(framework, make_feature(name=f"Feature of {framework.name}"))
    make_adoption(django, source_url="https://example.com/instagram")
    make_metric(django, value=79_000)
    make_metric(django, value=60_000, as_of=datetime.date(2023, 1, 1))
    make_metric(django, kind=MetricKind.STACKOVERFLOW_QUESTIONS, value=300_000)
    make_comparison([django, flask], title="Django vs Flask", is_featured=True)
    return django, flask


# --- URLs ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "kwargs", "path"),
    [
        ("home", {}, "/"),
        ("framework_list", {}, "/frameworks/"),
        ("framework_detail", {"slug": "django"}, "/frameworks/django/"),
        ("compare", {"slugs": "django-vs-flask"}, "/compare/django-vs-flask/"),
        ("compare_json", {"slugs": "django-vs-flask"}, "/compare/django-vs-flask.json"),
        ("compare_picker", {}, "/compare/"),
        ("sitemap", {}, "/sitemap.xml"),
        ("robots_txt", {}, "/robots.txt"),
        ("feed", {}, "/feed/"),
    ],
)
def test_url_names_reverse_and_resolve(name, kwargs, path):
    assert reverse(f"frameworks:{name}", kwargs=kwargs) == path
    assert resolve(path).url_name == name


# --- Home ----------------------------------------------------------------------------------


def test_home_reaches_the_featured_comparison_in_one_click(client, site):
    audit = audit_html(client.get("/").content)

    links = [attrs.get("href") for tag, attrs in audit.tags if tag == "a"]
    content_links = links[links.index("#main") + 6 :]  # after the skip link, brand and nav
    assert content_links[0] == "/compare/django-vs-flask/"


def test_home_has_a_labelled_picker_that_works_without_javascript(client, site):
    response = client.get("/")

    audit = assert_page_quality(response.content)
    assert audit.has_tag("form", method="get", action="/compare/")
    assert audit.has_tag("fieldset") and audit.has_tag("legend")
    boxes = [a for t, a in audit.tags if t == "input" and a.get("name") == "frameworks"]
    assert [box["value"] for box in boxes] == ["django", "flask", "gin"]
    assert all(box["type"] == "checkbox" for box in boxes)
    assert "The web framework for perfectionists with deadlines" in response.content.decode()


def test_home_lets_a_reader_start_from_a_language_or_from_any(client, site):
    make_framework(name="Sinatra", slug="sinatra", language="Ruby")
    make_framework(name="Rails", slug="rails", language="Ruby")

    response = client.get("/")

    html = response.content.decode()
    assert_page_quality(response.content)
    assert '<a href="/frameworks/?language=Python">Python</a>' in html
    assert '<a href="/frameworks/?language=Ruby">Ruby</a>' in html
    assert '<a href="/frameworks/">Any language</a> <span class="muted">all 5</span>' in html
    # The picker groups its choices by language, the biggest group first.
    legends = re.findall(r'<fieldset class="choice-language">\s*<legend>([^<]+)</legend>', html)
    assert legends == ["Python", "Ruby", "Go"]
    ruby = html.split("<legend>Ruby</legend>")[1].split("</fieldset>")[0]
    assert ruby.index('value="rails"') < ruby.index('value="sinatra"')


def test_home_has_no_csrf_token_or_cookie_so_every_reader_gets_the_same_page(client, site):
    response = client.get("/")

    assert b"csrfmiddlewaretoken" not in response.content
    assert not response.cookies
    assert client.get("/").content == response.content


# --- Framework list ------------------------------------------------------------------------


def test_framework_list_shows_published_frameworks_only(client, site):
    make_framework(name="Secret", slug="secret", is_published=False)

    response = client.get("/frameworks/")

    html = response.content.decode()
    assert_page_quality(response.content)
    assert "Django" in html and "Gin" in html
    assert "Secret" not in html


def test_framework_list_shows_drafts_to_staff_marked_as_drafts(admin_client, site):
    make_framework(name="Secret", slug="secret", is_published=False)

    html = admin_client.get("/frameworks/").content.decode()

    assert "Secret" in html
    assert "tag-draft" in html


def test_framework_list_searches_and_filters_by_language(client, site):
    searched = client.get("/frameworks/?q=perfectionists").content.decode()
    go = client.get("/frameworks/?language=Go").content.decode()

    assert "/frameworks/django/" in searched and "/frameworks/flask/" not in searched
    assert "/frameworks/gin/" in go and "/frameworks/django/" not in go
    assert audit_html(searched).meta.get("robots") == "noindex, follow"


def test_framework_list_filters_by_several_languages(client, site):
    make_framework(name="Rails", slug="rails", language="Ruby")

    response = client.get("/frameworks/?language=Go&language=Ruby")

    html = response.content.decode()
    assert "/frameworks/gin/" in html and "/frameworks/rails/" in html
    assert "/frameworks/django/" not in html
    assert "<h1>Go and Ruby frameworks</h1>" in html
    assert (
        audit_html(html).link_href("canonical").endswith("/frameworks/?language=Go&language=Ruby")
    )


def test_framework_list_paginates(client, site):
    for _ in range(30):
        make_framework()

    first = client.get("/frameworks/")
    second = client.get("/frameworks/?page=2")

    assert first.content.count(b'class="card"') == 24
    assert second.content.count(b'class="card"') == 33 - 24
    assert b'rel="next"' in first.content and b'rel="prev"' in second.content
    assert audit_html(second.content).link_href("canonical").endswith("/frameworks/?page=2")


@pytest.mark.parametrize("page", ["0", "-1", "abc", "2", "99999999999999999999", "1e3", "1.5"])
def test_framework_list_answers_absurd_pages_with_not_found(client, site, page):
    assert client.get(f"/frameworks/?page={page}").status_code == 404


def test_framework_list_copes_with_long_and_hostile_queries(client, site):
    response = client.get("/frameworks/", {"q": "<script>" + "x" * 5000, "language": "'; --"})

    assert response.status_code == 200
    assert b"<script>x" not in response.content


# --- Framework page ------------------------------------------------------------------------


def test_framework_page_shows_every_part(client, site):
    response = client.get("/frameworks/django/")

    html = response.content.decode()
    audit = assert_page_quality(response.content)
    for text in (
        "The web framework for perfectionists with deadlines",
        "Adrian Holovaty, Simon Willison",
        "BSD-3-Clause",
        "2005",
        "https://www.djangoproject.com/",
        "https://github.com/django/django",
        "Key text 0",
        "Pro 1 of django",
        "Con 0 of django",
        "Use case 1",
        "https://example.com/instagram",
        "Feature of Django",
        "Django vs Flask",
    ):
        assert text in html, text
    assert audit.json_ld[0]["@type"] == "SoftwareApplication"
    assert audit.has_tag("a", href="/compare/django-vs-flask/")
    assert audit.has_tag("select", name="frameworks", id="compare-with")


def test_framework_page_offers_every_other_framework_to_compare_with(client, site):
    make_framework(name='Tornado <b>"&', slug="tornado")

    response = client.get("/frameworks/django/")

    audit = audit_html(response.content)
    options = [attrs["value"] for tag, attrs in audit.tags if tag == "option"]
    assert options == ["flask", "gin", "tornado"]
    assert '<option value="tornado">Tornado &lt;b&gt;&quot;&amp;</option>' in (
        response.content.decode()
    )


def test_metrics_are_an_svg_chart_with_a_title_and_a_table_of_the_same_numbers(client, site):
    audit = audit_html(client.get("/frameworks/django/").content)

    charts = [attrs for tag, attrs in audit.tags if tag == "svg"]
    assert len(charts) == 1  # GitHub stars over time; one Stack Overflow count is no chart
    assert all(chart["role"] == "img" and chart["aria-labelledby"] for chart in charts)
    html = client.get("/frameworks/django/").content.decode()
    assert '<title id="chart-github_stars-title">GitHub stars</title>' in html
    assert "<polyline" in html
    for number in ("60,000", "79,000"):
        assert f"<td>{number}</td>" in html


def test_a_metric_with_a_single_number_is_said_in_words_not_drawn(client, site):
    html = client.get("/frameworks/django/").content.decode()

    assert "<figcaption>Stack Overflow questions</figcaption>" in html
    assert "Django: <strong>300,000</strong> on" in html
    assert "chart-stackoverflow_questions-title" not in html


def test_framework_page_of_a_draft_is_not_found_for_the_public(client, site):
    make_framework(name="Secret", slug="secret", is_published=False)

    assert client.get("/frameworks/secret/").status_code == 404


def test_framework_page_of_a_draft_shows_staff_a_banner(admin_client, site):
    make_framework(name="Secret", slug="secret", is_published=False)

    response = admin_client.get("/frameworks/secret/")

    assert response.status_code == 200
    assert b'class="draft-banner"' in response.content


def test_unknown_framework_is_not_found_in_the_site_layout(client, site):
    response = client.get("/frameworks/nope/")

    assert response.status_code == 404
    assert_page_quality(response.content, indexable=False)


def test_a_pro_with_a_script_is_shown_as_text(client, site):
    django, _ = site
    django.pros.create(text='<script>alert("x")</script>', order=0)

    html = client.get("/frameworks/django/").content.decode()

    assert '<script>alert("x")</script>' not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html


# --- Every page ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/frameworks/",
        "/frameworks/?language=Go",
        "/frameworks/django/",
        "/frameworks/flask/",
        "/compare/django-vs-flask/",
        "/compare/django-vs-flask/?only=differences",
        "/compare/django-vs-flask-vs-gin/",
    ],
)
def test_every_page_is_well_formed_and_csp_clean(client, site, url):
    response = client.get(url)

    assert response.status_code == 200
    assert_page_quality(response.content)


@pytest.mark.parametrize("template", ["500.html", "503.html"])
def test_error_pages_render_without_a_request_or_the_database(template, django_db_blocker):
    from django.template import loader

    with django_db_blocker.block():
        html = loader.render_to_string(template)

    assert_page_quality(html, indexable=False)


def test_favicon_ico_redirects_to_the_svg(client):
    response = client.get("/favicon.ico")

    assert response.status_code == 301
    assert response["Location"] == "/static/img/favicon.svg"


def test_staff_pages_are_not_stored_for_the_public(client, admin_client, site):
    _, flask = site
    flask.is_published = False
    flask.save()

    assert b"Flask" in admin_client.get("/frameworks/").content
    assert b"/frameworks/flask/" not in client.get("/frameworks/").content
