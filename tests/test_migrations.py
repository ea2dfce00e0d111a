"""Data migrations keep every value: run from the state before them, on rows made there."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

BEFORE_NEUTRAL_ROWS = [("frameworks", "0019_names_sort_whatever_their_case")]
NEUTRAL_ROWS = [("frameworks", "0020_rows_for_every_language")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def before_neutral_rows():
    apps = migrate(BEFORE_NEUTRAL_ROWS)
    yield apps
    migrate(executor_leaf_nodes())


def executor_leaf_nodes():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def make_python_rows(apps):
    Category = apps.get_model("frameworks", "FeatureCategory")
    Feature = apps.get_model("frameworks", "Feature")
    Framework = apps.get_model("frameworks", "Framework")
    FeatureValue = apps.get_model("frameworks", "FeatureValue")
    category = Category.objects.create(name="Overview", slug="overview")
    versions = Feature.objects.create(
        category=category, name="Supported Python versions", slug="python-versions"
    )
    hints = Feature.objects.create(category=category, name="Type hints", slug="type-hints")
    flask = Framework.objects.create(name="Flask", slug="flask", pypi_project="Flask")
    Framework.objects.create(name="Unlisted", slug="unlisted")
    checked = datetime.date(2026, 12, 5)
    for feature, text, support in ((versions, "3.9 and newer", "yes"), (hints, "py.typed", "yes")):
        FeatureValue.objects.create(
            framework=flask,
            feature=feature,
            text=text,
            support=support,
            note="What the package metadata says.",
            source_url="https://pypi.org/project/Flask/",
            verified_on=checked,
        )


def test_python_rows_become_every_languages_rows_and_keep_their_values(before_neutral_rows):
    make_python_rows(before_neutral_rows)

    apps = migrate(NEUTRAL_ROWS)

    Feature = apps.get_model("frameworks", "Feature")
    FeatureValue = apps.get_model("frameworks", "FeatureValue")
    assert set(Feature.objects.values_list("slug", "name")) == {
        ("runtime-versions", "Runtime versions"),
        ("static-typing", "Static typing"),
    }
    values = {value.feature.slug: value for value in FeatureValue.objects.select_related("feature")}
    assert values["runtime-versions"].text == "Python 3.9 and newer"
    assert values["static-typing"].text == "py.typed"
    for value in values.values():
        assert value.note == "What the package metadata says."
        assert value.verified_on == datetime.date(2026, 12, 5)
        assert value.source_url == "https://pypi.org/project/Flask/"


def test_a_pypi_project_becomes_a_package_on_pypi(before_neutral_rows):
    make_python_rows(before_neutral_rows)

    apps = migrate(NEUTRAL_ROWS)

    Framework = apps.get_model("frameworks", "Framework")
    assert set(Framework.objects.values_list("slug", "package_registry", "package_name")) == {
        ("flask", "pypi", "Flask"),
        ("unlisted", "", ""),
    }


def test_the_rows_migrate_back(before_neutral_rows):
    make_python_rows(before_neutral_rows)
    migrate(NEUTRAL_ROWS)

    apps = migrate(BEFORE_NEUTRAL_ROWS)

    Framework = apps.get_model("frameworks", "Framework")
    FeatureValue = apps.get_model("frameworks", "FeatureValue")
    assert Framework.objects.get(slug="flask").pypi_project == "Flask"
    assert FeatureValue.objects.get(feature__slug="python-versions").text == "3.9 and newer"


BEFORE_REGISTRY_METRICS = NEUTRAL_ROWS
REGISTRY_METRICS = [("frameworks", "0021_metrics_from_every_registry")]


@pytest.fixture
def before_registry_metrics():
    apps = migrate(BEFORE_REGISTRY_METRICS)
    yield apps
    migrate(executor_leaf_nodes())


def make_pypi_downloads(apps):
    """Flask's PyPI downloads per month, a point and its history, as the old kind named them."""
    Framework = apps.get_model("frameworks", "Framework")
    Metric = apps.get_model("frameworks", "Metric")
    HistoricalMetric = apps.get_model("frameworks", "HistoricalMetric")
    flask = Framework.objects.create(
        name="Flask", slug="flask", package_registry="pypi", package_name="Flask"
    )
    point = Metric.objects.create(
        framework=flask,
        kind="pypi_monthly_downloads",
        value=120_000_000,
        as_of=datetime.date(2026, 11, 30),
        source_url="https://pypistats.org/packages/flask",
    )
    Metric.objects.create(
        framework=flask,
        kind="github_stars",
        value=70_500,
        as_of=datetime.date(2026, 11, 30),
        source_url="https://github.com/pallets/flask",
    )
    HistoricalMetric.objects.create(
        id=point.id,
        framework=flask,
        kind="pypi_monthly_downloads",
        value=point.value,
        approximation="exact",
        as_of=point.as_of,
        source_url=point.source_url,
        history_date=datetime.datetime(2026, 11, 30, tzinfo=datetime.UTC),
        history_type="+",
        history_change_reason="refresh_metrics",
    )
    return flask


def test_pypi_downloads_per_month_become_downloads_per_month_and_keep_every_point(
    before_registry_metrics,
):
    make_pypi_downloads(before_registry_metrics)

    apps = migrate(REGISTRY_METRICS)

    Metric = apps.get_model("frameworks", "Metric")
    HistoricalMetric = apps.get_model("frameworks", "HistoricalMetric")
    assert set(Metric.objects.values_list("kind", "value", "as_of", "source_url")) == {
        (
            "monthly_downloads",
            120_000_000,
            datetime.date(2026, 11, 30),
            "https://pypistats.org/packages/flask",
        ),
        ("github_stars", 70_500, datetime.date(2026, 11, 30), "https://github.com/pallets/flask"),
    }
    assert list(HistoricalMetric.objects.values_list("kind", "value")) == [
        ("monthly_downloads", 120_000_000)
    ]


def test_downloads_per_month_migrate_back_for_pypi_frameworks_only(before_registry_metrics):
    make_pypi_downloads(before_registry_metrics)
    apps = migrate(REGISTRY_METRICS)
    Framework = apps.get_model("frameworks", "Framework")
    Metric = apps.get_model("frameworks", "Metric")
    express = Framework.objects.create(
        name="Express", slug="express", package_registry="npm", package_name="express"
    )
    for kind in ("monthly_downloads", "total_downloads"):
        Metric.objects.create(
            framework=express,
            kind=kind,
            value=1,
            as_of=datetime.date(2026, 12, 1),
            source_url="https://www.npmjs.com/package/express",
        )

    apps = migrate(BEFORE_REGISTRY_METRICS)

    Metric = apps.get_model("frameworks", "Metric")
    assert set(Metric.objects.values_list("framework__slug", "kind")) == {
        ("flask", "pypi_monthly_downloads"),
        ("flask", "github_stars"),
    }
