"""One rubric for every rating: the "How we rate" page, feature weights and pinned key
differences, and the article's words never shown as uncorrected fact."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from frameworks import selectors
from frameworks.models import MAX_WEIGHT, ClaimStatus, Feature, Framework, SupportLevel
from tests.factories import (
    make_category,
    make_claim,
    make_comparison,
    make_feature,
    make_framework,
    make_value,
)
from tests.html_audit import assert_page_quality, audit_html

pytestmark = pytest.mark.django_db
RUBRIC_URL = "/how-we-rate/"


def links(content):
    return [attrs.get("href", "") for tag, attrs in audit_html(content).tags if tag == "a"]


def build_page(frameworks):
    return selectors.comparison_page(frameworks=frameworks, user=AnonymousUser())


# --- The page ----------------------------------------------------------------------------


def test_how_we_rate_shows_the_general_rules_and_every_features_guide(client):
    guided = make_feature(name="Forms", rating_guide="Partial: reads form data, no classes.")
    unguided = make_feature(name="Mystery")

    response = client.get(RUBRIC_URL)

    assert response.status_code == 200
    assert_page_quality(response.content)
    html = response.content.decode()
    for level in ("Yes", "Partial", "Via extension", "No", "Unknown"):
        assert f"</span> {level}</span></dt>" in html
    assert "Partial: reads form data, no classes." in html
    assert f'id="feature-{guided.slug}"' in html
    assert f'id="feature-{unguided.slug}"' in html and "No guide written yet." in html
    assert f'id="category-{guided.category.slug}"' in html


def test_how_we_rate_answers_get_only_and_is_in_the_sitemap(client):
    assert client.post(RUBRIC_URL).status_code in (403, 405)
    section = client.get("/sitemap-pages.xml").content.decode()
    assert "/how-we-rate/</loc>" in section


def test_every_rated_table_links_to_how_we_rate_from_its_legend(client):
    first, second = make_framework(slug="alpha"), make_framework(slug="beta")
    feature = make_feature()
    make_value(first, feature, support=SupportLevel.YES)
    make_value(second, feature, support=SupportLevel.NO)

    pages = [
        "/compare/alpha-vs-beta/",
        "/frameworks/alpha/",
        f"/features/{feature.category.slug}/",
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert any(href.startswith(RUBRIC_URL) for href in links(response.content)), url


# --- Weights and pinned key differences ---------------------------------------------------


def test_weight_is_kept_between_one_and_the_maximum():
    feature = make_feature()
    feature.weight = MAX_WEIGHT + 1
    with pytest.raises(ValidationError) as error:
        feature.full_clean()
    assert "weight" in error.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        Feature.objects.filter(pk=feature.pk).update(weight=0)


def test_key_differences_put_the_weightiest_first_then_the_widest_gap():
    first, second = make_framework(slug="a"), make_framework(slug="b")
    category = make_category()
    rows = {
        "hints": (1, SupportLevel.YES, SupportLevel.NO),
        "admin": (5, SupportLevel.YES, SupportLevel.EXTENSION),
        "forms": (3, SupportLevel.YES, SupportLevel.PARTIAL),
        "orm": (5, SupportLevel.YES, SupportLevel.NO),
        "tests": (3, SupportLevel.YES, SupportLevel.NO),
    }
    for slug, (weight, on_first, on_second) in rows.items():
        feature = make_feature(category=category, slug=slug, weight=weight)
        make_value(first, feature, support=on_first)
        make_value(second, feature, support=on_second)

    page = build_page([first, second])

    assert [row.slug for row in page.key_differences] == ["orm", "admin", "tests", "forms"]


def test_a_curated_comparisons_pinned_features_lead_its_key_differences():
    first, second = make_framework(slug="a"), make_framework(slug="b")
    category = make_category()
    for slug, weight in (("heavy", 5), ("pinned", 1), ("agreed", 1)):
        feature = make_feature(category=category, slug=slug, weight=weight)
        make_value(first, feature, support=SupportLevel.YES)
        make_value(
            second, feature, support=SupportLevel.YES if slug == "agreed" else SupportLevel.NO
        )
    comparison = make_comparison([first, second])
    comparison.pinned_features.set(Feature.objects.filter(slug__in=["pinned", "agreed"]))

    page = build_page([first, second])

    # A pinned feature whose ratings agree is no difference, so it is not shown.
    assert [row.slug for row in page.key_differences] == ["pinned", "heavy"]
    assert page.curated.pinned_features == ("agreed", "pinned")


# --- The article's words, with their corrections -----------------------------------------


def corrected_lists():
    """Django with a corrected claim, and a pro, a con and a use case that repeat it."""
    django, flask = make_framework(name="Django", slug="django"), make_framework(slug="flask")
    feature = make_feature(name="Rate limiting", slug="rate-limiting")
    value = make_value(django, feature, support=SupportLevel.NO)
    make_value(flask, feature, support=SupportLevel.NO)
    claim = make_claim(
        value,
        text="Rate-limiting for API requests",
        status=ClaimStatus.CORRECTED,
        correction="Django has no rate limiting of its own.",
        reviewed_on=datetime.date(2026, 12, 5),
    )
    django.pros.create(text="Rate-limiting for API requests", claim=claim)
    django.pros.create(text="Batteries included", order=1)
    django.use_cases.create(text="Throttle API requests", claim=claim)
    django.use_cases.create(text="Ship by a deadline", order=1)
    return django, flask


@pytest.mark.parametrize("url", ["/compare/django-vs-flask/", "/frameworks/django/"])
def test_a_pro_repeating_a_corrected_claim_is_shown_with_its_correction(client, url):
    corrected_lists()

    response = client.get(url)

    assert_page_quality(response.content)
    html = response.content.decode()
    pro = html.index("Rate-limiting for API requests</span>")
    shown = html[pro : pro + 600]
    assert "Corrected" in shown
    assert "Django has no rate limiting of its own." in shown
    assert 'href="#feature-rate-limiting"' in shown


def test_which_to_choose_never_advises_on_a_corrected_premise():
    corrected_lists()

    page = build_page(list(Framework.objects.filter(slug__in=["django", "flask"])))

    (choice,) = [choice for choice in page.choices if choice.slug == "django"]
    assert [item.text for item in choice.reasons] == ["Ship by a deadline"]
    assert [item.text for item in choice.set_aside] == ["Throttle API requests"]


def test_a_list_item_may_only_repeat_a_claim_about_its_own_framework():
    django, flask = corrected_lists()
    claim = django.pros.get(text="Rate-limiting for API requests").claim
    pro = flask.pros.create(text="Borrowed", claim=claim)

    with pytest.raises(ValidationError) as error:
        pro.full_clean()
    assert "claim" in error.value.message_dict


def test_the_byline_tells_the_articles_date_from_the_day_facts_were_checked(client):
    first, second = make_framework(slug="a"), make_framework(slug="b")
    feature = make_feature()
    make_value(first, feature, verified_on=datetime.date(2026, 12, 5))
    make_value(second, feature, verified_on=datetime.date(2026, 11, 1))
    make_comparison(
        [first, second],
        source_url="https://example.com/article",
        published_on=datetime.date(2023, 12, 21),
        updated_on=datetime.date(2023, 12, 21),
    )

    html = client.get("/compare/a-vs-b/").content.decode()
    data = client.get("/compare/a-vs-b.json").json()

    assert 'Article updated <time datetime="2023-12-21">21 Dec 2023</time>' in html
    assert 'Facts last checked <time datetime="2026-12-05">5 Dec 2026</time>' in html
    assert data["comparison"]["updated_on"] == "2023-12-21"
    assert data["facts_checked_on"] == "2026-12-05"


# --- Editors see the guide where they rate ------------------------------------------------


def test_editors_see_the_rating_guide_beside_the_support_they_choose(admin_client):
    first, second = make_framework(slug="alpha"), make_framework(slug="beta")
    feature = make_feature(rating_guide="Partial: reads form data, no form classes.")
    value = make_value(first, feature)
    make_value(second, feature)

    pages = [
        f"/admin/frameworks/framework/{first.pk}/change/",
        f"/admin/frameworks/featurevalue/{value.pk}/change/",
        f"/admin/tools/matrix/?frameworks={first.pk}&frameworks={second.pk}",
    ]
    for url in pages:
        response = admin_client.get(url)
        assert response.status_code == 200, url
        assert "Partial: reads form data, no form classes." in response.content.decode(), url


def test_editors_write_the_guide_and_weight_on_the_features_page(admin_client):
    feature = make_feature(name="Forms", slug="forms")
    data = {
        "category": feature.category.pk,
        "name": "Forms",
        "slug": "forms",
        "description": "",
        "kind": "capability",
        "order": 1,
        "rating_guide": "Yes: form classes ship with the framework.",
        "weight": 3,
    }
    response = admin_client.post(f"/admin/frameworks/feature/{feature.pk}/change/", data)
    assert response.status_code == 302
    feature.refresh_from_db()
    assert (feature.rating_guide, feature.weight) == (
        "Yes: form classes ship with the framework.",
        3,
    )

    data["weight"] = MAX_WEIGHT + 1
    response = admin_client.post(f"/admin/frameworks/feature/{feature.pk}/change/", data)
    assert response.status_code == 200
    assert "weight" in response.context["adminform"].form.errors
