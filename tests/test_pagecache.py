import datetime
import gzip
import threading
import time
from unittest import mock

import pytest
from django.db import OperationalError, connection
from django.db.models import F
from django.test import Client
from django.utils.http import http_date

from frameworks import pagecache
from frameworks.models import ContentRevision
from tests import pagecache_urls
from tests.factories import make_framework

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.pagecache_urls")]


@pytest.fixture(autouse=True)
def _fresh_renders():
    pagecache_urls.renders.clear()  # (the page cache itself is reset for every test: conftest)


def renders_of(path):
    return pagecache_urls.renders.count(path)


def test_second_anonymous_get_is_served_from_cache(client):
    make_framework(name="Django")
    first = client.get("/names/")
    second = client.get("/names/")
    assert first.status_code == second.status_code == 200
    assert second.content == first.content
    assert renders_of("/names/") == 1


@pytest.mark.parametrize("encoding", ["identity", "gzip"])
def test_cached_page_says_its_length(client, encoding):
    client.get("/names/")
    response = client.get("/names/", headers={"accept-encoding": encoding})
    assert int(response["Content-Length"]) == len(response.content)


def test_cached_page_carries_validators_and_revalidation_headers(client):
    settle_revisions()
    response = client.get("/names/")
    assert response["ETag"].startswith('"')
    assert response["Last-Modified"]
    assert response["Cache-Control"] == "no-cache"
    assert "Accept-Encoding" in response["Vary"]
    assert "Cookie" in response["Vary"]


def test_content_change_shows_on_the_very_next_request(client):
    make_framework(name="Django")
    assert b"Flask" not in client.get("/names/").content
    make_framework(name="Flask")
    assert b"Flask" in client.get("/names/").content
    assert renders_of("/names/") == 2


def test_deleting_content_shows_on_the_next_request(client):
    flask = make_framework(name="Flask")
    assert b"Flask" in client.get("/names/").content
    flask.delete()
    assert b"Flask" not in client.get("/names/").content


def test_query_strings_are_cached_separately(client):
    client.get("/names/?page=1")
    client.get("/names/?page=2")
    client.get("/names/?page=1")
    assert renders_of("/names/?page=1") == 1
    assert renders_of("/names/?page=2") == 1


def test_each_host_name_gets_its_own_cached_page(client, settings):
    settings.ALLOWED_HOSTS = ["testserver", "other.example"]
    first = client.get("/names/")
    other = client.get("/names/", headers={"host": "other.example"})
    assert renders_of("/names/") == 2
    assert first["ETag"] != other["ETag"]


def test_matching_etag_gets_304_without_rendering(client):
    etag = client.get("/names/")["ETag"]
    pagecache_urls.renders.clear()
    response = client.get("/names/", headers={"if-none-match": etag})
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag
    assert renders_of("/names/") == 0


def test_etag_of_an_older_revision_gets_the_new_page(client):
    etag = client.get("/names/")["ETag"]
    make_framework(name="Bottle")
    response = client.get("/names/", headers={"if-none-match": etag})
    assert response.status_code == 200
    assert b"Bottle" in response.content
    assert response["ETag"] != etag


def test_etag_of_another_url_does_not_match(client):
    etag = client.get("/names/")["ETag"]
    assert client.get("/tiny/", headers={"if-none-match": etag}).status_code == 200


def settle_revisions(seconds=pagecache.SETTLE_SECONDS + 1):
    """Move every change `seconds` back, as if the reader came back later; the time of the
    last change a list shows."""
    ContentRevision.objects.update(changed_at=F("changed_at") - datetime.timedelta(seconds=seconds))
    return max(
        ContentRevision.objects.filter(
            key__in=[ContentRevision.SHARED, ContentRevision.LISTING]
        ).values_list("changed_at", flat=True)
    )


def test_last_modified_is_the_time_of_the_last_change(client):
    make_framework(name="Django")
    changed_at = settle_revisions()
    assert client.get("/names/")["Last-Modified"] == http_date(changed_at.timestamp())


def test_a_change_under_a_second_old_gives_no_date_to_revalidate_by(client):
    make_framework(name="Django")
    response = client.get("/names/")
    assert response.has_header("ETag")
    assert not response.has_header("Last-Modified")


def test_a_change_within_the_same_second_never_answers_304(client):
    make_framework(name="Django")
    settle_revisions()
    first = client.get("/names/")
    # The reader's copy and the change share a second: only the ETag can tell them apart.
    same_second = http_date(time.time())
    make_framework(name="Flask")

    by_date = client.get("/names/", headers={"if-modified-since": same_second})
    by_either = client.get(
        "/names/",
        headers={"if-modified-since": first["Last-Modified"], "if-none-match": first["ETag"]},
    )
    by_last_modified = client.get("/names/", headers={"if-modified-since": first["Last-Modified"]})

    for response in (by_date, by_either, by_last_modified):
        assert response.status_code == 200
        assert b"Flask" in response.content


def test_if_modified_since_at_the_revision_time_gets_304(client):
    settle_revisions()
    last_modified = client.get("/names/")["Last-Modified"]
    response = client.get("/names/", headers={"if-modified-since": last_modified})
    assert response.status_code == 304


def test_if_modified_since_before_the_revision_gets_the_page(client):
    changed_at = ContentRevision.objects.get(key=ContentRevision.LISTING).changed_at.timestamp()
    response = client.get("/names/", headers={"if-modified-since": http_date(changed_at - 60)})
    assert response.status_code == 200


def test_gzip_is_served_to_clients_that_accept_it(client):
    plain = client.get("/names/")
    zipped = client.get("/names/", headers={"accept-encoding": "gzip, br"})
    assert zipped["Content-Encoding"] == "gzip"
    assert gzip.decompress(zipped.content) == plain.content
    assert zipped["ETag"] != plain["ETag"]
    assert renders_of("/names/") == 1


def test_small_pages_are_not_gzipped(client):
    response = client.get("/tiny/", headers={"accept-encoding": "gzip"})
    assert not response.has_header("Content-Encoding")
    assert response.content == b"small"


def test_logged_in_users_always_get_a_fresh_page(admin_client):
    admin_client.get("/names/")
    response = admin_client.get("/names/")
    assert renders_of("/names/") == 2
    assert not response.has_header("ETag")


def test_post_is_never_cached(client):
    client.post("/names/")
    client.post("/names/")
    assert renders_of("/names/") == 2


@pytest.mark.parametrize("path", ["/missing/", "/cookie/"])
def test_errors_and_responses_with_cookies_are_not_cached(client, path):
    client.get(path)
    client.get(path)
    assert renders_of(path) == 2


def test_health_probe_is_never_cached_and_reads_no_revision(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        client.get("/healthz")
        client.get("/healthz")
    assert renders_of("/healthz") == 2


def test_cached_page_costs_one_query(client, django_assert_num_queries):
    make_framework(name="Django")
    client.get("/names/")
    with django_assert_num_queries(1):
        assert client.get("/names/").status_code == 200


def test_disabled_page_cache_renders_every_time(client, settings):
    settings.PAGE_CACHE_ENABLED = False
    client.get("/names/")
    client.get("/names/")
    assert renders_of("/names/") == 2


def test_pages_are_served_when_the_cache_fails(client):
    make_framework(name="Django")
    with (
        mock.patch.object(pagecache.cache, "get", side_effect=ConnectionError("down")),
        mock.patch.object(pagecache.cache, "set", side_effect=ConnectionError("down")),
    ):
        first = client.get("/names/")
        second = client.get("/names/")
    assert first.status_code == second.status_code == 200
    assert b"Django" in second.content


def test_a_failed_cache_is_left_alone_for_a_while(client):
    with mock.patch.object(pagecache.cache, "get", side_effect=ConnectionError("down")) as get:
        client.get("/names/")
        client.get("/names/")
    assert get.call_count == 1


def test_cached_pages_are_served_while_the_database_is_down(client):
    make_framework(name="Django")
    cached = client.get("/names/")
    broken = mock.patch.object(
        pagecache.connection, "cursor", side_effect=OperationalError("db down")
    )
    with broken:
        response = client.get("/names/")
    assert response.status_code == 200
    assert response.content == cached.content


# --- One render per missed page --------------------------------------------------------------


def get_concurrently(path, count):
    """`count` anonymous GETs of `path` at once, each from its own thread and connection."""
    responses = [None] * count

    def reader(index):
        try:
            responses[index] = Client().get(path)
        finally:
            connection.close()

    threads = [threading.Thread(target=reader, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    while not pagecache_urls.renders:  # The first miss is rendering: let the others queue.
        time.sleep(0.01)
    time.sleep(0.2)
    pagecache_urls.release_slow_render.set()
    for thread in threads:
        thread.join(timeout=30)
    pagecache_urls.release_slow_render.clear()
    return responses


@pytest.mark.django_db(transaction=True)
def test_concurrent_misses_of_one_page_render_it_once():
    responses = get_concurrently("/slow/", 6)
    assert [response.status_code for response in responses] == [200] * 6
    assert len({response.content for response in responses}) == 1
    assert renders_of("/slow/") == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_misses_of_an_uncacheable_page_each_get_their_answer():
    responses = get_concurrently("/slow-missing/", 4)
    assert [response.status_code for response in responses] == [404] * 4
    assert renders_of("/slow-missing/") == 4


def test_a_lock_never_released_delays_the_render_but_never_prevents_it(client, monkeypatch):
    monkeypatch.setattr(pagecache, "RENDER_WAIT_SECONDS", 0.1)
    with mock.patch.object(pagecache.guarded_cache, "add", return_value=False):
        response = client.get("/names/")
    assert response.status_code == 200
    assert renders_of("/names/") == 1


def test_waiting_requests_take_the_page_the_lock_holder_stored(client, monkeypatch):
    """While the lock is taken, the waiting request polls the cache and serves what it finds."""
    stored = pagecache.CachedPage(200, (), b"rendered by another worker", None)
    monkeypatch.setattr(pagecache, "RENDER_WAIT_SECONDS", 30)
    with (
        mock.patch.object(pagecache.guarded_cache, "add", return_value=False),
        mock.patch.object(
            pagecache.guarded_cache, "get_many", side_effect=lambda keys: {keys[0]: stored}
        ),
    ):
        response = client.get("/names/")
    assert response.content == b"rendered by another worker"
    assert renders_of("/names/") == 0


def test_waiting_requests_render_at_once_when_the_page_cannot_be_cached(client, monkeypatch):
    monkeypatch.setattr(pagecache, "RENDER_WAIT_SECONDS", 30)
    with (
        mock.patch.object(pagecache.guarded_cache, "add", return_value=False) as add,
        mock.patch.object(
            pagecache.guarded_cache,
            "get_many",
            side_effect=lambda keys: {keys[1]: pagecache.UNCACHEABLE},
        ),
    ):
        response = client.get("/missing/")
    assert response.status_code == 404
    assert add.call_count == 1


def test_the_lock_is_released_after_the_render(client):
    client.get("/names/")
    rendering = [key for key in pagecache.cache._cache if key.endswith(":rendering")]
    assert rendering == []
