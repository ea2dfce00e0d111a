"""Reading a comparison as a reader does, at 1366 px (a laptop) and 390 px (a phone): the
answer in the first screen, the framework names always in view, values side by side, charts
whose text can be read. Measured in Debian's Chromium, as the page is really laid out."""

import datetime

import pytest

from frameworks.models import ClaimStatus, FeatureKind, SupportLevel
from tests.factories import (
    make_category,
    make_claim,
    make_comparison,
    make_feature,
    make_framework,
    make_lists,
    make_metric,
    make_value,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP = {"viewport": {"width": 1366, "height": 800}}
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
BOTH = [pytest.param(DESKTOP, id="1366px"), pytest.param(PHONE, id="390px")]

# (slug, name, kind, description, Django's level and words, Flask's level and words)
ROWS = [
    (
        "launch-year",
        "Launch year",
        FeatureKind.DESCRIPTION,
        "The year of the first release.",
        (SupportLevel.YES, "2005"),
        (SupportLevel.YES, "2010"),
    ),
    (
        "license",
        "License",
        FeatureKind.DESCRIPTION,
        "The licence the code is published under.",
        (SupportLevel.YES, "BSD-3-Clause"),
        (SupportLevel.YES, "BSD-3-Clause"),
    ),
    (
        "server-interface",
        "Server interface",
        FeatureKind.DESCRIPTION,
        "How a web server talks to the application: WSGI, ASGI or both.",
        (SupportLevel.YES, "WSGI and ASGI"),
        (SupportLevel.YES, "WSGI"),
    ),
    (
        "async-support",
        "Async support",
        FeatureKind.CAPABILITY,
        "Whether views can be written as asynchronous code (async/await) so one process can "
        "serve many slow or long-lived connections.",
        (SupportLevel.YES, "Async views; async request stack under ASGI"),
        (SupportLevel.PARTIAL, "Async views with flask[async]; still WSGI"),
    ),
    (
        "orm",
        "Database support (ORM)",
        FeatureKind.CAPABILITY,
        "Whether the framework ships an object-relational mapper and which databases it "
        "supports, or whether database access comes from other libraries.",
        (SupportLevel.YES, "Built-in ORM for PostgreSQL, MariaDB, MySQL, Oracle and SQLite"),
        (SupportLevel.EXTENSION, "Flask-SQLAlchemy or another extension"),
    ),
    (
        "admin",
        "Admin interface",
        FeatureKind.CAPABILITY,
        "A ready-made web interface for staff to manage the application's data.",
        (SupportLevel.YES, "Built in (django.contrib.admin)"),
        (SupportLevel.EXTENSION, "Flask-Admin"),
    ),
    (
        "templates",
        "Template engine",
        FeatureKind.CAPABILITY,
        "The template language used to generate HTML (or other text) from data.",
        (SupportLevel.YES, "Django Template Language; Jinja2 supported"),
        (SupportLevel.YES, "Jinja2"),
    ),
    (
        "forms",
        "Forms",
        FeatureKind.CAPABILITY,
        "Declaring, rendering and validating HTML forms.",
        (SupportLevel.YES, "django.forms"),
        (SupportLevel.EXTENSION, "Flask-WTF"),
    ),
    (
        "accounts",
        "Accounts and sessions",
        FeatureKind.CAPABILITY,
        "Users, passwords, log-in and sessions.",
        (SupportLevel.YES, "django.contrib.auth and sessions"),
        (SupportLevel.PARTIAL, "Sessions built in; accounts via Flask-Login"),
    ),
    (
        "websockets",
        "WebSockets",
        FeatureKind.CAPABILITY,
        "Two-way connections between the browser and the server.",
        (SupportLevel.EXTENSION, "Channels"),
        (SupportLevel.EXTENSION, "Flask-Sock"),
    ),
    (
        "testing",
        "Testing support",
        FeatureKind.CAPABILITY,
        "Tools to test an application: a test client, fixtures, a runner.",
        (SupportLevel.YES, "Test client and runner"),
        (SupportLevel.YES, "Test client"),
    ),
    (
        "csrf",
        "CSRF protection",
        FeatureKind.CAPABILITY,
        "Protection against cross-site request forgery on forms.",
        (SupportLevel.YES, "CsrfViewMiddleware"),
        (SupportLevel.EXTENSION, "Flask-WTF"),
    ),
    (
        "escaping",
        "HTML auto-escaping",
        FeatureKind.CAPABILITY,
        "Templates escape HTML in values by default.",
        (SupportLevel.YES, ""),
        (SupportLevel.YES, "Jinja2 autoescape for .html"),
    ),
    (
        "headers",
        "Security headers",
        FeatureKind.CAPABILITY,
        "Built-in clickjacking, HSTS, nosniff and similar headers.",
        (SupportLevel.YES, "SecurityMiddleware, X-Frame-Options"),
        (SupportLevel.NO, "None built in"),
    ),
]


@pytest.fixture
def content():
    """Django, Flask, FastAPI and Pyramid over rows as long as the real ones, with notes, a
    corrected claim and metrics for two of them."""
    django = make_framework(name="Django", slug="django")
    flask = make_framework(name="Flask", slug="flask")
    fastapi = make_framework(name="FastAPI", slug="fastapi")
    pyramid = make_framework(name="Pyramid", slug="pyramid")
    category = make_category(name="Overview and features")
    for order, (slug, name, kind, description, on_django, on_flask) in enumerate(ROWS):
        feature = make_feature(
            category=category,
            slug=slug,
            name=name,
            kind=kind,
            description=description,
            order=order,
        )
        for framework, (support, text) in ((django, on_django), (flask, on_flask)):
            make_value(framework, feature, support=support, text=text, note="A note.")
        for framework in (fastapi, pyramid):
            make_value(framework, feature, support=SupportLevel.PARTIAL, text="Some")
    make_claim(
        flask.values.get(feature__slug="orm"),
        text="No database support",
        status=ClaimStatus.CORRECTED,
        correction="Flask's documentation uses Flask-SQLAlchemy.",
    )
    for framework in (django, flask, fastapi, pyramid):
        make_lists(framework, count=3)
    make_metric(django, value=80_000, as_of=datetime.date(2026, 11, 1))
    make_metric(flask, value=68_000, as_of=datetime.date(2026, 11, 1))
    make_comparison([django, flask], title="Django vs Flask")
    return django, flask


def in_viewport(page, locator):
    box = locator.bounding_box()
    viewport = page.viewport_size
    return (
        box is not None
        and box["y"] >= 0
        and box["y"] + box["height"] <= viewport["height"]
        and box["x"] >= 0
        and box["x"] + box["width"] <= viewport["width"]
    )


def centre_row_two_thirds_down(page):
    rows = page.locator("table.features tr[id^=feature-]")
    row = rows.nth(rows.count() * 2 // 3)
    row.evaluate("row => row.scrollIntoView({block: 'center'})")
    return row


@pytest.mark.parametrize("browser_context_options", BOTH)
def test_first_screen_answers_which_to_choose_and_how_they_differ(live_server, page, content):
    page.goto(live_server.url + "/compare/django-vs-flask/")

    choose = page.get_by_role("heading", name="Choose Django if you need to")
    assert in_viewport(page, choose)
    assert in_viewport(page, page.locator(".choice li").first)
    key_rows = page.locator(".key-differences tbody tr")
    assert key_rows.count() >= 2
    assert in_viewport(page, key_rows.nth(0)) and in_viewport(page, key_rows.nth(1))
    assert page.errors == []


@pytest.mark.parametrize("browser_context_options", BOTH)
def test_the_launch_year_row_shows_its_value_without_a_badge(live_server, page, content):
    page.goto(live_server.url + "/compare/django-vs-flask/")

    row = page.locator("#feature-launch-year")
    assert row.locator(".badge").count() == 0
    assert row.locator("td").nth(0).inner_text().startswith("2005")
    assert page.locator("#feature-admin .badge").count() == 2


@pytest.mark.parametrize("browser_context_options", BOTH)
@pytest.mark.parametrize(
    "path", ["/compare/django-vs-flask/", "/compare/django-vs-fastapi-vs-flask-vs-pyramid/"]
)
def test_framework_names_stay_in_view_deep_in_the_table(live_server, page, content, path):
    page.goto(live_server.url + path)

    row = centre_row_two_thirds_down(page)

    four_on_a_phone = "-vs-pyramid" in path and page.viewport_size["width"] < 640
    for name in ("Django", "Flask"):
        if four_on_a_phone:  # one framework a line, each value led by its name
            cell = row.locator(f'td[data-framework="{name}"]')
            assert in_viewport(page, cell), name
            label = cell.evaluate("td => getComputedStyle(td, '::before').content")
            assert name in label, label
        else:
            header = page.locator("table.features thead th", has_text=name)
            assert in_viewport(page, header), name
    assert in_viewport(page, row.locator("td").first)


@pytest.mark.parametrize("browser_context_options", [PHONE])
@pytest.mark.parametrize(
    ("path", "columns"),
    [("/compare/django-vs-flask/", 2), ("/compare/django-vs-fastapi-vs-flask-vs-pyramid/", 4)],
)
def test_on_a_phone_every_value_of_a_row_is_on_screen_together(
    live_server, page, content, path, columns
):
    page.goto(live_server.url + path)

    row = centre_row_two_thirds_down(page)

    cells = row.locator("td")
    assert cells.count() == columns
    assert all(in_viewport(page, cells.nth(i)) for i in range(columns))
    tops = {round(cells.nth(i).bounding_box()["y"]) for i in range(columns)}
    # Two side by side; four one a line, so that no value breaks a word to fit.
    assert len(tops) == (1 if columns == 2 else columns)
    name = row.locator("th").bounding_box()
    assert name["width"] > 0.8 * page.viewport_size["width"]  # the name is a full line
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


@pytest.mark.parametrize("browser_context_options", [PHONE])
@pytest.mark.parametrize(
    "path",
    ["/compare/django-vs-flask/", "/compare/django-vs-fastapi-vs-flask-vs-pyramid/"],
)
def test_chart_text_is_at_least_12_pixels_on_a_phone(live_server, page, content, path):
    page.goto(live_server.url + path)

    sizes = page.eval_on_selector_all(
        "svg.chart-svg text",
        """texts => texts.map(text => {
            const svg = text.ownerSVGElement;
            const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
            return parseFloat(getComputedStyle(text).fontSize) * scale;
        })""",
    )
    assert sizes and min(sizes) >= 12


def test_a_chart_names_the_frameworks_it_has_no_data_for(live_server, page, content):
    page.goto(live_server.url + "/compare/django-vs-fastapi-vs-flask-vs-pyramid/")

    assert page.get_by_text("No data yet for FastAPI, Pyramid.").is_visible()


@pytest.mark.parametrize("browser_context_options", [DESKTOP])
def test_desktop_rows_are_at_most_90_pixels_apart_on_average(live_server, page, content):
    page.goto(live_server.url + "/compare/django-vs-flask/")

    tops = page.eval_on_selector_all(
        "table.features tr[id^=feature-]",
        "rows => rows.map(row => row.getBoundingClientRect().top)",
    )
    gaps = [after - before for before, after in zip(tops, tops[1:], strict=False)]
    assert sum(gaps) / len(gaps) <= 90


@pytest.mark.parametrize("browser_context_options", [{**DESKTOP, "java_script_enabled": False}])
def test_a_cells_details_open_from_the_keyboard_without_javascript(live_server, page, content):
    page.goto(live_server.url + "/compare/django-vs-flask/")
    cell = page.locator("#feature-orm td").nth(1)
    correction = cell.get_by_text("Flask's documentation uses Flask-SQLAlchemy.")
    assert not correction.is_visible()

    cell.locator("summary").focus()
    page.keyboard.press("Enter")

    assert correction.is_visible()
    assert cell.get_by_text("says: “No database support”").is_visible()
    assert cell.locator("summary").inner_text().startswith("Corrected")
