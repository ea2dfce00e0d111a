"""A tiny URLconf that counts renders, so page-cache tests don't depend on the real pages."""

import threading

from django.http import HttpResponse
from django.urls import path

from frameworks.models import Framework

renders = []
# The slow page holds its render until the test says so, so concurrent misses overlap.
release_slow_render = threading.Event()
SLOW_RENDER_LIMIT_SECONDS = 5


def framework_names(request):
    renders.append(request.get_full_path())
    names = ", ".join(Framework.objects.values_list("name", flat=True))
    return HttpResponse(f"<!doctype html><title>t</title><p>{names}</p>" + "x" * 2000)


def tiny(request):
    renders.append(request.get_full_path())
    return HttpResponse("small")


def sets_cookie(request):
    renders.append(request.get_full_path())
    response = HttpResponse("with cookie")
    response.set_cookie("flavour", "oat")
    return response


def missing(request):
    renders.append(request.get_full_path())
    return HttpResponse("gone", status=404)


def slow(request):
    renders.append(request.get_full_path())
    release_slow_render.wait(SLOW_RENDER_LIMIT_SECONDS)
    return HttpResponse("slow page " + "x" * 2000)


def slow_missing(request):
    renders.append(request.get_full_path())
    release_slow_render.wait(SLOW_RENDER_LIMIT_SECONDS)
    return HttpResponse("gone", status=404)


urlpatterns = [
    path("slow/", slow),
    path("slow-missing/", slow_missing),
    path("names/", framework_names),
    path("tiny/", tiny),
    path("cookie/", sets_cookie),
    path("missing/", missing),
    path("healthz", tiny),
]
