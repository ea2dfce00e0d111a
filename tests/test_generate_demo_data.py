import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError, OutputWrapper

from frameworks.management.commands.generate_demo_data import Progress
from frameworks.models import (
    CONTENT_MODELS,
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
    SupportLevel,
    UseCase,
)
from frameworks.validators import COMPARE_SEPARATOR
from tests.factories import (
    make_adoption,
    make_comparison,
    make_feature,
    make_framework,
    make_lists,
    make_metric,
    make_value,
)

pytestmark = pytest.mark.django_db

SMALL = {"frameworks": 6, "features": 10, "categories": 3}


def generate(**options):
    call_command("generate_demo_data", **{**SMALL, "verbosity": 0, **options})


def demo_frameworks():
    return Framework.objects.filter(slug__startswith="demo-")


def cells():
    return sorted(
        FeatureValue.objects.values_list(
            "framework__slug", "feature__slug", "support", "text", "note", "verified_on"
        )
    )


def content_counts():
    return {model._meta.label: model.objects.count() for model in CONTENT_MODELS}


def is_demo(instance):
    return any(str(part).startswith("demo-") for part in instance.natural_key())


def non_demo_content():
    """Every row that is not demo content, with all its stored values."""
    snapshot = {}
    for model in CONTENT_MODELS:
        stored = {row["id"]: row for row in model.objects.values()}
        snapshot[model._meta.label] = sorted(
            (instance.natural_key(), sorted(stored[instance.pk].items()))
            for instance in model.objects.all()
            if not is_demo(instance)
        )
    return snapshot


def test_generates_the_requested_numbers_of_published_frameworks_features_and_categories():
    generate()

    assert demo_frameworks().filter(is_published=True, published_at__isnull=False).count() == 6
    assert Feature.objects.filter(slug__startswith="demo-").count() == 10
    assert FeatureCategory.objects.filter(slug__startswith="demo-").count() == 3
    assert not FeatureCategory.objects.filter(features__isnull=True).exists()


def test_every_framework_has_a_sourced_dated_value_for_every_feature():
    generate()

    pairs = set(FeatureValue.objects.values_list("framework__slug", "feature__slug"))
    frameworks = demo_frameworks().values_list("slug", flat=True)
    features = Feature.objects.values_list("slug", flat=True)
    assert pairs == {(framework, feature) for framework in frameworks for feature in features}
    assert not FeatureValue.objects.filter(source_url="").exists()
    assert not FeatureValue.objects.filter(verified_on__isnull=True).exists()


def test_values_use_every_support_level_on_a_bigger_dataset():
    generate(frameworks=10, features=30)

    assert set(FeatureValue.objects.values_list("support", flat=True)) == set(SupportLevel.values)
    assert FeatureValue.objects.exclude(note="").exists()


def test_slugs_are_numbered_and_usable_in_compare_urls():
    generate()

    slugs = sorted(demo_frameworks().values_list("slug", flat=True))
    assert slugs == [f"demo-{n:04d}" for n in range(1, 7)]
    assert not any(COMPARE_SEPARATOR in slug for slug in slugs)


def test_each_framework_gets_lists_companies_and_metrics_over_time():
    generate()

    for framework in demo_frameworks():
        for model in (KeyFeature, Pro, Con, UseCase, Adoption):
            assert model.objects.filter(framework=framework).count() == 3
        dates = Metric.objects.filter(framework=framework).values_list("as_of", flat=True)
        assert len(set(dates)) >= 3
    assert Company.objects.filter(slug__startswith="demo-").count() >= 3


def test_curated_comparisons_of_two_and_four_demo_frameworks_are_published():
    generate()

    sizes = sorted(comparison.entries.count() for comparison in Comparison.objects.published())
    assert sizes == [2, 4]
    assert FaqEntry.objects.filter(comparison__slug__startswith="demo-").exists()
    assert set(ComparisonEntry.objects.values_list("framework__slug", flat=True)) == {
        "demo-0001",
        "demo-0002",
        "demo-0003",
        "demo-0004",
    }


def test_a_single_framework_gets_no_curated_comparison():
    generate(frameworks=1)

    assert not Comparison.objects.exists()


def test_every_generated_row_passes_model_validation():
    generate()

    for model in CONTENT_MODELS:
        for instance in model.objects.all():
            instance.full_clean()


def test_the_same_seed_gives_the_same_dataset_and_another_seed_a_different_one():
    generate(seed=7)
    first = cells()
    generate(seed=7, clear=True)
    assert cells() == first

    generate(seed=8, clear=True)
    assert cells() != first


def test_running_again_without_clear_refuses_and_changes_nothing():
    generate()
    before = content_counts()
    tokens = revision_tokens()

    with pytest.raises(CommandError, match="--clear"):
        generate()

    assert content_counts() == before
    assert revision_tokens() == tokens


def test_clear_replaces_the_demo_rows_with_a_dataset_of_the_new_size():
    generate()

    generate(frameworks=3, features=4, categories=2, clear=True)

    assert demo_frameworks().count() == 3
    assert FeatureValue.objects.count() == 12
    assert FeatureCategory.objects.count() == 2
    assert Comparison.objects.count() == 1


def test_content_that_is_not_demo_is_left_untouched_by_generate_and_clear():
    framework = make_framework(slug="django", name="Django")
    other = make_framework(slug="flask", name="Flask")
    feature = make_feature(slug="orm", name="ORM")
    make_value(framework, feature)
    make_lists(framework)
    make_metric(framework)
    make_adoption(framework)
    make_comparison([framework, other])
    before = non_demo_content()

    generate()
    generate(clear=True)
    generate(frameworks=2, features=3, categories=1, clear=True)

    assert non_demo_content() == before
    assert sum(len(rows) for rows in before.values()) > 15


def test_clear_refuses_when_other_content_refers_to_demo_frameworks():
    generate()
    make_comparison([Framework.objects.get(slug="demo-0001"), make_framework()])

    with pytest.raises(CommandError, match="Cannot clear"):
        generate(clear=True)

    assert demo_frameworks().count() == 6


def revision_tokens():
    return dict(ContentRevision.objects.values_list("key", "token"))


def shared_token():
    return revision_tokens()[ContentRevision.SHARED]


def test_generating_changes_the_revision_every_page_shows():
    ContentRevision.bump_everything()
    before = shared_token()

    generate()
    after_generate = shared_token()
    generate(clear=True)

    assert after_generate != before
    assert shared_token() != after_generate


@pytest.mark.parametrize(
    ("option", "value"),
    [("frameworks", 0), ("frameworks", -5), ("features", 0), ("features", -1), ("categories", 0)],
)
def test_zero_or_negative_sizes_are_refused(option, value):
    with pytest.raises(CommandError, match=f"--{option} must be at least 1"):
        generate(**{option: value})

    assert not Framework.objects.exists()


def test_more_categories_than_features_is_refused():
    with pytest.raises(CommandError, match="cannot exceed"):
        generate(features=2, categories=3)


def test_reports_what_it_generated():
    out = io.StringIO()

    call_command("generate_demo_data", **SMALL, stdout=out)

    assert "Feature values: 60" in out.getvalue()
    assert "Generated 6 frameworks x 10 features (60 values)" in out.getvalue()


def test_progress_prints_a_line_per_tenth_when_not_on_a_terminal():
    out = io.StringIO()
    progress = Progress(OutputWrapper(out), "values", 100, enabled=True)

    for _ in range(20):
        progress.advance(5)

    lines = out.getvalue().splitlines()
    assert lines[0] == "values: 10/100 (10%)"
    assert lines[-1] == "values: 100/100 (100%)"
    assert len(lines) == 10


def test_progress_draws_one_rewritten_bar_on_a_terminal():
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    out = Terminal()
    progress = Progress(OutputWrapper(out), "values", 4, enabled=True)

    progress.advance(2)
    progress.advance(2)
    progress.finish()

    assert out.getvalue().count("\r") == 2
    assert "100% 4/4" in out.getvalue()
    assert out.getvalue().endswith("\n")
