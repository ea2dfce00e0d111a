"""Loaded with `-p` before Django's settings: the environment a test run starts from.

Only defaults: a variable set by the caller (DATABASE_URL for the PostgreSQL run, CACHE_URL
for Redis) wins.
"""

import os

os.environ.setdefault(
    "DJANGO_SECRET_KEY", "tests-only-secret-key-that-is-long-and-random-enough-0123"
)
os.environ.setdefault("DJANGO_HTTPS", "0")
os.environ.setdefault("DJANGO_DEBUG", "0")
os.environ.setdefault(
    "DJANGO_STATICFILES_STORAGE", "django.contrib.staticfiles.storage.StaticFilesStorage"
)
# A connection opened by a live-server thread must not outlive it and hold the test database.
os.environ.setdefault("DATABASE_CONN_MAX_AGE", "0")
# Tests own their cache; a developer's CACHE_URL from .env must not leak into them.
os.environ.setdefault("CACHE_URL", "locmemcache://tests")
