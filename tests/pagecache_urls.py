"""A tiny URLconf that counts renders, so page-cache tests don't depend on the real pages."""

from django.http import HttpResponse
from django.urls import path

from frameworks.models import Framework

renders = []


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


urlpatterns = [
    path("names/", framework_names),
    path("tiny/", tiny),
    path("cookie/", sets_cookie),
    path("missing/", missing),
    path("healthz", tiny),
]
