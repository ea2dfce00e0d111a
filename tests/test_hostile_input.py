"""Hostile input never gets a 5xx: random slugs, bytes, long paths, SQL and HTML fragments."""

from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seed_module")]

ATTACKS = [
    "' OR 1=1 --",
    "'; DROP TABLE frameworks_framework; --",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "../../etc/passwd",
    "%00",
    "-vs-",
    "django-vs-",
    "-vs-django",
    "django-vs-django",
    "django-vs-flask-vs-fastapi-vs-pyramid-vs-bottle",
    "\u202e\u0000\ufffd",
    "9" * 40,
]

text_or_attack = st.one_of(st.text(max_size=300), st.sampled_from(ATTACKS))
paths = st.one_of(
    st.builds(lambda s: f"/compare/{quote(s, safe='')}/", text_or_attack),
    st.builds(lambda s: f"/compare/{quote(s, safe='')}.json", text_or_attack),
    st.builds(lambda s: f"/frameworks/{quote(s, safe='')}/", text_or_attack),
    st.builds(lambda s: f"/{quote(s, safe='/')}", text_or_attack),
    st.builds(lambda n: "/compare/" + "a" * n + "/", st.integers(0, 5000)),
)
query_values = st.one_of(
    text_or_attack,
    st.integers(-(10**30), 10**30).map(str),
    st.sampled_from(["differences", "all", "0", "-1", "1e9", "NaN", ""]),
)
query_strings = st.lists(
    st.tuples(st.sampled_from(["q", "page", "language", "only", "frameworks", "x"]), query_values),
    max_size=6,
).map(lambda pairs: "&".join(f"{quote(k)}={quote(v, safe='')}" for k, v in pairs))
public_pages = st.sampled_from(
    ["/", "/frameworks/", "/frameworks/django/", "/compare/django-vs-flask/", "/compare/", "/feed/"]
)


def get(client, url):
    response = client.get(url)
    assert response.status_code < 500, (url, response.status_code)
    return response


@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(path=paths)
def test_random_paths_never_give_a_server_error(client, path):
    get(client, path)


@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(page=public_pages, query=query_strings)
def test_random_query_strings_never_give_a_server_error(client, page, query):
    get(client, f"{page}?{query}")


@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=st.binary(min_size=1, max_size=200))
def test_raw_bytes_in_paths_never_give_a_server_error(client, raw):
    get(client, "/compare/" + quote(raw, safe="") + "/")
    get(client, "/frameworks/?q=" + quote(raw, safe=""))


@pytest.mark.parametrize("parameter", ["q", "language"])
def test_nul_characters_in_filters_match_nothing_rather_than_fail(client, parameter):
    response = get(client, f"/frameworks/?{parameter}=dja%00ngo")
    assert response.status_code == 200


@pytest.mark.parametrize("page", ["-1", "0", "99999999999999999999", "abc", "last", "1.5"])
def test_absurd_page_numbers_never_give_a_server_error(client, page):
    get(client, f"/frameworks/?page={page}")


def test_very_long_paths_get_the_404_page(client):
    response = get(client, "/compare/" + "-vs-".join(["django"] * 2000) + "/")
    assert response.status_code == 404
    assert b"</html>" in response.content
