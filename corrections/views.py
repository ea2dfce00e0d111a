"""The public change logs, their feed, and the correction form.

The change logs are reader pages like the comparison they belong to: cached whole for
anonymous readers, the same for everyone, no cookies. The correction form is the one page
that takes input: it is never cached, carries Django's CSRF token (so it sets the CSRF
cookie, on this page only) and counts each client's submissions in the shared cache.
"""

import logging
from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import InvalidPage, Paginator
from django.db import transaction
from django.http import Http404, HttpResponsePermanentRedirect, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from corrections import changelog, ratelimit
from corrections.feeds import ComparisonChangesFeed
from corrections.forms import ReportForm, describe_page
from corrections.links import report_url
from frameworks.comparepaths import is_canonical, parse_compare_path
from frameworks.models import Framework, canonical_compare_path
from frameworks.readers import PageMeta

logger = logging.getLogger(__name__)


def _page_number(request):
    """The log page asked for; anything but a positive number is no page at all."""
    raw = request.GET.get("page") or "1"
    if not (raw.isascii() and raw.isdigit()) or raw.startswith("0"):
        raise Http404("No such page of changes.")
    return int(raw)


def _compared_frameworks(request, slugs):
    """The frameworks of a compare path, or the canonical slugs to redirect to (lower case,
    alphabetical), as the comparison itself does."""
    parts = parse_compare_path(slugs)
    frameworks = list(Framework.objects.visible_to(request.user).filter(slug__in=parts).order_by())
    if len(frameworks) != len(parts):
        raise Http404("Unknown framework.")
    if not is_canonical(slugs, parts):
        return None, canonical_compare_path(parts)
    return sorted(frameworks, key=lambda framework: framework.slug), None


def _log_page(*, slugs, number):
    paginator = Paginator(
        changelog.public_changes(framework_slugs=slugs), changelog.ENTRIES_PER_PAGE
    )
    try:
        page_obj = paginator.page(number)  # Page 1 of an empty log exists, and says so.
    except InvalidPage as error:
        raise Http404("No such page of changes.") from error
    return page_obj, changelog.build_changes(page_obj.object_list)


def _render_log(request, *, title, subject_url, subject_name, slugs, feed_url, number, path):
    page_obj, entries = _log_page(slugs=slugs, number=number)
    canonical = path if number == 1 else f"{path}?{urlencode({'page': number})}"
    context = {
        "subject_name": subject_name,
        "subject_url": subject_url,
        "page_obj": page_obj,
        "changes": entries,
        # The article's claims the site corrected: few, listed in full on the first page.
        "corrections": changelog.article_corrections(framework_slugs=slugs) if number == 1 else (),
        "feed_url": feed_url,
        "report_url": report_url(subject_url),
        "meta": PageMeta(
            title=f"{title}{f', page {number}' if number > 1 else ''} · Comparator",
            description=f"Every change to the facts of {subject_name}: when, from what to "
            "what, and why.",
            canonical_url=request.build_absolute_uri(canonical),
        ),
    }
    return render(request, "corrections/change_log.html", context)


@require_safe
def compare_changes(request, slugs):
    number = _page_number(request)
    frameworks, canonical_slugs = _compared_frameworks(request, slugs)
    if frameworks is None:
        url = reverse("corrections:compare_changes", kwargs={"slugs": canonical_slugs})
        return HttpResponsePermanentRedirect(url + (f"?page={number}" if number > 1 else ""))
    names = " vs ".join(framework.name for framework in frameworks)
    canonical = canonical_compare_path([framework.slug for framework in frameworks])
    return _render_log(
        request,
        title=f"What changed in {names}",
        subject_url=reverse("frameworks:compare", kwargs={"slugs": canonical}),
        subject_name=names,
        slugs=[framework.slug for framework in frameworks],
        feed_url=reverse("corrections:compare_changes_feed", kwargs={"slugs": canonical}),
        number=number,
        path=reverse("corrections:compare_changes", kwargs={"slugs": canonical}),
    )


@require_safe
def compare_changes_feed(request, slugs):
    frameworks, canonical_slugs = _compared_frameworks(request, slugs)
    if frameworks is None:
        url = reverse("corrections:compare_changes_feed", kwargs={"slugs": canonical_slugs})
        return HttpResponsePermanentRedirect(url)
    return ComparisonChangesFeed()(request, frameworks=frameworks)


@require_safe
def framework_changes(request, slug):
    number = _page_number(request)
    if slug != slug.lower():
        url = reverse("corrections:framework_changes", kwargs={"slug": slug.lower()})
        return HttpResponsePermanentRedirect(url + (f"?page={number}" if number > 1 else ""))
    framework = get_object_or_404(Framework.objects.visible_to(request.user), slug=slug)
    return _render_log(
        request,
        title=f"What changed in {framework.name}",
        subject_url=framework.get_absolute_url(),
        subject_name=framework.name,
        slugs=[framework.slug],
        feed_url="",
        number=number,
        path=reverse("corrections:framework_changes", kwargs={"slug": framework.slug}),
    )


# --- The correction form ------------------------------------------------------------------


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def report_new(request):
    if request.method != "POST":
        prefilled = {name: request.GET.get(name, "") for name in ReportForm.PREFILLED}
        form = ReportForm(initial={name: value for name, value in prefilled.items() if value})
        form.check_initial()
        return _render_form(request, form)
    form = ReportForm(request.POST)
    if not ratelimit.allow(request):
        return _held_back(request, form, TOO_MANY_FROM_YOU, status=429)
    if not ratelimit.site_allows():
        return _held_back(request, form, TOO_MANY_FOR_EVERYONE, status=503)
    if not form.is_valid():
        return _render_form(request, form, status=400)
    if form.is_trapped():
        # Logged to show the trap works; never what was typed, nor the address.
        logger.info(
            "Report discarded: the spam trap was filled (client %s)", ratelimit.client_key(request)
        )
    else:
        with transaction.atomic():
            form.save()
    # A filled spam trap is thanked like anyone: a bot learns nothing from the answer.
    thanks = reverse("corrections:report_thanks")
    return HttpResponseRedirect(f"{thanks}?{urlencode({'page': form.cleaned_data['page']})}")


@dataclass(frozen=True)
class HeldBack:
    """Why a report was not taken now: the form comes back with what the reader wrote."""

    title: str
    reason: str


TOO_MANY_FROM_YOU = HeldBack(
    "Too many reports for now",
    "Thank you for your help: we have received several reports from your connection in the "
    "last few minutes, which is as many as we take at once.",
)
TOO_MANY_FOR_EVERYONE = HeldBack(
    "Too many reports for now",
    "The editors have received more reports than usual in the last few minutes, so the form "
    "is resting for a while.",
)


def _held_back(request, form, held_back, *, status):
    """The form again, with the reader's text, saying why and how long to wait."""
    response = _render_form(
        request,
        form,
        status=status,
        held_back=held_back,
        wait_minutes=max(1, ratelimit.window_seconds() // 60),
    )
    response["Retry-After"] = str(ratelimit.window_seconds())
    return response


def _render_form(request, form, status=200, **extra):
    context = {
        "form": form,
        "subject": form.subject,
        "meta": PageMeta(
            title=f"{extra['held_back'].title if extra else 'Report a mistake'} · Comparator",
            description="Tell the editors what is wrong on a page, and what is right.",
            canonical_url="",
            noindex=True,
        ),
        **extra,
    }
    return render(request, "corrections/report_form.html", context, status=status)


@never_cache
@require_safe
def report_thanks(request):
    subject = describe_page(request.GET.get("page", ""))
    context = {
        "subject": subject,
        "retention_days": settings.REPORT_EMAIL_RETENTION_DAYS,
        "meta": PageMeta(
            title="Thank you · Comparator",
            description="Your report reached the editors.",
            canonical_url="",
            noindex=True,
        ),
    }
    return render(request, "corrections/report_thanks.html", context)
