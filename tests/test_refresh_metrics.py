"""refresh_metrics against a fake of PyPI, pypistats, GitHub and Stack Exchange on loopback: what
it writes, and when not (every other registry: tests/test_refresh_registries.py)."""

import datetime

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from frameworks.models import (
    ContentRevision,
    FeatureValue,
    Framework,
    Metric,
    MetricKind,
    MetricRefresh,
    MetricSource,
    Provenance,
    RefreshStatus,
    compare_url,
)
from frameworks.refresh import SKIPPED
from frameworks.runtimes import python_versions_text, release_text
from frameworks.sources import ApiClient, seconds_from_retry_after
from tests.factories import make_framework, make_metric, make_value
from tests.fake_apis import FLASK_PATHS, Reply, github_repo, pypi_json
from tests.refreshing import metric_values, refresh, value_of

pytestmark = pytest.mark.django_db

YESTERDAY = datetime.date(2026, 11, 30)
FLASK_SOURCES = (
    MetricSource.PYPI,
    MetricSource.PYPISTATS,
    MetricSource.GITHUB,
    MetricSource.STACKEXCHANGE,
)


@pytest.fixture
def flask(release_rows):
    return make_framework(
        name="Flask",
        slug="flask",
        package_registry="pypi",
        package_name="Flask",
        github_repo="pallets/flask",
        stackoverflow_tag="flask",
    )


def test_a_refresh_writes_todays_points_and_the_release_rows(fake_apis, api, flask):
    fake_apis.serve_flask()
    today = timezone.localdate()

    outcomes = refresh(flask, api)

    asked = {source: o.status for source, o in outcomes.items() if o.status != SKIPPED}
    assert asked == dict.fromkeys(FLASK_SOURCES, RefreshStatus.UPDATED)
    assert outcomes[MetricSource.NPM].message == "not published on npm (JavaScript, TypeScript)"
    assert metric_values(flask) == {
        (MetricKind.GITHUB_STARS, today): 70_500,
        (MetricKind.MONTHLY_DOWNLOADS, today): 120_000_000,
        (MetricKind.STACKOVERFLOW_QUESTIONS, today): 56_000,
    }
    stars = Metric.objects.get(framework=flask, kind=MetricKind.GITHUB_STARS)
    assert stars.source_url == "https://github.com/pallets/flask"
    release = value_of(flask, "latest-release")
    assert release.text == "3.1.2 (19 Aug 2025)"
    assert release.support == "yes"
    assert release.provenance == Provenance.AUTOMATIC
    assert release.verified_on == today
    assert release.source_url == "https://pypi.org/project/Flask/"
    versions = value_of(flask, "runtime-versions")
    assert (versions.text, versions.provenance, versions.verified_on) == (
        "Python 3.9 and later",
        Provenance.AUTOMATIC,
        today,
    )
    assert release.history.latest().history_change_reason == "refresh_metrics"
    github = MetricRefresh.objects.get(framework=flask, source=MetricSource.GITHUB)
    assert (github.status, github.etag, github.figures["stars"]) == ("updated", '"gh-1"', 70_500)


def test_requests_say_who_asks_and_carry_the_github_token(fake_apis, flask, settings):
    fake_apis.serve_flask()
    settings.GITHUB_TOKEN = "test-token"
    settings.METRICS_CONTACT = "https://comparator.example/about"

    with ApiClient() as api:
        refresh(flask, api)

    (github,) = fake_apis.requests_to(FLASK_PATHS["github"])
    assert github.headers["Authorization"] == "Bearer test-token"
    assert github.headers["Accept"] == "application/vnd.github+json"
    (stackexchange,) = fake_apis.requests_to(FLASK_PATHS["stackexchange"])
    assert stackexchange.query == "site=stackoverflow"
    assert "Authorization" not in stackexchange.headers
    for request in fake_apis.requests:
        assert request.headers["User-Agent"].startswith("Comparator-refresh_metrics/")
        assert request.headers["User-Agent"].endswith("https://comparator.example/about")


def test_a_second_refresh_the_same_day_updates_the_days_point(fake_apis, api, flask):
    fake_apis.serve_flask()
    refresh(flask, api)
    fake_apis.answer(FLASK_PATHS["github"], Reply(body=github_repo(stars=70_600)))

    outcomes = refresh(flask, api)

    assert outcomes[MetricSource.GITHUB].status == RefreshStatus.UPDATED
    stars = Metric.objects.filter(framework=flask, kind=MetricKind.GITHUB_STARS)
    assert [(point.as_of, point.value) for point in stars] == [(timezone.localdate(), 70_600)]


def revision_tokens():
    """Every part of the content's revision: unchanged means no cached page went cold."""
    return dict(ContentRevision.objects.values_list("key", "token"))


def test_a_refresh_that_changes_nothing_saves_nothing(fake_apis, api, flask):
    fake_apis.serve_flask()
    refresh(flask, api)
    revisions = revision_tokens()

    outcomes = refresh(flask, api)

    assert {outcomes[source].status for source in FLASK_SOURCES} == {RefreshStatus.UNCHANGED}
    assert revision_tokens() == revisions
    assert value_of(flask, "latest-release").history.count() == 1


def test_a_304_reuses_the_last_figures_and_dates_them_today(fake_apis, api, flask):
    fake_apis.serve_flask()
    refresh(flask, api, today=YESTERDAY)
    fake_apis.answer(FLASK_PATHS["github"], Reply(status=304, headers={"ETag": '"gh-1"'}))
    fake_apis.answer(FLASK_PATHS["pypi"], Reply(status=304, headers={"ETag": '"pypi-1"'}))
    today = timezone.localdate()

    outcomes = refresh(flask, api, today=today)

    assert fake_apis.requests_to(FLASK_PATHS["github"])[-1].headers["If-None-Match"] == '"gh-1"'
    assert fake_apis.requests_to(FLASK_PATHS["pypi"])[-1].headers["If-None-Match"] == '"pypi-1"'
    assert outcomes[MetricSource.GITHUB].status == RefreshStatus.UNCHANGED
    assert outcomes[MetricSource.PYPI].status == RefreshStatus.UNCHANGED
    assert metric_values(flask)[(MetricKind.GITHUB_STARS, today)] == 70_500
    assert metric_values(flask)[(MetricKind.GITHUB_STARS, YESTERDAY)] == 70_500
    assert value_of(flask, "latest-release").verified_on == today


def test_no_etag_is_sent_when_the_last_answer_was_never_stored(fake_apis, api, flask):
    fake_apis.serve_flask()
    refresh(flask, api, dry_run=True)
    refresh(flask, api)

    assert all("If-None-Match" not in request.headers for request in fake_apis.requests)


def test_429_waits_as_long_as_retry_after_says(fake_apis, api, flask, sleeps):
    fake_apis.serve_flask()
    fake_apis.answer(
        FLASK_PATHS["github"],
        Reply(status=429, body={"message": "slow down"}, headers={"Retry-After": "7"}),
        Reply(body=github_repo()),
    )

    outcomes = refresh(flask, api)

    assert sleeps == [7.0]
    assert outcomes[MetricSource.GITHUB].status == RefreshStatus.UPDATED
    assert len(fake_apis.requests_to(FLASK_PATHS["github"])) == 2


def test_retry_after_as_an_http_date_is_understood():
    now = datetime.datetime(2026, 12, 1, 10, 0, 0, tzinfo=datetime.UTC).timestamp()

    assert seconds_from_retry_after("Tue, 01 Dec 2026 10:00:30 GMT", now) == 30.0
    assert seconds_from_retry_after("soon", now) is None


def test_5xx_is_retried_with_growing_backoff(fake_apis, api, flask, sleeps):
    fake_apis.serve_flask()
    fake_apis.answer(
        FLASK_PATHS["pypistats"],
        Reply(status=502, body="<html>Bad gateway</html>"),
        Reply(status=503, body="<html>Unavailable</html>"),
        Reply(body={"data": {"last_day": 1, "last_week": 7, "last_month": 30}}),
    )

    outcomes = refresh(flask, api)

    assert sleeps == [1.0, 2.0]
    assert outcomes[MetricSource.PYPISTATS].status == RefreshStatus.UPDATED


def test_500_that_persists_fails_that_source_and_writes_nothing_for_it(
    fake_apis, api, flask, sleeps
):
    fake_apis.serve_flask()
    make_metric(flask, kind=MetricKind.GITHUB_STARS, value=69_000, as_of=YESTERDAY)
    fake_apis.answer(FLASK_PATHS["github"], Reply(status=500, body={"message": "Server Error"}))

    outcomes = refresh(flask, api)

    assert sleeps == [1.0, 2.0, 4.0]
    github = outcomes[MetricSource.GITHUB]
    assert (github.status, github.message) == (RefreshStatus.FAILED, "HTTP 500 (4 attempts)")
    assert metric_values(flask)[(MetricKind.GITHUB_STARS, YESTERDAY)] == 69_000
    assert (MetricKind.GITHUB_STARS, timezone.localdate()) not in metric_values(flask)
    assert outcomes[MetricSource.STACKEXCHANGE].status == RefreshStatus.UPDATED
    state = MetricRefresh.objects.get(framework=flask, source=MetricSource.GITHUB)
    assert (state.status, state.message, state.succeeded_at) == ("failed", github.message, None)


def test_a_failure_keeps_the_etag_of_the_last_good_answer(fake_apis, api, flask):
    fake_apis.serve_flask()
    refresh(flask, api)
    fake_apis.answer(FLASK_PATHS["github"], Reply(status=404, body={"message": "Not Found"}))

    outcomes = refresh(flask, api)

    assert outcomes[MetricSource.GITHUB].message == "HTTP 404 not found"
    state = MetricRefresh.objects.get(framework=flask, source=MetricSource.GITHUB)
    assert (state.status, state.etag, state.figures["stars"]) == ("failed", '"gh-1"', 70_500)


def test_a_timeout_is_retried_then_reported(fake_apis, flask, sleeps):
    fake_apis.serve_flask()
    fake_apis.answer(FLASK_PATHS["stackexchange"], Reply(body={"items": []}, delay=1.0))

    with ApiClient(sleep=sleeps, timeout=0.2, attempts=2) as api:
        outcomes = refresh(flask, api)

    stackexchange = outcomes[MetricSource.STACKEXCHANGE]
    assert (stackexchange.status, stackexchange.message) == (
        RefreshStatus.FAILED,
        "no answer within 0.2 s (2 attempts)",
    )
    assert sleeps == [1.0]
    assert outcomes[MetricSource.GITHUB].status == RefreshStatus.UPDATED


def test_github_rate_limit_used_up_fails_fast_instead_of_waiting_an_hour(
    fake_apis, api, flask, sleeps
):
    fake_apis.serve_flask()
    reset = int(timezone.now().timestamp()) + 3600
    fake_apis.answer(
        FLASK_PATHS["github"],
        Reply(
            status=403,
            body={"message": "API rate limit exceeded"},
            headers={"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": str(reset)},
        ),
    )

    outcomes = refresh(flask, api)

    github = outcomes[MetricSource.GITHUB]
    assert github.status == RefreshStatus.FAILED
    assert "asked to wait 3" in github.message
    assert sleeps == []


def test_github_rate_limit_with_a_near_reset_waits_for_it(fake_apis, flask, sleeps):
    fake_apis.serve_flask()
    now = 1_800_000_000.0
    fake_apis.answer(
        FLASK_PATHS["github"],
        Reply(
            status=429,
            body={"message": "API rate limit exceeded"},
            headers={"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": str(int(now) + 20)},
        ),
        Reply(body=github_repo()),
    )

    with ApiClient(sleep=sleeps, clock=lambda: now) as api:
        outcomes = refresh(flask, api)

    assert outcomes[MetricSource.GITHUB].status == RefreshStatus.UPDATED
    assert sleeps[0] == 20.0


def test_a_used_up_rate_limit_holds_the_next_request_back(fake_apis, flask, sleeps):
    fake_apis.serve_flask()
    now = 1_800_000_000.0
    fake_apis.answer(
        FLASK_PATHS["github"],
        Reply(
            body=github_repo(),
            headers={"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": str(int(now) + 5000)},
        ),
    )
    other = make_framework(slug="other", github_repo="pallets/quart")

    with ApiClient(sleep=sleeps, clock=lambda: now) as api:
        first = refresh(flask, api)
        second = refresh(other, api)

    assert first[MetricSource.GITHUB].status == RefreshStatus.UPDATED
    assert second[MetricSource.GITHUB].message.startswith("rate limit used up until")
    assert fake_apis.requests_to("/repos/pallets/quart") == []


@pytest.mark.parametrize(
    ("reply", "message"),
    [
        (Reply(body="<!DOCTYPE html><html>Unicorn!</html>"), "expected JSON, got text/html"),
        (
            Reply(body="{not json", headers={"Content-Type": "application/json"}),
            "the answer is not valid JSON",
        ),
        (Reply(body=[1, 2]), "expected a JSON object, got list"),
        (Reply(body={"full_name": "pallets/flask"}), "no “stargazers_count” in the answer"),
        (Reply(body=github_repo(stars=-5)), "“stargazers_count” is -5, not a count"),
        (Reply(body=github_repo(stars="many")), "“stargazers_count” is 'many', not a count"),
        (Reply(body=github_repo(stars=True)), "“stargazers_count” is True, not a count"),
    ],
    ids=["html", "broken-json", "array", "missing-key", "negative", "text", "boolean"],
)
def test_malformed_answers_are_refused_and_write_nothing(fake_apis, api, flask, reply, message):
    fake_apis.serve_flask()
    fake_apis.answer(FLASK_PATHS["github"], reply)

    outcomes = refresh(flask, api)

    assert (outcomes[MetricSource.GITHUB].status, outcomes[MetricSource.GITHUB].message) == (
        RefreshStatus.FAILED,
        message,
    )
    assert not Metric.objects.filter(kind=MetricKind.GITHUB_STARS).exists()
    assert Metric.objects.filter(kind=MetricKind.STACKOVERFLOW_QUESTIONS).exists()


@pytest.mark.parametrize(
    ("source", "payload", "message"),
    [
        ("pypistats", {"data": {"last_day": 1}}, "no “data.last_month” in the answer"),
        ("stackexchange", {"items": []}, "no such tag on Stack Overflow"),
        ("pypi", pypi_json(version="<b>"), "“info.version” is '<b>', not a version"),
        ("pypi", pypi_json(uploaded="yesterday"), "upload time 'yesterday' is not a date"),
    ],
    ids=["pypistats-missing", "no-tag", "bad-version", "bad-date"],
)
def test_answers_missing_what_the_api_documents_are_refused(
    fake_apis, api, flask, source, payload, message
):
    fake_apis.serve_flask()
    fake_apis.answer(FLASK_PATHS[source], Reply(body=payload))

    outcomes = refresh(flask, api)

    failed = {key: outcome.message for key, outcome in outcomes.items() if outcome.failed}
    assert failed == {source: message}
    written = {metric.kind for metric in Metric.objects.all()} | {
        value.feature.slug for value in FeatureValue.objects.select_related("feature")
    }
    assert len(written) == 5 - (2 if source == "pypi" else 1)


def test_a_pinned_value_is_never_overwritten(fake_apis, api, flask, release_rows):
    fake_apis.serve_flask()
    latest, _ = release_rows
    pinned = make_value(flask, latest, text="3.1 (hand-checked)", pinned=True)

    outcomes = refresh(flask, api)

    pinned.refresh_from_db()
    assert (pinned.text, pinned.verified_on, pinned.provenance) == (
        "3.1 (hand-checked)",
        datetime.date(2026, 11, 1),
        Provenance.CHECKED,
    )
    assert "“Latest release” pinned: kept" in outcomes[MetricSource.PYPI].message
    assert value_of(flask, "runtime-versions").text == "Python 3.9 and later"


def test_unreadable_requires_python_leaves_the_versions_row_alone(fake_apis, api, flask):
    fake_apis.serve_flask()
    fake_apis.answer(FLASK_PATHS["pypi"], Reply(body=pypi_json(requires=None)))

    outcomes = refresh(flask, api)

    assert outcomes[MetricSource.PYPI].status == RefreshStatus.UPDATED
    assert "Python versions unreadable (none given)" in outcomes[MetricSource.PYPI].message
    assert not FeatureValue.objects.filter(feature__slug="runtime-versions").exists()
    assert value_of(flask, "latest-release").text == "3.1.2 (19 Aug 2025)"


def test_dry_run_asks_but_writes_nothing(fake_apis, flask, command_sleeps, capsys):
    fake_apis.serve_flask()
    ContentRevision.bump_everything()
    revisions = revision_tokens()

    call_command("refresh_metrics", "--framework", "flask", "--dry-run")

    assert len(fake_apis.requests) == 4
    assert not Metric.objects.exists()
    assert not FeatureValue.objects.exists()
    assert not MetricRefresh.objects.exists()
    assert revision_tokens() == revisions
    out = capsys.readouterr().out
    assert "Dry run: nothing was written." in out
    assert "4 updated, 0 unchanged, 0 failed" in out


def test_frameworks_without_sources_are_left_out_and_unknown_slugs_refused(
    fake_apis, flask, command_sleeps, capsys
):
    fake_apis.serve_flask()
    make_framework(slug="nameless")
    make_framework(slug="only-github", github_repo="pallets/flask")

    call_command("refresh_metrics")

    out = capsys.readouterr().out
    assert "nameless" not in out
    only_github = next(line for line in out.splitlines() if line.startswith("only-github"))
    assert only_github.split() == ["only-github", "-", "-", "updated", "-"]
    with pytest.raises(CommandError, match="No framework with the slug"):
        call_command("refresh_metrics", "--framework", "flask", "nope")


def test_several_frameworks_are_named_after_one_option_or_by_repeating_it(
    fake_apis, flask, command_sleeps, capsys
):
    fake_apis.serve_flask()
    make_framework(slug="quart", github_repo="pallets/flask")
    make_framework(slug="django", github_repo="pallets/flask")

    call_command("refresh_metrics", "--framework", "quart", "flask", "--framework", "quart")

    rows = [line.split()[0] for line in capsys.readouterr().out.splitlines()[1:3]]
    assert rows == ["quart", "flask"]


@pytest.mark.parametrize(
    ("requires_python", "text"),
    [
        (">=3.10", "3.10 and later"),
        (">=3.8,<4", "3.8 and later"),
        (">=3.10,<3.14", "3.10–3.13"),
        (">=3.9, <=3.13", "3.9–3.13"),
        ("~=3.10", "3.10 and later"),
        (">3.8", "3.9 and later"),
        ("==3.11.*", "3.11 only"),
        (">=2.7, !=3.0.*, !=3.1.*", "2.7 and later"),
        ("", None),
        ("<4", None),
        (">=3.10,<3.10", None),
        ("python3", None),
    ],
)
def test_requires_python_reads_as_words(requires_python, text):
    assert python_versions_text(requires_python) == text


def test_release_text_names_the_version_and_its_day():
    assert release_text("6.0", datetime.date(2025, 12, 3)) == "6.0 (3 Dec 2025)"


# --- The issue's “Done when” ---------------------------------------------------------------


def test_refreshing_flask_shows_todays_figures_on_its_page_and_in_a_comparison(
    fake_apis, flask, command_sleeps, api
):
    from django.test import Client

    fake_apis.serve_flask()
    make_framework(name="Django", slug="django")
    reader = Client()
    reader.get(flask.get_absolute_url())  # cached before the refresh: must not stay so

    call_command("refresh_metrics", "--framework", "flask")

    today = timezone.localdate()
    day = f"{today.day} {today:%b %Y}"
    page = reader.get(flask.get_absolute_url()).content.decode()
    for figure in ("70,500", "120,000,000", "56,000", "3.1.2 (19 Aug 2025)", "3.9 and later"):
        assert figure in page
    assert f'datetime="{today.isoformat()}"' in page
    assert day in page
    comparison = reader.get(compare_url(["django", "flask"])).content.decode()
    assert "70,500" in comparison
    assert day in comparison


def test_with_github_down_the_command_fails_the_others_update_and_old_stars_stay(
    fake_apis, flask, command_sleeps, capsys
):
    from django.test import Client

    fake_apis.serve_flask()
    fake_apis.answer(FLASK_PATHS["github"], Reply(status=500, body={"message": "Server Error"}))
    make_metric(
        flask,
        kind=MetricKind.GITHUB_STARS,
        value=68_123,
        as_of=YESTERDAY,
        source_url="https://github.com/pallets/flask",
    )

    with pytest.raises(CommandError) as raised:
        call_command("refresh_metrics", "--framework", "flask")

    assert raised.value.returncode == 1
    out = capsys.readouterr().out
    assert "failed: HTTP 500 (4 attempts)" in out
    assert "3 updated, 0 unchanged, 1 failed" in out
    today = timezone.localdate()
    assert metric_values(flask) == {
        (MetricKind.GITHUB_STARS, YESTERDAY): 68_123,
        (MetricKind.MONTHLY_DOWNLOADS, today): 120_000_000,
        (MetricKind.STACKOVERFLOW_QUESTIONS, today): 56_000,
    }
    page = Client().get(flask.get_absolute_url()).content.decode()
    assert "68,123" in page
    assert "3.1.2 (19 Aug 2025)" in page


# --- Freshness: the “Content gaps” page ------------------------------------------------------


def make_refresh(framework, *, source=MetricSource.GITHUB, status=RefreshStatus.UPDATED, **fields):
    return MetricRefresh.objects.create(
        framework=framework, source=source, status=status, refreshed_at=timezone.now(), **fields
    )


def test_metrics_due_lists_old_missing_and_failing_refreshes_only():
    today = timezone.localdate()
    fresh = make_framework(name="Fresh", github_repo="a/fresh")
    make_metric(fresh, as_of=today - datetime.timedelta(days=35))
    make_refresh(fresh)
    old = make_framework(name="Old", github_repo="a/old")
    make_metric(old, as_of=today - datetime.timedelta(days=36))
    make_framework(name="Never refreshed", stackoverflow_tag="never")
    make_framework(name="Names no source")
    failing = make_framework(name="Failing", package_registry="pypi", package_name="failing")
    make_metric(failing, kind=MetricKind.MONTHLY_DOWNLOADS, as_of=today)
    make_refresh(failing, source=MetricSource.PYPI, status=RefreshStatus.FAILED, message="HTTP 500")
    hand_counted = make_framework(name="Hand-counted", github_repo="a/hand")
    make_metric(hand_counted, kind=MetricKind.CONTRIBUTORS, as_of=today)

    due = {framework.name: framework for framework in Framework.objects.metrics_due()}

    assert sorted(due) == ["Failing", "Hand-counted", "Never refreshed", "Old"]
    assert due["Old"].newest_metric_on == today - datetime.timedelta(days=36)
    assert due["Never refreshed"].newest_metric_on is None


def test_content_gaps_lists_frameworks_whose_metrics_are_due_with_the_reason(admin_client):
    from django.urls import reverse

    failing = make_framework(name="Failing", github_repo="a/failing")
    make_metric(failing, as_of=timezone.localdate())
    make_refresh(failing, status=RefreshStatus.FAILED, message="HTTP 500 (4 attempts)")

    response = admin_client.get(reverse("admin:content_gaps"))

    assert response.context["gaps"].metrics_due == [failing]
    html = response.content.decode()
    assert 'id="metrics-due"' in html
    assert "GitHub: HTTP 500 (4 attempts)" in html


def test_content_gaps_reads_failed_refreshes_in_a_fixed_number_of_queries(
    admin_client,
):
    """The failed sources of every due framework come from one prefetch, not one query each."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    def count_queries():
        with CaptureQueriesContext(connection) as queries:
            assert admin_client.get(reverse("admin:content_gaps")).status_code == 200
        return len(queries)

    make_refresh(make_framework(github_repo="a/b"), status=RefreshStatus.FAILED)
    one = count_queries()
    for n in range(5):
        framework = make_framework(github_repo=f"a/b{n}")
        make_refresh(framework, status=RefreshStatus.FAILED)
        make_refresh(framework, source=MetricSource.PYPI, status=RefreshStatus.FAILED)

    assert count_queries() == one


def test_stored_figures_from_another_version_are_not_reused_on_a_304(fake_apis, api, flask):
    fake_apis.serve_flask()
    MetricRefresh.objects.create(
        framework=flask,
        source=MetricSource.GITHUB,
        status=RefreshStatus.UPDATED,
        refreshed_at=timezone.now(),
        etag='"gh-1"',
        figures={"stargazers": 1},
    )

    outcomes = refresh(flask, api)

    assert "If-None-Match" not in fake_apis.requests_to(FLASK_PATHS["github"])[0].headers
    assert outcomes[MetricSource.GITHUB].status == RefreshStatus.UPDATED


# --- Admin: where a framework lives, pinned values -------------------------------------------


def test_admin_edits_where_a_framework_lives_and_pins_a_value(admin_client, release_rows):
    from django.urls import reverse

    from tests.adminforms import post_data_from

    framework = make_framework(name="Quart", slug="quart")
    url = reverse("admin:frameworks_framework_change", args=[framework.pk])
    data = post_data_from(admin_client.get(url))
    data.update(
        package_registry="pypi",
        package_name="Quart",
        github_repo="pallets/quart",
        stackoverflow_tag="quart",
    )

    assert admin_client.post(url, data).status_code == 302

    framework.refresh_from_db()
    assert (framework.package_name, framework.github_repo, framework.stackoverflow_tag) == (
        "Quart",
        "pallets/quart",
        "quart",
    )
    value = make_value(framework, release_rows[0])
    url = reverse("admin:frameworks_featurevalue_change", args=[value.pk])
    data = post_data_from(admin_client.get(url))
    data.update(pinned="on")
    assert admin_client.post(url, data).status_code == 302
    value.refresh_from_db()
    assert value.pinned


# --- A run never stops half-way ---------------------------------------------------------------


@pytest.fixture
def bottle(release_rows):
    """A second framework, refreshed after Flask, that names only its GitHub repository."""
    return make_framework(name="Bottle", slug="bottle", github_repo="bottlepy/bottle")


def serve_bottle(fake_apis):
    fake_apis.answer("/repos/bottlepy/bottle", Reply(body=github_repo(stars=8_400)))


def run_command(capsys):
    with pytest.raises(CommandError) as raised:
        call_command("refresh_metrics")
    assert raised.value.returncode == 1
    return capsys.readouterr().out


def test_a_redirect_loop_fails_that_source_and_the_run_goes_on(
    fake_apis, flask, bottle, command_sleeps, capsys, caplog
):
    fake_apis.serve_flask()
    serve_bottle(fake_apis)
    loop = FLASK_PATHS["github"]
    fake_apis.answer(loop, Reply(status=302, headers={"Location": loop}))

    out = run_command(capsys)

    assert "failed: TooManyRedirects" in out
    assert "4 updated, 0 unchanged, 1 failed" in out  # Flask's three, and Bottle's stars
    assert len(fake_apis.requests_to(loop)) > 1  # followed, then given up: not retried
    assert not command_sleeps
    assert "flask · github failed: TooManyRedirects" in caplog.text


def test_a_body_that_does_not_decode_fails_that_source_only(
    fake_apis, flask, bottle, command_sleeps, capsys
):
    fake_apis.serve_flask()
    serve_bottle(fake_apis)
    fake_apis.answer(
        FLASK_PATHS["pypistats"],
        Reply(body="not gzip at all", headers={"Content-Encoding": "gzip"}),
    )

    out = run_command(capsys)

    assert "failed: DecodingError" in out
    assert "4 updated, 0 unchanged, 1 failed" in out
    assert Metric.objects.filter(framework=bottle, kind=MetricKind.GITHUB_STARS).get().value == 8400


def test_a_bug_in_one_frameworks_refresh_is_that_frameworks_failure(
    fake_apis, flask, bottle, command_sleeps, capsys, caplog, monkeypatch
):
    from frameworks import refresh

    fake_apis.serve_flask()
    serve_bottle(fake_apis)
    real_plan = refresh.plan

    def plan_with_a_bug(framework, *args, **kwargs):
        if framework.slug == "flask":
            raise ZeroDivisionError("a bug")
        return real_plan(framework, *args, **kwargs)

    monkeypatch.setattr(refresh, "plan", plan_with_a_bug)

    out = run_command(capsys)

    assert "not saved: unexpected error: ZeroDivisionError: a bug" in out
    assert "1 updated, 0 unchanged, 4 failed" in out  # Flask's four sources; Bottle updated
    assert not Metric.objects.filter(framework=flask).exists()
    assert Metric.objects.filter(framework=bottle).exists()
    assert "flask failed unexpectedly" in caplog.text


def test_a_bug_reading_one_source_fails_that_source_alone(
    fake_apis, flask, command_sleeps, capsys, monkeypatch
):
    from frameworks import refresh

    fake_apis.serve_flask()
    real_read = refresh.read

    def read_with_a_bug(client, source, *args, **kwargs):
        if source.key == MetricSource.GITHUB:
            return {}["stars"]
        return real_read(client, source, *args, **kwargs)

    monkeypatch.setattr(refresh, "read", read_with_a_bug)

    out = run_command(capsys)

    assert "failed: unexpected error: KeyError" in out
    assert "3 updated, 0 unchanged, 1 failed" in out


def test_a_database_error_fails_only_the_sources_that_framework_uses(
    fake_apis, flask, bottle, command_sleeps, capsys, monkeypatch
):
    from django.db import DatabaseError

    from frameworks import refresh

    fake_apis.serve_flask()
    serve_bottle(fake_apis)
    real_save = refresh.save

    def save_failing_for_bottle(framework, *args):
        if framework.slug == "bottle":
            raise DatabaseError("could not serialize access")
        return real_save(framework, *args)

    monkeypatch.setattr(refresh, "save", save_failing_for_bottle)

    out = run_command(capsys)

    bottle_line = next(line for line in out.splitlines() if line.startswith("bottle"))
    assert bottle_line.count("failed: not saved: could not serialize access") == 1
    assert "4 updated, 0 unchanged, 1 failed" in out  # Bottle names GitHub only
    assert Metric.objects.filter(framework=flask).count() == 3


def test_a_run_past_its_deadline_asks_nothing_more_and_says_so(
    fake_apis, flask, bottle, command_sleeps, capsys
):
    fake_apis.serve_flask()
    serve_bottle(fake_apis)

    with pytest.raises(CommandError):
        call_command("refresh_metrics", "--deadline", "0.000001")

    out = capsys.readouterr().out
    assert "not asked: the run reached its deadline" in out
    assert "0 updated, 0 unchanged, 5 failed" in out
    assert not fake_apis.requests
