"""Settings come from the environment: each case runs in a fresh interpreter with its own env."""

import json
import os
import re
import subprocess
import sys

import pytest
from django.conf import settings

PROBE = """
import json, django
from django.conf import settings
django.setup()
db = settings.DATABASES["default"]
print(json.dumps({
    "debug": settings.DEBUG,
    "engine": db["ENGINE"],
    "name": str(db["NAME"]),
    "host": db.get("HOST", ""),
    "conn_max_age": db["CONN_MAX_AGE"],
    "options": {k: v for k, v in db.get("OPTIONS", {}).items() if k != "pool"},
    "pool": sorted(db.get("OPTIONS", {}).get("pool", {})),
    "cache": settings.CACHES["default"]["BACKEND"],
    "cache_location": settings.CACHES["default"].get("LOCATION", ""),
    "allowed_hosts": settings.ALLOWED_HOSTS,
    "csrf_trusted_origins": settings.CSRF_TRUSTED_ORIGINS,
    "ssl_redirect": settings.SECURE_SSL_REDIRECT,
    "hsts": settings.SECURE_HSTS_SECONDS,
    "secure_cookies": settings.SESSION_COOKIE_SECURE and settings.CSRF_COOKIE_SECURE,
}))
"""

SAFE_KEY = "x" * 60


def load_settings(**env):
    clean = {
        k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_", "CACHE_"))
    }
    clean.update(env)
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        env={**clean, "DJANGO_SETTINGS_MODULE": "comparator.settings"},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
    )
    return result


def settings_for(**env):
    result = load_settings(**env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.slow
def test_debug_is_off_unless_set():
    assert settings_for(DJANGO_SECRET_KEY=SAFE_KEY)["debug"] is False
    assert settings_for(DJANGO_DEBUG="1")["debug"] is True


@pytest.mark.slow
def test_missing_secret_key_without_debug_is_a_clear_error():
    result = load_settings()
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


@pytest.mark.slow
def test_default_database_is_sqlite_in_the_project_directory():
    loaded = settings_for(DJANGO_SECRET_KEY=SAFE_KEY)
    assert loaded["engine"] == "comparator.db.sqlite3"  # Django's, with a pre-commit hook
    assert loaded["name"] == str(settings.BASE_DIR / "db.sqlite3")


@pytest.mark.slow
def test_postgres_url_uses_psycopg_with_a_short_connect_timeout():
    loaded = settings_for(
        DJANGO_SECRET_KEY=SAFE_KEY, DATABASE_URL="postgres://user:pw@db.example:5432/site"
    )
    assert loaded["engine"] == "comparator.db.postgresql"  # psycopg, with a pre-commit hook
    assert loaded["host"] == "db.example"
    assert loaded["name"] == "site"
    assert loaded["options"]["connect_timeout"] == 1
    assert loaded["conn_max_age"] == 60


@pytest.mark.slow
def test_postgres_pool_replaces_persistent_connections_when_sized():
    loaded = settings_for(
        DJANGO_SECRET_KEY=SAFE_KEY,
        DATABASE_URL="postgres://user:pw@db.example:5432/site",
        DATABASE_POOL_MAX_SIZE="8",
    )
    assert loaded["conn_max_age"] == 0
    assert loaded["pool"] == ["check", "max_size", "min_size", "timeout"]


@pytest.mark.slow
def test_default_cache_is_local_memory_and_redis_url_uses_djangos_redis_backend():
    assert settings_for(DJANGO_SECRET_KEY=SAFE_KEY)["cache"].endswith("LocMemCache")
    loaded = settings_for(DJANGO_SECRET_KEY=SAFE_KEY, CACHE_URL="redis://127.0.0.1:6379/3")
    assert loaded["cache"] == "django.core.cache.backends.redis.RedisCache"
    assert loaded["cache_location"] == "redis://127.0.0.1:6379/3"


@pytest.mark.slow
def test_hosts_and_trusted_origins_are_lists_from_the_environment():
    loaded = settings_for(
        DJANGO_SECRET_KEY=SAFE_KEY,
        DJANGO_ALLOWED_HOSTS="comparator.example,www.comparator.example",
        DJANGO_CSRF_TRUSTED_ORIGINS="https://comparator.example",
    )
    assert loaded["allowed_hosts"] == ["comparator.example", "www.comparator.example"]
    assert loaded["csrf_trusted_origins"] == ["https://comparator.example"]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("env", "https_on"),
    [
        ({}, True),
        ({"DJANGO_HTTPS": "0"}, False),
        ({"DJANGO_DEBUG": "1"}, False),
    ],
)
def test_https_settings_follow_debug_and_can_be_switched_off(env, https_on):
    loaded = settings_for(DJANGO_SECRET_KEY=SAFE_KEY, **env)
    assert loaded["ssl_redirect"] is https_on
    assert loaded["secure_cookies"] is https_on
    assert (loaded["hsts"] > 0) is https_on


def test_env_example_lists_every_variable_the_settings_read():
    source = (settings.BASE_DIR / "comparator" / "settings.py").read_text()
    example = (settings.BASE_DIR / ".env.example").read_text()
    read = set(re.findall(r'env(?:\.\w+)?\(\s*"([A-Z_]+)"', source))
    assert read, "the settings read no variables?"
    missing = sorted(name for name in read if name not in example)
    assert not missing
