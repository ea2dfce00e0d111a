"""The soak: concurrent readers for a minute while an editor saves a change every second.

    python -m bench.soak [--seconds 60] [--readers 8] [--workers N]

gunicorn runs as in production (page cache on, worker recycling on). Reader threads request
public pages over loopback as fast as they can, and check every answer: status 200, a
complete page (it ends with </html>), the comparison table on comparison pages, and content
that never goes back in time: once a reader has seen an edit, it never again sees an older
version. An editor process saves one cell of the compared frameworks once a second through
the ORM, so signals bump the content revision as an admin save would.

Exits 0 when there were no errors, no incomplete or stale pages, edits were saved and readers
saw them; 1 otherwise; 2 if the set-up failed.
"""

import argparse
import gzip
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

if __package__ in (None, ""):  # Run as a script: make `bench` importable.
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import (
    PYTHON,
    ROOT,
    Gunicorn,
    SetupFailed,
    Site,
    compare_path,
    default_workers,
    demo_slugs,
    get,
    is_complete_page,
    say,
)
from bench.editor import MARKER

EDITED_FRAMEWORK = "demo-0001"
EDITED_FEATURE = "demo-feature-0001"
VERSION_PATTERN = re.compile(rf"{MARKER} (\d+)".encode())
EXAMPLES_KEPT = 5


@dataclass(frozen=True)
class Page:
    path: str
    shows_edit: bool
    has_table: bool


@dataclass
class Tally:
    """What the readers saw; shared by every reader thread, under its lock."""

    requests: int = 0
    errors: Counter = field(default_factory=Counter)
    incomplete: int = 0
    stale: int = 0
    versions: set = field(default_factory=set)
    examples: list = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def problem(self, kind, detail):
        with self.lock:
            if kind == "incomplete":
                self.incomplete += 1
            elif kind == "stale":
                self.stale += 1
            else:
                self.errors[kind] += 1
            if len(self.examples) < EXAMPLES_KEPT:
                self.examples.append(f"{kind}: {detail}")


def pages(seed_slugs):
    demo_pair = compare_path(demo_slugs(2))
    return [
        Page(demo_pair, shows_edit=True, has_table=True),
        Page(compare_path(demo_slugs(4)), shows_edit=True, has_table=True),
        Page(compare_path(seed_slugs), shows_edit=False, has_table=True),
        Page(f"/frameworks/{EDITED_FRAMEWORK}/", shows_edit=False, has_table=False),
        Page("/frameworks/", shows_edit=False, has_table=False),
        Page("/", shows_edit=False, has_table=False),
    ]


def version_of(body):
    """0 for the original content, N after the editor's Nth save."""
    found = VERSION_PATTERN.search(body)
    return int(found.group(1)) if found else 0


def check(response, page):
    """The problem with one answer, or None; the body is the decoded page."""
    if response.status != 200:
        return "status", f"{page.path} answered {response.status}", None
    body = response.body
    if response.headers.get("content-encoding") == "gzip":
        try:
            body = gzip.decompress(body)
        except (OSError, EOFError) as error:
            return "incomplete", f"{page.path}: broken gzip ({error})", None
    if not is_complete_page(body):
        return "incomplete", f"{page.path}: {len(body)} bytes without </html>", None
    if page.has_table and b"<table" not in body:
        return "incomplete", f"{page.path}: no comparison table", None
    return None, None, body


def read(base_url, site_pages, deadline, tally):
    """One reader: requests pages in turn until the deadline, checking every answer."""
    newest = 0
    for number in range(10**9):
        if time.monotonic() >= deadline:
            return
        page = site_pages[number % len(site_pages)]
        # Every other request without gzip: both cached variants get read.
        headers = {"Accept-Encoding": "gzip"} if number % 2 else {}
        try:
            response = get(base_url, page.path, headers=headers)
        except Exception as error:  # Connection refused, reset, timed out: all are errors.
            tally.problem(type(error).__name__, f"{page.path}: {error}")
            continue
        kind, detail, body = check(response, page)
        with tally.lock:
            tally.requests += 1
        if kind:
            tally.problem(kind, detail)
            continue
        if page.shows_edit:
            version = version_of(body)
            if version < newest:
                tally.problem("stale", f"{page.path}: version {version} after {newest}")
            newest = max(newest, version)
            with tally.lock:
                tally.versions.add(version)


def start_editor(site, seconds):
    return subprocess.Popen(
        [
            PYTHON,
            "-m",
            "bench.editor",
            f"--seconds={seconds}",
            f"--framework={EDITED_FRAMEWORK}",
            f"--feature={EDITED_FEATURE}",
        ],
        cwd=ROOT,
        env=site.env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def editor_result(editor, seconds):
    try:
        out, err = editor.communicate(timeout=seconds + 60)
    except subprocess.TimeoutExpired:
        editor.kill()
        out, err = editor.communicate()
    if editor.returncode != 0:
        return {"edits": 0, "failures": [f"editor exited {editor.returncode}: {err[-1500:]}"]}
    return json.loads(out.strip().splitlines()[-1])


def soak(site, args, folder):
    site_pages = pages(args.seed_slugs)
    tally = Tally()
    with Gunicorn(site, workers=args.workers, log_path=Path(folder) / "gunicorn.log") as server:
        for page in site_pages:
            response = get(server.base_url, page.path)
            if response.status != 200:
                raise SetupFailed(f"{page.path} answered {response.status} before the soak")
        say(f"Soaking for {args.seconds} s: {args.readers} readers, an edit every second")
        editor = start_editor(site, args.seconds)
        try:
            deadline = time.monotonic() + args.seconds
            readers = [
                threading.Thread(target=read, args=(server.base_url, site_pages, deadline, tally))
                for _ in range(args.readers)
            ]
            for reader in readers:
                reader.start()
            for reader in readers:
                reader.join()
            edited = editor_result(editor, args.seconds)
        finally:
            if editor.poll() is None:  # Interrupted: the editor must not outlive the soak.
                editor.kill()
                editor.communicate()
    return tally, edited


def summary(tally, edited, args):
    new_versions = {version for version in tally.versions if version > 0}
    failures = edited["failures"]
    verdicts = {
        "no errors": not tally.errors,
        "no incomplete pages": not tally.incomplete,
        "no stale pages": not tally.stale,
        "edits saved": edited["edits"] > 0 and not failures,
        "edits seen by readers": bool(new_versions),
    }
    lines = [
        f"Soak: {args.seconds} s, {args.readers} reader threads, {args.workers} gunicorn "
        "workers (production config, page cache on), an edit every second",
        f"requests:              {tally.requests} ({tally.requests / args.seconds:.0f}/s)",
        f"errors:                {sum(tally.errors.values())}"
        + (f" {dict(tally.errors)}" if tally.errors else ""),
        f"incomplete pages:      {tally.incomplete}",
        f"stale pages:           {tally.stale} (older content after newer, same reader)",
        f"edits made:            {edited['edits']}"
        + (f", {len(failures)} failed: {failures[:3]}" if failures else ""),
        f"distinct versions seen: {len(tally.versions)} "
        f"({'original + ' if 0 in tally.versions else ''}{len(new_versions)} edits)",
    ]
    if tally.examples:
        lines += ["examples:", *(f"  {example}" for example in tally.examples)]
    lines += [f"  {'PASS' if ok else 'FAIL'}  {what}" for what, ok in verdicts.items()]
    return "\n".join(lines), all(verdicts.values())


def parse_args(argv):
    parser = argparse.ArgumentParser(
        prog="python -m bench.soak", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--readers", type=int, default=8, help="concurrent reader threads")
    parser.add_argument("--workers", type=int, default=default_workers())
    parser.add_argument("--frameworks", type=int, default=20)
    parser.add_argument("--features", type=int, default=30)
    parser.add_argument(
        "--seed-slugs",
        type=lambda value: value.split(","),
        default=["django", "flask"],
        help="a seed comparison to read too, comma-separated",
    )
    args = parser.parse_args(argv)
    if args.seconds < 1 or args.readers < 1 or args.frameworks < 4 or args.features < 1:
        parser.error("needs at least 1 second, 1 reader, 4 frameworks and 1 feature")
    return args


def main(argv=None):
    args = parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="comparator-soak-") as folder:
        site = Site(folder, database_url=os.environ.get("DATABASE_URL"))
        try:
            site.prepare(frameworks=args.frameworks, features=args.features)
            tally, edited = soak(site, args, folder)
        except SetupFailed as failure:
            print(f"Soak set-up failed: {failure}", file=sys.stderr)
            return 2
    text, passed = summary(tally, edited, args)
    print(text)
    print(f"RESULT: {'PASS' if passed else 'FAIL'}")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
