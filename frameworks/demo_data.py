"""The synthetic dataset of `manage.py generate_demo_data`: what to write, not the writing.

`DemoDataBuilder` makes the rows (unsaved model instances and plain values) from a seeded
random generator, so the same seed gives the same dataset; the management command
(frameworks/management/commands/generate_demo_data.py) writes them with `bulk_create`.
"""

import datetime
import itertools
import random

from django.utils import timezone

from frameworks.models import (
    Adoption,
    Approximation,
    Company,
    Comparison,
    Con,
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
    "Static typing",
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
    MetricKind.MONTHLY_DOWNLOADS,
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
