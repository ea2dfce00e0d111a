"""The report rate limit holds across gunicorn processes that share the cache (Redis)."""

import http.client
import json
import re
import secrets
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit

import pytest

from tests.servers import (
    REDIS_URL,
    base_env,
    gunicorn,
    manage,
    redis_available,
    require,
)

pytestmark = pytest.mark.slow

LIMIT = 3


def frameworks_fixture(path):
    path.write_text(
        json.dumps(
            [
                {
                    "model": "frameworks.framework",
                    "fields": {
                        "name": name,
                        "slug": name.lower(),
                        "is_published": True,
                        "published_at": "2026-01-01T00:00:00Z",
                    },
                }
                for name in ("Django", "Flask")
            ]
        )
    )
    return str(path)


def request(base, method, path, *, body=None, cookie=""):
    """(status, headers, text) without following redirects."""
    parts = urlsplit(base)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    headers = {"Cookie": cookie} if cookie else {}
    if body is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    try:
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        return response.status, response.getheaders(), response.read().decode()
    finally:
        conn.close()


def csrf_session(base):
    """The CSRF cookie and token a reader's browser gets with the form."""
    status, headers, html = request(base, "GET", "/corrections/new/?page=/frameworks/flask/")
    assert status == 200
    cookies = SimpleCookie()
    for name, value in headers:
        if name.lower() == "set-cookie":
            cookies.load(value)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    return f"csrftoken={cookies['csrftoken'].value}", token


@pytest.fixture
def site_env(tmp_path, migrated_templates):
    require(redis_available, "Redis")
    import redis

    prefix = f"reports-{secrets.token_hex(6)}"
    with migrated_templates.database(tmp_path) as url:
        env = base_env(
            DATABASE_URL=url,
            CACHE_URL=REDIS_URL,
            CACHE_KEY_PREFIX=prefix,
            REPORTS_RATE_LIMIT=str(LIMIT),
            REPORTS_RATE_WINDOW_SECONDS="600",
        )
        manage(env, "loaddata", frameworks_fixture(tmp_path / "frameworks.json"))
        yield env
    client = redis.Redis.from_url(REDIS_URL)
    keys = list(client.scan_iter(f"{prefix}:*"))
    if keys:
        client.delete(*keys)


def test_the_limit_holds_across_two_gunicorn_processes(site_env):
    with gunicorn(site_env) as first, gunicorn(site_env) as second:
        cookie, token = csrf_session(first)
        body = urlencode(
            {
                "csrfmiddlewaretoken": token,
                "page": "/frameworks/flask/",
                "framework": "flask",
                "what_is_wrong": "Wrong launch year.",
                "what_is_right": "2010.",
            }
        )
        statuses = [
            request(server, "POST", "/corrections/new/", body=body, cookie=cookie)[0]
            for server in (first, second, first, second, first)
        ]
        limited = request(second, "POST", "/corrections/new/", body=body, cookie=cookie)

    assert statuses == [302] * LIMIT + [429] * 2
    assert limited[0] == 429
    assert "Too many reports for now" in limited[2]
    stored = manage(
        site_env,
        "shell",
        "-c",
        "from corrections.models import ReaderReport; print(ReaderReport.objects.count())",
    )
    assert stored.stdout.strip().splitlines()[-1] == str(LIMIT)
