"""Frameworks beyond Python, over the committed content: how many, how well known, the rows
every language shares, the cross-language comparisons and the ways readers find them."""

import re
import xml.etree.ElementTree as ET
from collections import Counter

import pytest
from django.contrib.auth.models import AnonymousUser

from frameworks.models import Comparison, Feature, FeatureValue, Framework, SupportLevel
from frameworks.selectors import search_frameworks
from tests.html_audit import assert_page_quality

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seed_module")]

MIN_FRAMEWORKS = 25
MIN_LANGUAGES = 6
MIN_KNOWN_SHARE = 0.9

# Each curated cross-language comparison's claims, and the cell each one rests on:
# (words of its intro, verdict or FAQ, framework, feature, the cell's rating).
CLAIMS = {
    "django-vs-ruby-on-rails": [
        ("its admin is built in", "django", "admin-interface", SupportLevel.YES),
        (
            "Rails needs a package such as ActiveAdmin",
            "ruby-on-rails",
            "admin-interface",
            SupportLevel.EXTENSION,
        ),
        (
            "Action Cable gives it WebSockets built in",
            "ruby-on-rails",
            "websockets",
            SupportLevel.YES,
        ),
        ("(Django needs Channels)", "django", "websockets", SupportLevel.EXTENSION),
        ("async views under ASGI", "django", "async-support", SupportLevel.YES),
        (
            "concurrency comes from threads or fibers",
            "ruby-on-rails",
            "async-support",
            SupportLevel.PARTIAL,
        ),
        (
            "API-only applications are a mode of Rails itself",
            "ruby-on-rails",
            "api-support",
            SupportLevel.YES,
        ),
        ("leaves a REST toolkit to an add-on", "django", "api-support", SupportLevel.PARTIAL),
        ("shows each frame’s local variables", "django", "debugger", SupportLevel.YES),
        (
            "CSRF protection that is on by default",
            "ruby-on-rails",
            "csrf-protection",
            SupportLevel.YES,
        ),
        ("CSRF protection that is on by default", "django", "csrf-protection", SupportLevel.YES),
        ("through its SecurityMiddleware", "django", "security-headers", SupportLevel.YES),
        ("through default response headers", "ruby-on-rails", "security-headers", SupportLevel.YES),
    ],
    "express-vs-flask": [
        ("its handlers run on Node.js’s event loop", "express", "async-support", SupportLevel.YES),
        (
            "Flask’s async views still hold a WSGI worker",
            "flask",
            "async-support",
            SupportLevel.PARTIAL,
        ),
        ("npx express-generator", "express", "bootstrapping-tool", SupportLevel.YES),
        ("Flask has no project generator", "flask", "bootstrapping-tool", SupportLevel.NO),
        ("an interactive debugger in the browser", "flask", "debugger", SupportLevel.YES),
        ("Express shows a stack trace", "express", "debugger", SupportLevel.PARTIAL),
        ("a test client", "flask", "testing-support", SupportLevel.YES),
        ("leaves tests to SuperTest", "express", "testing-support", SupportLevel.EXTENSION),
        ("signed-cookie sessions", "flask", "accounts-sessions", SupportLevel.PARTIAL),
        ("express-session", "express", "accounts-sessions", SupportLevel.EXTENSION),
        ("type hints shipped with the package", "flask", "static-typing", SupportLevel.YES),
        ("@types/express", "express", "static-typing", SupportLevel.EXTENSION),
        ("Helmet", "express", "security-headers", SupportLevel.EXTENSION),
        ("express-ws", "express", "websockets", SupportLevel.EXTENSION),
        ("Flask-SQLAlchemy", "flask", "database-support", SupportLevel.EXTENSION),
        ("Mongoose", "express", "database-support", SupportLevel.EXTENSION),
        ("Flask-Admin", "flask", "admin-interface", SupportLevel.EXTENSION),
        ("AdminJS", "express", "admin-interface", SupportLevel.EXTENSION),
    ],
    "fastapi-vs-nestjs": [
        ("Both are async from the ground up", "fastapi", "async-support", SupportLevel.YES),
        ("Both are async from the ground up", "nestjs", "async-support", SupportLevel.YES),
        ("both read your types", "fastapi", "static-typing", SupportLevel.YES),
        ("both read your types", "nestjs", "static-typing", SupportLevel.YES),
        (
            "both have a command that creates a new project",
            "fastapi",
            "bootstrapping-tool",
            SupportLevel.YES,
        ),
        (
            "both have a command that creates a new project",
            "nestjs",
            "bootstrapping-tool",
            SupportLevel.YES,
        ),
        (
            "WebSocket routes and a test client are built in",
            "fastapi",
            "websockets",
            SupportLevel.YES,
        ),
        (
            "WebSocket routes and a test client are built in",
            "fastapi",
            "testing-support",
            SupportLevel.YES,
        ),
        (
            "WebSocket gateways through @nestjs/websockets",
            "nestjs",
            "websockets",
            SupportLevel.EXTENSION,
        ),
        ("@nestjs/testing and SuperTest", "nestjs", "testing-support", SupportLevel.EXTENSION),
        ("@nestjs/passport", "nestjs", "accounts-sessions", SupportLevel.EXTENSION),
        ("FastAPI ships security tools", "fastapi", "accounts-sessions", SupportLevel.PARTIAL),
        (
            "leave the database to an ORM of your choice",
            "fastapi",
            "database-support",
            SupportLevel.EXTENSION,
        ),
        (
            "leave the database to an ORM of your choice",
            "nestjs",
            "database-support",
            SupportLevel.EXTENSION,
        ),
    ],
}


def known_share(framework):
    values = FeatureValue.objects.filter(framework=framework)
    known = values.exclude(support=SupportLevel.UNKNOWN).count()
    return known / Feature.objects.count()


def test_at_least_25_published_frameworks_in_at_least_six_languages_each_90_percent_known():
    published = list(Framework.objects.published())
    languages = Counter(framework.language for framework in published)

    assert len(published) >= MIN_FRAMEWORKS
    assert len(languages) >= MIN_LANGUAGES, languages
    for framework in published:
        assert known_share(framework) >= MIN_KNOWN_SHARE, framework


def test_every_value_of_every_language_is_sourced_and_dated():
    for value in FeatureValue.objects.exclude(framework__language="Python").exclude(
        support=SupportLevel.UNKNOWN
    ):
        assert value.source_url.startswith("https://"), value
        assert value.verified_on is not None, value
        assert value.note or value.editor_note, value


def test_frameworks_beyond_python_name_their_registry_and_package():
    for framework in Framework.objects.published().exclude(language="Python"):
        assert framework.package_registry and framework.package_name, framework
        assert framework.package_registry != "pypi", framework


def test_the_runtime_row_names_each_frameworks_runtime():
    runtime_words = {
        "Python": ("Python",),
        "Ruby": ("Ruby",),
        "PHP": ("PHP",),
        "JavaScript": ("Node.js",),
        "TypeScript": ("Node.js",),
        "Java": ("Java",),
        "C#": (".NET",),
        "Elixir": ("Elixir",),
        "Go": ("Go",),
        "Rust": ("Rust",),
    }
    for value in FeatureValue.objects.filter(feature__slug="runtime-versions").exclude(
        support=SupportLevel.UNKNOWN
    ):
        words = runtime_words[value.framework.language]
        assert any(word in value.text for word in words), value


@pytest.mark.parametrize("slug", sorted(CLAIMS))
def test_cross_language_comparisons_are_written_and_each_claim_rests_on_a_cell(client, slug):
    comparison = Comparison.objects.get(slug=slug)
    frameworks = [entry.framework for entry in comparison.entries.select_related("framework")]
    assert comparison.is_published and comparison.is_featured
    assert comparison.author and comparison.fact_checker
    assert comparison.published_on and comparison.updated_on
    assert comparison.intro and comparison.verdict and comparison.faq.count() >= 3
    assert len({framework.language for framework in frameworks}) == 2
    text = " ".join(
        [comparison.intro, comparison.verdict]
        + [f"{entry.question} {entry.answer}" for entry in comparison.faq.all()]
    )
    for words, framework, feature, support in CLAIMS[slug]:
        assert words in text, words
        cell = FeatureValue.objects.get(framework__slug=framework, feature__slug=feature)
        assert cell.support == support, (words, cell)

    response = client.get(f"/compare/{slug}/")
    assert response.status_code == 200
    assert_page_quality(response.content)


@pytest.mark.parametrize(
    ("slug", "first"),
    [
        ("django-vs-ruby-on-rails", "Admin interface"),
        ("express-vs-flask", "Async support"),
        ("fastapi-vs-nestjs", "WebSockets"),
    ],
)
def test_cross_language_key_differences_start_with_what_readers_weigh(client, slug, first):
    page = client.get(f"/compare/{slug}/").content.decode()
    differences = page.split('id="key-differences', 1)[1].split("</section>", 1)[0]
    names = re.findall(r'<th scope="row"[^>]*>(?:<a [^>]*>)?([^<]+)<', differences)
    assert names and names[0] == first, names


def test_the_home_page_features_the_cross_language_comparisons_and_starts_from_a_language(client):
    html = client.get("/").content.decode()

    for slug in CLAIMS:
        assert f'href="/compare/{slug}/"' in html
    for language in ("Python", "Ruby", "PHP", "JavaScript", "Go", "Rust"):
        assert f'href="/frameworks/?language={language}"' in html


def test_the_sitemap_lists_every_cross_language_pair(client):
    response = client.get("/sitemap-pairs.xml")
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locations = {
        node.text for node in ET.fromstring(response.content).findall(".//s:loc", namespace)
    }

    published = Framework.objects.published().count()
    assert len(locations) == published * (published - 1) // 2
    assert "http://testserver/compare/gin-vs-ruby-on-rails/" in locations
    assert "http://testserver/compare/axum-vs-django/" in locations


def test_search_finds_a_languages_frameworks_first():
    found = search_frameworks(user=AnonymousUser(), query="ruby")

    assert {hit.name for hit in found[:2]} == {"Ruby on Rails", "Sinatra"}
    typescript = search_frameworks(user=AnonymousUser(), query="typescript")
    assert typescript[0].language == "TypeScript"


def test_decide_ranks_frameworks_of_the_languages_chosen(client):
    response = client.get("/decide/?need=websockets&language=Go&language=Rust")

    html = response.content.decode()
    ranked = re.findall(r'class="result-title">.*?<a href="[^"]+">([^<]+)</a>', html)
    assert sorted(ranked) == ["Axum", "Gin"]
    assert "Languages: Go and Rust." in html


def test_a_grid_compares_one_feature_across_languages(client):
    html = client.get("/features/security/?language=Ruby&language=PHP&sort=security-headers")

    page = html.content.decode()
    rows = re.findall(r'<th scope="row" class="grid-framework">.*?>([^<]+)</a>', page)
    assert sorted(rows) == ["Laravel", "Ruby on Rails", "Sinatra", "Symfony"]
