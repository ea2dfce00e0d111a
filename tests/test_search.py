"""Search on /frameworks/?q=: typo-tolerant names, facts as well as texts, relevance, reasons.

The same tests pass on SQLite (substrings and edit distance) and on PostgreSQL (full-text
search and pg_trgm): DATABASE_URL=postgres://… runs them there.
"""

import re

import pytest
from django.contrib.auth.models import AnonymousUser

from frameworks import search
from frameworks.models import KeyFeature, SupportLevel
from frameworks.selectors import search_frameworks
from frameworks.views import FRAMEWORKS_PER_PAGE
from tests.factories import make_feature, make_framework, make_value
from tests.html_audit import assert_page_quality

# --- The rules, without a database -------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "second", "limit", "expected"),
    [
        ("flsk", "flask", 1, True),
        ("flaks", "flask", 1, False),  # a swap is two edits
        ("flaks", "flask", 2, True),
        ("fastapi", "fastapi", 0, True),
        ("pyrmid", "pyramid", 1, True),
        ("dj", "django", 1, False),
    ],
)
def test_within_edits_counts_insertions_deletions_and_substitutions(first, second, limit, expected):
    assert search.within_edits(first, second, limit) is expected


@pytest.mark.parametrize(
    ("query", "name", "expected"),
    [
        ("flsk", "Flask", True),
        ("fast api", "FastAPI", True),
        ("tornadoo", "Tornado", True),
        ("starlete", "Starlette", True),
        ("flsk", "Falcon", False),
        ("dj", "Django", False),  # two letters are too few to forgive a typo
        ("bottle", "Pyramid", False),
    ],
)
def test_a_typo_in_a_name_is_forgiven(query, name, expected):
    assert search.is_close_name(name, search.terms_of(query)) is expected


def test_terms_are_lower_case_words_without_repeats():
    assert search.terms_of("  Async ASYNC  web-sockets ") == ["async", "web-sockets"]


def test_name_matches_outweigh_every_other_field():
    terms = ["flask"]

    assert search.name_match("Flask", terms).weight == search.NAME_EXACT
    assert search.name_match("Flask-RESTful", terms).weight == search.NAME_CONTAINS
    assert search.name_match("Flsak", ["flsk"]) is not None
    assert search.NAME_CLOSE > search.TAGLINE > search.VALUE > search.SUMMARY


def test_a_snippet_shows_the_words_around_the_match():
    text = "A " + "very " * 40 + "long summary about async views and " + "more " * 40

    piece = search.snippet(text, ["async"])

    assert "async views" in piece
    assert piece.startswith("…") and piece.endswith("…")
    assert len(piece) <= search.SNIPPET_LENGTH + 2


# --- Search against the database ---------------------------------------------------------


def hits(query, **kwargs):
    return search_frameworks(user=AnonymousUser(), query=query, **kwargs)


def names(found):
    return [hit.name for hit in found]


@pytest.fixture
def site(db):
    flask = make_framework(name="Flask", slug="flask", tagline="A micro framework")
    fastapi = make_framework(
        name="FastAPI", slug="fastapi", tagline="Fast to code", summary="Built on Starlette."
    )
    pyramid = make_framework(name="Pyramid", slug="pyramid", tagline="Start small")
    make_framework(name="Draft", slug="draft", tagline="async draft", is_published=False)
    async_support = make_feature(name="Async support", slug="async-support")
    orm = make_feature(name="Database support (ORM)", slug="database-support")
    make_value(fastapi, async_support, text="Native async/await")
    make_value(flask, async_support, support=SupportLevel.PARTIAL, text="Async views, still WSGI")
    make_value(pyramid, async_support, support=SupportLevel.NO, text="No (WSGI)")
    make_value(pyramid, orm, support=SupportLevel.EXTENSION, text="SQLAlchemy or ZODB")
    KeyFeature.objects.create(framework=flask, title="Blueprints", text="Modular applications.")
    return {"flask": flask, "fastapi": fastapi, "pyramid": pyramid}


@pytest.mark.django_db
def test_a_one_letter_typo_in_a_name_still_finds_it(site):
    found = hits("flsk")

    assert names(found) == ["Flask"]
    assert found[0].reasons == ("Name close to “flsk”",)
    assert names(hits("Pyrmid")) == ["Pyramid"]


@pytest.mark.django_db
def test_a_query_naming_a_feature_lists_every_known_value_best_supported_first(site):
    found = hits("async")

    assert names(found) == ["FastAPI", "Flask", "Pyramid"]
    badges = [[(m.feature, m.label, m.text) for m in hit.features] for hit in found]
    assert badges == [
        [("Async support", "Yes", "Native async/await")],
        [("Async support", "Partial", "Async views, still WSGI")],
        [("Async support", "No", "No (WSGI)")],
    ]
    # The badge says it; the same value is not repeated as a reason.
    assert not any(reason.startswith("Async support") for hit in found for reason in hit.reasons)
    assert "Draft" not in names(found)


@pytest.mark.django_db
def test_a_feature_is_named_by_its_other_words_and_a_no_is_marked_no(site):
    feature = make_feature(name="Hot reloading", slug="hot-reloading", search_terms="autoreload")
    make_value(site["pyramid"], feature, support=SupportLevel.NO, text="")
    make_value(site["flask"], feature, support=SupportLevel.EXTENSION, text="Werkzeug reloader")
    make_value(site["fastapi"], feature, support=SupportLevel.UNKNOWN, text="")

    for query in ("reloading", "autoreload", "hot reloading"):
        found = hits(query)
        assert names(found) == ["Flask", "Pyramid"], query  # unknown is no answer
        assert [m.label for hit in found for m in hit.features] == ["Via extension", "No"]


@pytest.mark.django_db
def test_built_in_ranks_above_extension_above_partial_above_no_whatever_else_matches(site):
    feature = make_feature(name="WebSockets", slug="websockets")
    make_value(site["pyramid"], feature, support=SupportLevel.YES, text="Built in")
    make_value(site["flask"], feature, support=SupportLevel.PARTIAL, text="Partly")
    make_value(site["fastapi"], feature, support=SupportLevel.EXTENSION, text="websocket add-on")
    # Flask also says "websocket" in a key feature: more text matches, still partial support.
    KeyFeature.objects.create(framework=site["flask"], title="websocket", text="websocket")

    assert names(hits("websocket")) == ["Pyramid", "FastAPI", "Flask"]


@pytest.mark.django_db
def test_a_word_common_to_many_feature_names_names_none_of_them(site):
    assert all(hit.features == () for hit in hits("support"))


@pytest.mark.django_db
def test_taglines_summaries_and_key_features_are_searched(site):
    micro = hits("micro")
    assert names(micro) == ["Flask"]
    assert micro[0].reasons == ()  # the hit shows its tagline anyway
    assert names(hits("starlette")) == ["FastAPI"]
    blueprints = hits("blueprints")
    assert names(blueprints) == ["Flask"]
    assert blueprints[0].reasons == ("Key feature: Blueprints",)


@pytest.mark.django_db
def test_a_name_match_ranks_above_a_mention_elsewhere(site):
    make_framework(name="Starlette", slug="starlette", tagline="The little ASGI toolkit")

    assert names(hits("starlette")) == ["Starlette", "FastAPI"]


@pytest.mark.django_db
def test_search_keeps_the_language_filter(site):
    make_framework(name="Fastify", slug="fastify", tagline="Fast", language="JavaScript")

    assert names(hits("fast", languages=["JavaScript"])) == ["Fastify"]


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["ruby", "Ruby frameworks", "rb"])
def test_a_language_finds_its_frameworks_first_and_says_why(site, query):
    make_framework(name="Sinatra", slug="sinatra", tagline="Classy web apps", language="Ruby")
    make_framework(name="Rails", slug="rails", tagline="Web apps", language="Ruby")

    found = hits(query)

    assert names(found)[:2] == ["Rails", "Sinatra"]
    assert "Written in Ruby" in found[0].reasons


@pytest.mark.django_db
@pytest.mark.parametrize(("query", "language"), [("typescript", "TypeScript"), ("golang", "Go")])
def test_a_languages_other_names_find_it(site, query, language):
    make_framework(name="Other", slug="other", tagline="Another", language=language)

    assert names(hits(query)) == ["Other"]


@pytest.mark.django_db
def test_a_query_of_punctuation_finds_nothing(site):
    assert hits("!!! ---") == []


@pytest.mark.django_db
def test_search_page_lists_hits_with_why_they_matched(client, site):
    response = client.get("/frameworks/?q=async")

    page = response.content.decode()
    assert response.status_code == 200
    found = re.findall(r'class="card-title"><a href="[^"]+">([^<]+)</a>', page)
    assert found[:2] == ["FastAPI", "Flask"]
    assert (
        '<li><span class="feature-match-name">Async support:</span> <span class="badge '
        'support-yes"><span aria-hidden="true">✓</span> Yes</span> '
        '<span class="feature-match-text">Native async/await</span></li>'
    ) in page
    assert "most relevant first" in page
    assert_page_quality(response.content, indexable=False)


@pytest.mark.django_db
def test_search_page_paginates_hits(client, site):
    feature = make_feature(name="Routing", slug="routing")
    for n in range(30):
        make_value(make_framework(name=f"Router {n:02d}"), feature, text="Regex routes")

    first = client.get("/frameworks/?q=regex").content.decode()
    second = client.get("/frameworks/?q=regex&page=2").content.decode()

    assert "30 frameworks matching" in first
    assert 'href="?q=regex&amp;page=2"' in first
    assert second.count('class="card-title"') == 30 - 24


# --- The committed content ("Done when") -------------------------------------------------


@pytest.mark.usefixtures("seed")
def test_flsk_finds_flask_in_the_seed():
    assert names(hits("flsk"))[0] == "Flask"


@pytest.mark.usefixtures("seed")
def test_async_finds_every_framework_with_async_support_in_the_seed():
    from frameworks.models import FeatureValue

    supported = set(
        FeatureValue.objects.filter(feature__slug="async-support", framework__is_published=True)
        .exclude(support__in=[SupportLevel.NO, SupportLevel.UNKNOWN])
        .values_list("framework__name", flat=True)
    )

    found = hits("async")

    assert len(supported) >= 5
    assert supported <= set(names(found))
    for hit in found:
        if hit.name in supported:
            assert any(match.feature == "Async support" for match in hit.features), hit


SUPPORT_RANK = {"yes": 4, "extension": 3, "partial": 2, "no": 1}


@pytest.mark.usefixtures("seed")
@pytest.mark.parametrize("query", ["websocket", "websockets", "realtime"])
def test_websocket_finds_every_known_websockets_value_in_the_seed_best_first(query):
    from frameworks.models import FeatureValue

    known = dict(
        FeatureValue.objects.filter(feature__slug="websockets", framework__is_published=True)
        .exclude(support=SupportLevel.UNKNOWN)
        .values_list("framework__name", "support")
    )

    found = [hit for hit in hits(query) if hit.features]

    assert {"Django", "Flask", "CherryPy"} <= set(known)
    assert {hit.name for hit in found} == set(known)
    ranks = [SUPPORT_RANK[known[hit.name]] for hit in found]
    assert ranks == sorted(ranks, reverse=True)


@pytest.mark.usefixtures("seed")
def test_admin_shows_djangos_built_in_admin_first_and_marks_the_others(client):
    page = client.get("/frameworks/?q=admin").content.decode()

    titles = re.findall(r'class="card-title"><a href="[^"]+">([^<]+)</a>', page)
    assert titles[0] == "Django"
    found = hits("admin")
    assert [(m.feature, m.label) for m in found[0].features] == [("Admin interface", "Yes")]
    labels = {m.label for hit in found[1:] for m in hit.features}
    assert "Yes" not in labels and labels <= {"Via extension", "Partial", "No"}
    # The page lists the first FRAMEWORKS_PER_PAGE hits (25 frameworks match "admin" now).
    assert page.count('class="feature-match-name">Admin interface:</span>') == len(
        [hit for hit in found[:FRAMEWORKS_PER_PAGE] if hit.features]
    )
