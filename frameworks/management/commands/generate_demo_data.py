"""Generate a synthetic, realistic-looking dataset for benchmarks and scale checks.

`generate_demo_data --frameworks 500 --features 300` fills the configured database with
published frameworks (`demo-0001`…), categories, features, a value for every framework and
feature, lists, companies, metrics and a couple of curated comparisons. Every demo row has a
slug starting with `demo-`, which is how `--clear` finds them again: content that is not demo
is never touched. Rows are written with `bulk_create` in one transaction, so signals do not
run; every page's revision (the shared one) is bumped once at the end instead.
"""

import datetime
import itertools
import random
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from frameworks.models import (
    Adoption,
    Approximation,
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
    MetricKind,
    Pro,
    SupportLevel,
    UseCase,
)

DEMO_PREFIX = "demo-"
BATCH_SIZE = 5000
ITEMS_PER_LIST = 3

CATEGORY_NAMES = (
    "Routing",
    "Templates",
    "Data access",
    "Forms and validation",
    "Security",
    "Testing",
    "Deployment",
    "Performance",
    "Async and real time",
    "APIs",
    "Admin and back office",
    "Internationalisation",
    "Observability",
    "Tooling",
    "Community",
    "Documentation",
)
FEATURE_SUBJECTS = (
    "URL routing",
    "Template engine",
    "ORM",
    "Schema migrations",
    "Form handling",
    "CSRF protection",
    "Session store",
    "Authentication",
    "Permissions",
    "Background jobs",
    "WebSockets",
    "Server-sent events",
    "Caching",
    "Rate limiting",
    "OpenAPI schema",
    "GraphQL",
    "File uploads",
    "Static files",
    "Test client",
    "Fixtures",
    "Hot reload",
    "CLI scaffolding",
    "Type hints",
    "Dependency injection",
    "Plugin system",
    "Admin interface",
    "Translations",
    "Structured logging",
    "Metrics export",
    "Tracing",
)
FEATURE_ASPECTS = (
    "built in",
    "configuration",
    "extensibility",
    "documentation",
    "async support",
    "defaults",
    "performance",
    "maturity",
    "ecosystem",
    "security review",
)
NAME_SYLLABLES = (
    "ar", "bel", "cor", "dra", "el", "fal", "gor", "hex", "ion", "jun", "kel", "lum",
    "mar", "nox", "or", "pyx", "quil", "ros", "sar", "tal", "ul", "vex", "wyn", "zor",
)  # fmt: skip
LANGUAGES = ("Python", "Python", "Python", "JavaScript", "TypeScript", "Go", "Rust", "Ruby")
LICENSES = ("BSD-3-Clause", "MIT", "Apache-2.0", "MPL-2.0", "LGPL-3.0")
STYLES = ("small", "batteries-included", "fast", "modular")
AUDIENCES = ("APIs", "websites", "real-time apps", "data dashboards")
COMPANY_SUFFIXES = ("Labs", "Systems", "Media", "Health", "Bank", "Logistics", "Games", "Cloud")
SUPPORT_WEIGHTS = {
    SupportLevel.YES: 45,
    SupportLevel.PARTIAL: 15,
    SupportLevel.EXTENSION: 15,
    SupportLevel.NO: 15,
    SupportLevel.UNKNOWN: 10,
}
SUPPORT_LEVELS = list(SUPPORT_WEIGHTS)
SUPPORT_CUMULATIVE = list(itertools.accumulate(SUPPORT_WEIGHTS.values()))
SUPPORT_TEXTS = {
    SupportLevel.YES: "Built in",
    SupportLevel.PARTIAL: "Partly, with manual set-up",
    SupportLevel.EXTENSION: "Via a plugin",
    SupportLevel.NO: "Not available",
    SupportLevel.UNKNOWN: "",
}
PLUGIN_NAMES = ("extras", "contrib", "toolkit", "bridge", "kit", "plus", "ext", "addons")
METRIC_KINDS = (
    MetricKind.GITHUB_STARS,
    MetricKind.PYPI_MONTHLY_DOWNLOADS,
    MetricKind.STACKOVERFLOW_QUESTIONS,
)
METRIC_DATES = tuple(datetime.date(2025, month, 1) for month in (1, 4, 7, 10))
NOTE_SHARE = 0.1
FAQ = (
    ("Which one is faster?", "It depends on the workload; measure yours."),
    ("Which one is easier to learn?", "The one with fewer concepts to hold in mind."),
)


def demo(model, field="slug"):
    """The demo rows of a model: those whose slug starts with the demo prefix."""
    return model.objects.filter(**{f"{field}__startswith": DEMO_PREFIX})


def batched(iterable, size):
    iterator = iter(iterable)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


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


class DemoDataBuilder:
    """Builds the rows, all from one seeded random generator, so a seed gives one dataset."""

    def __init__(self, *, frameworks, features, categories, seed):
        self.framework_count = frameworks
        self.feature_count = features
        self.category_count = categories
        self.random = random.Random(seed)
        self.width = max(4, len(str(frameworks)))

    def framework_slug(self, number):
        return f"{DEMO_PREFIX}{number:0{self.width}d}"

    def word(self):
        syllables = self.random.randint(2, 3)
        return "".join(self.random.choice(NAME_SYLLABLES) for _ in range(syllables)).title()

    def a_date(self, start, end):
        return start + datetime.timedelta(days=self.random.randint(0, (end - start).days))

    def frameworks(self):
        published = timezone.make_aware(datetime.datetime(2025, 1, 1))
        for number in range(1, self.framework_count + 1):
            slug = self.framework_slug(number)
            name = f"{self.word()} {number}"
            yield Framework(
                name=name,
                slug=slug,
                tagline=f"A {self.random.choice(STYLES)} web framework for "
                f"{self.random.choice(AUDIENCES)}",
                summary=(
                    f"{name} is a synthetic framework generated for benchmarks. It exists to "
                    "give pages the size and shape of real content."
                ),
                language=self.random.choice(LANGUAGES),
                first_release_year=self.random.randint(2005, 2024),
                original_authors=f"{self.word()} {self.word()}",
                license=self.random.choice(LICENSES),
                website_url=f"https://{slug}.example.org/",
                repository_url=f"https://git.example.org/{slug}/{slug}",
                source_url=f"https://{slug}.example.org/about",
                is_published=True,
                published_at=published + datetime.timedelta(hours=number),
            )

    def categories(self):
        for index in range(self.category_count):
            base = CATEGORY_NAMES[index % len(CATEGORY_NAMES)]
            number = index + 1
            yield FeatureCategory(
                name=f"{base} (demo {number})",
                slug=f"{DEMO_PREFIX}category-{number:02d}",
                description=f"How frameworks handle {base.lower()}.",
                order=1000 + number,
            )

    def features(self, category_ids):
        for index in range(self.feature_count):
            number = index + 1
            subject = FEATURE_SUBJECTS[index % len(FEATURE_SUBJECTS)]
            aspect = FEATURE_ASPECTS[(index // len(FEATURE_SUBJECTS)) % len(FEATURE_ASPECTS)]
            yield Feature(
                # Consecutive features share a category; every category gets at least one.
                category_id=category_ids[index * len(category_ids) // self.feature_count],
                name=f"{subject}: {aspect} #{number}",
                slug=f"{DEMO_PREFIX}feature-{number:04d}",
                description=f"Whether and how the framework offers {subject.lower()} ({aspect}).",
                order=index,
            )

    def value(self, framework_id, framework_slug, feature_id, feature_slug):
        support = self.random.choices(SUPPORT_LEVELS, cum_weights=SUPPORT_CUMULATIVE)[0]
        text = SUPPORT_TEXTS[support]
        if support == SupportLevel.EXTENSION:
            plugin = PLUGIN_NAMES[self.random.randrange(len(PLUGIN_NAMES))]
            text = f"Via {framework_slug}-{plugin} plugin"
        note = ""
        if self.random.random() < NOTE_SHARE:
            note = "Behaviour changed in the last major release; check the migration guide."
        return FeatureValue(
            framework_id=framework_id,
            feature_id=feature_id,
            support=support,
            text=text,
            note=note,
            source_url=f"https://{framework_slug}.example.org/docs/{feature_slug}",
            verified_on=self.a_date(datetime.date(2024, 1, 1), datetime.date(2026, 6, 30)),
        )

    def values(self, frameworks, features):
        for framework_id, framework_slug in frameworks:
            for feature_id, feature_slug in features:
                yield self.value(framework_id, framework_slug, feature_id, feature_slug)

    def lists(self, frameworks):
        for framework_id, slug in frameworks:
            for order in range(ITEMS_PER_LIST):
                subject = FEATURE_SUBJECTS[self.random.randrange(len(FEATURE_SUBJECTS))]
                yield KeyFeature(
                    framework_id=framework_id,
                    title=f"{subject} #{order + 1}",
                    text=f"{subject} that works out of the box, with sensible defaults.",
                    order=order,
                )
                yield Pro(
                    framework_id=framework_id, text=f"Pro {order + 1}: {subject}", order=order
                )
                yield Con(
                    framework_id=framework_id, text=f"Con {order + 1}: {subject}", order=order
                )
                yield UseCase(
                    framework_id=framework_id,
                    text=f"build {self.random.choice(('APIs', 'sites', 'dashboards'))} "
                    f"({slug}, case {order + 1})",
                    order=order,
                )

    def companies(self):
        count = max(10, self.framework_count // 5)
        for number in range(1, count + 1):
            yield Company(
                name=f"{self.word()} {self.random.choice(COMPANY_SUFFIXES)} {number}",
                slug=f"{DEMO_PREFIX}company-{number:04d}",
                website_url=f"https://company-{number}.example.com/",
            )

    def adoptions(self, frameworks, company_ids):
        for framework_id, slug in frameworks:
            chosen = self.random.sample(company_ids, k=min(len(company_ids), 3))
            for order, company_id in enumerate(chosen):
                yield Adoption(
                    framework_id=framework_id,
                    company_id=company_id,
                    order=order,
                    source_url=f"https://{slug}.example.org/users",
                    as_of=self.a_date(datetime.date(2024, 1, 1), datetime.date(2026, 6, 30)),
                )

    def metrics(self, frameworks):
        for framework_id, slug in frameworks:
            for kind in METRIC_KINDS:
                value = self.random.randint(100, 80_000)
                for as_of in METRIC_DATES:
                    value += self.random.randint(0, value // 10 + 1)
                    yield Metric(
                        framework_id=framework_id,
                        kind=kind,
                        value=value,
                        approximation=Approximation.ABOUT,
                        as_of=as_of,
                        source_url=f"https://stats.example.org/{slug}/{kind}",
                    )

    def comparisons(self):
        """Curated write-ups of the first two and the first four demo frameworks."""
        sizes = [size for size in (2, 4) if size <= self.framework_count]
        for number, size in enumerate(sizes, start=1):
            slugs = [self.framework_slug(n) for n in range(1, size + 1)]
            comparison = Comparison(
                title=f"Demo comparison of {size} frameworks",
                slug=f"{DEMO_PREFIX}comparison-{number:02d}",
                intro="A synthetic write-up, generated for benchmarks.",
                verdict="Pick the one whose defaults match your project.",
                author="Demo Author",
                fact_checker="Demo Checker",
                source_url="https://example.org/demo-comparison",
                is_published=True,
                published_on=datetime.date(2025, 1, 1),
                updated_on=datetime.date(2025, 6, 1),
            )
            yield comparison, slugs


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
