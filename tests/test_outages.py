"""A real database outage: a proxy between gunicorn and PostgreSQL is cut, then restored."""

import time

import pytest

from tests.seeding import article_fixture_files
from tests.servers import (
    TcpProxy,
    base_env,
    fetch,
    gunicorn,
    manage,
    postgres_available,
    require,
)

pytestmark = pytest.mark.slow


@pytest.fixture
def site_behind_a_cuttable_database(migrated_templates):
    require(postgres_available, "PostgreSQL")
    with migrated_templates.postgres_database() as direct_url:
        manage(base_env(DATABASE_URL=direct_url), "loaddata", *article_fixture_files())
        proxy = TcpProxy(target_port=5432)
        proxy.restore()
        proxied_url = direct_url.replace(":5432/", f":{proxy.port}/")
        env = base_env(DATABASE_URL=proxied_url, DATABASE_CONNECT_TIMEOUT="1")
        try:
            with gunicorn(env) as url:
                yield url, proxy
        finally:
            proxy.cut()


def timed_fetch(url):
    started = time.monotonic()
    status, headers, body = fetch(url, timeout=10)
    return status, headers, body, time.monotonic() - started


def test_database_outage_gives_quick_503s_and_heals_without_restart(
    site_behind_a_cuttable_database,
):
    url, proxy = site_behind_a_cuttable_database
    assert fetch(f"{url}/readyz")[0] == 200
    cached_status, _, cached_page = fetch(f"{url}/")
    assert cached_status == 200

    proxy.cut()
    status, _, body, seconds = timed_fetch(f"{url}/readyz")
    assert status == 503
    assert "database: unavailable" in body
    assert seconds < 2

    status, headers, body, seconds = timed_fetch(f"{url}/frameworks/?q=never-cached")
    assert status == 503
    assert seconds < 2
    assert headers.get("Retry-After")
    assert "Traceback" not in body
    assert "</html>" in body

    status, _, body = fetch(f"{url}/")
    assert status == 200, "a page cached before the outage is still served"
    assert body == cached_page

    proxy.restore()
    assert fetch(f"{url}/readyz")[0] == 200
    assert fetch(f"{url}/frameworks/?q=never-cached")[0] == 200
