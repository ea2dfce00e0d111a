"""The benchmark's and the soak's pure helpers; the benchmark itself is run with `make bench`."""

import contextlib
import gzip
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from bench import editing, run, soak
from bench.common import Response, Site, compare_path, is_complete_page
from bench.loadgen import (
    DONE_SCRIPT,
    WrkFailed,
    WrkResult,
    header_arguments,
    parse_result,
    paths_script,
)

PAGE = b"<!doctype html><html><body><table><tr><td>Soak edit 00003</td></tr></table></body></html>"


def wrk_result(requests=1000, *, status=0, timeout=0, read=0):
    return WrkResult(
        requests=requests,
        duration_us=10_000_000,
        bytes=1,
        p50_us=2500,
        p90_us=4000,
        p99_us=9000,
        connect_errors=0,
        read_errors=read,
        write_errors=0,
        status_errors=status,
        timeouts=timeout,
    )


def lua_done_output(**values):
    """What the done() hook prints, formatted from the script's own format string."""
    template = re.search(r'"(BENCH-RESULT[^"]*)"\s*\.\.\s*"([^"]*)"', DONE_SCRIPT)
    line = (template.group(1) + template.group(2)).replace("\\n", "\n")
    names = re.findall(r"(\w+)=%", line)
    return line % tuple(values[name] for name in names)


def test_the_done_hook_line_parses_back_into_every_figure():
    output = "Running 10s test @ http://127.0.0.1/\n" + lua_done_output(
        requests=12345,
        duration_us=10_000_000,
        bytes=99,
        p50_us=1500.4,
        p90_us=3000,
        p99_us=8000,
        connect=1,
        read=2,
        write=3,
        status=4,
        timeout=5,
    )

    result = parse_result(output)

    assert result.requests_per_second == pytest.approx(1234.5)
    assert (result.p50_us, result.p99_us) == (1500, 8000)
    assert result.failed_requests == 4 + 5
    assert result.socket_errors == 1 + 2 + 3


def test_wrk_output_without_the_result_line_is_a_failure():
    with pytest.raises(WrkFailed, match="no result line"):
        parse_result("unable to connect to 127.0.0.1:1 Connection refused\n")


def test_headers_become_wrk_header_arguments():
    arguments = header_arguments({"If-None-Match": '"abc-gz"', "Accept-Encoding": "gzip"})

    assert arguments == ["-H", 'If-None-Match: "abc-gz"', "-H", "Accept-Encoding: gzip"]


def test_compare_paths_list_slugs_alphabetically():
    assert compare_path(["flask", "django"]) == "/compare/django-vs-flask/"


def test_a_page_is_complete_only_with_its_closing_html_tag():
    assert is_complete_page(PAGE + b"\n")
    assert not is_complete_page(PAGE[:-10])


def test_the_site_environment_is_production_like_and_ignores_the_callers_settings(
    monkeypatch, tmp_path
):
    monkeypatch.setenv("DJANGO_DEBUG", "1")
    monkeypatch.setenv("DATABASE_URL", "postgres://someone@db/production")
    monkeypatch.setenv("PAGE_CACHE_ENABLED", "0")

    env = Site(tmp_path).env()

    assert env["DJANGO_DEBUG"] == "0"
    assert env["DJANGO_HTTPS"] == "0"
    assert len(env["DJANGO_SECRET_KEY"]) >= 50
    assert env["DATABASE_URL"] == f"sqlite:///{tmp_path / 'bench.sqlite3'}"
    assert env["PAGE_CACHE_ENABLED"] == "1"
    assert env["DJANGO_STATICFILES_STORAGE"].startswith("whitenoise.")
    assert env["DJANGO_STATIC_ROOT"] == str(tmp_path / "static")


def test_a_given_database_url_is_used_and_said_to_be_kept(tmp_path):
    site = Site(tmp_path, database_url="postgres://postgres@127.0.0.1:5432/bench")

    assert site.env()["DATABASE_URL"] == "postgres://postgres@127.0.0.1:5432/bench"
    assert "other content kept" in site.describe_database()


def editing_run(key, ratio, *, status=0):
    scenario = editing.Scenario(key, key, ("/",))
    quiet, edited = wrk_result(10_000), wrk_result(int(10_000 * ratio), status=status)
    return editing.EditingRun(scenario, quiet=quiet, edited=edited, edits=10)


def measurements(*, edits_elsewhere=0.9, edits_on_hot=0.7, **ratios):
    """Rows whose requests/s are `ratio` x 1000, over a /healthz floor of 1000."""
    rows = {}
    for key, ratio in ratios.items():
        probe = run.Probe(key, key, "/", cached=True)
        rows[key] = run.Row(probe, result=wrk_result(int(10_000 * ratio)), floor=1000.0)
    ok = {"status": 200, "count": 9}
    return run.Measurements(
        rows=rows,
        seed_queries={"seed_2": ok},
        demo_queries={"demo_2": ok, "demo_3": ok, "demo_4": ok},
        render_ms={
            "demo_4": {"median": 40.0, "first": 60.0, "all": [40.0]},
            "seed_2": {"median": 8.0, "first": 9.0, "all": [8.0]},
        },
        editing={
            "edits_elsewhere": editing_run("edits_elsewhere", edits_elsewhere),
            "edits_on_hot": editing_run("edits_on_hot", edits_on_hot),
        },
    )


def verdicts(measured):
    return {text.split(":")[0]: passed for passed, text in run.evaluate(measured)}


def test_every_target_passes_when_every_figure_meets_it():
    measured = measurements(
        seed_warm=0.9, big_warm=0.8, seed_304=0.95, edits_elsewhere=0.8, edits_on_hot=0.6
    )

    assert all(verdicts(measured).values())
    assert len(verdicts(measured)) == 9


def test_a_ratio_below_its_target_fails_and_shows_the_ratio():
    measured = measurements(seed_warm=0.9, big_warm=0.9, seed_304=0.89)

    results = run.evaluate(measured)

    assert (False, "304 revalidation >= 0.90 x /healthz: 0.89") in results
    assert sum(not passed for passed, _ in results) == 1


def test_a_figure_that_could_not_be_measured_fails_with_the_reason():
    measured = measurements(seed_warm=1.0, big_warm=1.0)
    measured.rows["seed_304"] = run.Row(
        run.Probe("seed_304", "304", "/", cached=True), problem="answered 404, expected 304"
    )

    results = {text: passed for passed, text in run.evaluate(measured)}

    assert results["304 revalidation >= 0.90 x /healthz: answered 404, expected 304"] is False


def test_query_counts_that_differ_or_pages_that_fail_fail_the_query_targets():
    measured = measurements(seed_warm=1.0, big_warm=1.0, seed_304=1.0)
    measured.demo_queries["demo_4"] = {"status": 200, "count": 12}
    measured.seed_queries["seed_2"] = {"status": 404, "count": 3}

    results = verdicts(measured)

    assert results["same queries for 2, 3 and 4 frameworks"] is False
    assert results["same queries for the seed as for the demo dataset"] is False


@pytest.mark.parametrize(
    ("key", "median", "verdict"),
    [
        ("demo_4", 40.1, "4-framework cold render <= 40 ms"),
        ("seed_2", 10.5, "Django vs Flask cold render <= 10 ms"),
    ],
)
def test_a_slow_cold_render_fails_its_budget(key, median, verdict):
    measured = measurements(seed_warm=1.0, big_warm=1.0, seed_304=1.0)
    measured.render_ms[key]["median"] = median

    results = verdicts(measured)

    assert results[verdict] is False
    assert sum(not passed for passed in results.values()) == 1


def test_reads_that_drop_while_editing_fail_their_target():
    measured = measurements(seed_warm=1.0, big_warm=1.0, seed_304=1.0, edits_on_hot=0.55)

    results = run.evaluate(measured)

    expected = (
        "reads while editing a framework on 10 % of them >= 0.60 x no edits, 0 errors: "
        "0.55, 0 errors"
    )
    assert (False, expected) in results


def test_error_answers_while_editing_fail_the_target_whatever_the_ratio():
    measured = measurements(seed_warm=1.0, big_warm=1.0, seed_304=1.0)
    measured.editing["edits_elsewhere"] = editing_run("edits_elsewhere", 1.0, status=2)

    results = verdicts(measured)

    assert (
        results["reads while editing a framework no hot page shows >= 0.80 x no edits, 0 errors"]
        is False
    )
    assert measured.editing["edits_elsewhere"].failed


def test_hot_pages_are_distinct_comparisons_that_never_show_the_edited_framework():
    paths = editing.hot_pages(500)

    assert len(paths) == len(set(paths)) == 300
    assert not any(editing.EDITED_FRAMEWORK in path for path in paths)
    assert all(path == compare_path(path[9:-1].split("-vs-")) for path in paths)


def test_the_edited_framework_is_on_a_tenth_of_the_second_scenarios_pages():
    paths = editing.hot_pages(500, edited_share=0.1)

    assert len(set(paths)) == 300
    assert sum(editing.EDITED_FRAMEWORK in path for path in paths) == 30


def test_the_paths_script_requests_every_path_and_keeps_the_done_hook():
    script = paths_script(["/compare/a-vs-b/", "/compare/a-vs-c/"])

    assert '  "/compare/a-vs-b/",\n  "/compare/a-vs-c/"\n}' in script
    assert "wrk.format(nil, paths[next_path])" in script
    assert script.endswith(DONE_SCRIPT)


def test_the_editing_table_gives_both_runs_and_their_ratio():
    runs = {"edits_on_hot": editing_run("edits_on_hot", 0.75)}

    lines = editing.table(runs)

    assert lines[2].split()[-4:] == ["1000", "9.0", "-", "0"]
    assert lines[3].split()[-4:] == ["750", "9.0", "10", "0"]
    assert lines[4].split()[-1] == "0.75"


def test_the_floor_is_the_mean_of_the_servers_healthz_runs_and_their_drift_is_reported():
    def healthz(key, requests):
        probe = run.Probe(key, key, "/healthz", cached=True, is_floor=True)
        return run.Row(probe, result=wrk_result(requests))

    page = run.Row(run.Probe("page", "page", "/", cached=True), result=wrk_result(500))
    rows = {"start": healthz("start", 8000), "page": page, "end": healthz("end", 12_000)}

    assert run.floor_of(rows.values()) == 1000.0
    assert run.floor_drift(rows.values()) == pytest.approx(0.5)
    assert "moved by 50%" in run.drift_warnings(rows)[0]


def test_steady_healthz_runs_give_no_warning():
    probe = run.Probe("h", "h", "/healthz", cached=False, is_floor=True)
    rows = {key: run.Row(probe, result=wrk_result(n)) for key, n in (("a", 1000), ("b", 1100))}

    assert run.drift_warnings(rows) == []


def test_rows_with_error_answers_or_problems_count_as_failed():
    probe = run.Probe("seed_warm", "warm", "/", cached=True)

    assert not run.Row(probe, result=wrk_result()).failed
    assert not run.Row(probe, result=wrk_result(read=3)).failed
    assert run.Row(probe, result=wrk_result(status=1)).failed
    assert run.Row(probe, result=wrk_result(timeout=1)).failed
    assert run.Row(probe, problem="answered 500").failed


def test_the_table_shows_throughput_latency_and_ratio_per_page():
    measured = measurements(seed_warm=0.5)

    line = run.throughput_table(measured.rows)[2]

    assert line.split() == ["seed_warm", "500", "2.5", "9.0", "0.50", "0"]


class ScriptedSite(BaseHTTPRequestHandler):
    """Answers from the server's `answers` list in turn, then repeats the last one."""

    def do_GET(self):
        server = self.server
        with server.lock:
            status, headers, body = server.answers[min(server.served, len(server.answers) - 1)]
            server.served += 1
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@contextlib.contextmanager
def scripted_site(answers):
    server = ThreadingHTTPServer(("127.0.0.1", 0), ScriptedSite)
    server.answers, server.served, server.lock = answers, 0, threading.Lock()
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True
    )
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def page_of_version(version):
    return PAGE.replace(b"00003", f"{version:05d}".encode())


def test_a_revalidation_probe_sends_the_etag_it_was_given():
    answers = [(200, {"ETag": '"v1"', "Content-Type": "text/html"}, PAGE), (304, {}, b"")]
    probe = run.Probe(
        "seed_304", "304", "/compare/a-vs-b/", cached=True, expect=304, revalidate=True
    )

    with scripted_site(answers) as base_url:
        headers, problem = run.check_once(base_url, probe)

    assert problem is None
    assert headers["If-None-Match"] == '"v1"'


def test_an_incomplete_page_is_refused_before_any_load():
    answers = [(200, {"Content-Type": "text/html; charset=utf-8"}, PAGE[:50])]
    probe = run.Probe("seed_warm", "warm", "/compare/a-vs-b/", cached=True)

    with scripted_site(answers) as base_url:
        headers, problem = run.check_once(base_url, probe)

    assert headers is None
    assert "incomplete" in problem


@pytest.mark.parametrize(
    ("response", "kind"),
    [
        (Response(500, {}, PAGE), "status"),
        (Response(200, {}, PAGE[:-7]), "incomplete"),
        (Response(200, {}, PAGE.replace(b"table", b"div")), "incomplete"),
        (Response(200, {"content-encoding": "gzip"}, gzip.compress(PAGE)[:-8]), "incomplete"),
        (Response(200, {"content-encoding": "gzip"}, gzip.compress(PAGE)), None),
    ],
)
def test_the_soak_checks_status_completeness_and_the_table(response, kind):
    page = soak.Page("/compare/a-vs-b/", shows_edit=True, has_table=True)

    assert soak.check(response, page)[0] == kind


def test_the_soak_reads_which_edit_a_page_shows():
    assert soak.version_of(page_of_version(12)) == 12
    assert soak.version_of(b"<html>original</html>") == 0


def test_a_soak_reader_counts_content_that_goes_back_in_time_as_stale():
    answers = [(200, {}, page_of_version(version)) for version in (1, 3, 2)]
    page = soak.Page("/compare/a-vs-b/", shows_edit=True, has_table=True)
    tally = soak.Tally()

    with scripted_site(answers) as base_url:
        soak.read(base_url, [page], time.monotonic() + 0.3, tally)

    assert tally.requests >= 3
    assert tally.stale == tally.requests - 2
    assert tally.versions == {1, 2, 3}
    assert not tally.errors


def test_a_soak_reader_counts_error_answers_and_keeps_examples():
    answers = [(200, {}, page_of_version(1)), (503, {}, b"down")]
    page = soak.Page("/", shows_edit=False, has_table=False)
    tally = soak.Tally()

    with scripted_site(answers) as base_url:
        soak.read(base_url, [page], time.monotonic() + 0.2, tally)

    assert tally.errors["status"] == tally.requests - 1
    assert tally.examples[0] == "status: / answered 503"


def test_the_soak_fails_when_readers_never_saw_an_edit():
    tally = soak.Tally(requests=100, versions={0})
    args = type("Args", (), {"seconds": 10, "readers": 2, "workers": 3})

    text, passed = soak.summary(tally, {"edits": 10, "failures": []}, args)

    assert not passed
    assert "FAIL  edits seen by readers" in text


def test_the_soak_passes_with_clean_reads_that_followed_the_edits():
    tally = soak.Tally(requests=100, versions={0, 1, 2})
    args = type("Args", (), {"seconds": 10, "readers": 2, "workers": 3})

    text, passed = soak.summary(tally, {"edits": 2, "failures": []}, args)

    assert passed
    assert "distinct versions seen: 3 (original + 2 edits)" in text
