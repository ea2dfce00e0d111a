# ruff: noqa: F811  (pytest fixtures imported from tests.adminforms are parameters here)
"""Every ModelAdmin works for a superuser and for an editor: list, search, add, change, delete.

Also the framework page's inlines, drafts and publishing, review stamps, the filters and the
content gaps page.
"""

import datetime
from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.admin.models import LogEntry
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from frameworks.models import (
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
    Pro,
    UseCase,
    compare_url,
)
from tests.adminforms import (  # noqa: F401  (editor, editor_client: fixtures)
    assert_csp_compatible,
    editor,
    editor_client,
    post_data_from,
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


def admin_url(model, view, *args):
    opts = model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=args)


@dataclass(frozen=True)
class Case:
    """How to exercise one ModelAdmin: an object to find, and the fields of a new one."""

    model: type
    make: Any  # () -> object whose str() the changelist shows, found by searching `term`
    term: str
    new: Any  # () -> the fields to type on the add page
    change: tuple  # (field, new value) typed on the change page


def _framework():
    return make_framework(name="Searchable", slug="searchable")


CASES = [
    Case(
        Framework,
        _framework,
        "Searchabl",
        lambda: {"name": "Brand new", "slug": "brand-new", "language": "Python"},
        ("tagline", "Changed tagline"),
    ),
    Case(
        FeatureCategory,
        lambda: make_category(name="Searchable category", slug="searchable-category"),
        "searchable",
        lambda: {"name": "New category", "slug": "new-category", "order": "3"},
        ("description", "Changed description"),
    ),
    Case(
        Feature,
        lambda: make_feature(name="Searchable feature", slug="searchable-feature"),
        "searchable",
        lambda: {
            "category": str(make_category().pk),
            "name": "New feature",
            "slug": "new-feature",
            "kind": "capability",
            "order": "1",
        },
        ("description", "Changed description"),
    ),
    Case(
        FeatureValue,
        lambda: make_value(_framework(), make_feature(name="Searchable feature")),
        "searchable feature",
        lambda: {
            "framework": str(make_framework().pk),
            "feature": str(make_feature().pk),
            "support": "partial",
            "text": "Some",
            "source_url": "https://example.com/x",
            "verified_on": "2026-10-01",
            "provenance": "checked",
        },
        ("note", "Changed note"),
    ),
    Case(
        Claim,
        lambda: make_claim(
            make_value(_framework(), make_feature()), text="Searchable claim", status="unreviewed"
        ),
        "searchable claim",
        lambda: {
            "value": str(make_value(make_framework(), make_feature()).pk),
            "source_title": "An article",
            "source_url": "https://example.com/article",
            "stated_on": "2023-12-21",
            "support": "no",
            "text": "No",
            "status": "corrected",
            "correction": "The documentation says yes.",
            "reviewed_on": "2026-12-01",
        },
        ("correction", "Changed correction."),
    ),
    Case(
        KeyFeature,
        lambda: KeyFeature.objects.create(
            framework=_framework(), title="Searchable key", text="Text", order=0
        ),
        "searchable key",
        lambda: {"framework": str(make_framework().pk), "order": "0", "title": "T", "text": "X"},
        ("text", "Changed text"),
    ),
    Case(
        Pro,
        lambda: Pro.objects.create(framework=_framework(), text="Searchable pro", order=0),
        "searchable pro",
        lambda: {"framework": str(make_framework().pk), "order": "0", "text": "A new pro"},
        ("text", "Changed pro"),
    ),
    Case(
        Con,
        lambda: Con.objects.create(framework=_framework(), text="Searchable con", order=0),
        "searchable con",
        lambda: {"framework": str(make_framework().pk), "order": "0", "text": "A new con"},
        ("text", "Changed con"),
    ),
    Case(
        UseCase,
        lambda: UseCase.objects.create(framework=_framework(), text="Searchable use", order=0),
        "searchable use",
        lambda: {"framework": str(make_framework().pk), "order": "0", "text": "A new use"},
        ("text", "Changed use"),
    ),
    Case(
        Company,
        lambda: make_company(name="Searchable company", slug="searchable-company"),
        "searchable",
        lambda: {"name": "New company", "slug": "new-company"},
        ("website_url", "https://example.com/company"),
    ),
    Case(
        Adoption,
        lambda: make_adoption(_framework(), make_company(name="Searchable company")),
        "searchable company",
        lambda: {
            "framework": str(make_framework().pk),
            "company": str(make_company().pk),
            "order": "0",
        },
        ("source_url", "https://example.com/who-uses"),
    ),
    Case(
        Metric,
        lambda: make_metric(_framework(), note="Searchable note"),
        "searchable note",
        lambda: {
            "framework": str(make_framework().pk),
            "kind": "contributors",
            "value": "12",
            "approximation": "about",
            "as_of": "2026-10-01",
            "source_url": "https://example.com/contributors",
        },
        ("value", "2000"),
    ),
    Case(
        Comparison,
        lambda: make_comparison(
            [make_framework(), make_framework()], title="Searchable comparison"
        ),
        "searchable",
        lambda: {"title": "New comparison", "slug": "new-comparison"},
        ("verdict", "Changed verdict"),
    ),
    Case(
        ComparisonEntry,
        lambda: ComparisonEntry.objects.create(
            comparison=make_comparison([], title="Searchable comparison"),
            framework=make_framework(),
        ),
        "searchable",
        lambda: {
            "comparison": str(make_comparison([]).pk),
            "framework": str(make_framework().pk),
            "order": "0",
        },
        ("order", "5"),
    ),
    Case(
        FaqEntry,
        lambda: make_comparison([]).faq.create(question="Searchable question?", answer="Yes."),
        "searchable question",
        lambda: {
            "comparison": str(make_comparison([]).pk),
            "question": "New question?",
            "answer": "An answer.",
            "order": "0",
        },
        ("answer", "Changed answer."),
    ),
]
CASE_IDS = [case.model.__name__ for case in CASES]


@pytest.fixture(params=["superuser", "editor"])
def staff_client(request, admin_client, client):
    """The same tests run as a superuser and as an editor made as the README says."""
    if request.param == "superuser":
        return admin_client
    return request.getfixturevalue("editor_client")


def test_every_content_model_has_a_case():
    from frameworks.models import CONTENT_MODELS

    assert {case.model for case in CASES} == set(CONTENT_MODELS)


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_changelist_lists_the_object(staff_client, case):
    obj = case.make()

    response = staff_client.get(admin_url(case.model, "changelist"))

    assert response.status_code == 200
    assert str(obj) in response.content.decode()
    assert_csp_compatible(response.content.decode())


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_search_finds_the_object_and_only_it(staff_client, case):
    obj = case.make()

    found = staff_client.get(admin_url(case.model, "changelist"), {"q": case.term})
    missed = staff_client.get(admin_url(case.model, "changelist"), {"q": "zzz-no-such-thing"})

    assert found.context["cl"].result_count == 1
    assert list(found.context["cl"].result_list) == [obj]
    assert missed.context["cl"].result_count == 0


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_add_page_creates_the_object(staff_client, case):
    url = admin_url(case.model, "add")
    page = staff_client.get(url)
    assert page.status_code == 200
    assert_csp_compatible(page.content.decode())
    typed = case.new()  # may create related rows, so count after it
    before = case.model.objects.count()

    response = staff_client.post(url, {**post_data_from(page), **typed})

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert case.model.objects.count() == before + 1


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_change_page_saves_the_change(staff_client, case):
    obj = case.make()
    url = admin_url(case.model, "change", obj.pk)
    page = staff_client.get(url)
    assert page.status_code == 200
    assert_csp_compatible(page.content.decode())
    field, value = case.change

    response = staff_client.post(url, {**post_data_from(page), field: value})

    assert response.status_code == 302, response.context["adminform"].form.errors
    obj.refresh_from_db()
    assert str(getattr(obj, field)) == value


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_delete_asks_then_deletes(staff_client, case):
    obj = case.make()
    url = admin_url(case.model, "delete", obj.pk)

    confirmation = staff_client.get(url)
    response = staff_client.post(url, {"post": "yes"})

    assert confirmation.status_code == 200
    assert "Are you sure" in confirmation.content.decode()
    assert response.status_code == 302
    assert not case.model.objects.filter(pk=obj.pk).exists()


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_history_page_shows_who_changed_it(staff_client, case):
    obj = case.make()
    url = admin_url(case.model, "change", obj.pk)
    field, value = case.change
    staff_client.post(url, {**post_data_from(staff_client.get(url)), field: value})

    response = staff_client.get(admin_url(case.model, "history", obj.pk))

    assert response.status_code == 200
    html = response.content.decode()
    assert_csp_compatible(html)
    user = response.wsgi_request.user
    assert f"<td>{user.get_username()}</td>" in html
    assert "Changed" in html


# --- The framework page edits everything about a framework --------------------------------


def test_new_framework_is_filled_completely_from_its_add_page(admin_client):
    features = [make_feature(), make_feature(), make_feature()]
    company = make_company()
    url = admin_url(Framework, "add")
    page = admin_client.get(url)
    data = post_data_from(page)
    # One pre-filled row per feature, so every feature is there to fill.
    assert data["values-TOTAL_FORMS"] == "3"
    assert [data[f"values-{i}-feature"] for i in range(3)] == [str(f.pk) for f in features]
    data.update(
        {
            "name": "Litestar",
            "slug": "litestar",
            "language": "Python",
            "first_release_year": "2021",
            "values-0-support": "yes",
            "values-0-text": "Built in",
            "values-0-source_url": "https://docs.litestar.dev/",
            "values-0-verified_on": "2026-11-01",
            "values-1-support": "no",
            "key_features-0-order": "0",
            "key_features-0-title": "Typed",
            "key_features-0-text": "Types everywhere.",
            "pros-0-order": "0",
            "pros-0-text": "Fast",
            "cons-0-order": "0",
            "cons-0-text": "Young",
            "use_cases-0-order": "0",
            "use_cases-0-text": "build typed APIs",
            "adoptions-0-order": "0",
            "adoptions-0-company": str(company.pk),
            "metrics-0-kind": "github_stars",
            "metrics-0-value": "6000",
            "metrics-0-approximation": "about",
            "metrics-0-as_of": "2026-11-01",
            "metrics-0-source_url": "https://github.com/litestar-org/litestar",
        }
    )

    response = admin_client.post(url, data)

    assert response.status_code == 302
    framework = Framework.objects.get(slug="litestar")
    assert not framework.is_published
    values = {value.feature: value for value in framework.values.all()}
    assert set(values) == {features[0], features[1]}  # the untouched third row adds nothing
    assert values[features[0]].text == "Built in"
    assert values[features[0]].verified_on == datetime.date(2026, 11, 1)
    assert values[features[1]].support == "no"
    assert framework.key_features.get().title == "Typed"
    assert framework.pros.get().text == "Fast"
    assert framework.cons.get().text == "Young"
    assert framework.use_cases.get().text == "build typed APIs"
    assert framework.adoptions.get().company == company
    assert framework.metrics.get().value == 6000


def test_change_page_offers_rows_only_for_features_without_a_value(admin_client):
    framework = make_framework()
    filled, empty = make_feature(), make_feature()
    make_value(framework, filled)

    data = post_data_from(admin_client.get(admin_url(Framework, "change", framework.pk)))

    assert data["values-INITIAL_FORMS"] == "1"
    assert data["values-TOTAL_FORMS"] == "2"
    assert data["values-1-feature"] == str(empty.pk)


def test_pre_filled_rows_left_empty_add_nothing_even_after_renumbering(admin_client):
    """Admin's script renumbers rows when one is removed: row 0 then posts feature B."""
    framework = make_framework()
    make_feature(), make_feature()
    url = admin_url(Framework, "change", framework.pk)
    data = post_data_from(admin_client.get(url))
    data["values-0-feature"] = data.pop("values-1-feature")
    for field in ("support", "text", "note", "source_url", "verified_on"):
        data.pop(f"values-1-{field}", None)
    data["values-TOTAL_FORMS"] = "1"

    response = admin_client.post(url, data)

    assert response.status_code == 302
    assert not framework.values.exists()


def test_inline_lists_are_reordered_by_their_order_field(admin_client):
    framework = make_framework()
    first = Pro.objects.create(framework=framework, text="First", order=0)
    second = Pro.objects.create(framework=framework, text="Second", order=1)
    url = admin_url(Framework, "change", framework.pk)
    data = post_data_from(admin_client.get(url))
    rows = {data[f"pros-{i}-id"]: i for i in range(2)}
    data[f"pros-{rows[str(first.pk)]}-order"] = "2"

    admin_client.post(url, data)

    assert list(framework.pros.values_list("text", flat=True)) == ["Second", "First"]
    assert [second.pk, first.pk] == list(framework.pros.values_list("pk", flat=True))


def test_inline_row_can_be_deleted_from_the_framework_page(admin_client):
    framework = make_framework()
    pro = Pro.objects.create(framework=framework, text="Doomed", order=0)
    url = admin_url(Framework, "change", framework.pk)
    data = post_data_from(admin_client.get(url))
    data["pros-0-DELETE"] = "on"

    response = admin_client.post(url, data)

    assert response.status_code == 302
    assert not Pro.objects.filter(pk=pro.pk).exists()


def test_framework_page_queries_do_not_grow_with_its_values(
    admin_client, django_assert_max_num_queries
):
    """The feature select of every value row reuses one list of features (no N+1)."""
    framework = make_framework()
    for _ in range(30):
        make_value(framework, make_feature())

    with django_assert_max_num_queries(40):
        response = admin_client.get(admin_url(Framework, "change", framework.pk))

    assert response.status_code == 200


def test_script_typed_into_a_pro_is_stored_as_plain_text(admin_client):
    framework = make_framework()
    url = admin_url(Framework, "change", framework.pk)
    data = post_data_from(admin_client.get(url))
    data.update({"pros-0-order": "0", "pros-0-text": "<script>alert('x')</script> & more"})

    admin_client.post(url, data)
    page = admin_client.get(url).content.decode()

    assert framework.pros.get().text == "<script>alert('x')</script> & more"
    assert "<script>alert('x')</script>" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; more" in page


# --- Drafts, publishing and review stamps -----------------------------------------------


def run_action(client, model, action, objects):
    return client.post(
        admin_url(model, "changelist"),
        {"action": action, "_selected_action": [str(obj.pk) for obj in objects]},
        follow=True,
    )


def test_new_frameworks_and_comparisons_are_drafts(admin_client):
    assert Framework().is_published is False
    assert Comparison().is_published is False
    page = admin_client.get(admin_url(Framework, "add"))
    assert "is_published" not in post_data_from(page)


def test_publish_action_publishes_frameworks_with_a_date(editor_client):
    drafts = [make_framework(is_published=False), make_framework(is_published=False)]

    response = run_action(editor_client, Framework, "publish", drafts)

    assert "2 frameworks published." in response.content.decode()
    for framework in drafts:
        framework.refresh_from_db()
        assert framework.is_published
        assert framework.published_at is not None


def test_unpublish_action_turns_frameworks_back_into_drafts(editor_client):
    framework = make_framework()

    run_action(editor_client, Framework, "unpublish", [framework])

    framework.refresh_from_db()
    assert not framework.is_published


def test_publish_action_dates_a_comparison(editor_client):
    comparison = make_comparison(
        [make_framework(), make_framework()],
        is_published=False,
        published_on=None,
        updated_on=None,
    )

    run_action(editor_client, Comparison, "publish", [comparison])

    comparison.refresh_from_db()
    assert comparison.is_published
    assert comparison.published_on == timezone.localdate()
    assert comparison.updated_on == timezone.localdate()


def test_republishing_a_comparison_keeps_its_first_date_and_updates_the_other(editor_client):
    comparison = make_comparison([make_framework(), make_framework()])

    run_action(editor_client, Comparison, "publish", [comparison])

    comparison.refresh_from_db()
    assert comparison.published_on == datetime.date(2026, 1, 1)
    assert comparison.updated_on == timezone.localdate()


def test_changelists_show_status_and_dates(admin_client):
    make_framework(name="Shown draft", is_published=False)
    make_comparison([make_framework(), make_framework()], title="Shown comparison")

    frameworks = admin_client.get(admin_url(Framework, "changelist")).content.decode()
    comparisons = admin_client.get(admin_url(Comparison, "changelist")).content.decode()

    assert "Published at" in frameworks
    assert "Preview draft" in frameworks
    assert "Published on" in comparisons
    assert "Updated on" in comparisons
    assert "Jan. 1, 2026" in comparisons


def test_view_on_site_previews_the_public_page(admin_client):
    framework = make_framework(is_published=False)
    comparison = make_comparison([framework, make_framework()], is_published=False)

    framework_page = admin_client.get(admin_url(Framework, "change", framework.pk))
    comparison_page = admin_client.get(admin_url(Comparison, "change", comparison.pk))

    assert framework_page.context["absolute_url"] == framework.get_absolute_url()
    assert comparison_page.context["absolute_url"] == comparison.get_absolute_url()


def test_comparison_without_two_frameworks_offers_no_preview(admin_client):
    comparison = make_comparison([make_framework()])

    page = admin_client.get(admin_url(Comparison, "change", comparison.pk))

    assert page.context["has_absolute_url"] is False


def test_mark_as_reviewed_stamps_who_and_when(editor_client, editor):
    editor.first_name, editor.last_name = "Ada", "Lovelace"
    editor.save()
    framework = make_framework()
    comparison = make_comparison([framework, make_framework()])
    before = timezone.now()

    run_action(editor_client, Framework, "mark_reviewed", [framework])
    run_action(editor_client, Comparison, "mark_reviewed", [comparison])

    for item in (framework, comparison):
        item.refresh_from_db()
        assert item.reviewed_by == "Ada Lovelace"
        assert item.reviewed_at >= before


def test_mark_as_reviewed_falls_back_to_the_username(editor_client):
    framework = make_framework()

    run_action(editor_client, Framework, "mark_reviewed", [framework])

    framework.refresh_from_db()
    assert framework.reviewed_by == "editor"


def test_admin_actions_are_logged_in_history_with_the_editor(editor_client, editor):
    framework = make_framework(is_published=False)

    run_action(editor_client, Framework, "publish", [framework])

    assert framework.history.latest().history_user == editor


# --- Validation: a clear message next to the field, nothing saved --------------------------


def post_change(client, obj, **changes):
    url = admin_url(type(obj), "change", obj.pk)
    return client.post(url, {**post_data_from(client.get(url)), **changes})


def assert_refused(response, field, message):
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert message in " ".join(errors[field])
    from tests.adminforms import field_row

    assert message in field_row(response.content.decode(), field).replace("&quot;", '"')


def test_invalid_url_is_refused_next_to_the_field(admin_client):
    framework = make_framework(website_url="https://example.com/")

    response = post_change(admin_client, framework, website_url="not a url")

    assert_refused(response, "website_url", "Enter a valid URL.")
    framework.refresh_from_db()
    assert framework.website_url == "https://example.com/"


@pytest.mark.parametrize("year", ["1969", "2101"])
def test_release_year_out_of_range_is_refused(admin_client, year):
    framework = make_framework(first_release_year=2010)

    response = post_change(admin_client, framework, first_release_year=year)

    message = "greater than or equal to 1970" if year == "1969" else "less than or equal to 2100"
    assert_refused(response, "first_release_year", message)
    framework.refresh_from_db()
    assert framework.first_release_year == 2010


def test_duplicate_slug_is_refused(admin_client):
    make_framework(slug="taken")
    framework = make_framework(slug="mine")

    response = post_change(admin_client, framework, slug="taken")

    assert_refused(response, "slug", "Framework with this Slug already exists.")
    framework.refresh_from_db()
    assert framework.slug == "mine"


def test_slug_with_the_compare_separator_is_refused(admin_client):
    framework = make_framework(slug="mine")

    response = post_change(admin_client, framework, slug="django-vs-flask")

    assert_refused(response, "slug", "may not contain “-vs-”")
    framework.refresh_from_db()
    assert framework.slug == "mine"


def test_negative_metric_is_refused(admin_client):
    metric = make_metric(make_framework(), value=10)

    response = post_change(admin_client, metric, value="-5")

    assert_refused(response, "value", "greater than or equal to 0")
    metric.refresh_from_db()
    assert metric.value == 10


def test_second_value_for_the_same_cell_is_refused_on_its_add_page(admin_client):
    value = make_value(make_framework(), make_feature(), text="Original")
    url = admin_url(FeatureValue, "add")
    data = {
        **post_data_from(admin_client.get(url)),
        "framework": str(value.framework.pk),
        "feature": str(value.feature.pk),
        "support": "no",
        "text": "Second",
    }

    response = admin_client.post(url, data)

    assert response.status_code == 200
    message = "Feature value with this Framework and Feature already exists."
    assert message in response.context["adminform"].form.non_field_errors()
    assert message in response.content.decode()
    assert list(FeatureValue.objects.values_list("text", flat=True)) == ["Original"]


def test_changing_a_value_asks_for_a_new_check_date_and_saves_nothing_without_it(admin_client):
    value = make_value(make_framework(), make_feature(), text="Old", provenance="stated")
    url = admin_url(FeatureValue, "change", value.pk)
    data = post_data_from(admin_client.get(url))

    response = admin_client.post(url, {**data, "text": "New"})

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "check it against its source" in errors["verified_on"][0]
    value.refresh_from_db()
    assert (value.text, value.provenance) == ("Old", "stated")


def test_a_changed_value_with_its_new_check_date_is_saved_as_checked(admin_client):
    value = make_value(make_framework(), make_feature(), text="Old", provenance="stated")
    url = admin_url(FeatureValue, "change", value.pk)
    data = post_data_from(admin_client.get(url))
    today = timezone.localdate()

    response = admin_client.post(
        url, {**data, "support": "partial", "verified_on": today.isoformat()}
    )

    assert response.status_code == 302
    value.refresh_from_db()
    assert (value.support, value.verified_on, value.provenance) == ("partial", today, "checked")


def test_a_check_date_in_the_future_is_refused(admin_client):
    value = make_value(make_framework(), make_feature())
    url = admin_url(FeatureValue, "change", value.pk)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)

    response = admin_client.post(
        url, {**post_data_from(admin_client.get(url)), "verified_on": tomorrow.isoformat()}
    )

    assert "day still to come" in response.context["adminform"].form.errors["verified_on"][0]


def test_second_value_for_the_same_feature_on_the_framework_page_is_refused(admin_client):
    from tests.adminforms import value_row

    framework = make_framework()
    feature = make_feature()
    make_value(framework, feature, text="Original")
    url = admin_url(Framework, "change", framework.pk)
    data = post_data_from(admin_client.get(url))
    data.update(
        {
            "values-TOTAL_FORMS": "2",
            "values-1-feature": str(feature.pk),
            "values-1-support": "no",
            "values-1-text": "Duplicate",
            "values-1-provenance": "checked",
            "tagline": "Must not be saved either",
        }
    )

    response = admin_client.post(url, data)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Please correct the duplicate data for feature." in html
    assert "Please correct the duplicate values below." in value_row(html, "values", 1)
    framework.refresh_from_db()
    assert framework.tagline == "A framework for tests"
    assert list(framework.values.values_list("text", flat=True)) == ["Original"]


def test_invalid_inline_value_is_refused_beside_its_cell(admin_client):
    from tests.adminforms import value_field

    framework = make_framework()
    value = make_value(framework, make_feature())
    url = admin_url(Framework, "change", framework.pk)
    data = post_data_from(admin_client.get(url))
    data["values-0-source_url"] = "nope"

    response = admin_client.post(url, data)

    assert response.status_code == 200
    assert "Enter a valid URL." in value_field(response.content.decode(), "values", 0, "source_url")
    value.refresh_from_db()
    assert value.source_url == "https://example.com/docs"


def test_comparison_updated_before_published_is_refused(admin_client):
    comparison = make_comparison([make_framework(), make_framework()])

    response = post_change(admin_client, comparison, updated_on="2025-12-31")

    assert_refused(response, "updated_on", "cannot be before the publication date")
    comparison.refresh_from_db()
    assert comparison.updated_on == datetime.date(2026, 2, 1)


# --- Filters and the content gaps page ---------------------------------------------------


def changelist_results(client, model, **params):
    response = client.get(admin_url(model, "changelist"), params)
    return set(response.context["cl"].result_list)


def test_review_status_filter_finds_due_and_never_reviewed(admin_client):
    now = timezone.now()
    fresh = make_framework(reviewed_at=now - datetime.timedelta(days=10))
    due = make_framework(reviewed_at=now - datetime.timedelta(days=200))
    never = make_framework(reviewed_at=None)

    assert changelist_results(admin_client, Framework, review="current") == {fresh}
    assert changelist_results(admin_client, Framework, review="due") == {due}
    assert changelist_results(admin_client, Framework, review="never") == {never}


def test_verification_filter_finds_old_and_unverified_values(admin_client):
    framework = make_framework()
    today = timezone.localdate()
    fresh = make_value(framework, make_feature(), verified_on=today)
    old = make_value(framework, make_feature(), verified_on=today - datetime.timedelta(days=400))
    never = make_value(framework, make_feature(), verified_on=None)

    assert changelist_results(admin_client, FeatureValue, verification="current") == {fresh}
    assert changelist_results(admin_client, FeatureValue, verification="due") == {old}
    assert changelist_results(admin_client, FeatureValue, verification="never") == {never}


def test_completeness_filter_finds_frameworks_with_missing_values(admin_client):
    feature = make_feature()
    complete, incomplete = make_framework(), make_framework()
    make_value(complete, feature)

    assert changelist_results(admin_client, Framework, values="missing") == {incomplete}
    assert changelist_results(admin_client, Framework, values="complete") == {complete}


def test_metric_age_filter_finds_old_metrics(admin_client):
    framework = make_framework()
    today = timezone.localdate()
    fresh = make_metric(framework, as_of=today)
    old = make_metric(framework, as_of=today - datetime.timedelta(days=400))

    assert changelist_results(admin_client, Metric, age="current") == {fresh}
    assert changelist_results(admin_client, Metric, age="old") == {old}


def test_framework_changelist_counts_missing_values(admin_client):
    framework = make_framework()
    make_value(framework, make_feature())
    make_feature()

    response = admin_client.get(admin_url(Framework, "changelist"))

    assert response.context["cl"].result_list[0].missing_value_count == 1
    assert '<td class="field-missing_values">1</td>' in response.content.decode()


def gaps_page(client):
    return client.get(reverse("admin:content_gaps"))


def test_content_gaps_lists_a_new_feature_missing_for_every_framework(editor_client):
    django_fw, flask_fw = make_framework(name="Django"), make_framework(name="Flask")
    old_feature = make_feature()
    make_value(django_fw, old_feature)
    make_value(flask_fw, old_feature)
    make_feature(name="Brand new row")

    response = gaps_page(editor_client)

    assert response.status_code == 200
    missing = response.context["gaps"].missing
    assert [(entry.framework.name, [f.name for f in entry.features]) for entry in missing] == [
        ("Django", ["Brand new row"]),
        ("Flask", ["Brand new row"]),
    ]
    assert_csp_compatible(response.content.decode())


def test_content_gaps_lists_stale_content(editor_client):
    now = timezone.now()
    today = timezone.localdate()
    stale_framework = make_framework(name="Stale", reviewed_at=now - datetime.timedelta(days=181))
    make_framework(name="Fresh", reviewed_at=now)
    stale_comparison = make_comparison([], title="Old comparison", reviewed_at=None)
    make_comparison([], title="New comparison", reviewed_at=now)
    feature = make_feature()
    old_value = make_value(
        stale_framework, feature, verified_on=today - datetime.timedelta(days=366)
    )
    make_value(make_framework(reviewed_at=now), feature, verified_on=today)
    make_metric(stale_framework, as_of=today - datetime.timedelta(days=400))
    fresh_framework = make_framework(reviewed_at=now)
    make_metric(fresh_framework, as_of=today - datetime.timedelta(days=400))
    make_metric(fresh_framework, as_of=today)  # a newer figure: not stale

    gaps = gaps_page(editor_client).context["gaps"]

    assert [framework.name for framework in gaps.frameworks_due] == ["Stale"]
    assert gaps.comparisons_due == [stale_comparison]
    assert gaps.values_due == [old_value]
    assert [(metric.framework_name, metric.kind) for metric in gaps.metrics_old] == [
        ("Stale", "github_stars")
    ]


def test_content_gaps_counts_unknown_values_and_lists_claims_to_review(editor_client):
    feature = make_feature(name="Forms")
    unknown = make_value(make_framework(name="Vague"), feature, support="unknown", text="")
    make_value(make_framework(name="Known"), feature)
    unreviewed = make_claim(make_value(make_framework(), make_feature()), status="unreviewed")
    unexplained = make_claim(make_value(make_framework(), make_feature()), correction="")
    make_claim(make_value(make_framework(), make_feature()))  # corrected, with its reason

    response = gaps_page(editor_client)

    gaps = response.context["gaps"]
    assert gaps.unknown_values == [unknown]
    assert gaps.unknown_count == 1
    assert set(gaps.claims_due) == {unreviewed, unexplained}
    html = response.content.decode()
    assert "Unknown values</a>: 1" in html
    assert "Article claims to review</a>: 2" in html


def test_content_gaps_page_runs_a_fixed_number_of_queries(editor_client, django_assert_num_queries):
    """Missing pairs are computed from three reads, not one query per framework or feature."""

    def count_queries():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert gaps_page(editor_client).status_code == 200
        return len(queries)

    make_framework()
    make_feature()
    small = count_queries()
    for _ in range(5):
        framework = make_framework(reviewed_at=None)
        make_metric(framework, as_of=datetime.date(2020, 1, 1))
        value = make_value(framework, make_feature(), verified_on=None, support="unknown")
        make_claim(value, status="unreviewed")
        make_comparison([framework], reviewed_at=None)

    assert count_queries() == small


def test_admin_index_links_the_editorial_tools(editor_client):
    html = editor_client.get(reverse("admin:index")).content.decode()

    assert reverse("admin:matrix_editor") in html
    assert reverse("admin:content_gaps") in html
    assert_csp_compatible(html)


def test_framework_changelist_links_the_matrix_editor_and_gaps(editor_client):
    html = editor_client.get(admin_url(Framework, "changelist")).content.decode()

    assert f'href="{reverse("admin:matrix_editor")}"' in html
    assert f'href="{reverse("admin:content_gaps")}"' in html


def test_comparison_admin_links_its_values_in_the_matrix_editor(editor_client):
    comparison = make_comparison([make_framework(), make_framework()])
    link = f"{reverse('admin:matrix_editor')}?comparison={comparison.pk}"

    change_page = editor_client.get(admin_url(Comparison, "change", comparison.pk))
    changelist = editor_client.get(admin_url(Comparison, "changelist"))

    assert link in change_page.content.decode()
    assert link in changelist.content.decode()


def test_admin_changes_are_logged(admin_client):
    framework = make_framework()

    post_change(admin_client, framework, tagline="Logged")

    assert LogEntry.objects.filter(object_id=str(framework.pk)).exists()


# --- Changes show at once on the (cached) public pages ------------------------------------


def test_an_admin_save_shows_at_once_on_the_cached_public_page(admin_client):
    framework = make_framework(tagline="Old tagline")
    reader = Client()
    page_url = framework.get_absolute_url()
    assert "Old tagline" in reader.get(page_url).content.decode()
    assert "Old tagline" in reader.get(page_url).content.decode()  # now from the cache

    post_change(admin_client, framework, tagline="New tagline")

    page = reader.get(page_url).content.decode()
    assert "New tagline" in page
    assert "Old tagline" not in page


def test_a_value_saved_on_the_framework_page_shows_at_once_on_the_comparison(admin_client):
    django_fw, flask_fw = make_framework(slug="django"), make_framework(slug="flask")
    feature = make_feature(name="Templates")
    make_value(django_fw, feature, text="Old engine")
    make_value(flask_fw, feature, text="Jinja2")
    reader = Client()
    page_url = compare_url([django_fw.slug, flask_fw.slug])
    reader.get(page_url)
    assert "Old engine" in reader.get(page_url).content.decode()
    url = admin_url(Framework, "change", django_fw.pk)
    data = post_data_from(admin_client.get(url))
    data["values-0-text"] = "Django Template Language"
    data["values-0-verified_on"] = timezone.localdate().isoformat()

    admin_client.post(url, data)

    assert "Django Template Language" in reader.get(page_url).content.decode()


def test_a_draft_made_in_admin_is_previewed_by_staff_then_published_for_readers(admin_client):
    url = admin_url(Framework, "add")
    data = {**post_data_from(admin_client.get(url)), "name": "Litestar", "slug": "litestar"}
    admin_client.post(url, data)
    framework = Framework.objects.get(slug="litestar")
    reader = Client()

    assert reader.get(framework.get_absolute_url()).status_code == 404
    preview = admin_client.get(framework.get_absolute_url())
    assert preview.status_code == 200
    assert "draft-banner" in preview.content.decode()

    run_action(admin_client, Framework, "publish", [framework])

    published = reader.get(framework.get_absolute_url())
    assert published.status_code == 200
    assert "draft-banner" not in published.content.decode()


def test_a_pro_with_markup_is_escaped_on_the_public_page(admin_client):
    framework = make_framework()
    url = admin_url(Framework, "change", framework.pk)
    data = post_data_from(admin_client.get(url))
    data.update({"pros-0-order": "0", "pros-0-text": "<script>alert('x')</script>"})
    admin_client.post(url, data)

    page = Client().get(framework.get_absolute_url()).content.decode()

    assert "<script>alert('x')</script>" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_changelist_queries_do_not_grow_with_its_rows(admin_client, case):
    """list_select_related / prefetches keep each changelist free of one query per row."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import make_matrix

    def content(frameworks):
        # Values, lists, a metric and a company for every framework; then comparisons.
        made, _ = make_matrix(frameworks=frameworks, features=4, categories=2)
        for first, second in zip(made[::2], made[1::2], strict=True):
            make_comparison([first, second])

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert admin_client.get(admin_url(case.model, "changelist")).status_code == 200
        return len(captured)

    content(2)
    few = queries()
    content(6)

    assert queries() == few
