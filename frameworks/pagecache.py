"""Whole-page caching for anonymous readers that is never stale, and renders a page once.

A cached page is stored under the revisions of the parts of the content it shows (see
`ContentRevision`): each framework's own content (`framework:<slug>`: its row, values,
pros, metrics…), the content every page may show (`shared`: features, categories,
companies, curated comparisons), the names and links of the published frameworks
(`directory`) and what the lists show (`listing`). Which parts a page shows follows from its
URL, so it is known before the page is looked up (`page_dependencies`):

- a comparison (`/compare/a-vs-b/`, its `.json`, its change log and the log's feed): shared
  + those frameworks; it links to nothing but the frameworks it compares;
- a framework's change log: shared + that framework;
- a framework's page: shared + that framework + directory, because it also links to the
  other published frameworks by name (compare links, the picker);
- every other page (home, lists, search, the picker, sitemaps, the feed, unknown URLs,
  and the decision helper and the feature grids, which show every framework's values):
  shared + listing, which every change to any framework replaces.

A write commits new tokens for the parts it touched in its own transaction
(`frameworks.signals`), so the next request of every process, on every instance, looks for
exactly the pages that show the change under new keys and renders them afresh: no purge, no
expiry window, nothing stale, and the pages that don't show the change stay cached. Reading
a page's revisions is one small query (`SELECT … WHERE key IN (…)`), the one query a cached
page costs; they also give the page its validators, so a revalidation is answered
`304 Not Modified` before any page is looked up or rendered. Reading never creates rows: a
part that has never changed reads as "initial".

To put a new content model under this scheme, give it one line in
`frameworks.signals.REVISION_SCOPES`: the path from a row to its framework
(`"value__framework"`), or `SHARED`. A new kind of page that shows other frameworks than
the ones in its URL needs its rule in `page_dependencies`.

When many requests miss the same page at once, one renders it under a short lock in the
shared cache (`cache.add`) while the others poll briefly for its result; after
`RENDER_WAIT_SECONDS` they render anyway, so a lost lock holder never hangs anyone.

The cache is an accelerator, never a dependency: when the cache server fails, pages are
rendered from the database and the cache is left alone for a few seconds. When the database
fails, the last revisions this process saw still find the pages cached before the outage.
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
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connection, connections
from django.http import HttpResponse, HttpResponseNotModified
from django.urls import Resolver404, get_urlconf, resolve
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.http import http_date, parse_etags, parse_http_date_safe

from frameworks.comparepaths import compare_slugs
from frameworks.models import ContentRevision

logger = logging.getLogger(__name__)

KEY_PREFIX = "page"
# Below this size gzip saves too little to pay for its header and the client's work.
GZIP_MIN_SIZE = 1024
CACHE_RETRY_AFTER_SECONDS = 5.0
STORED_HEADERS = ("Content-Type", "Content-Language", "Link")
EPOCH = datetime.fromtimestamp(0, tz=UTC)
# A missed page is rendered by one request at a time: the lock outlives any sane render (so a
# crashed worker frees it), the others poll for the result and give up after a short wait.
RENDER_LOCK_SECONDS = 10
RENDER_WAIT_SECONDS = 2.0
RENDER_POLL_SECONDS = 0.02
RENDERING = "rendering"
# Left in the lock's place by a render that gave no cacheable page (a 404, a redirect).
UNCACHEABLE = "uncacheable"
UNCACHEABLE_SECONDS = 2
VARY_ON = ("Accept-Encoding", "Cookie")
# How old a change must be before a date in whole seconds may stand for it (`is_settled`).
SETTLE_SECONDS = 2.0


@dataclass(frozen=True)
class Revision:
    token: str
    changed_at: datetime


# A part that has never changed has no row yet.
UNCHANGED = ("initial", EPOCH)
# The last revision of each part this process read: while the database is down, they still
# find the pages cached before the outage. Bounded, so crawlers' made-up URLs cannot grow it.
# (Dictionary assignments are atomic, so threads need no lock.)
_last_seen = {}
LAST_SEEN_LIMIT = 20_000


def page_dependencies(request):
    """The parts of the content the page at this URL shows (see the module docstring)."""
    return _dependencies_of(request.path_info, settings.ROOT_URLCONF, get_urlconf())


# A URL's parts follow from the URL patterns alone, so they are resolved once per path (every
# cached page paid for resolving its URL twice). Bounded: crawlers' made-up URLs age out.
@functools.lru_cache(maxsize=8192)
def _dependencies_of(path, root_urlconf, urlconf):
    try:
        match = resolve(path, urlconf)
    except Resolver404:
        return (ContentRevision.SHARED, ContentRevision.LISTING)
    if match.url_name in ("compare", "compare_json", "compare_changes", "compare_changes_feed"):
        # None: not a comparison; its page is an error, never cached.
        slugs = set(compare_slugs(match.kwargs.get("slugs", "")) or ())
        return (ContentRevision.SHARED, *map(ContentRevision.framework_key, sorted(slugs)))
    if match.url_name == "framework_changes":  # its log names no other framework
        return (ContentRevision.SHARED, ContentRevision.framework_key(match.kwargs["slug"]))
    if match.url_name == "framework_detail":
        return (
            ContentRevision.SHARED,
            ContentRevision.DIRECTORY,
            ContentRevision.framework_key(match.kwargs["slug"]),
        )
    return (ContentRevision.SHARED, ContentRevision.LISTING)


@functools.cache
def _revision_query(vendor, count):
    """The lookup of `count` parts' revisions, compiled by the ORM once per database kind.

    This query runs on every cached page and every revalidation; compiling it anew each time
    cost more than running it. Its parameters are the keys, in order.
    """
    placeholders = [f"key-{number}" for number in range(count)]
    query = (
        ContentRevision.objects.filter(key__in=placeholders)
        .values_list("key", "token", "changed_at")
        .order_by()
        .query
    )
    sql, params = query.get_compiler(connection=connection).as_sql()
    if list(params) != placeholders:  # The SQL must take exactly the keys as parameters.
        raise AssertionError(f"Unexpected parameters in the revision query: {params}")
    return sql


def _aware(changed_at):
    if timezone.is_naive(changed_at):  # Stored in UTC where the database has no time zones.
        changed_at = changed_at.replace(tzinfo=UTC)
    return changed_at


def _read_revisions(keys):
    database = connections[DEFAULT_DB_ALIAS]  # once, not through the proxy at every use
    ContentRevision.write_pending(database)  # a request that wrote reads its own writes
    sql = _revision_query(database.vendor, len(keys))
    with database.cursor() as cursor:
        cursor.execute(sql, keys)
        rows = cursor.fetchall()
    found = {key: (token, _aware(changed_at)) for key, token, changed_at in rows}
    return {key: found.get(key, UNCHANGED) for key in keys}


def _combine(parts):
    """One revision for a page: a token naming every part's token, the latest change."""
    token = hashlib.blake2b(
        "|".join(f"{key}={token}" for key, (token, _) in sorted(parts.items())).encode(),
        digest_size=12,
    ).hexdigest()
    return Revision(token, max(changed_at for _, changed_at in parts.values()))


def current_revision(keys):
    """The revision of a page showing these parts, or from the last seen if the database
    cannot say; None when it cannot say and this process never saw one of the parts."""
    keys = list(keys)
    try:
        parts = _read_revisions(keys)
    except DatabaseError:
        logger.warning("Content revisions unavailable; using the last seen", exc_info=True)
        if not all(key in _last_seen for key in keys):
            return None
        parts = {key: _last_seen[key] for key in keys}
    else:
        if len(_last_seen) < LAST_SEEN_LIMIT or all(key in _last_seen for key in keys):
            _last_seen.update(parts)
    return _combine(parts)


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

    def get_many(self, keys):
        if not self._available():
            return {}
        try:
            return cache.get_many(keys)
        except Exception:
            self._failed("read")
            return {}

    def set(self, key, value, timeout=DEFAULT_TIMEOUT):
        if not self._available():
            return
        try:
            cache.set(key, value, timeout)
        except Exception:
            self._failed("write")

    def add(self, key, value, timeout):
        """True if the key was free and is now ours; also True without a cache (no waiting)."""
        if not self._available():
            return True
        try:
            return cache.add(key, value, timeout)
        except Exception:
            self._failed("write")
            return True

    def delete(self, key):
        if not self._available():
            return
        try:
            cache.delete(key)
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


# Headers are read from META: `request.headers` builds a dict of every header first.
def accepts_gzip(request):
    return "gzip" in request.META.get("HTTP_ACCEPT_ENCODING", "").lower()


def page_identity(request):
    """What a page depends on besides the content: its host (canonical links name it) and URL.

    Worked out once per request: its ETag and its cache key both name it.
    """
    identity = getattr(request, "_page_identity", None)
    if identity is None:
        identity = request._page_identity = f"{request.get_host()}|{request.get_full_path()}"
    return identity


def etag_for(revision, request, *, gzipped):
    digest = hashlib.blake2b(
        f"{revision.token}|{page_identity(request)}".encode(), digest_size=12
    ).hexdigest()
    return f'"{digest}{"-gz" if gzipped else ""}"'


def cache_key_for(revision, request):
    digest = hashlib.blake2b(page_identity(request).encode(), digest_size=16).hexdigest()
    return f"{KEY_PREFIX}:{revision.token}:{digest}"


def is_settled(revision):
    """Whether the last change is old enough for a time in whole seconds to tell it apart.

    HTTP dates have one-second resolution: a page served at 12:00:00.3 and changed at
    12:00:00.7 carry the same date. So a date is only given, and only trusted, once the
    change is SETTLE_SECONDS old: any change committed after that falls in a later second
    (revisions are stamped when their transaction commits, to within milliseconds). Until
    then the ETag, which names the revision itself, is the only validator.
    """
    return revision.changed_at.timestamp() <= time.time() - SETTLE_SECONDS


def is_not_modified(request, revision):
    """RFC 9110's order: If-None-Match decides when present, else If-Modified-Since.

    Either encoding's ETag matches: both name the same revision of the same URL.
    """
    if_none_match = request.META.get("HTTP_IF_NONE_MATCH")
    if if_none_match is not None:
        given = {tag.removeprefix("W/") for tag in parse_etags(if_none_match)}
        ours = {etag_for(revision, request, gzipped=gzipped) for gzipped in (False, True)}
        return "*" in given or bool(given & ours)
    if_modified_since = parse_http_date_safe(request.META.get("HTTP_IF_MODIFIED_SINCE", ""))
    return (
        if_modified_since is not None
        and is_settled(revision)
        and int(revision.changed_at.timestamp()) <= if_modified_since
    )


def add_validators(response, revision, etag):
    response["ETag"] = etag
    if is_settled(revision):
        response["Last-Modified"] = http_date(revision.changed_at.timestamp())
    # Browsers may keep the page but must ask first: a cheap 304 while nothing changed.
    response["Cache-Control"] = "no-cache"
    if response.has_header("Vary"):
        patch_vary_headers(response, VARY_ON)
    else:  # A page from the cache, or a 304: the same header every time, without parsing.
        response["Vary"] = ", ".join(VARY_ON)


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
        revision = current_revision(page_dependencies(request))
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
            page, response = self.render_once(request, key)
            if page is None:
                return response

        gzipped = use_gzip and page.gzipped_body is not None
        response = page.to_response(use_gzip=gzipped)
        add_validators(response, revision, etag_for(revision, request, gzipped=gzipped))
        return response

    def render_once(self, request, key):
        """(cached page, None), or (None, response) for a response that is not cached.

        The first request to miss a page takes a short lock and renders it; the others wait
        for its result, polling the cache, and render it themselves only if the lock is
        freed without a page, the page cannot be cached, or the wait is over.
        """
        lock = f"{key}:rendering"
        deadline = time.monotonic() + RENDER_WAIT_SECONDS
        waited = False
        while not guarded_cache.add(lock, RENDERING, RENDER_LOCK_SECONDS):
            waited = True
            found = guarded_cache.get_many([key, lock])
            if key in found:
                return found[key], None
            if found.get(lock) == UNCACHEABLE:
                return self.render(request, key, lock=None)
            if time.monotonic() >= deadline:
                logger.warning("Gave up waiting for another render of %s", request.path)
                return self.render(request, key, lock=None)
            time.sleep(RENDER_POLL_SECONDS)
        if waited:  # The lock was freed while this request slept: by storing the page?
            page = guarded_cache.get(key)
            if page is not None:
                guarded_cache.delete(lock)
                return page, None
        return self.render(request, key, lock=lock)

    def render(self, request, key, *, lock):
        try:
            response = self.get_response(request)
        except BaseException:
            if lock is not None:
                guarded_cache.delete(lock)
            raise
        logger.info("Page cache miss: rendered %s", request.get_full_path())
        if not self.is_cacheable(response):
            if lock is not None:
                # The waiters render their own rather than wait for a page that never comes.
                guarded_cache.set(lock, UNCACHEABLE, UNCACHEABLE_SECONDS)
            return None, response
        page = CachedPage.from_response(response)
        guarded_cache.set(key, page)
        if lock is not None:
            guarded_cache.delete(lock)
        return page, None

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
