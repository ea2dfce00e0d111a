"""The selectors that build the reader pages: what they hand templates, and query budgets.

Every page runs a fixed number of queries whatever the number of frameworks, features and
values. Each budget test's docstring names the N+1 it prevents.
"""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext

from frameworks import selectors
from frameworks.charts import Reading, build_chart, nice_ceiling, short_number, spread_labels
from frameworks.models import FeatureKind, Framework, SupportLevel
from tests.factories import (
    make_adoption,
    make_category,
    make_comparison,
    make_feature,
    make_framework,
    make_lists,
    make_matrix,
    make_metric,
    make_value,
)

pytestmark = pytest.mark.django_db

# The whole request, page cache off: the framework lookup plus the selector's own queries
# (the values' claims are one query on each page), plus, on the HTML pages, the date of the
# latest change for "What changed" (corrections).
COMPARE_QUERIES = 10
FRAMEWORK_QUERIES = 11
CHANGES_LINK_QUERIES = 1
HOME_QUERIES = 2
LIST_QUERIES = 3


@pytest.fixture
def no_page_cache(settings):
    """Measure the views themselves, not the page cache in front of them."""
    settings.PAGE_CACHE_ENABLED = False


def queries_for(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(context)


def compare_path(frameworks, suffix="/"):
    return "/compare/" + "-vs-".join(sorted(f.slug for f in frameworks)) + suffix


def small_dataset():
    """Two frameworks, one feature each: smaller than the seed."""
    frameworks = [make_framework(), make_framework()]
    feature = make_feature()
    for framework in frameworks:
        make_value(framework, feature)
    return frameworks


# --- Query budgets -----------------------------------------------------------------------


def test_comparison_stays_within_its_budget_on_a_big_matrix(
    client, no_page_cache, django_assert_max_num_queries
):
    """Prevents one query per cell (values), per framework (pros, cons, use cases,
    companies, metrics) and per FAQ entry on a 10 x 50 matrix."""
    frameworks, _ = make_matrix(frameworks=10, features=50)
    make_comparison(frameworks[:4])

    with django_assert_max_num_queries(COMPARE_QUERIES + CHANGES_LINK_QUERIES):
        response = client.get(compare_path(frameworks[:4]))

    assert response.status_code == 200
    assert response.content.count(b'<tr id="feature-') == 50


def test_comparison_queries_are_the_same_for_two_three_and_four_frameworks(client, no_page_cache):
    """Prevents per-framework queries: prefetches fetch every framework's lists at once."""
    frameworks, _ = make_matrix(frameworks=10, features=50)

    counts = {n: queries_for(client, compare_path(frameworks[:n])) for n in (2, 3, 4)}

    page_queries = COMPARE_QUERIES + CHANGES_LINK_QUERIES
    assert counts == {2: page_queries, 3: page_queries, 4: page_queries}


def test_comparison_queries_are_the_same_for_small_and_big_data(client, no_page_cache):
    """Prevents per-feature and per-value queries: the matrix is two queries at any size."""
    small = small_dataset()
    big, _ = make_matrix(frameworks=10, features=50)
    make_comparison(big[:2])  # with a curated text (and its FAQ) on one side only

    assert queries_for(client, compare_path(small)) == queries_for(client, compare_path(big[:2]))


def test_comparison_json_queries_match_the_page(client, no_page_cache):
    """Prevents the JSON view from walking relations the page prefetched."""
    frameworks, _ = make_matrix(frameworks=4, features=50)

    assert queries_for(client, compare_path(frameworks, ".json")) == COMPARE_QUERIES


def test_comparison_selector_runs_a_fixed_number_of_queries(django_assert_num_queries):
    """Prevents queries from the selector's own loops (cells, charts, curated FAQ)."""
    frameworks, _ = make_matrix(frameworks=4, features=50)
    make_comparison(frameworks)
    frameworks = list(Framework.objects.filter(pk__in=[f.pk for f in frameworks]))

    with django_assert_num_queries(COMPARE_QUERIES - 1):
        selectors.comparison_page(frameworks=frameworks, user=AnonymousUser())


def test_framework_page_stays_within_its_budget(
    client, no_page_cache, django_assert_max_num_queries
):
    """Prevents one query per key feature, pro, con, use case, company, metric, value,
    curated comparison (for its URL) and other framework (for compare links)."""
    frameworks, _ = make_matrix(frameworks=10, features=50)
    for other in frameworks[1:5]:
        make_comparison([frameworks[0], other])

    with django_assert_max_num_queries(FRAMEWORK_QUERIES + CHANGES_LINK_QUERIES):
        response = client.get(frameworks[0].get_absolute_url())

    assert response.status_code == 200


def test_framework_page_queries_are_the_same_for_small_and_big_data(client, no_page_cache):
    """Prevents per-item queries on the framework page as its lists grow."""
    small = make_framework()
    big, _ = make_matrix(frameworks=10, features=50)
    for other in big[1:5]:
        make_comparison([big[0], other])

    assert queries_for(client, small.get_absolute_url()) == queries_for(
        client, big[0].get_absolute_url()
    )


def test_home_queries_are_the_same_for_small_and_big_data(client, no_page_cache):
    """Prevents one query per card or per featured comparison (for its URL)."""
    small_dataset()
    small = queries_for(client, "/")
    frameworks, _ = make_matrix(frameworks=30, features=5)
    for index in range(0, 10, 2):
        make_comparison(frameworks[index : index + 2], is_featured=True)

    assert small == queries_for(client, "/") == HOME_QUERIES


def test_framework_list_queries_are_the_same_for_small_and_big_data(client, no_page_cache):
    """Prevents per-row queries on the paginated list."""
    small_dataset()
    small = queries_for(client, "/frameworks/")
    make_matrix(frameworks=60, features=2)

    assert small == queries_for(client, "/frameworks/?page=2") == LIST_QUERIES


@pytest.mark.parametrize("url", ["/feed/", "/sitemap.xml", "/sitemap-comparisons.xml"])
def test_feed_and_sitemaps_queries_are_the_same_for_small_and_big_data(client, no_page_cache, url):
    """Prevents one query per curated comparison to build its URL from its frameworks."""
    frameworks = small_dataset()
    make_comparison(frameworks)
    small = queries_for(client, url)
    big, _ = make_matrix(frameworks=12, features=2)
    for index in range(0, 12, 2):
        make_comparison(big[index : index + 2])

    assert small == queries_for(client, url)


# --- What the comparison selector hands the template -------------------------------------


def build_page(frameworks, **kwargs):
    return selectors.comparison_page(frameworks=frameworks, user=AnonymousUser(), **kwargs)


def test_key_differences_are_the_capabilities_furthest_apart_widest_gap_first():
    first, second = make_framework(slug="a"), make_framework(slug="b")
    levels = {
        "same": (SupportLevel.YES, SupportLevel.YES),
        "near": (SupportLevel.YES, SupportLevel.PARTIAL),
        "far": (SupportLevel.YES, SupportLevel.NO),
        "unknown": (SupportLevel.YES, SupportLevel.UNKNOWN),
        "extension": (SupportLevel.EXTENSION, SupportLevel.NO),
    }
    category = make_category()
    for slug, (on_first, on_second) in levels.items():
        feature = make_feature(category=category, slug=slug)
        make_value(first, feature, support=on_first)
        make_value(second, feature, support=on_second)
    year = make_feature(category=category, slug="year", kind=FeatureKind.DESCRIPTION)
    make_value(first, year, text="2005")
    make_value(second, year, text="2010")

    page = build_page([first, second])

    # Descriptions, agreeing rows and unknowns are never key differences; at equal weight
    # the widest gap comes first (tests/test_rubric.py: weights and pinned features first).
    assert [row.slug for row in page.key_differences] == ["far", "extension", "near"]


def test_support_profile_counts_capabilities_only_with_words_for_each_level():
    first, second = make_framework(name="A", slug="a"), make_framework(name="B", slug="b")
    category = make_category()
    for support in (SupportLevel.YES, SupportLevel.YES, SupportLevel.NO):
        feature = make_feature(category=category)
        make_value(first, feature, support=support)
        make_value(second, feature, support=SupportLevel.EXTENSION)
    year = make_feature(category=category, kind=FeatureKind.DESCRIPTION)
    make_value(first, year, text="2005")

    profile = build_page([first, second]).profile

    assert profile.capability_count == 3
    assert [bar.summary for bar in profile.bars] == ["2 built in, 1 missing", "3 via extension"]
    assert sum(segment.width for segment in profile.bars[1].segments) == profile.width
    assert (
        profile.description
    ) == "Out of 3 capabilities. A: 2 built in, 1 missing; B: 3 via extension."


def test_rows_are_grouped_by_category_in_display_order():
    first, second = make_framework(slug="a"), make_framework(slug="b")
    late = make_category(name="Late", order=9)
    early = make_category(name="Early", order=1)
    for feature in (make_feature(category=late), make_feature(category=early)):
        make_value(first, feature)

    page = build_page([second, first])

    assert [category.name for category in page.categories] == ["Early", "Late"]
    assert [profile.slug for profile in page.frameworks] == ["a", "b"]


def test_cells_missing_for_one_framework_read_unknown():
    first, second = make_framework(slug="a"), make_framework(slug="b")
    make_value(first, make_feature(), support=SupportLevel.NO, text="No")

    (row,) = build_page([first, second]).categories[0].rows

    assert [cell.label for cell in row.cells] == ["No", "Unknown"]
    assert row.cells[1].source_url == ""
    assert row.all_agree is False


def test_rows_nobody_researched_for_these_frameworks_are_left_out():
    first, second = make_framework(), make_framework()
    other = make_framework()
    make_value(other, make_feature())

    assert build_page([first, second]).categories == ()


def test_all_agree_compares_support_and_text_ignoring_case_and_spaces():
    first, second = make_framework(slug="a"), make_framework(slug="b")
    same, different = make_feature(), make_feature()
    make_value(first, same, text="Yes (unittest)")
    make_value(second, same, text=" yes (UNITTEST) ")
    make_value(first, different, support=SupportLevel.YES, text="Yes")
    make_value(second, different, support=SupportLevel.PARTIAL, text="Yes")

    page = build_page([first, second])

    assert [row.all_agree for category in page.categories for row in category.rows] == [
        True,
        False,
    ]
    assert (page.row_count, page.difference_count) == (2, 1)


def test_only_differences_drops_agreeing_rows_and_empty_categories():
    first, second = make_framework(slug="a"), make_framework(slug="b")
    agreeing = make_feature(category=make_category(name="Agreeing"))
    differing = make_feature(category=make_category(name="Differing"))
    for framework in (first, second):
        make_value(framework, agreeing)
    make_value(first, differing, support=SupportLevel.NO, text="No")

    page = build_page([first, second], only_differences=True)

    assert [category.name for category in page.categories] == ["Differing"]
    assert page.hidden_row_count == 1


def test_cell_text_repeating_the_badge_is_not_printed_twice():
    first, second = make_framework(slug="a"), make_framework(slug="b")
    feature = make_feature()
    make_value(first, feature, support=SupportLevel.YES, text="Yes")
    make_value(second, feature, support=SupportLevel.YES, text="Yes (unittest)")

    (row,) = build_page([first, second]).categories[0].rows

    assert [cell.display_text for cell in row.cells] == ["", "Yes (unittest)"]
    assert row.cells[0].text == "Yes"
    assert row.cells[0].verified_label == "1 Nov 2026"
    assert row.cells[0].provenance_words == "checked against example.com on 1 Nov 2026"


def test_profiles_carry_lists_companies_and_metrics_in_order():
    framework = make_framework(slug="a")
    make_lists(framework, count=3)
    make_adoption(framework, source_url="https://example.com/uses")
    make_metric(framework, value=300_000, approximation="at_least")
    other = make_framework(slug="b")

    page = build_page([framework, other])

    profile = page.frameworks[0]
    assert tuple(pro.text for pro in profile.pros) == ("Pro 0 of a", "Pro 1 of a", "Pro 2 of a")
    assert not any(pro.is_corrected for pro in profile.pros)
    assert profile.companies[0].source_url == "https://example.com/uses"
    assert page.charts[0].readings[0].value_label == "more than 300,000"


def test_curated_comparison_matches_the_exact_set_only():
    a, b, c = make_framework(slug="a"), make_framework(slug="b"), make_framework(slug="c")
    make_comparison([a, b, c], title="Three")
    make_comparison([a, b], title="Two")

    assert build_page([b, a]).curated.title == "Two"
    assert build_page([a, b, c]).curated.title == "Three"
    assert build_page([a, c]).curated is None


def test_a_newer_draft_of_the_same_set_never_hides_the_published_text(admin_user):
    a, b = make_framework(slug="a"), make_framework(slug="b")
    make_comparison([a, b], title="Published", updated_on=datetime.date(2026, 2, 1))
    make_comparison(
        [a, b], title="Newer draft", is_published=False, updated_on=datetime.date(2026, 5, 1)
    )

    assert build_page([a, b]).curated.title == "Published"
    staff_page = selectors.comparison_page(frameworks=[a, b], user=admin_user)
    assert staff_page.curated.title == "Published"


def test_curated_faq_keeps_its_order_and_may_be_empty():
    a, b, c = make_framework(slug="a"), make_framework(slug="b"), make_framework(slug="c")
    with_faq = make_comparison([a, b])
    with_faq.faq.create(question="Third?", answer="Yes.", order=2)
    with_faq.faq.create(question="Second?", answer="No.", order=1)
    make_comparison([a, c]).faq.all().delete()

    faq = build_page([a, b]).curated.faq
    assert [item.question for item in faq] == ["Which?", "Second?", "Third?"]
    assert faq[1].answer == "No."
    without_faq = build_page([a, c]).curated
    assert without_faq.faq == ()
    assert without_faq.verdict == "Verdict."


def test_draft_curated_comparison_is_found_for_staff_only(admin_user):
    a, b = make_framework(slug="a"), make_framework(slug="b")
    make_comparison([a, b], title="Draft text", is_published=False)

    assert build_page([a, b]).curated is None
    staff_page = selectors.comparison_page(frameworks=[a, b], user=admin_user)
    assert staff_page.curated.title == "Draft text"
    assert staff_page.is_draft


# --- Home and framework page ---------------------------------------------------------------


def test_home_features_only_published_comparisons_of_published_frameworks():
    a, b = make_framework(slug="a"), make_framework(slug="b")
    draft = make_framework(slug="c", is_published=False)
    make_comparison([a, b], title="Shown", is_featured=True)
    make_comparison([a, draft], title="Has a draft framework", is_featured=True)
    make_comparison([a, b, draft], title="Draft", is_featured=True, is_published=False)
    make_comparison([b, a], title="Not featured")

    page = selectors.home_page(user=AnonymousUser())

    assert [link.title for link in page.featured] == ["Shown"]
    assert page.featured[0].url == "/compare/a-vs-b/"
    assert [card.slug for card in page.cards] == ["a", "b"]


def test_framework_page_links_a_dozen_comparisons_and_offers_the_rest_in_the_picker():
    framework = make_framework(name="Aaa", slug="aaa")
    for _ in range(20):
        make_framework()

    page = selectors.framework_page(framework=framework, user=AnonymousUser())

    assert len(page.compare_links) == selectors.COMPARE_LINKS
    assert len(page.other_frameworks) == 20
    assert page.more_compare_count == 8
    assert page.compare_links[0].url.startswith("/compare/aaa-vs-")


# --- Charts ------------------------------------------------------------------------------


def reading(value, day, series="A"):
    return Reading(series, day, value, f"{value:,}", "https://example.com")


def test_single_readings_make_a_bar_chart_scaled_to_a_round_maximum():
    chart = build_chart(
        chart_id="c",
        title="Stars",
        series={
            "A": (reading(300_000, datetime.date(2024, 1, 1)),),
            "B": (reading(55_000, datetime.date(2024, 1, 1), "B"),),
        },
    )

    assert chart.kind == "bars"
    assert chart.bars[0].width == chart.width  # the largest fills the row
    assert chart.bars[1].width == pytest.approx(chart.width * 55 / 300, abs=0.1)
    assert "A: 300,000 on 1 Jan 2024" in chart.description


def test_a_framework_without_readings_is_named_not_dropped():
    chart = build_chart(
        chart_id="c",
        title="Stars",
        series={"A": (reading(10, datetime.date(2024, 1, 1)),), "B": (), "C": ()},
    )

    assert chart.missing == ("B", "C")
    assert "no data for B, C" in chart.description


def test_trends_make_a_line_chart_with_year_ticks():
    chart = build_chart(
        chart_id="c",
        title="Questions",
        series={
            "A": tuple(reading(v, datetime.date(y, 6, 1)) for v, y in ((10, 2015), (20, 2020))),
            "B": (),
        },
    )

    assert chart.kind == "lines"
    assert len(chart.lines) == 1
    assert [tick.label for tick in chart.x_ticks][:2] == ["2016", "2017"]
    assert chart.lines[0].markers[-1].y < chart.lines[0].markers[0].y  # higher is up


@pytest.mark.parametrize(
    ("value", "ceiling"), [(0, 1), (7, 10), (120, 200), (250, 250), (3_000, 5_000)]
)
def test_axis_maximum_rounds_up_to_1_2_2_5_or_5_times_a_power_of_ten(value, ceiling):
    assert nice_ceiling(value) == ceiling


def test_axis_labels_are_short_and_line_labels_never_overlap():
    assert [short_number(v) for v in (0, 1500, 2_000_000)] == ["0", "1.5k", "2M"]
    assert spread_labels([100, 105, 50]) == [100, 116, 50]
