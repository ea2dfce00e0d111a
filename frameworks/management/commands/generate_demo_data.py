"""Generate a synthetic, realistic-looking dataset for benchmarks and scale checks.

`generate_demo_data --frameworks 500 --features 300` fills the configured database with
published frameworks (`demo-0001`…), categories, features, a value for every framework and
feature, lists, companies, metrics and a couple of curated comparisons. Every demo row has a
slug starting with `demo-`, which is how `--clear` finds them again: content that is not demo
is never touched. Rows are written with `bulk_create` in one transaction, so signals do not
run; every page's revision (the shared one) is bumped once at the end instead.
"""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Q

from frameworks.demo_data import (
    BATCH_SIZE,
    DEMO_PREFIX,
    FAQ,
    DemoDataBuilder,
    batched,
    demo,
)
from frameworks.models import (
    Adoption,
    Company,
    Comparison,
    ComparisonEntry,
    Con,
    ContentRevision,
    FaqEntry,
    Feature,
    FeatureCategory,
    FeatureValue,
    Framework,
    KeyFeature,
    Metric,
    Pro,
    UseCase,
)


class Progress:
    """A one-line bar on a terminal, or a line per tenth elsewhere (logs, CI, pipes)."""

    WIDTH = 30

    def __init__(self, stdout, label, total, *, enabled):
        self.stdout = stdout
        self.label = label
        self.total = max(total, 1)
        self.enabled = enabled
        self.is_tty = enabled and hasattr(stdout, "isatty") and stdout.isatty()
        self.done = 0
        self.last_tenth = 0

    def advance(self, count):
        self.done = min(self.done + count, self.total)
        if not self.enabled:
            return
        if self.is_tty:
            filled = self.WIDTH * self.done // self.total
            bar = "#" * filled + "." * (self.WIDTH - filled)
            percent = 100 * self.done // self.total
            self.stdout.write(
                f"\r{self.label}: [{bar}] {percent:3d}% {self.done}/{self.total}", ending=""
            )
            self.stdout.flush()
            return
        tenth = 10 * self.done // self.total
        if tenth > self.last_tenth:
            self.last_tenth = tenth
            self.stdout.write(f"{self.label}: {self.done}/{self.total} ({tenth * 10}%)")

    def finish(self):
        if self.enabled and self.is_tty:
            self.stdout.write("")


class Command(BaseCommand):
    help = (
        "Generates a synthetic dataset (frameworks demo-0001…, a value for every framework "
        "and feature) for benchmarks. Demo rows have slugs starting with 'demo-'; --clear "
        "removes them first. Other content is never touched."
    )

    def add_arguments(self, parser):
        parser.add_argument("--frameworks", type=int, default=500)
        parser.add_argument("--features", type=int, default=300)
        parser.add_argument("--categories", type=int, default=12)
        parser.add_argument("--seed", type=int, default=1, help="Same seed, same dataset.")
        parser.add_argument("--clear", action="store_true", help="Remove existing demo rows first.")

    def handle(self, *args, frameworks, features, categories, seed, clear, **options):
        for name, value in (
            ("--frameworks", frameworks),
            ("--features", features),
            ("--categories", categories),
        ):
            if value < 1:
                raise CommandError(f"{name} must be at least 1 (got {value}).")
        if categories > features:
            raise CommandError(
                f"--categories ({categories}) cannot exceed --features ({features}): "
                "every category needs a feature."
            )
        self.verbosity = options["verbosity"]
        started = time.monotonic()
        builder = DemoDataBuilder(
            frameworks=frameworks, features=features, categories=categories, seed=seed
        )
        with transaction.atomic():
            if clear:
                self.clear()
            elif demo(Framework).exists() or demo(Feature).exists():
                raise CommandError(
                    "Demo data already exists (slugs starting with 'demo-'). Run again with "
                    "--clear to replace it; nothing was changed."
                )
            self.generate(builder)
            ContentRevision.bump_everything()
        self.say(
            f"Generated {frameworks} frameworks x {features} features "
            f"({frameworks * features} values) in {time.monotonic() - started:.1f} s.",
            style=self.style.SUCCESS,
        )

    def say(self, message, style=None):
        if self.verbosity >= 1:
            self.stdout.write(style(message) if style else message)

    def clear(self):
        """Delete demo rows with plain SQL deletes, children first.

        A cascading ORM delete would send signals for every one of 150,000 cells (each
        bumping the revision and writing history); one bump at the end is enough.
        """
        blockers = (
            ComparisonEntry.objects.filter(framework__slug__startswith=DEMO_PREFIX).exclude(
                comparison__slug__startswith=DEMO_PREFIX
            ),
            Feature.objects.filter(category__slug__startswith=DEMO_PREFIX).exclude(
                slug__startswith=DEMO_PREFIX
            ),
        )
        for blocker in blockers:
            if blocker.exists():
                raise CommandError(
                    f"Cannot clear demo data: {blocker.model._meta.verbose_name_plural} that "
                    f"are not demo content refer to it ({', '.join(map(str, blocker[:3]))})."
                )
        demo_framework = Q(framework__slug__startswith=DEMO_PREFIX)
        steps = (
            FaqEntry.objects.filter(comparison__slug__startswith=DEMO_PREFIX),
            ComparisonEntry.objects.filter(comparison__slug__startswith=DEMO_PREFIX),
            demo(Comparison),
            FeatureValue.objects.filter(demo_framework | Q(feature__slug__startswith=DEMO_PREFIX)),
            *(model.objects.filter(demo_framework) for model in (KeyFeature, Pro, Con, UseCase)),
            Adoption.objects.filter(demo_framework | Q(company__slug__startswith=DEMO_PREFIX)),
            Metric.objects.filter(demo_framework),
            demo(Framework),
            demo(Feature),
            demo(FeatureCategory),
            demo(Company),
        )
        removed = 0
        for queryset in steps:
            # _raw_delete is the one DELETE statement Django itself uses for fast deletes.
            removed += queryset._raw_delete(queryset.db)
        self.say(f"Removed {removed} demo rows.")

    def generate(self, builder):
        framework_rows = self.create(Framework, builder.frameworks())
        category_rows = self.create(FeatureCategory, builder.categories())
        category_ids = [row.pk for row in sorted(category_rows, key=lambda row: row.slug)]
        feature_rows = self.create(Feature, builder.features(category_ids))
        frameworks = self.ids_and_slugs(Framework, [row.slug for row in framework_rows])
        features = self.ids_and_slugs(Feature, [row.slug for row in feature_rows])

        self.create(
            FeatureValue,
            builder.values(frameworks, features),
            total=len(frameworks) * len(features),
        )
        items = {}
        for item in builder.lists(frameworks):
            items.setdefault(type(item), []).append(item)
        for model, rows in items.items():
            self.create(model, rows)
        company_rows = self.create(Company, builder.companies())
        company_ids = [pk for pk, _ in self.ids_and_slugs(Company, [c.slug for c in company_rows])]
        self.create(Adoption, builder.adoptions(frameworks, company_ids))
        self.create(Metric, builder.metrics(frameworks))
        self.create_comparisons(builder, {slug: pk for pk, slug in frameworks})

    def create_comparisons(self, builder, framework_ids):
        planned = list(builder.comparisons())
        self.create(Comparison, [comparison for comparison, _ in planned])
        comparison_ids = dict(demo(Comparison).values_list("slug", "pk"))
        entries, faq = [], []
        for comparison, slugs in planned:
            comparison_id = comparison_ids[comparison.slug]
            entries += [
                ComparisonEntry(
                    comparison_id=comparison_id, framework_id=framework_ids[slug], order=order
                )
                for order, slug in enumerate(slugs)
            ]
            faq += [
                FaqEntry(comparison_id=comparison_id, question=question, answer=answer, order=order)
                for order, (question, answer) in enumerate(FAQ)
            ]
        self.create(ComparisonEntry, entries)
        self.create(FaqEntry, faq)

    @staticmethod
    def ids_and_slugs(model, slugs):
        """(pk, slug) pairs in the order of `slugs`: ids read back work on every database."""
        ids = dict(model.objects.filter(slug__in=slugs).values_list("slug", "pk"))
        return [(ids[slug], slug) for slug in slugs]

    def create(self, model, rows, *, total=None):
        """bulk_create in batches, with progress for the big tables; returns the rows."""
        label = model._meta.verbose_name_plural
        created = []
        progress = None
        if total is not None:
            progress = Progress(self.stdout, label, total, enabled=self.verbosity >= 1)
        for batch in batched(rows, BATCH_SIZE):
            model.objects.bulk_create(batch, batch_size=BATCH_SIZE)
            if progress is None:
                created.extend(batch)
            else:
                progress.advance(len(batch))
        if progress is not None:
            progress.finish()
        self.say(f"{label[0].upper()}{label[1:]}: {progress.done if progress else len(created)}")
        return created
