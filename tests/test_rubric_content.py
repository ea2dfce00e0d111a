"""The rubric over the committed content: every feature has a guide, the article's corrected
words never stand bare, key differences lead with what readers weigh, and ratings follow the
rules that can be checked mechanically."""

import re
from collections import defaultdict

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils.html import escape

from frameworks import selectors
from frameworks.models import (
    MAX_WEIGHT,
    MIN_WEIGHT,
    Comparison,
    Con,
    Feature,
    FeatureKind,
    FeatureValue,
    KeyFeature,
    Pro,
    SupportLevel,
    UseCase,
)
from frameworks.selectors.comparison import SUPPORT_RANK
from tests.html_audit import assert_page_quality

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seed_module")]

# The article's sentences that the site's own cells correct (issue 18): each must carry the
# correction wherever it is shown.
CONTRADICTED = {
    (Pro, "django", "Rate-limiting for API requests"),
    (Con, "django", "RegEx-based URL dispatching is complicated"),
    (Con, "flask", "No support for multi-page apps"),
    (UseCase, "flask", "Work on smaller projects (single-page)"),
}
LIST_MODELS = (Pro, Con, UseCase, KeyFeature)


def corrected_items():
    """Every pro, con, use case and key feature that repeats a claim the site corrected."""
    items = []
    for model in LIST_MODELS:
        rows = model.objects.select_related("framework", "claim__value__feature")
        items += [item for item in rows if item.claim is not None and item.claim.is_corrected]
    return items


def test_every_feature_has_a_rating_guide_and_a_weight_in_range():
    for feature in Feature.objects.all():
        assert len(feature.rating_guide.strip()) >= 40, feature
        assert MIN_WEIGHT <= feature.weight <= MAX_WEIGHT, feature


def test_how_we_rate_shows_every_features_guide(client):
    response = client.get("/how-we-rate/")

    assert_page_quality(response.content)
    html = response.content.decode()
    for feature in Feature.objects.all():
        assert f'id="feature-{feature.slug}"' in html, feature
        assert escape(feature.rating_guide) in html, feature


def test_the_articles_contradicted_sentences_are_linked_to_their_corrected_claims():
    linked = {
        (type(item), item.framework.slug, getattr(item, "text", "")) for item in corrected_items()
    }
    assert linked >= CONTRADICTED


def item_shown_with_correction(html, item):
    """Every list entry that shows the item's words (at least one) also shows the "Corrected"
    tag, the correction and a link to the cell. A key feature's entry is the <dd> of its text."""
    tag = "dd" if isinstance(item, KeyFeature) else "li"
    words = escape(item.text)
    entries = [
        entry for entry in re.findall(rf"<{tag}>(.*?)</{tag}>", html, re.S) if words in entry
    ]
    return bool(entries) and all(
        "tag-corrected" in entry
        and escape(item.claim.correction) in entry
        and f'href="#feature-{item.claim.value.feature.slug}"' in entry
        for entry in entries
    )


def test_no_contradicted_pro_con_or_use_case_renders_without_its_correction(client):
    items = corrected_items()
    assert items, "the fixtures link items to corrected claims, so this test can fail"
    pages = defaultdict(list)
    for item in items:
        pages[item.framework.get_absolute_url()].append(item)
        for comparison in Comparison.objects.published().filter(entries__framework=item.framework):
            if not isinstance(item, (KeyFeature, UseCase)):
                pages[comparison.get_absolute_url()].append(item)
    for url, shown_items in pages.items():
        html = client.get(url).content.decode()
        for item in shown_items:
            assert item_shown_with_correction(html, item), (url, item)


def test_which_to_choose_never_advises_on_a_corrected_premise(client):
    html = client.get("/compare/django-vs-flask/").content.decode()
    choose = html[html.index('id="choose-title"') : html.index('id="features-title"')]
    for item in corrected_items():
        if isinstance(item, UseCase):
            advice = re.findall(r"<li>(.*?)</li>", choose, re.S)
            assert escape(item.text) not in advice, item
            assert f"Left out: “{escape(item.text)}”" in choose


def test_django_vs_flask_shows_the_articles_date_apart_from_the_facts_check(client):
    html = client.get("/compare/django-vs-flask/").content.decode()
    data = client.get("/compare/django-vs-flask.json").json()

    assert 'Article updated <time datetime="2023-12-21">21 Dec 2023</time>' in html
    assert "Facts last checked <time" in html
    assert data["comparison"]["updated_on"] == "2023-12-21"
    assert data["facts_checked_on"] > "2026-01-01"


def test_django_vs_flask_key_differences_lead_with_the_admin_and_the_orm():
    comparison = Comparison.objects.get(slug="flask-vs-django")
    frameworks = [entry.framework for entry in comparison.entries.all()]

    page = selectors.comparison_page(frameworks=frameworks, user=AnonymousUser())

    assert {row.slug for row in page.key_differences[:2]} == {
        "admin-interface",
        "database-support",
    }


def test_curated_key_differences_are_the_pinned_then_the_weightiest_differing_features():
    for comparison in Comparison.objects.published():
        frameworks = [entry.framework for entry in comparison.entries.all()]
        page = selectors.comparison_page(frameworks=frameworks, user=AnonymousUser())
        pinned = set(comparison.pinned_features.values_list("slug", flat=True))
        differing = [
            row
            for category in page.categories
            for row in category.rows
            if row.is_capability and not row.all_agree and _known_gap(row)
        ]
        chosen = [row.slug for row in page.key_differences]
        pinned_differing = [row.slug for row in differing if row.slug in pinned]
        assert chosen[: len(pinned_differing)] == sorted(pinned_differing, key=chosen.index), (
            comparison
        )
        assert set(pinned_differing) <= set(chosen), comparison
        unpinned = [row for row in page.key_differences if row.slug not in pinned]
        left_out = [row for row in differing if row.slug not in chosen]
        if unpinned and left_out:
            assert min(row.weight for row in unpinned) >= max(row.weight for row in left_out)


def _known_gap(row):
    ranks = [SUPPORT_RANK[cell.support] for cell in row.cells if cell.support in SUPPORT_RANK]
    return len(ranks) >= 2 and max(ranks) > min(ranks)


# --- Rules of the rubric that can be checked mechanically --------------------------------

SAYS_BUILT_IN = re.compile(r"^(yes\b|built[- ]in\b)", re.IGNORECASE)
SAYS_MISSING = re.compile(r"^(no\b|none\b|not\b)", re.IGNORECASE)
# Where a "Via extension" comes from: a word that says so, or a package's name
# (django-stubs, pyramid_jinja2, Flask-Admin, SQLAlchemy, WebTest).
NAMES_A_PROVIDER = re.compile(
    r"\b(via|extensions?|plugins?|add-ons?|packages?|librar(y|ies)|such as)\b"
    r"|\b[a-z0-9]+(?:[-_][a-z0-9]+)+\b|\b[A-Z]\w*-[A-Z]\w*\b|\b[A-Z][a-z]+[A-Z]\w*\b"
    r"|\b[A-Z]{2,}[a-z]\w*\b"
)


def capability_values():
    return FeatureValue.objects.filter(feature__kind=FeatureKind.CAPABILITY).select_related(
        "framework", "feature"
    )


def test_a_value_that_says_built_in_is_rated_as_built_in_and_one_that_says_no_is_not():
    for value in capability_values():
        if SAYS_BUILT_IN.match(value.text.strip()):
            assert value.support in (SupportLevel.YES, SupportLevel.PARTIAL), value
        if SAYS_MISSING.match(value.text.strip()):
            assert value.support != SupportLevel.YES, value


def test_a_value_rated_via_extension_names_what_provides_it():
    for value in capability_values().filter(support=SupportLevel.EXTENSION):
        assert NAMES_A_PROVIDER.search(f"{value.text} {value.note}"), value


def test_escaping_is_never_rated_above_the_template_support_it_comes_from():
    support = {
        (value.framework.slug, value.feature.slug): value.support
        for value in capability_values().filter(
            feature__slug__in=["template-engine", "auto-escaping", "dynamic-html"]
        )
    }
    for (framework, feature), level in support.items():
        if feature == "template-engine" or level == SupportLevel.UNKNOWN:
            continue
        templates = support.get((framework, "template-engine"))
        if templates in SUPPORT_RANK and feature == "auto-escaping":
            assert SUPPORT_RANK[level] <= SUPPORT_RANK[templates], (framework, feature)


# Frameworks whose core cannot read a submitted form at all (Fastify parses only JSON and
# plain text until @fastify/formbody is registered): the forms guide rates them Via extension.
CANNOT_READ_FORMS_WITHOUT_A_PACKAGE = {"fastify"}


def test_frameworks_that_read_form_data_without_form_classes_share_one_rating():
    ratings = set(
        capability_values()
        .filter(feature__slug="forms")
        .exclude(support=SupportLevel.YES)
        .exclude(framework__slug__in=CANNOT_READ_FORMS_WITHOUT_A_PACKAGE)
        .values_list("support", flat=True)
    )
    assert ratings <= {SupportLevel.PARTIAL}


def test_a_framework_that_cannot_read_forms_without_a_package_is_rated_via_extension():
    for value in capability_values().filter(
        feature__slug="forms", framework__slug__in=CANNOT_READ_FORMS_WITHOUT_A_PACKAGE
    ):
        assert value.support == SupportLevel.EXTENSION, value


def test_a_debug_page_that_shows_local_variables_is_rated_yes():
    for value in capability_values().filter(feature__slug="debugger"):
        if re.search(r"\b(locals|local variables|variables)\b", value.note):
            assert value.support == SupportLevel.YES, value
