"""Every fact of the seed article (Flask vs Django, hackr.io, 21 Dec 2023) is in the database.

The expected texts below are the article's own words, so a fixture that drifts from the
article fails here. The values state the facts as checked against primary sources on
2026-12-01; what the article said about a cell lives in a claim on that value, with its status
(confirmed or corrected) and, where the article is wrong, the correction. Cells its comparison
table lost were filled from its text; cells it left empty have no claim.
"""

import datetime

import pytest
from django.utils.html import escape

from frameworks.models import (
    Adoption,
    Claim,
    ClaimStatus,
    Comparison,
    Feature,
    FeatureValue,
    Framework,
    Metric,
    MetricKind,
    Provenance,
    SupportLevel,
)

# Every test here only reads the committed content: load it once.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seed_module")]


ARTICLE = "https://hackr.io/blog/flask-vs-django"
ARTICLE_TITLE = "Flask vs Django: Which Python Web Framework to Use in 2024? (hackr.io)"
ARTICLE_DATE = datetime.date(2023, 12, 21)
VERIFIED = datetime.date(2026, 11, 25)
CHECKED = datetime.date(2026, 12, 1)
# Claims reviewed on another day than the rest (issue 18's review of the article's key features).
REVIEWED_ON = {("flask", "server-interface"): datetime.date(2026, 12, 5)}
# Values re-checked on another day (issue 18: every "Via extension" package's last release date).
RECHECKED = datetime.date(2026, 12, 6)
CHECKED_ON = {
    ("django", "websockets"): RECHECKED,
    ("django", "static-typing"): RECHECKED,
    ("flask", "database-support"): RECHECKED,
    ("flask", "admin-interface"): RECHECKED,
    ("flask", "websockets"): RECHECKED,
    ("flask", "csrf-protection"): RECHECKED,
    ("flask", "security-headers"): RECHECKED,
    ("flask", "third-party-apps"): RECHECKED,
    # Release days re-read from PyPI's JSON API (pip index hides Django 6 on Python 3.11).
    ("django", "latest-release"): RECHECKED,
    ("flask", "latest-release"): RECHECKED,
}


def checked_on(value):
    return CHECKED_ON.get((value.framework.slug, value.feature.slug), CHECKED)


# What the article says for each cell of its table, as the claim's typed level and words:
# (feature slug): (Django support, Django text), (Flask support, Flask text).
# ("unknown", "") is a cell the article left empty: it has no claim.
TABLE = {
    "launch-year": (("yes", "2005"), ("yes", "2010")),
    "architecture": (("yes", "Model View Template (MVT)"), ("yes", "Wrapper for WSGI")),
    "framework-type": (("yes", "Full-stack"), ("yes", "Micro-framework")),
    "working-style": (("yes", "Monolithic"), ("yes", "Flexible, any working style")),
    "api-support": (
        ("yes", "Yes (API backends, rate-limiting)"),
        ("yes", "Yes (HTTP and RESTful requests)"),
    ),
    "database-support": (
        ("yes", "Built-in ORM & support for SQLite, PostgreSQL, MySQL, MariaDB, and Oracle"),
        ("extension", "Relies on SQLAlchemy or other extensions for ORM"),
    ),
    "bootstrapping-tool": (("yes", "Yes (Django-admin)"), ("unknown", "")),
    "template-engine": (("yes", "Django Template Language (DTL)"), ("yes", "Jinja2")),
    "accounts-sessions": (
        ("yes", "Built-in logins & user authentication"),
        ("partial", "Secure cookies; no built-in authorization"),
    ),
    "multi-page-apps": (
        ("yes", "Yes (large multi-page projects)"),
        ("no", "No (Single-Page Only)"),
    ),
    "dynamic-html": (("yes", "Yes"), ("unknown", "")),
    "third-party-apps": (("unknown", ""), ("extension", "Extensions or plugins")),
    "debugger": (("unknown", ""), ("yes", "Integrated debugger")),
    "testing-support": (("yes", "Yes (unittest)"), ("yes", "Yes (unittest)")),
    "forms": (("unknown", ""), ("extension", "Requires Flask-WTF extension")),
    "url-dispatcher": (("yes", "Controller RegEx"), ("yes", "Werkzeug routing")),
}

# Claims outside the article's table: its pros and cons speak about the admin site.
CLAIMS_BEYOND_THE_TABLE = {
    ("django", "admin-interface"): ("yes", "Comprehensive & easy-to-use admin UI"),
    ("flask", "admin-interface"): ("no", "No built-in admin site"),
    # A key feature of the article's, about the server interface (issue 18).
    ("flask", "server-interface"): (
        "yes",
        "Support for WSGI templates allows for flexibility and scalability",
    ),
}

# The article's claims that primary sources contradict; every other claim is confirmed.
CORRECTED = {
    ("django", "url-dispatcher"): "path()",
    ("django", "api-support"): "rate limiting",
    ("flask", "multi-page-apps"): "tutorial",
    ("flask", "forms"): "request.form",
    ("flask", "testing-support"): "pytest",
    ("flask", "server-interface"): "WSGI server",
}

# The quote from the article that supports each claim filled from its text (a piece of the
# claim's longer quote).
SUPPORTING_QUOTES = {
    ("django", "launch-year"): "released in 2005",
    ("flask", "launch-year"): "Arriving in 2010",
    ("django", "framework-type"): "full-stack Python-based web application framework",
    ("flask", "framework-type"): "Python-based micro-framework",
    ("django", "working-style"): "Monolithic style can be complicated",
    ("flask", "working-style"): "Easy to use with any working style",
    ("django", "api-support"): "Rate-limiting for API requests",
    ("flask", "api-support"): "Supports HTTP and RESTful requests",
    ("flask", "database-support"): "NoSQL Support",
    ("flask", "template-engine"): "Jinja2 template library",
    ("django", "accounts-sessions"): "robust user authentication",
    ("flask", "accounts-sessions"): "Lack of security & authorization features",
    ("django", "multi-page-apps"): "Work on large projects (multi-page)",
    ("flask", "multi-page-apps"): "No support for multi-page apps",
    ("django", "dynamic-html"): "Supports dynamic HTML pages",
    ("flask", "third-party-apps"): "extensions or plugins",
    ("flask", "debugger"): "Integrated unit testing & debugger",
    ("django", "url-dispatcher"): "RegEx-based URL dispatching is complicated",
    ("flask", "url-dispatcher"): "Easy URL routing via Werkzeug",
}

KEY_FEATURES = {
    "django": [
        (
            "Versatile",
            "You can use Django to build various Python projects like content management "
            "systems (CMS), social networking sites, and even scientific computing platforms.",
        ),
        (
            "Batteries Included",
            "Bundles many useful features out of the box, including a caching framework with "
            "Memcached, content admin, site maps, RSS, authentication, and more.",
        ),
        ("Portable", "Django is written in Python, providing portability to run on any platform."),
        (
            "Secure",
            "Django bundles robust user authentication systems, and it helps avoid common "
            "security issues, such as SQL injection, clickjacking, cross-site scripting, and more.",
        ),
        (
            "Scalable",
            "With a combination of independent layers and DRY principles, code reuse & "
            "maintenance enable scalability without issue.",
        ),
        ("Adaptability", "Support for a variety of formats, including JSON, HTML, XML, and more."),
        (
            "Popular",
            "Huge companies like Spotify, Instagram, Dropbox, Pinterest, Mozilla, YouTube, NASA, "
            "and National Geographic use Django in their tech stack.",
        ),
    ],
    "flask": [
        (
            "Lightweight & Extensible",
            "Developers have independence and control over application architecture, "
            "libraries, and extensions, along with a neat API.",
        ),
        ("Adaptable", "Easy to use with any working style, which suits experienced developers."),
        ("Request Handling", "Supports HTTP and RESTful requests."),
        (
            "Testing & Debugging",
            "Integrated unit testing & debugger allow for quick debugging and development.",
        ),
        (
            "Secure Cookies",
            "HTTP request attributes provide security and prevent unauthorized access.",
        ),
        (
            "Flexible & Scalable",
            "Support for WSGI templates allows for flexibility and scalability.",
        ),
        (
            "Popular",
            "Used by large companies like Netflix, Reddit, Uber, Lyft, Zillow, Patreon, Airbnb, "
            "and MIT.",
        ),
    ],
}

# The article prints each framework's pros and cons as two columns; read row by row, the
# lists below are the columns.
PROS = {
    "django": [
        "Easy & quick to get up and running",
        "Comprehensive & easy-to-use admin UI",
        "Highly secure",
        "Highly scalable",
        "Integrated unit testing",
        "Internationalization system for global apps",
        "Supports dynamic HTML pages",
        "Easy-to-follow documentation",
        "Rate-limiting for API requests",
        "URL model definition assistance",
        "Excellent in-built template design",
    ],
    "flask": [
        "Adaptable to new tech",
        "Extensible",
        "Flexible with full control access",
        "Scalable",
        "Allows architecture & library experimentation",
        "Great for smaller projects",
        "Small codebase with simple functions",
        "Fast & easy to build prototypes",
        "Easy URL routing via Werkzeug",
        "Easy to integrate databases",
        "NoSQL Support",
    ],
}
CONS = {
    "django": [
        "Monolithic style can be complicated",
        "Steep learning curve",
        "Large codebase",
        "Too many functions for simple projects",
        "Dependent on Django ORM",
        "RegEx-based URL dispatching is complicated",
    ],
    "flask": [
        "Maintenance can be difficult",
        "Minimum Viable Product (MVP) can be slow",
        "No built-in admin site",
        "Lack of security & authorization features",
        "No support for multi-page apps",
        "Lacks Object-Relational-Mapping (ORM)",
    ],
}
USE_CASES = {
    "django": [
        "Work on large projects (multi-page) with strict deadlines",
        "Use built-in features and gain access support to speed up development",
        "Build secure projects that require authorization",
        "Have the option to scale up or make projects more complex in the future",
        "Create web applications with native ORM support or API backends",
    ],
    "flask": [
        "Work on smaller projects (single-page)",
        "Have varied database support, including NoSQL",
        "Have flexibility and freedom to choose libraries and extensions",
        "Have API support or want to add new extensions in the future",
        "Create static websites, rapid prototypes, and RESTful web services",
    ],
}
COMPANIES = {
    "django": [
        "Spotify",
        "Instagram",
        "Dropbox",
        "Pinterest",
        "Mozilla",
        "YouTube",
        "NASA",
        "National Geographic",
    ],
    "flask": ["Netflix", "Reddit", "Uber", "Lyft", "Zillow", "Patreon", "Airbnb", "MIT"],
}

FAQ = [
    (
        "Is Flask Easier Than Django?",
        "Most people find Flask easier to learn than Django as it offers greater flexibility "
        "and a less rigid working style. But while Django has a steeper learning curve, it can "
        "pay off if you build secure and scalable web apps that will grow in complexity.",
    ),
    (
        "Should I Learn Django or Flask First?",
        "There’s no correct answer here. If you’re new to Python, you may find it easier to "
        "learn Flask before Django. Once you have the fundamentals, you’ll find it easier to "
        "transition to Django later. On the other hand, if you’re more experienced in Python or "
        "web development, you might prefer to dive right into Django.",
    ),
    (
        "Django vs Flask: Which Is Better?",
        "Neither is better or worse than the other, but they may be better suited to specific "
        "use cases. For example, Flask is suitable for smaller projects that need the "
        "flexibility to add particular libraries both now and in the future. Django is great for "
        "large projects that require security, scalability, and built-in features.",
    ),
    (
        "Which Is Better? Flask or Django For Beginners?",
        "If you’re a beginner in Python or web development, you’ll likely find that Flask is a "
        "more accessible place to start, as it’s much quicker to get your project off the "
        "ground due to a smaller codebase and a less steep learning curve.",
    ),
]


def cell(framework, feature):
    return FeatureValue.objects.get(framework__slug=framework, feature__slug=feature)


def claim(framework, feature):
    return Claim.objects.get(
        value__framework__slug=framework, value__feature__slug=feature, source_url=ARTICLE
    )


def article_claims():
    """(framework, feature): (support, text) of every cell the article says something about."""
    claims = {
        (framework, feature): (support, text)
        for feature, values in TABLE.items()
        for framework, (support, text) in zip(("django", "flask"), values, strict=True)
        if support != SupportLevel.UNKNOWN
    }
    return claims | CLAIMS_BEYOND_THE_TABLE


def comparison():
    return Comparison.objects.get(slug="flask-vs-django")


# --- The comparison table -------------------------------------------------------------------


@pytest.mark.parametrize("feature", TABLE)
def test_every_row_of_the_article_table_holds_the_articles_values(feature):
    """The article's words are kept as its claims; the values are the facts checked since."""
    for framework, (support, text) in zip(("django", "flask"), TABLE[feature], strict=True):
        value = cell(framework, feature)
        if support == SupportLevel.UNKNOWN:
            assert not value.claims.exists(), framework
        else:
            row = claim(framework, feature)
            assert (row.support, row.text) == (support, text), framework
            assert (row.source_title, row.stated_on) == (ARTICLE_TITLE, ARTICLE_DATE)
        assert value.source_url != ARTICLE
        assert value.verified_on == checked_on(value)
        assert value.provenance == Provenance.CHECKED


def test_every_statement_of_the_article_about_a_cell_is_a_claim_and_no_other():
    claims = Claim.objects.filter(value__framework__slug__in=["django", "flask"])
    found = {
        (row.value.framework.slug, row.value.feature.slug): (row.support, row.text)
        for row in claims.select_related("value__framework", "value__feature")
    }
    assert found == article_claims()
    assert {row.source_url for row in claims} == {ARTICLE}


def test_filled_cells_quote_the_article_text_that_supports_them():
    for (framework, feature), quote in SUPPORTING_QUOTES.items():
        assert quote in claim(framework, feature).quote, (framework, feature)
        assert quote not in cell(framework, feature).note, (framework, feature)


def test_corrected_claims_say_what_is_right_and_the_rest_are_confirmed():
    for framework, feature in article_claims():
        row = claim(framework, feature)
        assert row.reviewed_on == REVIEWED_ON.get((framework, feature), CHECKED), (
            framework,
            feature,
        )
        if (framework, feature) in CORRECTED:
            assert row.status == ClaimStatus.CORRECTED, (framework, feature)
            assert CORRECTED[framework, feature] in row.correction, (framework, feature)
            assert row.text != row.value.text, (framework, feature)
        else:
            assert row.status == ClaimStatus.CONFIRMED, (framework, feature)
            assert row.correction == "", (framework, feature)


def test_corrected_cells_carry_an_https_source_and_a_check_date_not_in_the_future():
    today = datetime.date.today()
    for framework, feature in CORRECTED:
        value = cell(framework, feature)
        assert value.source_url.startswith("https://"), (framework, feature)
        assert "hackr.io" not in value.source_url, (framework, feature)
        assert value.verified_on is not None and value.verified_on <= today, (framework, feature)
        assert value.provenance == Provenance.CHECKED, (framework, feature)
        assert claim(framework, feature).reviewed_on <= today, (framework, feature)


def test_the_article_is_wrong_on_multi_page_apps_and_url_routing():
    flask_pages = cell("flask", "multi-page-apps")
    assert flask_pages.support == SupportLevel.YES
    assert flask_pages.source_url == "https://flask.palletsprojects.com/en/stable/tutorial/"
    assert "RegEx" not in cell("django", "url-dispatcher").text
    assert "path()" in cell("django", "url-dispatcher").text


def test_cells_the_article_lost_are_unknown_and_say_so():
    """Cells the article left empty have no claim; the documentation now answers them."""
    lost = [
        (framework, feature)
        for feature, values in TABLE.items()
        for framework, (support, _) in zip(("django", "flask"), values, strict=True)
        if support == SupportLevel.UNKNOWN
    ]
    assert sorted(lost) == [
        ("django", "debugger"),
        ("django", "forms"),
        ("django", "third-party-apps"),
        ("flask", "bootstrapping-tool"),
        ("flask", "dynamic-html"),
    ]
    for framework, feature in lost:
        value = cell(framework, feature)
        assert "table gives no value" in value.editor_note
        assert "table gives no value" not in value.note
        assert value.support != SupportLevel.UNKNOWN and value.text
        assert not value.claims.exists()


def test_editors_working_notes_never_reach_the_public_note():
    values = FeatureValue.objects.filter(framework__slug__in=["django", "flask"])
    for value in values:
        for working in ("table cell was lost", "table gives no value", "From the article"):
            assert working not in value.note, value
    assert values.exclude(editor_note="").count() == values.count()


def test_django_and_flask_have_a_known_checked_value_for_every_row():
    for framework in ("django", "flask"):
        values = FeatureValue.objects.filter(framework__slug=framework)
        assert values.count() == Feature.objects.count()
        assert not values.filter(support=SupportLevel.UNKNOWN).exists()
        for value in values.select_related("framework", "feature"):
            assert value.verified_on == checked_on(value), value


def test_the_article_rows_are_grouped_in_ordered_categories_with_descriptions():
    features = Feature.objects.select_related("category")
    assert set(TABLE) <= {feature.slug for feature in features}
    assert 3 <= len({feature.category_id for feature in features}) <= 6
    for feature in features:
        assert feature.description and feature.category.description, feature
    assert Feature.objects.get(slug="debugger").name == "Debugger"
    assert "Virtual Debugger" in Feature.objects.get(slug="debugger").description


def test_companies_and_github_stars_rows_are_not_features():
    names = {name.lower() for name in Feature.objects.values_list("name", flat=True)}
    assert not names & {"companies using it", "github stars"}


# --- Frameworks -----------------------------------------------------------------------------


def test_django_and_flask_rows_hold_the_articles_facts():
    django = Framework.objects.get(slug="django")
    flask = Framework.objects.get(slug="flask")
    assert (django.name, django.first_release_year, django.language) == ("Django", 2005, "Python")
    assert (flask.name, flask.first_release_year, flask.language) == ("Flask", 2010, "Python")
    assert flask.original_authors == "Armin Ronacher"
    assert django.original_authors == "Adrian Holovaty and Simon Willison"
    assert django.license == flask.license == "BSD-3-Clause"
    assert django.website_url == "https://www.djangoproject.com/"
    assert flask.repository_url == "https://github.com/pallets/flask"
    assert django.source_url == flask.source_url == ARTICLE
    assert django.is_published and flask.is_published
    assert (django.package_registry, django.package_name) == ("pypi", "Django")
    assert (flask.package_registry, flask.package_name) == ("pypi", "Flask")
    assert (django.package_name, django.github_repo, django.stackoverflow_tag) == (
        "Django",
        "django/django",
        "django",
    )
    assert (flask.package_name, flask.github_repo, flask.stackoverflow_tag) == (
        "Flask",
        "pallets/flask",
        "flask",
    )


def test_summaries_hold_the_what_is_it_sections():
    django = Framework.objects.get(slug="django").summary
    flask = Framework.objects.get(slug="flask").summary
    for fact in (
        "Django Reinhardt",
        "released in 2005",
        "‘fussbudgets with deadlines’",
        "batteries-included approach",
        "site maps, client info",
        "DRY (Don’t Repeat Yourself)",
        "logins, database connectivity, database CRUD operations",
    ):
        assert fact in django, fact
    for fact in (
        "Arriving in 2010 and developed by Armin Ronacher",
        "minimal dependency on external libraries",
        "Werkzeug WSGI (Web Server Gateway Interface) toolkit and the Jinja2 template library",
        "lightweight and extensible",
        "very Pythonic",
        "easy learning curve",
        "Hello World",
    ):
        assert fact in flask, fact
    assert "\n\n" in django and "\n\n" in flask


@pytest.mark.parametrize("framework", ["django", "flask"])
def test_key_features_are_the_articles_bullets_in_order(framework):
    rows = Framework.objects.get(slug=framework).key_features.order_by("order")
    assert [(row.title, row.text) for row in rows] == KEY_FEATURES[framework]


@pytest.mark.parametrize("framework", ["django", "flask"])
def test_pros_cons_and_use_cases_are_the_articles_lists_in_order(framework):
    row = Framework.objects.get(slug=framework)
    assert [pro.text for pro in row.pros.order_by("order")] == PROS[framework]
    assert [con.text for con in row.cons.order_by("order")] == CONS[framework]
    assert [use.text for use in row.use_cases.order_by("order")] == USE_CASES[framework]


@pytest.mark.parametrize("framework", ["django", "flask"])
def test_companies_using_it_are_listed_in_the_articles_order_with_source(framework):
    adoptions = Adoption.objects.filter(framework__slug=framework).order_by("order")
    assert [adoption.company.name for adoption in adoptions] == COMPANIES[framework]
    for adoption in adoptions:
        assert (adoption.source_url, adoption.as_of) == (ARTICLE, ARTICLE_DATE)
        assert adoption.company.slug


def test_stack_overflow_question_counts_are_dated_sourced_metrics():
    django = Metric.objects.get(framework__slug="django", kind=MetricKind.STACKOVERFLOW_QUESTIONS)
    flask = Metric.objects.get(framework__slug="flask", kind=MetricKind.STACKOVERFLOW_QUESTIONS)
    assert (django.value, django.approximation) == (300000, "at_least")
    assert (flask.value, flask.approximation) == (55000, "about")
    for metric in (django, flask):
        assert (metric.as_of, metric.source_url) == (ARTICLE_DATE, ARTICLE)
    assert "more than 300k" in django.note
    assert "approximately 55k" in flask.note


def test_no_number_is_guessed_github_stars_and_downloads_have_no_metric():
    assert not Metric.objects.exclude(kind=MetricKind.STACKOVERFLOW_QUESTIONS).exists()


# --- The curated comparison -----------------------------------------------------------------


def test_curated_comparison_carries_the_articles_byline_and_dates():
    row = comparison()
    assert row.title == "Flask vs Django: Which Python Web Framework to Use in 2024?"
    assert (row.author, row.fact_checker) == ("Robert Johns", "Jim Markus")
    assert (row.published_on, row.updated_on) == (ARTICLE_DATE, ARTICLE_DATE)
    assert row.source_url == ARTICLE
    assert row.is_published and row.is_featured
    assert [entry.framework.slug for entry in row.entries.order_by("order")] == [
        "flask",
        "django",
    ]
    assert row.get_absolute_url() == "/compare/django-vs-flask/"


def test_intro_holds_the_opening_and_the_popularity_statements():
    intro = comparison().intro
    for sentence in (
        "In this article, I take a deep dive into Flask vs Django.",
        "They’re both open-source web frameworks that use the Python programming language",
        "Python is only for analytics and data science",
        "top 15 frameworks in the latest Stack Overflow developer survey",
        "overwhelming number of JavaScript frameworks",
        "Django is tagged in more than 300k questions on StackOverflow, compared to "
        "approximately 55k for Flask.",
        "both frameworks have trended upwards in StackOverflow questions over the last 10 "
        "years, demonstrating growing popularity among web developers.",
    ):
        assert sentence in intro, sentence
    assert len(intro.split("\n\n")) >= 5


def test_verdict_holds_which_is_better_and_wrapping_up():
    verdict = comparison().verdict
    for sentence in (
        "Django or Flask, which is better?",
        "There’s no clear answer here",
        "you may find it easier to start with Flask than Django, which has a steeper learning "
        "curve and a more rigid approach to creating web applications.",
        "you can use Django books and other resources to overcome this learning curve.",
        "you can rely on an active community of Django developers",
        "So there you have it, a comprehensive head-to-head of Flask vs Django for 2024.",
        "Django is a full-stack web framework with a ‘batteries included’ approach that’s "
        "excellent for large projects that require security and scalability.",
        "Flask is ideal as it’s a lightweight and extensible micro-framework that’s great for "
        "smaller projects.",
        "have fun with your next web development project!",
    ):
        assert sentence in verdict, sentence
    assert "\n\n" in verdict and "\n\n\n" not in verdict


def test_faq_is_the_articles_four_questions_and_answers_in_order():
    entries = comparison().faq.order_by("order")
    assert [(entry.question, entry.answer) for entry in entries] == FAQ


# --- Completeness and sourcing of all content -----------------------------------------------


def test_at_least_four_more_python_frameworks_are_published():
    python = {"django", "flask", "fastapi", "pyramid", "bottle", "tornado"}
    languages = dict(Framework.objects.published().values_list("slug", "language"))
    assert python <= set(languages)
    # Frameworks of other languages sit beside them (issue 24); these six stay Python.
    assert {languages[slug] for slug in python} == {"Python"}


def test_every_framework_has_a_value_for_every_feature():
    features = Feature.objects.count()
    for framework in Framework.objects.all():
        assert framework.values.count() == features, framework


def test_every_known_value_has_a_source_and_a_verification_date():
    today = datetime.date.today()
    for value in FeatureValue.objects.exclude(support=SupportLevel.UNKNOWN):
        assert value.source_url.startswith("https://"), value
        assert value.verified_on is not None, value
        assert value.verified_on <= today, value
        assert value.text, value


def test_every_unknown_value_is_empty_and_explained():
    for value in FeatureValue.objects.filter(support=SupportLevel.UNKNOWN):
        assert value.text == "", value
        assert value.note or value.editor_note, value


def test_facts_beyond_the_article_cite_official_sources_verified_on_the_review_date():
    beyond = FeatureValue.objects.exclude(source_url=ARTICLE).exclude(support=SupportLevel.UNKNOWN)
    assert beyond.filter(framework__slug__in=["fastapi", "pyramid", "bottle", "tornado"]).count()
    for value in beyond:
        assert VERIFIED <= value.verified_on <= datetime.date.today(), value
        assert "hackr.io" not in value.source_url
    for value in beyond.filter(framework__slug__in=["django", "flask"]):
        assert value.verified_on == checked_on(value), value
    other = FeatureValue.objects.exclude(framework__slug__in=["django", "flask"])
    assert not other.filter(source_url=ARTICLE).exists()
    assert not FeatureValue.objects.filter(source_url=ARTICLE).exists()


def test_every_metric_and_adoption_has_a_source_and_a_date():
    for row in [*Metric.objects.all(), *Adoption.objects.all()]:
        assert row.source_url.startswith("https://"), row
        assert row.as_of is not None, row


# --- Claims as readers see them -------------------------------------------------------------


def test_the_comparison_page_shows_the_articles_words_and_the_corrections(client):
    html = client.get("/compare/django-vs-flask/").content.decode()
    for framework, feature in article_claims():
        row = claim(framework, feature)
        assert escape(row.text) in html, (framework, feature)
        assert escape(row.correction) in html, (framework, feature)
