"""What every reader page shares, in both apps: what its <head> says (`PageMeta`), the 404
whose message is written for readers, and GET and HEAD only with a 405 page in the layout."""

from dataclasses import dataclass
from functools import wraps

from django.http import Http404
from django.shortcuts import render

SAFE_METHODS = ("GET", "HEAD")


@dataclass(frozen=True)
class PageMeta:
    """What the layout's <head> says about the page."""

    title: str
    description: str
    canonical_url: str
    og_type: str = "website"
    noindex: bool = False


class ReaderNotFound(Http404):
    """A 404 whose message is written for readers: the 404 page shows it (in production
    too), where other 404 messages may be internal and are not shown."""


def require_safe(view):
    """Like Django's `require_safe`, but the 405 is a page in the site's layout, not an
    empty body: a reader whose browser re-posts a form gets words and links."""

    @wraps(view)
    def only_safe_methods(request, *args, **kwargs):
        if request.method not in SAFE_METHODS:
            response = render(request, "405.html", {"method": request.method[:20]}, status=405)
            response["Allow"] = ", ".join(SAFE_METHODS)
            return response
        return view(request, *args, **kwargs)

    return only_safe_methods
