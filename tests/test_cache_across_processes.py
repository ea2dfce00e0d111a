"""Every process sees a change on its very next response, whoever made the change."""

import json
import secrets
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.servers import (
    REDIS_URL,
    base_env,
    fetch,
    gunicorn,
    manage,
    redis_available,
    require,
)

pytestmark = pytest.mark.slow


def tagline_fixture(path, tagline):
    path.write_text(
        json.dumps(
            [
                {
                    "model": "frameworks.framework",
                    "fields": {
                        "name": "Cachetest",
                        "slug": "cachetest",
                        "tagline": tagline,
                        "is_published": True,
                        "published_at": "2026-01-01T00:00:00Z",
                    },
                }
            ]
        )
    )
    return str(path)


@pytest.fixture
def loaded_database(tmp_path, migrated_templates):
    with migrated_templates.database(tmp_path) as url:
        env = base_env(DATABASE_URL=url)
        manage(env, "loaddata", tagline_fixture(tmp_path / "v1.json", "First tagline"))
        yield url


def change_tagline_from_another_process(env, tmp_path, tagline):
    manage(env, "loaddata", tagline_fixture(tmp_path / "v2.json", tagline))


def test_loaddata_from_another_process_shows_on_the_next_request(loaded_database, tmp_path):
    env = base_env(DATABASE_URL=loaded_database)
    with gunicorn(env, workers=2) as url:
        for _ in range(4):  # warm the local-memory cache of both workers
            assert "First tagline" in fetch(f"{url}/frameworks/cachetest/")[2]
        change_tagline_from_another_process(env, tmp_path, "Second tagline")
        for _ in range(4):
            assert "Second tagline" in fetch(f"{url}/frameworks/cachetest/")[2]


@pytest.fixture
def redis_prefix():
    """A key prefix of the test's own: parallel workers, and both CI legs, share one Redis."""
    require(redis_available, "Redis")
    prefix = f"xproc-{secrets.token_hex(6)}"
    yield prefix
    flush_redis_keys(prefix)


def test_two_instances_sharing_redis_both_show_an_edit(loaded_database, tmp_path, redis_prefix):
    env = base_env(
        DATABASE_URL=loaded_database,
        CACHE_URL=REDIS_URL,
        CACHE_KEY_PREFIX=redis_prefix,
    )
    with gunicorn(env) as first, gunicorn(env) as second:
        etags = {}
        for instance in (first, second):
            status, headers, body = fetch(f"{instance}/frameworks/cachetest/")
            assert status == 200
            assert "First tagline" in body
            etags[instance] = headers["ETag"]
            revalidation = fetch(
                f"{instance}/frameworks/cachetest/", {"If-None-Match": etags[instance]}
            )
            assert revalidation[0] == 304

        change_tagline_from_another_process(env, tmp_path, "Edited tagline")
        for instance in (first, second):
            headers = {"If-None-Match": etags[instance]}
            status, _, body = fetch(f"{instance}/frameworks/cachetest/", headers)
            assert status == 200
            assert "Edited tagline" in body


def test_pages_are_served_when_the_cache_server_is_unreachable(loaded_database):
    env = base_env(DATABASE_URL=loaded_database, CACHE_URL="redis://127.0.0.1:9/0")
    with gunicorn(env) as url:
        for _ in range(3):
            status, _, body = fetch(f"{url}/frameworks/cachetest/", timeout=5)
            assert status == 200
            assert "First tagline" in body
        assert fetch(f"{url}/readyz")[0] == 503


def flush_redis_keys(prefix):
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    for key in client.scan_iter(match=f"{prefix}:*"):
        client.delete(key)


def test_concurrent_misses_across_workers_render_the_page_once(loaded_database, tmp_path):
    require(redis_available, "Redis")
    prefix = f"render-once-{secrets.token_hex(6)}"
    env = base_env(
        DATABASE_URL=loaded_database,
        CACHE_URL=REDIS_URL,
        CACHE_KEY_PREFIX=prefix,
        DJANGO_LOG_LEVEL="INFO",
    )
    log_path = tmp_path / "gunicorn.log"
    page = "/frameworks/cachetest/"
    try:
        with gunicorn(env, workers=4, log_path=log_path) as url, ThreadPoolExecutor(16) as pool:
            # Every worker up and its Django loaded, so the misses below really are concurrent.
            list(pool.map(lambda _: fetch(f"{url}/healthz", timeout=30), range(32)))
            answers = list(pool.map(lambda _: fetch(f"{url}{page}", timeout=30), range(16)))
        log = log_path.read_text()
    finally:
        flush_redis_keys(prefix)
    assert [status for status, _, _ in answers] == [200] * 16
    assert all("First tagline" in body for _, _, body in answers)
    assert log.count(f"Page cache miss: rendered {page}") == 1
