from django.http import Http404, HttpResponse


def home(request):
    return HttpResponse("Comparator")


def framework_detail(request, slug):
    raise Http404


def compare(request, slugs):
    raise Http404
