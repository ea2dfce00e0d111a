"""refresh_metrics and every language's registry, against a fake of each on loopback.

For each registry: a good answer writes the right figures, each with the registry's page of the
package as its source; an HTML page, a missing key or a negative count fails that source alone;
a 304 reuses the last answer; a framework published elsewhere is not asked.
"""

import datetime
from dataclasses import dataclass, field

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from frameworks.models import (
    FeatureValue,
    Metric,
    MetricKind,
    MetricSource,
    PackageRegistry,
    Provenance,
    RefreshStatus,
)
from frameworks.refresh import SKIPPED
from frameworks.runtimes import node_versions_text, ruby_versions_text, rust_versions_text
from frameworks.sources import SOURCES
from tests import fake_registries as registry
from tests.factories import make_framework, make_value
from tests.fake_apis import Reply, github_repo
from tests.refreshing import metric_values, refresh, value_of

pytestmark = pytest.mark.django_db

YESTERDAY = datetime.date(2026, 11, 30)
GITHUB_PATH = "/repos/acme/web"


@dataclass(frozen=True)
class Case:
    """One registry source: the framework's package, what the fake answers, what is written."""

    source: MetricSource
    registry: str
    package: str
    path: str
    body: dict | list
    page: str
    metrics: dict = field(default_factory=dict)  # MetricKind → value
    release: str | None = None
    runtime: str | None = None
    missing: tuple = ()  # (answer missing a key, message)
    negative: tuple = ()  # (answer with a negative count, message)
    others: dict = field(default_factory=dict)  # the registry's other paths: {path: answer}


NPM_REGISTRY_PATH = "/express"
NPM_DOWNLOADS_PATH = "/downloads/point/last-month/express"
GEM_PATH = "/api/v1/gems/rails.json"
GEM_VERSIONS_PATH = "/api/v1/versions/rails.json"

CASES = (
    Case(
        source=MetricSource.NPM,
        registry=PackageRegistry.NPM,
        package="express",
        path=NPM_REGISTRY_PATH,
        body=registry.npm_document(),
        page="https://www.npmjs.com/package/express",
        release="5.1.0 (31 Mar 2025)",
        runtime="Node.js 18 and later",
        missing=({"name": "express", "time": {}}, "no “dist-tags” in the answer"),
        negative=(
            registry.npm_document(published="last spring"),
            "publication time of 5.1.0 'last spring' is not a date",
        ),
        others={NPM_DOWNLOADS_PATH: registry.npm_point()},
    ),
    Case(
        source=MetricSource.NPM_DOWNLOADS,
        registry=PackageRegistry.NPM,
        package="express",
        path=NPM_DOWNLOADS_PATH,
        body=registry.npm_point(),
        page="https://www.npmjs.com/package/express",
        metrics={MetricKind.MONTHLY_DOWNLOADS: 210_000_000},
        missing=({"package": "express"}, "no “downloads” in the answer"),
        negative=(registry.npm_point(downloads=-1), "“downloads” is -1, not a count"),
        others={NPM_REGISTRY_PATH: registry.npm_document()},
    ),
    Case(
        source=MetricSource.RUBYGEMS,
        registry=PackageRegistry.RUBYGEMS,
        package="rails",
        path=GEM_PATH,
        body=registry.rubygems_gem(),
        page="https://rubygems.org/gems/rails",
        metrics={MetricKind.TOTAL_DOWNLOADS: 640_000_000},
        missing=({"name": "rails", "version": "8.0.2"}, "no “downloads” in the answer"),
        negative=(registry.rubygems_gem(downloads=-3), "“downloads” is -3, not a count"),
        others={GEM_VERSIONS_PATH: registry.rubygems_versions()},
    ),
    Case(
        source=MetricSource.RUBYGEMS_VERSIONS,
        registry=PackageRegistry.RUBYGEMS,
        package="rails",
        path=GEM_VERSIONS_PATH,
        body=registry.rubygems_versions(),
        page="https://rubygems.org/gems/rails",
        release="8.0.2 (12 Mar 2025)",
        runtime="Ruby 3.2 and later",
        missing=(
            registry.rubygems_versions(created=None),
            "creation time of 8.0.2 None is not a date",
        ),
        # No count here: an object where the API documents an array stands in for a bad one.
        negative=(registry.rubygems_gem(), "expected a JSON array, got dict"),
        others={GEM_PATH: registry.rubygems_gem()},
    ),
    Case(
        source=MetricSource.PACKAGIST,
        registry=PackageRegistry.PACKAGIST,
        package="laravel/framework",
        path="/packages/laravel/framework.json",
        body=registry.packagist_package(),
        page="https://packagist.org/packages/laravel/framework",
        metrics={MetricKind.MONTHLY_DOWNLOADS: 1_400_000, MetricKind.TOTAL_DOWNLOADS: 480_000_000},
        missing=({"package": {"name": "x/y"}}, "no “package.downloads” in the answer"),
        negative=(
            registry.packagist_package(monthly=-9),
            "“package.downloads.monthly” is -9, not a count",
        ),
    ),
    Case(
        source=MetricSource.MAVEN,
        registry=PackageRegistry.MAVEN,
        package="org.springframework.boot:spring-boot",
        path="/solrsearch/select",
        body=registry.maven_search(),
        page="https://central.sonatype.com/artifact/org.springframework.boot/spring-boot",
        release="3.4.1 (12 Dec 2024)",
        missing=({"responseHeader": {"status": 0}}, "no “response” in the answer"),
        negative=(registry.maven_search(timestamp=-1), "“timestamp” is -1, not a count"),
    ),
    Case(
        source=MetricSource.NUGET,
        registry=PackageRegistry.NUGET,
        package="Microsoft.AspNetCore.Mvc",
        path="/query",
        body=registry.nuget_search(),
        page="https://www.nuget.org/packages/Microsoft.AspNetCore.Mvc",
        metrics={MetricKind.TOTAL_DOWNLOADS: 98_000_000},
        release="2.3.0",
        missing=({"totalHits": 0}, "no “data” in the answer"),
        negative=(registry.nuget_search(total=-2), "“totalDownloads” is -2, not a count"),
    ),
    Case(
        source=MetricSource.HEX,
        registry=PackageRegistry.HEX,
        package="phoenix",
        path="/api/packages/phoenix",
        body=registry.hex_package(),
        page="https://hex.pm/packages/phoenix",
        metrics={
            MetricKind.TOTAL_DOWNLOADS: 158_000_000,
            MetricKind.DOWNLOADS_LAST_90_DAYS: 9_800_000,
        },
        release="1.7.21 (26 Mar 2025)",
        missing=({"name": "phoenix"}, "no “latest_stable_version” in the answer"),
        negative=(registry.hex_package(recent=-4), "“downloads.recent” is -4, not a count"),
    ),
    Case(
        source=MetricSource.CRATES,
        registry=PackageRegistry.CRATES,
        package="axum",
        path="/api/v1/crates/axum",
        body=registry.crates_crate(),
        page="https://crates.io/crates/axum",
        metrics={
            MetricKind.TOTAL_DOWNLOADS: 310_000_000,
            MetricKind.DOWNLOADS_LAST_90_DAYS: 52_000_000,
        },
        release="0.8.4 (30 Apr 2025)",
        runtime="Rust 1.75 and later",
        missing=({"versions": []}, "no “crate” in the answer"),
        negative=(registry.crates_crate(downloads=-1), "“downloads” is -1, not a count"),
    ),
    Case(
        source=MetricSource.GO,
        registry=PackageRegistry.GO,
        package="github.com/gin-gonic/gin",
        path="/github.com/gin-gonic/gin/@latest",
        body=registry.go_latest(),
        page="https://pkg.go.dev/github.com/gin-gonic/gin",
        release="v1.10.1 (20 May 2025)",
        missing=({"Time": "2025-05-20T07:44:26Z"}, "no “Version” in the answer"),
        # The proxy counts nothing: a version that is not one stands in for a bad count.
        negative=(registry.go_latest(version="<latest>"), "“Version” is '<latest>', not a version"),
    ),
)
IDS = [case.source.value for case in CASES]


def serve(fake_apis, case, reply=None):
    fake_apis.answer(case.path, reply or Reply(body=case.body, headers={"ETag": '"v1"'}))
    for path, body in case.others.items():
        fake_apis.answer(path, Reply(body=body))
    fake_apis.answer(GITHUB_PATH, Reply(body=github_repo()))


def make_published(case):
    return make_framework(
        name="Web",
        slug="web",
        package_registry=case.registry,
        package_name=case.package,
        github_repo="acme/web",
    )


def written(framework, case):
    """The metrics and the release rows the case's source wrote."""
    metrics = {
        kind: value
        for (kind, _day), value in metric_values(framework).items()
        if kind in case.metrics
    }
    rows = {value.feature.slug: value for value in FeatureValue.objects.filter(framework=framework)}
    return metrics, rows


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_a_registry_answer_writes_its_figures_citing_the_package_page(
    fake_apis, api, release_rows, case
):
    serve(fake_apis, case)
    framework = make_published(case)
    today = timezone.localdate()

    outcomes = refresh(framework, api)

    assert outcomes[case.source].status == RefreshStatus.UPDATED, outcomes[case.source].message
    points = Metric.objects.filter(framework=framework, kind__in=list(case.metrics))
    assert {point.kind: point.value for point in points} == case.metrics
    assert {(point.as_of, point.source_url) for point in points} <= {(today, case.page)}
    if case.release:
        release = value_of(framework, "latest-release")
        assert (release.text, release.source_url) == (case.release, case.page)
        assert (release.provenance, release.verified_on) == (Provenance.AUTOMATIC, today)
    if case.runtime:
        runtime = value_of(framework, "runtime-versions")
        assert (runtime.text, runtime.source_url) == (case.runtime, case.page)
    assert outcomes[MetricSource.GITHUB].status == RefreshStatus.UPDATED


def malformed(case):
    return [
        (case, Reply(body="<!DOCTYPE html><html>Down</html>"), "expected JSON, got text/html"),
        (case, Reply(body=case.missing[0]), case.missing[1]),
        (case, Reply(body=case.negative[0]), case.negative[1]),
    ]


@pytest.mark.parametrize(
    ("case", "reply", "message"),
    [variant for case in CASES for variant in malformed(case)],
    ids=[f"{id}-{kind}" for id in IDS for kind in ("html", "missing-key", "negative")],
)
def test_a_malformed_registry_answer_fails_that_source_alone(
    fake_apis, api, release_rows, case, reply, message
):
    serve(fake_apis, case, reply)
    framework = make_published(case)

    outcomes = refresh(framework, api)

    assert (outcomes[case.source].status, outcomes[case.source].message) == (
        RefreshStatus.FAILED,
        message,
    )
    metrics, rows = written(framework, case)
    assert metrics == {}
    if case.release:
        assert rows == {}
    assert outcomes[MetricSource.GITHUB].status == RefreshStatus.UPDATED


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_a_304_from_a_registry_reuses_its_last_figures(fake_apis, api, release_rows, case):
    serve(fake_apis, case)
    framework = make_published(case)
    refresh(framework, api, today=YESTERDAY)
    fake_apis.answer(case.path, Reply(status=304, headers={"ETag": '"v1"'}))
    today = timezone.localdate()

    outcomes = refresh(framework, api, today=today)

    assert fake_apis.requests_to(case.path)[-1].headers["If-None-Match"] == '"v1"'
    assert outcomes[case.source].status == RefreshStatus.UNCHANGED
    values = metric_values(framework)
    for kind, value in case.metrics.items():
        assert values[(kind, YESTERDAY)] == values[(kind, today)] == value
    if case.release:
        assert value_of(framework, "latest-release").verified_on == today


def test_a_framework_on_another_registry_is_not_asked_by_a_registrys_sources(
    fake_apis, api, release_rows
):
    flask = make_framework(slug="flask", package_registry="pypi", package_name="Flask")
    express = make_framework(slug="express", package_registry="npm", package_name="express")
    fake_apis.answer(NPM_REGISTRY_PATH, Reply(body=registry.npm_document()))
    fake_apis.answer(NPM_DOWNLOADS_PATH, Reply(body=registry.npm_point()))

    flask_outcomes = refresh(flask, api, dry_run=True)
    express_outcomes = refresh(express, api, dry_run=True)

    for source in SOURCES:
        if source.registry not in (None, PackageRegistry.PYPI):
            outcome = flask_outcomes[source.key]
            label = PackageRegistry(source.registry).label
            assert (outcome.status, outcome.message) == (SKIPPED, f"not published on {label}")
    assert express_outcomes[MetricSource.PYPI].message == "not published on PyPI (Python)"
    assert express_outcomes[MetricSource.PYPISTATS].status == SKIPPED
    assert {request.path for request in fake_apis.requests} == {
        "/pypi/Flask/json",
        "/api/packages/flask/recent",
        NPM_REGISTRY_PATH,
        NPM_DOWNLOADS_PATH,
    }


def test_registry_names_go_out_as_each_api_wants_them(fake_apis, api, release_rows):
    """npm: a scoped name's slash encoded for the registry, not for download counts; Maven and
    NuGet: the name in the query; Go: capitals case-encoded. Every request says who asks."""
    frameworks = {
        "@nestjs/core": make_framework(package_registry="npm", package_name="@nestjs/core"),
        "maven": make_framework(package_registry="maven", package_name="io.ktor:ktor-server-core"),
        "nuget": make_framework(package_registry="nuget", package_name="Microsoft.AspNetCore.Mvc"),
        "go": make_framework(package_registry="go", package_name="github.com/BurntSushi/toml"),
    }

    for framework in frameworks.values():
        refresh(framework, api, dry_run=True)

    paths = {request.path: request for request in fake_apis.requests}
    assert "/@nestjs%2Fcore" in paths
    assert "/downloads/point/last-month/@nestjs/core" in paths
    assert "/github.com/!burnt!sushi/toml/@latest" in paths
    maven = paths["/solrsearch/select"].query
    assert maven == "q=g%3A%22io.ktor%22+AND+a%3A%22ktor-server-core%22&core=gav&rows=20&wt=json"
    nuget = paths["/query"].query
    assert nuget == "q=packageid%3AMicrosoft.AspNetCore.Mvc&prerelease=false&semVerLevel=2.0.0"
    for request in fake_apis.requests:
        assert request.headers["User-Agent"].startswith("Comparator-refresh_metrics/")


@pytest.mark.parametrize(
    ("registry_name", "package", "message"),
    [
        ("maven", "spring-boot", "“spring-boot” is not group:artifact"),
        ("packagist", "Laravel/Framework", "“Laravel/Framework” is not a Packagist name"),
        ("go", "/etc/passwd", "“/etc/passwd” is not a module path"),
    ],
)
def test_a_package_name_the_registry_cannot_know_is_not_sent(
    fake_apis, api, registry_name, package, message
):
    framework = make_framework(package_registry=registry_name, package_name=package)

    outcomes = refresh(framework, api)

    (failed,) = [outcome for outcome in outcomes.values() if outcome.failed]
    assert failed.message.startswith(message)
    assert fake_apis.requests == []


def test_maven_and_go_say_they_publish_no_download_counts(fake_apis, api, release_rows):
    spring = make_framework(
        package_registry="maven", package_name="org.springframework.boot:spring-boot"
    )
    gin = make_framework(package_registry="go", package_name="github.com/gin-gonic/gin")
    fake_apis.answer("/solrsearch/select", Reply(body=registry.maven_search()))
    fake_apis.answer("/github.com/gin-gonic/gin/@latest", Reply(body=registry.go_latest()))

    maven = refresh(spring, api)[MetricSource.MAVEN]
    go = refresh(gin, api)[MetricSource.GO]

    assert maven.message == "3.4.1 (12 Dec 2024); Maven Central publishes no download counts."
    assert go.message == "v1.10.1 (20 May 2025); The Go module proxy publishes no download counts."
    assert not Metric.objects.exists()


def test_a_pinned_release_row_is_kept_whichever_registry_says_otherwise(
    fake_apis, api, release_rows
):
    case = next(case for case in CASES if case.source == MetricSource.CRATES)
    serve(fake_apis, case)
    framework = make_published(case)
    pinned = make_value(framework, release_rows[0], text="0.8 (hand-checked)", pinned=True)

    outcomes = refresh(framework, api)

    pinned.refresh_from_db()
    assert pinned.text == "0.8 (hand-checked)"
    assert "“Latest release” pinned: kept" in outcomes[MetricSource.CRATES].message
    assert value_of(framework, "runtime-versions").text == "Rust 1.75 and later"


def test_the_summary_has_a_column_per_source_asked_and_says_what_is_not_counted(
    fake_apis, release_rows, command_sleeps, capsys
):
    make_framework(
        slug="spring-boot",
        package_registry="maven",
        package_name="org.springframework.boot:spring-boot",
    )
    make_framework(slug="phoenix", package_registry="hex", package_name="phoenix")
    fake_apis.answer("/solrsearch/select", Reply(body=registry.maven_search()))
    fake_apis.answer("/api/packages/phoenix", Reply(status=500, body={"message": "down"}))

    with pytest.raises(CommandError):
        call_command("refresh_metrics")

    out = capsys.readouterr().out
    header = out.splitlines()[0]
    assert [cell.strip() for cell in header.split("  ") if cell.strip()] == [
        "framework",
        "Maven Central",
        "Hex",
    ]
    assert "failed: HTTP 500 (4 attempts)" in out
    details = "spring-boot · Maven Central: 3.4.1 (12 Dec 2024); Maven Central publishes no"
    assert details in out


@pytest.mark.parametrize(
    ("engines", "text"),
    [
        (">= 18", "18 and later"),
        (">=18.0.0", "18 and later"),
        (">=20.6.0", "20.6 and later"),
        (">= 0.10.0", "0.10 and later"),
        (">=14 <19", "14–18"),
        ("^18.19.0 || >=20.6.0", None),
        ("~4.2", None),
        ("*", None),
        ("", None),
    ],
)
def test_engines_node_reads_as_words(engines, text):
    assert node_versions_text(engines) == text


@pytest.mark.parametrize(
    ("ruby_version", "text"),
    [
        (">= 3.2.0", "3.2 and later"),
        (">= 3.1, < 3.4", "3.1–3.3"),
        (">= 3.1, < 4", None),
        ("~> 3.1", None),
        (">= 0", None),
        ("", None),
    ],
)
def test_ruby_version_reads_as_words(ruby_version, text):
    assert ruby_versions_text(ruby_version) == text


@pytest.mark.parametrize(
    ("rust_version", "text"),
    [("1.75", "1.75 and later"), ("1.74.1", "1.74 and later"), ("", None), ("stable", None)],
)
def test_rust_version_reads_as_words(rust_version, text):
    assert rust_versions_text(rust_version) == text


def test_a_package_on_a_registry_that_counts_nothing_is_never_due_for_figures():
    from frameworks.models import Framework

    make_framework(name="Spring Boot", package_registry="maven", package_name="a.b:c")
    make_framework(name="Express", package_registry="npm", package_name="express")

    assert [framework.name for framework in Framework.objects.metrics_due()] == ["Express"]


def test_a_crate_answer_without_its_versions_still_gives_its_downloads(
    fake_apis, api, release_rows
):
    answer = registry.crates_crate()
    del answer["versions"]
    fake_apis.answer("/api/v1/crates/axum", Reply(body=answer))
    axum = make_framework(package_registry="crates", package_name="axum")

    outcome = refresh(axum, api)[MetricSource.CRATES]

    assert outcome.status == RefreshStatus.UPDATED
    assert "Rust versions unreadable (none given)" in outcome.message
    assert value_of(axum, "latest-release").text == "0.8.4"
    assert metric_values(axum)[(MetricKind.TOTAL_DOWNLOADS, timezone.localdate())] == 310_000_000
