"""Reads while an editor works: what readers lose when content changes under them.

wrk reads 300 distinct, warm comparison pages of demo frameworks, first with nobody editing,
then while an editor process saves one value of `demo-0001` once a second through the ORM
(as an admin save would). Twice: with hot pages none of which shows `demo-0001`, then with
`demo-0001` on 10 % of them. Each scenario's figure is its throughput with edits over the
same pages' throughput without.
"""

import itertools
from dataclasses import dataclass

from bench.common import compare_path, demo_slugs, get, say
from bench.loadgen import WrkFailed
from bench.soak import EDITED_FRAMEWORK, editor_result, start_editor

HOT_PAGES = 300
EDITED_SHARE = 0.1
# The editor needs a moment to start Django before its first save.
EDITOR_START_SECONDS = 2


@dataclass(frozen=True)
class Scenario:
    key: str
    label: str
    paths: tuple


@dataclass
class EditingRun:
    scenario: Scenario
    quiet: object = None  # wrk's result without edits
    edited: object = None  # and with them
    edits: int = 0
    problem: str | None = None

    @property
    def ratio(self):
        if self.quiet is None or self.edited is None or not self.quiet.requests_per_second:
            return None
        return self.edited.requests_per_second / self.quiet.requests_per_second

    @property
    def failed(self):
        return self.problem is not None or any(
            result is not None and result.failed_requests > 0
            for result in (self.quiet, self.edited)
        )


def hot_pages(frameworks, *, count=HOT_PAGES, edited_share=0.0):
    """`count` distinct comparisons of two demo frameworks other than the edited one, of
    which `edited_share` then compare the edited framework instead of their first."""
    others = [slug for slug in demo_slugs(frameworks) if slug != EDITED_FRAMEWORK]
    pairs = (
        (others[index], others[index + gap])
        for gap in range(1, len(others))
        for index in range(len(others) - gap)
    )
    chosen = list(itertools.islice(pairs, count))
    every = round(1 / edited_share) if edited_share else 0
    paths = []
    for number, (first, second) in enumerate(chosen):
        if every and number % every == 0:
            first = EDITED_FRAMEWORK
        paths.append(compare_path([first, second]))
    if len(set(paths)) != len(paths):
        raise ValueError("the hot pages must be distinct")
    return tuple(paths)


def scenarios(frameworks):
    share = f"{EDITED_SHARE:.0%}"
    return [
        Scenario(
            "edits_elsewhere",
            f"{HOT_PAGES} hot pages, edits to a framework none shows",
            hot_pages(frameworks),
        ),
        Scenario(
            "edits_on_hot",
            f"{HOT_PAGES} hot pages, edited framework on {share}",
            hot_pages(frameworks, edited_share=EDITED_SHARE),
        ),
    ]


def warm(base_url, paths, headers):
    for path in paths:
        response = get(base_url, path, headers=headers)
        if response.status != 200:
            return f"{path} answered {response.status}"
    return None


def measure(site, wrk, server, scenario, args, headers):
    """The scenario's pages read without edits, then with an edit a second."""
    run = EditingRun(scenario)
    say(f"  {scenario.label}: warming {len(scenario.paths)} pages")
    run.problem = warm(server.base_url, scenario.paths, headers)
    if run.problem:
        return run
    load = {"seconds": args.duration, "headers": headers, "paths": scenario.paths}
    try:
        say(f"  {scenario.label}: no edits, {args.warmup} s warm-up, {args.duration} s measured")
        if args.warmup:
            wrk.run(server.base_url, **{**load, "seconds": args.warmup})
        run.quiet = wrk.run(server.base_url, **load)
        say(f"  {scenario.label}: an edit a second, {args.duration} s measured")
        editing_seconds = EDITOR_START_SECONDS + args.warmup + args.duration
        editor = start_editor(site, editing_seconds)
        try:
            # The editor's start and first edits fall in the warm-up, which is not measured.
            wrk.run(server.base_url, **{**load, "seconds": EDITOR_START_SECONDS + args.warmup})
            run.edited = wrk.run(server.base_url, **load)
            edited = editor_result(editor, editing_seconds)
        finally:
            if editor.poll() is None:
                editor.kill()
                editor.communicate()
    except WrkFailed as error:
        run.problem = str(error)
        return run
    run.edits = edited["edits"]
    if edited["failures"] or not run.edits:
        run.problem = f"the editor failed: {edited['failures'][:2]}"
    return run


def table(runs):
    lines = [
        f"{'reads while editing':<64} {'req/s':>7} {'p99 ms':>7} {'edits':>6} {'errors':>7}",
        "-" * 95,
    ]
    for run in runs.values():
        if run.quiet is None or run.edited is None:
            lines.append(f"{run.scenario.label:<64} FAILED: {run.problem}")
            continue
        for what, result, edits in (
            ("no edits", run.quiet, "-"),
            ("an edit/s", run.edited, run.edits),
        ):
            lines.append(
                f"{run.scenario.label + ', ' + what:<64} {result.requests_per_second:>7.0f} "
                f"{result.p99_us / 1000:>7.1f} {edits!s:>6} {result.failed_requests:>7}"
            )
        lines.append(f"{'':<64} with edits / without: {run.ratio:.2f}")
        if run.problem:
            lines.append(f"{'':<64} problem: {run.problem}")
    return lines
