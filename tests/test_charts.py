"""Metric charts from stored data points: the time axis is labelled whatever the span."""

import datetime

import pytest
from django.utils import timezone

from frameworks.charts import Reading, build_chart, date_ticks
from frameworks.models import MetricKind
from tests.factories import make_framework, make_metric

D = datetime.date


def labels(first, last):
    return [label for _, label in date_ticks(first, last)]


@pytest.mark.parametrize(
    ("first", "last", "expected"),
    [
        (D(2026, 11, 30), D(2026, 12, 1), ["30 Nov 2026", "1 Dec 2026"]),
        (
            D(2026, 11, 3),
            D(2026, 12, 1),
            ["3 Nov 2026", "10 Nov 2026", "17 Nov 2026", "24 Nov 2026", "1 Dec 2026"],
        ),
        (
            D(2026, 6, 15),
            D(2026, 12, 1),
            ["Jul 2026", "Aug 2026", "Sep 2026", "Oct 2026", "Nov 2026", "Dec 2026"],
        ),
        (
            D(2024, 12, 1),
            D(2026, 12, 1),
            ["Jan 2025", "May 2025", "Sep 2025", "Jan 2026", "May 2026", "Sep 2026"],
        ),
        (D(2015, 6, 1), D(2020, 6, 1), ["2016", "2017", "2018", "2019", "2020"]),
        (D(2000, 6, 1), D(2026, 6, 1), ["2001", "2006", "2011", "2016", "2021", "2026"]),
    ],
    ids=["two-days", "weekly", "months", "two-years", "years", "decades"],
)
def test_time_axis_labels_days_months_or_years_by_span(first, last, expected):
    assert labels(first, last) == expected


def test_ticks_lie_within_the_span_in_order():
    ticks = date_ticks(D(2026, 9, 14), D(2026, 12, 1))

    days = [day for day, _ in ticks]
    assert days == sorted(days)
    assert D(2026, 9, 14) <= days[0] and days[-1] <= D(2026, 12, 1)


def test_two_refreshed_points_draw_a_line_with_both_dates_on_the_axis():
    series = {
        "Flask": (
            Reading("Flask", D(2026, 11, 24), 70_400, "70,400", "https://github.com/pallets/flask"),
            Reading("Flask", D(2026, 12, 1), 70_500, "70,500", "https://github.com/pallets/flask"),
        )
    }

    chart = build_chart(chart_id="chart-stars", title="GitHub stars", series=series)

    assert chart.kind == "lines"
    (line,) = chart.lines
    assert len(line.markers) == 2
    assert line.markers[0].x < line.markers[1].x
    assert chart.x_ticks[0].position == line.markers[0].x
    assert chart.x_ticks[-1].position == line.markers[-1].x
    assert chart.x_ticks[-1].label == "1 Dec 2026"


@pytest.mark.django_db
def test_framework_page_charts_the_stored_series_with_dates(client):
    flask = make_framework(name="Flask", slug="flask")
    today = timezone.localdate()
    week_ago = today - datetime.timedelta(days=7)
    for day, value in ((week_ago, 70_400), (today, 70_500)):
        make_metric(flask, kind=MetricKind.GITHUB_STARS, value=value, as_of=day)

    html = client.get(flask.get_absolute_url()).content.decode()

    assert "chart-lines" in html
    assert "<polyline" in html
    for day in (week_ago, today):
        assert f"{day.day} {day:%b %Y}" in html


# --- Downloads: which registry counted them, and which publishes none --------------------------


def make_downloads(framework, kind, value):
    make_metric(framework, kind=kind, value=value, as_of=datetime.date(2026, 12, 1))


@pytest.mark.django_db
def test_a_framework_whose_registry_counts_no_downloads_says_so_on_its_page(client):
    spring = make_framework(
        name="Spring Boot",
        slug="spring-boot",
        package_registry="maven",
        package_name="org.springframework.boot:spring-boot",
    )

    html = client.get(spring.get_absolute_url()).content.decode()

    assert 'id="metrics"' in html
    assert "Maven Central publishes no download counts." in html


@pytest.mark.django_db
def test_a_framework_without_figures_on_a_counting_registry_shows_no_metrics(client):
    flask = make_framework(slug="flask", package_registry="pypi", package_name="Flask")

    html = client.get(flask.get_absolute_url()).content.decode()

    assert 'id="metrics"' not in html
    assert "publishes no download counts" not in html


@pytest.mark.django_db
def test_a_download_chart_names_the_registry_that_counted_and_the_ones_that_count_otherwise(
    client,
):
    from frameworks.models import compare_url

    flask = make_framework(name="Flask", slug="flask", package_registry="pypi")
    express = make_framework(name="Express", slug="express", package_registry="npm")
    rails = make_framework(name="Rails", slug="rails", package_registry="rubygems")
    make_framework(name="Gin", slug="gin", package_registry="go")
    make_downloads(flask, MetricKind.MONTHLY_DOWNLOADS, 120_000_000)
    make_downloads(express, MetricKind.MONTHLY_DOWNLOADS, 210_000_000)
    make_downloads(rails, MetricKind.TOTAL_DOWNLOADS, 640_000_000)

    html = client.get(compare_url(["express", "flask", "gin", "rails"])).content.decode()

    assert "Downloads per month" in html
    assert "Each as its registry counts them (Express by npm, Flask by PyPI)" in html
    assert "Rails: RubyGems publishes no monthly download counts." in html
    assert "Gin: The Go module proxy publishes no download counts." in html
    assert "Downloads in all" in html
    assert "As counted by RubyGems." in html
    assert "Flask: PyPI publishes no download totals." in html
    assert "No data yet for" not in html


@pytest.mark.django_db
def test_a_comparison_without_download_figures_names_registries_that_publish_none(client):
    from frameworks.models import compare_url

    make_framework(name="Spring Boot", slug="spring-boot", package_registry="maven")
    make_framework(name="Flask", slug="flask", package_registry="pypi")

    html = client.get(compare_url(["flask", "spring-boot"])).content.decode()

    assert "Spring Boot: Maven Central publishes no download counts." in html
    assert "Flask:" not in html.split('id="metrics"')[1].split("</section>")[0]
