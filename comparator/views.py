"""Site-wide views: health probes and the error pages."""

import sys

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.views.decorators.cache import never_cache

from frameworks.readers import ReaderNotFound

READINESS_KEY = "readyz-probe"


@never_cache
def healthz(request):
    """Liveness: the process answers. Touches nothing else, so it is the cheapest view."""
    return HttpResponse("ok", content_type="text/plain")


@never_cache
def readyz(request):
    """Readiness: 200 when the database and the cache both answer, 503 with which failed."""
    checks = {"database": _database_answers(), "cache": _cache_answers()}
    body = "\n".join(f"{name}: {'ok' if ok else 'unavailable'}" for name, ok in checks.items())
    return HttpResponse(
        body, content_type="text/plain", status=200 if all(checks.values()) else 503
    )


def _database_answers():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        return False


def _cache_answers():
    try:
        cache.set(READINESS_KEY, "ok", timeout=10)
        return cache.get(READINESS_KEY) == "ok"
    except Exception:  # Any client error of any cache backend means "not ready".
        return False


def server_error(request, template_name="500.html"):
    """The 500 page; a database outage gets the friendlier 503, which asks to retry soon.

    Rendered without a request context: whatever failed must not fail again here.
    """
    if isinstance(sys.exc_info()[1], DatabaseError):
        response = HttpResponse(loader.render_to_string("503.html"), status=503)
        response["Retry-After"] = "30"
        return response
    return HttpResponseServerError(loader.render_to_string(template_name))


def page_not_found(request, exception, template_name="404.html"):
    """The 404 page, saying why where a view knows it in words meant for readers (an
    unknown framework, a comparison of one or five); other messages stay unsaid."""
    reason = str(exception) if isinstance(exception, ReaderNotFound) else ""
    return render(request, template_name, {"reason": reason}, status=404)


def csrf_failure(request, reason=""):
    """A form posted without a valid CSRF token: the site's own 403 page, saying what to do."""
    return render(request, "403_csrf.html", status=403)
