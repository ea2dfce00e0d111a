"""The content model: its database constraints, validation, natural keys and small methods."""

import datetime

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, models, transaction

from frameworks.models import (
    CONTENT_MODELS,
    MAX_WEIGHT,
    Adoption,
    Claim,
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
    compare_url,
)
from tests.factories import (
    make_adoption,
    make_category,
    make_claim,
    make_company,
    make_comparison,
    make_feature,
    make_framework,
    make_metric,
    make_value,
)

pytestmark = pytest.mark.django_db


def refused_by_database(write):
    """Run a write that must fail, and return the database's error."""
    with pytest.raises(IntegrityError) as error, transaction.atomic():
        write()
    return str(error.value)


# --- Every named constraint refuses bad rows in the database --------------------------------


def duplicate_framework_slug():
    make_framework(slug="dup")
    make_framework(slug="dup")


def package_without_registry():
    make_framework(package_name="express")


def registry_outside_choices():
    make_framework(package_registry="cpan", package_name="Dancer2")


def duplicate_framework_name():
    make_framework(name="Same")
    make_framework(name="Same")


def release_year_too_early():
    make_framework(first_release_year=1969)


def release_year_too_late():
    make_framework(first_release_year=2101)


def slug_with_compare_separator():
    make_framework(slug="flask-vs-django")


def empty_slug():
    make_framework(slug="")


def slug_ending_in_vs():
    make_framework(slug="foo-vs")


def slug_starting_with_vs():
    make_framework(slug="vs-bar")


def published_without_date():
    framework = make_framework(is_published=True)
    Framework.objects.filter(pk=framework.pk).update(published_at=None)


def duplicate_category_slug():
    make_category(slug="dup")
    make_category(slug="dup")


def duplicate_feature_slug():
    make_feature(slug="dup")
    make_feature(slug="dup")


def feature_weight_zero():
    Feature.objects.filter(pk=make_feature().pk).update(weight=0)


def feature_weight_too_high():
    Feature.objects.filter(pk=make_feature().pk).update(weight=MAX_WEIGHT + 1)


def two_values_in_one_cell():
    framework, feature = make_framework(), make_feature()
    make_value(framework, feature)
    make_value(framework, feature, support=SupportLevel.NO)


def support_outside_choices():
    value = make_value(make_framework(), make_feature())
    FeatureValue.objects.filter(pk=value.pk).update(support="maybe")


def duplicate_key_feature_title():
    framework = make_framework()
    KeyFeature.objects.create(framework=framework, title="Fast", text="One.")
    KeyFeature.objects.create(framework=framework, title="Fast", text="Two.")


def duplicate_item(model):
    def write():
        framework = make_framework()
        model.objects.create(framework=framework, text="Same")
        model.objects.create(framework=framework, text="Same")

    return write


def duplicate_company_slug():
    make_company(slug="dup")
    make_company(slug="dup")


def company_twice_for_one_framework():
    framework, company = make_framework(), make_company()
    make_adoption(framework, company)
    make_adoption(framework, company, order=1)


def two_metrics_same_day():
    framework = make_framework()
    make_metric(framework, value=1)
    make_metric(framework, value=2)


def negative_metric():
    make_metric(make_framework(), value=-1)


def metric_kind_outside_choices():
    metric = make_metric(make_framework())
    Metric.objects.filter(pk=metric.pk).update(kind="downloads_per_second")


def approximation_outside_choices():
    metric = make_metric(make_framework())
    Metric.objects.filter(pk=metric.pk).update(approximation="roughly")


def duplicate_comparison_slug():
    make_comparison([], slug="dup")
    make_comparison([], slug="dup")


def comparison_published_without_date():
    comparison = make_comparison([])
    Comparison.objects.filter(pk=comparison.pk).update(published_on=None)


def comparison_updated_before_published():
    make_comparison(
        [], published_on=datetime.date(2026, 2, 1), updated_on=datetime.date(2026, 1, 1)
    )


def framework_twice_in_comparison():
    framework = make_framework()
    comparison = make_comparison([framework])
    ComparisonEntry.objects.create(comparison=comparison, framework=framework, order=5)


def duplicate_faq_question():
    comparison = make_comparison([])
    FaqEntry.objects.create(comparison=comparison, question="Which?", answer="Again.")


def feature_kind_outside_choices():
    feature = make_feature()
    Feature.objects.filter(pk=feature.pk).update(kind="opinion")


def provenance_outside_choices():
    value = make_value(make_framework(), make_feature())
    FeatureValue.objects.filter(pk=value.pk).update(provenance="rumour")


def two_claims_from_one_source():
    value = make_value(make_framework(), make_feature())
    make_claim(value)
    make_claim(value, text="Again")


def claim_support_outside_choices():
    claim = make_claim(make_value(make_framework(), make_feature()))
    Claim.objects.filter(pk=claim.pk).update(support="sometimes")


def claim_status_outside_choices():
    claim = make_claim(make_value(make_framework(), make_feature()))
    Claim.objects.filter(pk=claim.pk).update(status="disputed")


def claim_reviewed_without_date():
    make_claim(make_value(make_framework(), make_feature()), reviewed_on=None)


# (constraint name or None for a unique field, the write that breaks it)
CONSTRAINT_CASES = {
    "framework.slug": (None, duplicate_framework_slug),
    "framework.name": (None, duplicate_framework_name),
    "frameworks_framework_release_year_in_range (early)": (
        "frameworks_framework_release_year_in_range",
        release_year_too_early,
    ),
    "frameworks_framework_release_year_in_range (late)": (
        "frameworks_framework_release_year_in_range",
        release_year_too_late,
    ),
    "frameworks_framework_slug_usable_in_compare_urls (-vs-)": (
        "frameworks_framework_slug_usable_in_compare_urls",
        slug_with_compare_separator,
    ),
    "frameworks_framework_slug_usable_in_compare_urls (empty)": (
        "frameworks_framework_slug_usable_in_compare_urls",
        empty_slug,
    ),
    "frameworks_framework_slug_usable_in_compare_urls (ends in vs)": (
        "frameworks_framework_slug_usable_in_compare_urls",
        slug_ending_in_vs,
    ),
    "frameworks_framework_slug_usable_in_compare_urls (starts with vs)": (
        "frameworks_framework_slug_usable_in_compare_urls",
        slug_starting_with_vs,
    ),
    "frameworks_framework_published_has_date": (
        "frameworks_framework_published_has_date",
        published_without_date,
    ),
    "frameworks_framework_package_names_its_registry": (
        "frameworks_framework_package_names_its_registry",
        package_without_registry,
    ),
    "frameworks_framework_package_registry_valid": (
        "frameworks_framework_package_registry_valid",
        registry_outside_choices,
    ),
    "featurecategory.slug": (None, duplicate_category_slug),
    "feature.slug": (None, duplicate_feature_slug),
    "frameworks_feature_weight_in_range (zero)": (
        "frameworks_feature_weight_in_range",
        feature_weight_zero,
    ),
    "frameworks_feature_weight_in_range (too high)": (
        "frameworks_feature_weight_in_range",
        feature_weight_too_high,
    ),
    "frameworks_featurevalue_one_per_cell": (
        "frameworks_featurevalue_one_per_cell",
        two_values_in_one_cell,
    ),
    "frameworks_featurevalue_support_valid": (
        "frameworks_featurevalue_support_valid",
        support_outside_choices,
    ),
    "frameworks_keyfeature_unique_per_framework": (
        "frameworks_keyfeature_unique_per_framework",
        duplicate_key_feature_title,
    ),
    "frameworks_pro_unique_per_framework": (
        "frameworks_pro_unique_per_framework",
        duplicate_item(Pro),
    ),
    "frameworks_con_unique_per_framework": (
        "frameworks_con_unique_per_framework",
        duplicate_item(Con),
    ),
    "frameworks_usecase_unique_per_framework": (
        "frameworks_usecase_unique_per_framework",
        duplicate_item(UseCase),
    ),
    "company.slug": (None, duplicate_company_slug),
    "frameworks_adoption_once_per_framework": (
        "frameworks_adoption_once_per_framework",
        company_twice_for_one_framework,
    ),
    "frameworks_metric_one_per_day": ("frameworks_metric_one_per_day", two_metrics_same_day),
    "frameworks_metric_value_not_negative": (
        "frameworks_metric_value_not_negative",
        negative_metric,
    ),
    "frameworks_metric_kind_valid": ("frameworks_metric_kind_valid", metric_kind_outside_choices),
    "frameworks_metric_approximation_valid": (
        "frameworks_metric_approximation_valid",
        approximation_outside_choices,
    ),
    "comparison.slug": (None, duplicate_comparison_slug),
    "frameworks_comparison_published_has_date": (
        "frameworks_comparison_published_has_date",
        comparison_published_without_date,
    ),
    "frameworks_comparison_updated_after_published": (
        "frameworks_comparison_updated_after_published",
        comparison_updated_before_published,
    ),
    "frameworks_comparisonentry_once_each": (
        "frameworks_comparisonentry_once_each",
        framework_twice_in_comparison,
    ),
    "frameworks_faqentry_unique_question": (
        "frameworks_faqentry_unique_question",
        duplicate_faq_question,
    ),
    "frameworks_feature_kind_valid": (
        "frameworks_feature_kind_valid",
        feature_kind_outside_choices,
    ),
    "frameworks_featurevalue_provenance_valid": (
        "frameworks_featurevalue_provenance_valid",
        provenance_outside_choices,
    ),
    "frameworks_claim_one_per_source": (
        "frameworks_claim_one_per_source",
        two_claims_from_one_source,
    ),
    "frameworks_claim_support_valid": (
        "frameworks_claim_support_valid",
        claim_support_outside_choices,
    ),
    "frameworks_claim_status_valid": (
        "frameworks_claim_status_valid",
        claim_status_outside_choices,
    ),
    "frameworks_claim_reviewed_has_date": (
        "frameworks_claim_reviewed_has_date",
        claim_reviewed_without_date,
    ),
}


@pytest.mark.parametrize(
    ("constraint", "write"), CONSTRAINT_CASES.values(), ids=list(CONSTRAINT_CASES)
)
def test_database_refuses_rows_that_break_a_constraint(constraint, write):
    message = refused_by_database(write)
    if constraint and isinstance(constraint_by_name()[constraint], models.CheckConstraint):
        # SQLite and PostgreSQL both name the failed CHECK constraint.
        assert constraint in message


def constraint_by_name():
    return {
        constraint.name: constraint
        for model in CONTENT_MODELS
        for constraint in model._meta.constraints
    }


def test_every_named_constraint_of_the_content_model_has_a_refusal_test():
    tested = {constraint for constraint, _ in CONSTRAINT_CASES.values() if constraint}
    assert set(constraint_by_name()) == tested


def test_a_refused_write_leaves_the_earlier_rows_in_place():
    framework = make_framework(slug="kept")
    refused_by_database(lambda: make_framework(slug="kept"))
    assert list(Framework.objects.values_list("pk", flat=True)) == [framework.pk]


# --- full_clean reports the same problems on the fields, before the database would ----------


def field_errors(instance):
    with pytest.raises(ValidationError) as error:
        instance.full_clean()
    return error.value.message_dict


def test_full_clean_reports_a_duplicate_slug_on_the_slug_field():
    make_framework(slug="taken")
    errors = field_errors(Framework(name="Other", slug="taken"))
    assert list(errors) == ["slug"]


def test_full_clean_reports_a_second_value_for_a_cell():
    framework, feature = make_framework(), make_feature()
    make_value(framework, feature)
    errors = field_errors(FeatureValue(framework=framework, feature=feature, support="no"))
    assert list(errors) == [NON_FIELD_ERRORS]
    assert "already exists" in errors[NON_FIELD_ERRORS][0]


def test_full_clean_reports_a_support_level_outside_the_choices():
    value = FeatureValue(framework=make_framework(), feature=make_feature(), support="maybe")
    assert list(field_errors(value)) == ["support"]


@pytest.mark.parametrize("year", [1969, 2101])
def test_full_clean_reports_a_release_year_out_of_range(year):
    errors = field_errors(Framework(name="Old", slug="old", first_release_year=year))
    assert "first_release_year" in errors


def test_full_clean_reports_a_negative_metric_on_the_value_field():
    metric = Metric(
        framework=make_framework(),
        kind=MetricKind.GITHUB_STARS,
        value=-5,
        as_of=datetime.date(2026, 1, 1),
        source_url="https://example.com/",
    )
    assert list(field_errors(metric)) == ["value"]


@pytest.mark.parametrize("slug", ["flask-vs-django", "foo-vs", "vs-bar", "vs"])
def test_full_clean_reports_a_slug_that_breaks_compare_urls_with_the_reason(slug):
    errors = field_errors(Framework(name="Ambiguous", slug=slug))
    assert list(errors) == ["slug"]
    assert "-vs-" in errors["slug"][0]


def test_full_clean_reports_a_metric_without_date_or_source():
    metric = Metric(framework=make_framework(), kind=MetricKind.GITHUB_STARS, value=5)
    assert set(field_errors(metric)) == {"as_of", "source_url"}


def test_full_clean_accepts_a_valid_row():
    value = FeatureValue(
        framework=make_framework(), feature=make_feature(), support=SupportLevel.PARTIAL
    )
    value.full_clean()


# --- Natural keys ---------------------------------------------------------------------------


def one_of_each_content_model():
    framework = make_framework(slug="django", name="Django")
    feature = make_feature(slug="forms", name="Forms")
    comparison = make_comparison([framework], slug="django-alone")
    company = make_company(slug="nasa", name="NASA")
    value = make_value(framework, feature)
    return {
        Framework: framework,
        FeatureCategory: feature.category,
        Feature: feature,
        FeatureValue: value,
        Claim: make_claim(value),
        KeyFeature: KeyFeature.objects.create(framework=framework, title="Fast", text="Very."),
        Pro: Pro.objects.create(framework=framework, text="Secure"),
        Con: Con.objects.create(framework=framework, text="Big"),
        UseCase: UseCase.objects.create(framework=framework, text="Ship fast"),
        Company: company,
        Adoption: make_adoption(framework, company),
        Metric: make_metric(framework, as_of=datetime.date(2026, 3, 4)),
        Comparison: comparison,
        ComparisonEntry: comparison.entries.get(),
        FaqEntry: comparison.faq.get(),
    }


def test_every_content_model_is_found_again_by_its_natural_key():
    instances = one_of_each_content_model()
    assert set(instances) == set(CONTENT_MODELS)
    for model, instance in instances.items():
        key = instance.natural_key()
        assert model._default_manager.get_by_natural_key(*key) == instance, model


def test_natural_keys_are_made_of_slugs_and_own_fields():
    instances = one_of_each_content_model()
    assert instances[Framework].natural_key() == ("django",)
    assert instances[FeatureValue].natural_key() == ("django", "forms")
    assert instances[KeyFeature].natural_key() == ("django", "Fast")
    assert instances[Pro].natural_key() == ("django", "Secure")
    assert instances[Adoption].natural_key() == ("django", "nasa")
    assert instances[Metric].natural_key() == ("django", "github_stars", "2026-03-04")
    assert instances[ComparisonEntry].natural_key() == ("django-alone", "django")
    assert instances[FaqEntry].natural_key() == ("django-alone", "Which?")


def test_natural_key_dependencies_name_the_models_a_key_is_built_from():
    assert set(FeatureValue.natural_key.dependencies) == {
        "frameworks.framework",
        "frameworks.feature",
    }
    assert Feature.natural_key.dependencies == ["frameworks.featurecategory"]
    assert set(ComparisonEntry.natural_key.dependencies) == {
        "frameworks.comparison",
        "frameworks.framework",
    }


# --- __str__, get_absolute_url, save --------------------------------------------------------


def test_str_of_every_content_model_reads_as_its_label():
    instances = one_of_each_content_model()
    instances[FeatureValue].support = SupportLevel.EXTENSION
    assert str(instances[Framework]) == "Django"
    assert str(instances[FeatureCategory]) == instances[FeatureCategory].name
    assert str(instances[Feature]) == "Forms"
    assert str(instances[FeatureValue]) == "Django · Forms: Via extension or plugin"
    assert str(instances[KeyFeature]) == "Fast"
    assert str(instances[Pro]) == "Secure"
    assert str(instances[Con]) == "Big"
    assert str(instances[UseCase]) == "Ship fast"
    assert str(instances[Company]) == "NASA"
    assert str(instances[Adoption]) == "NASA uses Django"
    assert str(instances[Metric]) == "Django · GitHub stars on 2026-03-04: 1000"
    assert str(instances[Comparison]) == instances[Comparison].title
    assert str(instances[ComparisonEntry]) == f"Django in {instances[Comparison].title}"
    assert str(instances[FaqEntry]) == "Which?"


def test_framework_url_is_its_detail_page():
    assert make_framework(slug="flask").get_absolute_url() == "/frameworks/flask/"


def test_comparison_url_is_the_canonical_compare_page_whatever_the_entry_order():
    flask = make_framework(slug="flask")
    django = make_framework(slug="django")
    comparison = make_comparison([flask, django])
    assert comparison.get_absolute_url() == "/compare/django-vs-flask/"


def test_compare_url_sorts_slugs_alphabetically():
    assert compare_url(["tornado", "bottle", "flask"]) == "/compare/bottle-vs-flask-vs-tornado/"


def test_publishing_a_framework_sets_its_publication_date():
    framework = make_framework(is_published=False)
    assert framework.published_at is None
    framework.is_published = True
    framework.save()
    assert framework.published_at is not None


def test_saving_a_published_framework_again_keeps_its_publication_date():
    framework = make_framework(is_published=True)
    first = framework.published_at
    framework.tagline = "Changed"
    framework.save()
    framework.refresh_from_db()
    assert framework.published_at == first


def test_publishing_a_comparison_without_date_dates_it_today():
    comparison = make_comparison([], is_published=False, published_on=None, updated_on=None)
    comparison.is_published = True
    comparison.save()
    assert comparison.published_on is not None


def test_published_querysets_hide_drafts_from_the_public_but_not_from_staff():
    from django.contrib.auth.models import AnonymousUser, User

    draft = make_framework(is_published=False)
    public = make_framework()
    staff = User(username="staff", is_staff=True, is_active=True)
    assert list(Framework.objects.visible_to(AnonymousUser())) == [public]
    assert set(Framework.objects.visible_to(staff)) == {draft, public}
