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
def test_a_feature_value_finds_the_framework_and_says_why(site):
    found = hits("async")

    assert names(found)[:2] == ["FastAPI", "Flask"]
    assert "Async support: Native async/await" in found[0].reasons
    assert "Async support: Async views, still WSGI" in found[1].reasons
    assert "Draft" not in names(found)


@pytest.mark.django_db
def test_the_features_name_counts_when_the_value_is_yes_only(site):
    yes_feature = make_feature(name="Hot reloading", slug="hot-reloading")
    make_value(site["flask"], yes_feature, text="")
    make_value(site["pyramid"], yes_feature, support=SupportLevel.NO, text="")

    found = hits("reloading")

    assert names(found) == ["Flask"]
    assert found[0].reasons == ("Hot reloading: Yes",)


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

    assert names(hits("fast", language="JavaScript")) == ["Fastify"]


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
    assert "<li>Async support: Native async/await</li>" in page
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
            assert any(reason.startswith("Async support: ") for reason in hit.reasons), hit
