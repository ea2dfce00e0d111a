"""Whole-page caching for anonymous readers that is never stale.

Every cached page is stored under the current content revision token (see
`ContentRevision`). A content change commits a new token in the same transaction, so the
next request of every process, on every instance, looks for pages under the new token and
renders them afresh: no purge, no expiry window, nothing stale. Reading the token is the one
query a cached page costs; it also gives the page its validators, so a revalidation is
answered `304 Not Modified` before any page is looked up or rendered.

The cache is an accelerator, never a dependency: when the cache server fails, pages are
rendered from the database and the cache is left alone for a few seconds. When the database
fails, the last token this process saw still finds the pages cached before the outage.
"""

import functools
import gzip
import hashlib
import logging
import time
from dataclasses import dataclass
from datetime import UTC, datetime

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import HttpResponse, HttpResponseNotModified
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.http import http_date, parse_etags, parse_http_date_safe

from frameworks.models import ContentRevision

logger = logging.getLogger(__name__)

KEY_PREFIX = "page"
# Below this size gzip saves too little to pay for its header and the client's work.
GZIP_MIN_SIZE = 1024
CACHE_RETRY_AFTER_SECONDS = 5.0
STORED_HEADERS = ("Content-Type", "Content-Language", "Link")
EPOCH = datetime.fromtimestamp(0, tz=UTC)


@dataclass(frozen=True)
class Revision:
    token: str
    changed_at: datetime


# The last revision this process read: while the database is down, it still finds the pages
# cached before the outage. (Rebinding a name is atomic, so threads need no lock.)
_last_seen_revision = None


@functools.cache
def _revision_query(vendor):
    """The revision lookup's SQL, compiled by the ORM once per database kind.

    This query runs on every cached page and every revalidation; compiling it anew each time
    cost more than running it.
    """
    query = ContentRevision.objects.filter(pk=1).values_list("token", "changed_at").query
    return query.get_compiler(connection=connection).as_sql()


def _read_revision():
    sql, params = _revision_query(connection.vendor)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    if row is None:
        return Revision("initial", EPOCH)
    token, changed_at = row
    if timezone.is_naive(changed_at):  # Stored in UTC where the database has no time zones.
        changed_at = changed_at.replace(tzinfo=UTC)
    return Revision(token, changed_at)


def current_revision():
    """The content revision now, or the last one seen if the database cannot say."""
    global _last_seen_revision
    try:
        _last_seen_revision = _read_revision()
    except DatabaseError:
        logger.warning("Content revision unavailable; using the last one seen", exc_info=True)
    return _last_seen_revision


class _GuardedCache:
    """The cache, or nothing for a few seconds after it failed: a dead server costs no waits."""

    def __init__(self):
        self._down_until = 0.0

    def _available(self):
        return time.monotonic() >= self._down_until

    def _failed(self, operation):
        logger.warning("Page cache %s failed; serving from the database", operation, exc_info=True)
        self._down_until = time.monotonic() + CACHE_RETRY_AFTER_SECONDS

    def get(self, key):
        if not self._available():
            return None
        try:
            return cache.get(key)
        except Exception:  # Any client error (connection, timeout, protocol) means "no page".
            self._failed("read")
            return None

    def set(self, key, value):
        if not self._available():
            return
        try:
            cache.set(key, value)
        except Exception:
            self._failed("write")


guarded_cache = _GuardedCache()


@dataclass(frozen=True)
class CachedPage:
    status: int
    headers: tuple
    body: bytes
    gzipped_body: bytes | None

    @classmethod
    def from_response(cls, response):
        headers = tuple(
            (name, response[name]) for name in STORED_HEADERS if response.has_header(name)
        )
        body = response.content
        gzipped = (
            gzip.compress(body, compresslevel=6, mtime=0) if len(body) >= GZIP_MIN_SIZE else None
        )
        return cls(response.status_code, headers, body, gzipped)

    def to_response(self, *, use_gzip):
        response = HttpResponse(status=self.status)
        for name, value in self.headers:
            response[name] = value
        if use_gzip and self.gzipped_body is not None:
            response.content = self.gzipped_body
            response["Content-Encoding"] = "gzip"
        else:
            response.content = self.body
        # CommonMiddleware, which would add it, sits below this one and never sees the hit.
        response["Content-Length"] = str(len(response.content))
        return response


def accepts_gzip(request):
    return "gzip" in request.headers.get("Accept-Encoding", "").lower()


def page_identity(request):
    """What a page depends on besides the content: its host (canonical links name it) and URL."""
    return f"{request.get_host()}|{request.get_full_path()}"


def etag_for(revision, request, *, gzipped):
    digest = hashlib.blake2b(
        f"{revision.token}|{page_identity(request)}".encode(), digest_size=12
    ).hexdigest()
    return f'"{digest}{"-gz" if gzipped else ""}"'


def cache_key_for(revision, request):
    digest = hashlib.blake2b(page_identity(request).encode(), digest_size=16).hexdigest()
    return f"{KEY_PREFIX}:{revision.token}:{digest}"


def is_not_modified(request, revision):
    """RFC 9110's order: If-None-Match decides when present, else If-Modified-Since.

    Either encoding's ETag matches: both name the same revision of the same URL.
    """
    if_none_match = request.headers.get("If-None-Match")
    if if_none_match is not None:
        given = {tag.removeprefix("W/") for tag in parse_etags(if_none_match)}
        ours = {etag_for(revision, request, gzipped=gzipped) for gzipped in (False, True)}
        return "*" in given or bool(given & ours)
    if_modified_since = parse_http_date_safe(request.headers.get("If-Modified-Since", ""))
    return (
        if_modified_since is not None and int(revision.changed_at.timestamp()) <= if_modified_since
    )


def add_validators(response, revision, etag):
    response["ETag"] = etag
    response["Last-Modified"] = http_date(revision.changed_at.timestamp())
    # Browsers may keep the page but must ask first: a cheap 304 while nothing changed.
    response["Cache-Control"] = "no-cache"
    patch_vary_headers(response, ("Accept-Encoding", "Cookie"))


class PageCacheMiddleware:
    """Serves anonymous GETs of public pages from the cache, with conditional GET."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.excluded_prefixes = tuple(
            f"/{prefix.strip('/')}/"
            for prefix in (settings.ADMIN_URL, settings.STATIC_URL)
            if prefix.strip("/")
        ) + ("/healthz", "/readyz")

    def __call__(self, request):
        if not self.applies_to(request):
            return self.get_response(request)
        revision = current_revision()
        if revision is None:
            return self.get_response(request)

        use_gzip = accepts_gzip(request)
        if is_not_modified(request, revision):
            response = HttpResponseNotModified()
            add_validators(response, revision, etag_for(revision, request, gzipped=use_gzip))
            return response

        key = cache_key_for(revision, request)
        page = guarded_cache.get(key)
        if page is None:
            response = self.get_response(request)
            if not self.is_cacheable(response):
                return response
            page = CachedPage.from_response(response)
            guarded_cache.set(key, page)

        gzipped = use_gzip and page.gzipped_body is not None
        response = page.to_response(use_gzip=gzipped)
        add_validators(response, revision, etag_for(revision, request, gzipped=gzipped))
        return response

    def applies_to(self, request):
        return (
            settings.PAGE_CACHE_ENABLED
            and request.method in ("GET", "HEAD")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and not request.path.startswith(self.excluded_prefixes)
        )

    @staticmethod
    def is_cacheable(response):
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and "private" not in response.get("Cache-Control", "")
            and not response.has_header("Content-Encoding")
        )
