"""The benchmark: gunicorn as in production, driven by wrk; a report, not a test.

    python -m bench.run [--frameworks 500] [--features 300] [--duration 10] [--workers N]

Builds a throwaway site (a temporary SQLite file, or DATABASE_URL when set), loads the
fixtures, generates the demo dataset and collects static files; then starts gunicorn with
the page cache on and measures /healthz, warm pages and a 304 revalidation, and again with
the page cache off for cold pages. Every figure is also given as a ratio to /healthz on the
same server in the same run. Then reads while an editor works (bench/editing.py): 300 hot
comparison pages with and without an edit a second, as a ratio of the two. SQL queries per
page and the cold render times of two comparisons are measured in process, against budgets.

Exits 0 whatever the targets say (it is a report), 1 if a URL answered with an error, 2 if
the set-up failed or wrk is missing.
"""

import argparse
import gzip
import json
import os
import sys
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

if __package__ in (None, ""):  # Run as a script: make `bench` importable.
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import editing
from bench.common import (
    PYTHON,
    Gunicorn,
    SetupFailed,
    Site,
    compare_path,
    default_workers,
    demo_slugs,
    get,
    is_complete_page,
    machine,
    run_checked,
    say,
)
from bench.loadgen import Wrk, WrkFailed, WrkMissing, find_wrk

WARM_RATIO = 0.8
# A cached seed comparison costs one exact revision query more than /healthz (issue 20).
WARM_SEED_RATIO = 0.9
REVALIDATION_RATIO = 0.9
# Reads while editing, over the same reads without edits.
EDITS_ELSEWHERE_RATIO = 0.8
EDITS_ON_HOT_RATIO = 0.6
# Cold renders in process: guards against regressions, not targets to chase.
RENDER_BUDGETS_MS = {"seed_2": 10.0, "demo_4": 40.0}
# Two /healthz runs of one server further apart than this mean the load changed meanwhile.
DRIFT_WARNING = 0.2
REQUEST_HEADERS = {"Accept-Encoding": "gzip"}


@dataclass(frozen=True)
class Probe:
    """One URL to load, on the server with the page cache on or off."""

    key: str
    label: str
    path: str
    cached: bool
    expect: int = 200
    revalidate: bool = False
    is_floor: bool = False


@dataclass
class Row:
    probe: Probe
    result: object = None
    problem: str | None = None
    floor: float | None = None  # /healthz requests/s on the same server

    @property
    def ratio(self):
        if self.result is None or not self.floor:
            return None
        return self.result.requests_per_second / self.floor

    @property
    def failed(self):
        return self.problem is not None or (
            self.result is not None and self.result.failed_requests > 0
        )


@dataclass
class Measurements:
    rows: dict = field(default_factory=dict)
    seed_queries: dict = field(default_factory=dict)
    demo_queries: dict = field(default_factory=dict)
    render_ms: dict = field(default_factory=dict)
    editing: dict = field(default_factory=dict)


def plan(seed_slugs, features):
    """The probes of each server, between two /healthz runs: the floor is their mean.

    Measuring the floor before and after the pages shows whether the machine's load
    changed during the run; their mean evens out a slow drift.
    """
    seed = compare_path(seed_slugs)
    four = compare_path(demo_slugs(4))
    seed_name = " vs ".join(slug.title() for slug in seed_slugs)
    big = f"4 x {features} demo"
    return [
        Probe("healthz_warm", "/healthz, cache-on server", "/healthz", cached=True, is_floor=True),
        Probe("seed_warm", f"{seed_name}, warm", seed, cached=True),
        Probe("seed_304", f"{seed_name}, 304", seed, cached=True, expect=304, revalidate=True),
        Probe("list_warm", "/frameworks/, warm", "/frameworks/", cached=True),
        Probe("big_warm", f"{big}, warm", four, cached=True),
        Probe("big_304", f"{big}, 304", four, cached=True, expect=304, revalidate=True),
        Probe("healthz_warm_end", "/healthz, again", "/healthz", cached=True, is_floor=True),
        Probe(
            "healthz_cold", "/healthz, cache-off server", "/healthz", cached=False, is_floor=True
        ),
        Probe("seed_cold", f"{seed_name}, cold", seed, cached=False),
        Probe("list_cold", "/frameworks/, cold", "/frameworks/", cached=False),
        Probe("big_cold", f"{big}, cold", four, cached=False),
        Probe("healthz_cold_end", "/healthz, again", "/healthz", cached=False, is_floor=True),
    ]


def query_paths(seed_slugs):
    return {
        "seed_2": compare_path(seed_slugs),
        "demo_2": compare_path(demo_slugs(2)),
        "demo_3": compare_path(demo_slugs(3)),
        "demo_4": compare_path(demo_slugs(4)),
        "seed_detail": f"/frameworks/{seed_slugs[0]}/",
        "demo_detail": "/frameworks/demo-0001/",
        "list": "/frameworks/",
        "home": "/",
    }


def measure_in_process(site, paths, *, render=(), renders=7):
    result = run_checked(
        [
            PYTHON,
            "-m",
            "bench.measure",
            "--queries",
            *paths,
            "--render",
            *render,
            f"--renders={renders}",
        ],
        env=site.env(PAGE_CACHE_ENABLED="0"),
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def body_of(response):
    if response.headers.get("content-encoding") == "gzip":
        return gzip.decompress(response.body)
    return response.body


def check_once(base_url, probe):
    """One request before the load: the headers wrk will send, or the reason not to load."""
    headers = dict(REQUEST_HEADERS)
    response = get(base_url, probe.path, headers=headers)
    if probe.revalidate:
        etag = response.headers.get("etag")
        if response.status != 200 or not etag:
            return None, f"GET answered {response.status} without an ETag to revalidate"
        headers["If-None-Match"] = etag
        response = get(base_url, probe.path, headers=headers)
    if response.status != probe.expect:
        return None, f"answered {response.status}, expected {probe.expect}"
    is_page = response.headers.get("content-type", "").startswith("text/html")
    if probe.expect == 200 and is_page and not is_complete_page(body_of(response)):
        return None, "the page is incomplete (no closing </html>)"
    return headers, None


def load(wrk, server, probe, args):
    headers, problem = check_once(server.base_url, probe)
    if problem:
        say(f"  {probe.label}: {problem}")
        return Row(probe, problem=problem)
    url = server.base_url + probe.path
    say(f"  {probe.label}: {args.warmup} s warm-up, {args.duration} s measured")
    try:
        if args.warmup:
            wrk.run(url, seconds=args.warmup, headers=headers)
        return Row(probe, result=wrk.run(url, seconds=args.duration, headers=headers))
    except WrkFailed as error:
        return Row(probe, problem=str(error))


def run_phase(site, wrk, probes, args, *, cached, folder):
    state = "on" if cached else "off"
    say(f"Starting gunicorn ({args.workers} workers, page cache {state})")
    rows = {}
    with Gunicorn(
        site,
        workers=args.workers,
        log_path=Path(folder) / "gunicorn.log",
        PAGE_CACHE_ENABLED="1" if cached else "0",
        GUNICORN_MAX_REQUESTS=str(args.max_requests),
    ) as server:
        for probe in probes:
            rows[probe.key] = load(wrk, server, probe, args)
    floor = floor_of(rows.values())
    for row in rows.values():
        row.floor = floor
    return rows


def run_editing(site, wrk, args, *, folder):
    say(f"Reads while editing: gunicorn ({args.workers} workers, page cache on)")
    with Gunicorn(
        site,
        workers=args.workers,
        log_path=Path(folder) / "gunicorn-editing.log",
        GUNICORN_MAX_REQUESTS=str(args.max_requests),
    ) as server:
        return {
            scenario.key: editing.measure(site, wrk, server, scenario, args, REQUEST_HEADERS)
            for scenario in editing.scenarios(args.frameworks)
        }


def floor_of(rows):
    """The mean requests/s of the phase's /healthz runs, or None if none was measured."""
    measured = [row.result.requests_per_second for row in rows if row.probe.is_floor and row.result]
    return sum(measured) / len(measured) if measured else None


def floor_drift(rows):
    """How far apart the /healthz runs of one server were, as a fraction of the lower one."""
    measured = [row.result.requests_per_second for row in rows if row.probe.is_floor and row.result]
    if len(measured) < 2 or not min(measured):
        return 0.0
    return max(measured) / min(measured) - 1


def evaluate(measurements):
    """(passed, description) for every target; a missing figure is a failure, said so."""
    rows = measurements.rows
    checks = []

    def ratio_target(key, minimum, what):
        row = rows.get(key)
        ratio = row.ratio if row else None
        if ratio is None:
            reason = row.problem if row and row.problem else "not measured"
            checks.append((False, f"{what} >= {minimum:.2f} x /healthz: {reason}"))
        else:
            checks.append((ratio >= minimum, f"{what} >= {minimum:.2f} x /healthz: {ratio:.2f}"))

    ratio_target("seed_warm", WARM_SEED_RATIO, "warm seed comparison")
    ratio_target("big_warm", WARM_RATIO, "warm 4-framework comparison")
    ratio_target("seed_304", REVALIDATION_RATIO, "304 revalidation")

    demo = measurements.demo_queries
    counts = [demo.get(f"demo_{n}") for n in (2, 3, 4)]
    checks.append(same_queries("same queries for 2, 3 and 4 frameworks", counts))
    seed_and_demo = [measurements.seed_queries.get("seed_2"), demo.get("demo_2")]
    checks.append(same_queries("same queries for the seed as for the demo dataset", seed_and_demo))

    for key, what in (("seed_2", "Django vs Flask"), ("demo_4", "4-framework")):
        checks.append(render_budget(measurements.render_ms.get(key), what, RENDER_BUDGETS_MS[key]))

    for key, minimum, what in (
        (
            "edits_elsewhere",
            EDITS_ELSEWHERE_RATIO,
            "reads while editing a framework no hot page shows",
        ),
        ("edits_on_hot", EDITS_ON_HOT_RATIO, "reads while editing a framework on 10 % of them"),
    ):
        checks.append(editing_target(measurements.editing.get(key), minimum, what))
    return checks


def render_budget(render, what, budget):
    label = f"{what} cold render <= {budget:.0f} ms"
    if render is None:
        return False, f"{label}: not measured"
    return render["median"] <= budget, f"{label}: {render['median']:.1f} ms (median)"


def editing_target(run, minimum, what):
    label = f"{what} >= {minimum:.2f} x no edits, 0 errors"
    if run is None or run.ratio is None:
        reason = run.problem if run and run.problem else "not measured"
        return False, f"{label}: {reason}"
    errors = sum(result.failed_requests for result in (run.quiet, run.edited))
    passed = run.ratio >= minimum and errors == 0 and not run.problem
    return passed, f"{label}: {run.ratio:.2f}, {errors} errors"


def same_queries(what, measured):
    if any(item is None or item["status"] != 200 for item in measured):
        statuses = ", ".join(str(item["status"]) if item else "missing" for item in measured)
        return False, f"{what}: pages answered {statuses}"
    counts = [item["count"] for item in measured]
    return len(set(counts)) == 1, f"{what}: {' / '.join(map(str, counts))}"


def format_ms(microseconds):
    return f"{microseconds / 1000:.1f}"


def throughput_table(rows):
    lines = [
        f"{'page':<34} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'x healthz':>9} {'errors':>7}",
        "-" * 79,
    ]
    for row in rows.values():
        if row.result is None:
            lines.append(f"{row.probe.label:<34} FAILED: {row.problem}")
            continue
        result = row.result
        ratio = f"{row.ratio:.2f}" if row.ratio is not None else "-"
        errors = result.failed_requests
        lines.append(
            f"{row.probe.label:<34} {result.requests_per_second:>8.0f} "
            f"{format_ms(result.p50_us):>8} {format_ms(result.p99_us):>8} {ratio:>9} "
            f"{errors:>7}"
        )
        if result.socket_errors:
            lines.append(f"{'':<34} socket errors: {result.socket_errors}")
    return lines


def drift_warnings(rows):
    warnings = []
    for cached, server in ((True, "cache-on"), (False, "cache-off")):
        drift = floor_drift(row for row in rows.values() if row.probe.cached is cached)
        if drift > DRIFT_WARNING:
            warnings.append(
                f"WARNING: /healthz on the {server} server moved by {drift:.0%} during its "
                "run: the machine was busy, so these ratios are unreliable."
            )
    return warnings


def query_table(measurements, seed_slugs):
    paths = query_paths(seed_slugs)
    measured = [
        (f"{paths[key]} ({database})", item)
        for database, items in (
            ("seed only", measurements.seed_queries),
            ("seed + demo", measurements.demo_queries),
        )
        for key, item in items.items()
    ]
    width = max([len(page) for page, _ in measured] + [4])
    lines = [f"{'page':<{width}} {'status':>6} {'queries':>7}"]
    for page, item in measured:
        lines.append(f"{page:<{width}} {item['status']:>6} {item['count']:>7}")
    return lines


def editing_lines(runs):
    if not runs:
        return []
    return [
        *editing.table(runs),
        "p99 over all hot pages; the editor saves one value of "
        f"{editing.EDITED_FRAMEWORK} through the ORM once a second.",
        "",
    ]


def report(measurements, args, *, machine_line, database):
    seed_slugs = args.seed_slugs
    lines = [
        f"Comparator benchmark, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        f"Machine: {machine_line}",
        f"Server: gunicorn -c gunicorn.conf.py, {args.workers} sync workers, DEBUG off, "
        f"whitenoise, access log off, worker recycling "
        f"{'off' if not args.max_requests else f'every {args.max_requests} requests'}",
        f"Data: {database}; fixtures + {args.frameworks} x {args.features} demo dataset; "
        f"cache {args.cache_url}",
        f"Load: wrk, {args.threads} threads, {args.connections} connections, "
        f"{args.duration} s per page after {args.warmup} s warm-up, Accept-Encoding: gzip",
        "",
        *throughput_table(measurements.rows),
        "x healthz: requests/s over the mean of the same server's two /healthz runs.",
        *drift_warnings(measurements.rows),
        "",
        *editing_lines(measurements.editing),
        "SQL queries per page (in process, page cache off)",
        *query_table(measurements, seed_slugs),
        "",
    ]
    paths = query_paths(seed_slugs)
    if measurements.render_ms:
        lines.append("Cold render time (in process, page cache off)")
        for key, render in measurements.render_ms.items():
            lines.append(
                f"  {paths[key]}: median {render['median']:.1f} ms of {len(render['all'])}, "
                f"first {render['first']:.1f} ms"
            )
        lines.append("")
    lines.append("Targets")
    for passed, text in evaluate(measurements):
        lines.append(f"  {'PASS' if passed else 'FAIL'}  {text}")
    return "\n".join(lines)


def parse_args(argv):
    parser = argparse.ArgumentParser(
        prog="python -m bench.run", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--frameworks", type=int, default=500)
    parser.add_argument("--features", type=int, default=300)
    parser.add_argument("--duration", type=int, default=10, help="seconds measured per page")
    parser.add_argument("--warmup", type=int, default=2, help="seconds of load before each")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--connections", type=int, default=16, help="wrk connections")
    parser.add_argument("--workers", type=int, default=default_workers())
    parser.add_argument(
        "--max-requests",
        type=int,
        default=0,
        help="gunicorn worker recycling; 0 (off) measures the steady state, production "
        "recycles every 1000 requests",
    )
    parser.add_argument("--renders", type=int, default=7, help="in-process cold renders")
    parser.add_argument(
        "--seed-slugs",
        type=lambda value: value.split(","),
        default=["django", "flask"],
        help="the seed comparison to load, comma-separated",
    )
    parser.add_argument(
        "--cache-url", default="locmemcache://bench", help="e.g. redis://127.0.0.1:6379/1"
    )
    args = parser.parse_args(argv)
    if args.frameworks < 4 or args.features < 1:
        parser.error("the benchmark needs at least 4 frameworks and 1 feature")
    return args


def main(argv=None):
    args = parse_args(argv)
    try:
        find_wrk()
    except WrkMissing as missing:
        print(missing, file=sys.stderr)
        return 2

    measurements = Measurements()
    paths = query_paths(args.seed_slugs)
    with tempfile.TemporaryDirectory(prefix="comparator-bench-") as folder:
        site = Site(folder, database_url=os.environ.get("DATABASE_URL"), cache_url=args.cache_url)
        wrk = Wrk(folder, threads=args.threads, connections=args.connections)

        def measure_seed():
            keys = ("seed_2", "seed_detail", "list", "home")
            say("Measuring the seed's queries")
            measured = measure_in_process(site, [paths[key] for key in keys])
            measurements.seed_queries = {key: measured["queries"][paths[key]] for key in keys}

        try:
            site.prepare(
                frameworks=args.frameworks, features=args.features, after_fixtures=measure_seed
            )
            say("Measuring queries and cold render times in process")
            rendered = ("demo_4", "seed_2")
            measured = measure_in_process(
                site,
                list(paths.values()),
                render=[paths[key] for key in rendered],
                renders=args.renders,
            )
            measurements.demo_queries = {
                key: measured["queries"][path] for key, path in paths.items()
            }
            measurements.render_ms = {key: measured["render_ms"][paths[key]] for key in rendered}
            probes = plan(args.seed_slugs, args.features)
            for cached in (True, False):
                phase = [probe for probe in probes if probe.cached is cached]
                measurements.rows |= run_phase(site, wrk, phase, args, cached=cached, folder=folder)
            measurements.editing = run_editing(site, wrk, args, folder=folder)
        except SetupFailed as failure:
            print(f"Benchmark set-up failed: {failure}", file=sys.stderr)
            return 2
        finally:
            site.forget_cached_pages()
        database = site.describe_database()

    print(report(measurements, args, machine_line=machine(), database=database))
    failed = [row.probe.label for row in measurements.rows.values() if row.failed]
    failed += [run.scenario.label for run in measurements.editing.values() if run.failed]
    if failed:
        print(f"\nERRORS on: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
