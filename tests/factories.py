"""Small `make_*` helpers that build test data in code, with sensible defaults."""

import datetime
import itertools

from frameworks.models import (
    Adoption,
    Claim,
    ClaimStatus,
    Company,
    Comparison,
    ComparisonEntry,
    Con,
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

_sequence = itertools.count(1)


def _next():
    return next(_sequence)


def make_framework(**fields):
    n = _next()
    defaults = {
        "name": f"Framework {n}",
        "slug": f"framework-{n}",
        "tagline": "A framework for tests",
        "summary": "Summary.",
        "language": "Python",
        "first_release_year": 2010,
        "is_published": True,
    }
    return Framework.objects.create(**{**defaults, **fields})


def make_category(**fields):
    n = _next()
    defaults = {"name": f"Category {n}", "slug": f"category-{n}", "order": n}
    return FeatureCategory.objects.create(**{**defaults, **fields})


def make_feature(category=None, **fields):
    n = _next()
    defaults = {"name": f"Feature {n}", "slug": f"feature-{n}", "order": n}
    return Feature.objects.create(category=category or make_category(), **{**defaults, **fields})


def make_value(framework, feature, **fields):
    defaults = {
        "support": SupportLevel.YES,
        "text": "Yes",
        "source_url": "https://example.com/docs",
        "verified_on": datetime.date(2026, 11, 1),
    }
    return FeatureValue.objects.create(
        framework=framework, feature=feature, **{**defaults, **fields}
    )


def make_claim(value, **fields):
    defaults = {
        "source_title": "An article",
        "source_url": "https://example.com/article",
        "stated_on": datetime.date(2023, 12, 21),
        "support": SupportLevel.NO,
        "text": "No",
        "status": ClaimStatus.CORRECTED,
        "correction": "The documentation says yes.",
        "reviewed_on": datetime.date(2026, 12, 1),
    }
    return Claim.objects.create(value=value, **{**defaults, **fields})


def make_lists(framework, count=2):
    """Key features, pros, cons and use cases, `count` of each."""
    for i in range(count):
        KeyFeature.objects.create(
            framework=framework, title=f"Key {i}", text=f"Key text {i}", order=i
        )
        Pro.objects.create(framework=framework, text=f"Pro {i} of {framework.slug}", order=i)
        Con.objects.create(framework=framework, text=f"Con {i} of {framework.slug}", order=i)
        UseCase.objects.create(framework=framework, text=f"Use case {i}", order=i)


def make_company(**fields):
    n = _next()
    defaults = {"name": f"Company {n}", "slug": f"company-{n}"}
    return Company.objects.create(**{**defaults, **fields})


def make_adoption(framework, company=None, **fields):
    return Adoption.objects.create(framework=framework, company=company or make_company(), **fields)


def make_metric(framework, **fields):
    defaults = {
        "kind": MetricKind.GITHUB_STARS,
        "value": 1000,
        "as_of": datetime.date(2026, 1, 1),
        "source_url": "https://example.com/stars",
    }
    return Metric.objects.create(framework=framework, **{**defaults, **fields})


def make_comparison(frameworks, **fields):
    n = _next()
    defaults = {
        "title": f"Comparison {n}",
        "slug": f"comparison-{n}",
        "intro": "Intro.",
        "verdict": "Verdict.",
        "author": "Author",
        "fact_checker": "Checker",
        "is_published": True,
        "published_on": datetime.date(2026, 1, 1),
        "updated_on": datetime.date(2026, 2, 1),
    }
    comparison = Comparison.objects.create(**{**defaults, **fields})
    for order, framework in enumerate(frameworks):
        ComparisonEntry.objects.create(comparison=comparison, framework=framework, order=order)
    FaqEntry.objects.create(comparison=comparison, question="Which?", answer="Either.", order=0)
    return comparison


def make_matrix(*, frameworks=10, features=50, categories=5):
    """A full dataset bigger than the seed: every framework has a value for every feature."""
    framework_objs = [make_framework() for _ in range(frameworks)]
    category_objs = [make_category() for _ in range(categories)]
    feature_objs = [make_feature(category=category_objs[i % categories]) for i in range(features)]
    FeatureValue.objects.bulk_create(
        FeatureValue(
            framework=framework,
            feature=feature,
            support=SupportLevel.values[(i + j) % len(SupportLevel.values)],
            text=f"Value {i}-{j}",
            source_url="https://example.com/source",
            verified_on=datetime.date(2026, 1, 1),
        )
        for i, framework in enumerate(framework_objs)
        for j, feature in enumerate(feature_objs)
    )
    for framework in framework_objs:
        make_lists(framework)
        make_metric(framework)
        make_adoption(framework)
    return framework_objs, feature_objs


def make_editor(username="editor", *, password="editor-password-1234", **fields):
    """A staff user in the Editors group, as the README tells an admin to add one."""
    from django.contrib.auth import get_user_model

    from frameworks.services import create_editors_group

    group, _ = create_editors_group()
    user = get_user_model().objects.create_user(
        username=username, password=password, is_staff=True, **fields
    )
    user.groups.add(group)
    return user
