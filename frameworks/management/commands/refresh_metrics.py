"""Refresh stars, downloads, questions and release rows from the registries and other APIs.

A run never stops half-way: whatever goes wrong with one framework (a source's odd answer, a
bug, a database error) is that framework's failure, the others are still refreshed, and the
summary is always printed. A run that reaches its deadline asks nothing more.
"""

import logging
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone

from frameworks.models import Framework, MetricSource, RefreshStatus
from frameworks.refresh import SKIPPED, failed_framework, refresh_framework
from frameworks.sources import ApiClient

logger = logging.getLogger(__name__)

CELL_WORDS = {
    RefreshStatus.UPDATED: "updated",
    RefreshStatus.UNCHANGED: "unchanged",
    RefreshStatus.FAILED: "failed",
    SKIPPED: "-",
}


class Command(BaseCommand):
    help = (
        "Reads each framework's package on its registry (PyPI, npm, RubyGems, Packagist, Maven "
        "Central, NuGet, Hex, crates.io, Go modules), its GitHub repository and Stack Overflow "
        "tag, and writes today's data points and the latest-release and runtime-versions "
        "values (never a pinned one). Prints a table of what each source did and exits with "
        "status 1 when any source failed."
    )
    # Tests swap in a client whose backoff does not sleep.
    client_class = ApiClient

    def add_arguments(self, parser):
        parser.add_argument(
            "--framework",
            action="extend",
            nargs="+",
            dest="slugs",
            metavar="SLUG",
            help="Refresh only these frameworks (--framework flask django, or the option "
            "repeated). Default: every framework "
            "that names a package, GitHub repository or Stack Overflow tag.",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Ask the sources and print what would change; write nothing.",
        )
        parser.add_argument(
            "--deadline",
            type=float,
            default=settings.REFRESH_METRICS_DEADLINE_SECONDS,
            metavar="SECONDS",
            help="Start no framework after this many seconds; the ones left are reported as "
            "failed. Default: REFRESH_METRICS_DEADLINE_SECONDS "
            f"({settings.REFRESH_METRICS_DEADLINE_SECONDS:g}).",
        )

    def handle(self, *args, slugs=None, dry_run=False, verbosity=1, deadline=None, **options):
        frameworks = self.frameworks(slugs)
        today = timezone.localdate()
        ends_at = time.monotonic() + (deadline or settings.REFRESH_METRICS_DEADLINE_SECONDS)
        outcomes = []
        try:
            with self.client_class() as client:
                for framework in frameworks:
                    if time.monotonic() >= ends_at:
                        reason = "not asked: the run reached its deadline"
                        outcomes.extend(failed_framework(framework, reason))
                        continue
                    outcomes.extend(self.refresh(framework, client, today=today, dry_run=dry_run))
        finally:  # Even a run cut short (Ctrl-C, a signal) says what it did.
            self.print_summary(outcomes, dry_run=dry_run, details=verbosity > 0)
        failed = sum(outcome.failed for outcome in outcomes)
        if failed:
            raise CommandError(f"{failed} source(s) failed: see the table above.", returncode=1)

    def frameworks(self, slugs):
        if not slugs:
            names_a_source = ~Q(package_name="") | ~Q(github_repo="") | ~Q(stackoverflow_tag="")
            return list(Framework.objects.filter(names_a_source).order_by(Lower("name")))
        found = {
            framework.slug: framework for framework in Framework.objects.filter(slug__in=slugs)
        }
        unknown = [slug for slug in slugs if slug not in found]
        if unknown:
            raise CommandError(f"No framework with the slug(s): {', '.join(unknown)}")
        return [found[slug] for slug in dict.fromkeys(slugs)]

    def refresh(self, framework, client, *, today, dry_run):
        """One framework's outcomes; any error in it is its failure, not the run's."""
        try:
            return refresh_framework(
                framework=framework, client=client, today=today, dry_run=dry_run
            )
        except DatabaseError as error:
            # The framework's transaction rolled back: nothing of it was written.
            logger.exception("refresh_metrics: %s not saved", framework.slug)
            return failed_framework(framework, f"not saved: {error}")
        except Exception as error:
            logger.exception("refresh_metrics: %s failed unexpectedly", framework.slug)
            return failed_framework(
                framework, f"not saved: unexpected error: {type(error).__name__}: {error}"
            )

    def print_summary(self, outcomes, *, dry_run, details):
        if dry_run:
            self.stdout.write("Dry run: nothing was written.")
        # A column for each source some framework was asked about: thirteen mostly empty
        # columns would push the failures off the screen.
        sources = [
            source
            for source in MetricSource
            if any(o.source == source and o.status != SKIPPED for o in outcomes)
        ]
        rows = {}
        for outcome in outcomes:
            cell = CELL_WORDS[outcome.status]
            if outcome.failed:
                cell = f"failed: {outcome.message}"
            row = rows.setdefault(outcome.framework, dict.fromkeys(sources, "-"))
            if outcome.source in sources:
                row[outcome.source] = cell
        header = ["framework", *(source.label for source in sources)]
        table = [header, *([slug, *cells.values()] for slug, cells in rows.items())]
        widths = [max(len(row[column]) for row in table) for column in range(len(header))]
        for row in table:
            line = "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
            style = self.style.ERROR if any(c.startswith("failed") for c in row) else str
            self.stdout.write(style(line.rstrip()))
        totals = dict.fromkeys(("updated", "unchanged", "failed"), 0)
        for outcome in outcomes:
            if outcome.status != SKIPPED:
                totals[CELL_WORDS[outcome.status]] += 1
        self.stdout.write(", ".join(f"{total} {word}" for word, total in totals.items()))
        for outcome in outcomes:
            if details and not outcome.failed and outcome.status != SKIPPED:
                label = MetricSource(outcome.source).label
                self.stdout.write(f"{outcome.framework} · {label}: {outcome.message}")
