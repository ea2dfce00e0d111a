"""The reader pages. Thin: parse the URL, ask a selector (frameworks.selectors), render.

The page objects come from frameworks/pages.py; the templates are templates/frameworks/.
The JSON exports are shaped in frameworks/json_data.py, the JSON-LD in structured_data.py.

Public pages are cached whole for anonymous readers (frameworks.pagecache), so they must
render the same for every anonymous reader: no CSRF token, no cookies, no messages.
"""

from urllib.parse import urlencode

from django.core.paginator import InvalidPage, Paginator
from django.http import (
    Http404,
    HttpResponsePermanentRedirect,
    HttpResponseRedirect,
    JsonResponse,
)
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse

from frameworks import json_data, selectors, structured_data
from frameworks.comparepaths import SLUG, is_canonical, parse_compare_path
from frameworks.decide import MAX_NEEDS, needs_query
from frameworks.models import (
    MAX_COMPARED,
    MAX_WEIGHT,
    MIN_COMPARED,
    Framework,
    canonical_compare_path,
    compare_url,
)
from frameworks.pages import language_phrase
from frameworks.readers import PageMeta, ReaderNotFound, require_safe
from frameworks.rubric import rubric_categories

FRAMEWORKS_PER_PAGE = 24
MAX_QUERY_LENGTH = 100
# More languages than a reader ticks; a link asking for more is cut, not refused.
MAX_LANGUAGES = 12
ONLY_DIFFERENCES = "differences"


def _absolute(request, path):
    return request.build_absolute_uri(path)


# --- Home and lists ----------------------------------------------------------------------


@require_safe
def home(request):
    return _render_home(request)


def _render_home(request, *, picked=(), error="", status=200):
    page = selectors.home_page(user=request.user)
    url = _absolute(request, reverse("frameworks:home"))
    context = {
        "page": page,
        "picked": picked,
        "picker_error": error,
        "structured_data": structured_data.website_data(url=url),
        "meta": PageMeta(
            title="Comparator: web frameworks compared side by side",
            description=(
                "Compare web frameworks side by side: typed, dated and sourced facts, pros and "
                "cons, use cases, companies and metrics. Pick any 2 to 4 frameworks."
            ),
            canonical_url=url,
        ),
    }
    return render(request, "frameworks/home.html", context, status=status)


def _fit_for_database(value):
    """A query-string value bounded, and without NUL characters, which PostgreSQL cannot
    store or compare (it would fail the query rather than match nothing)."""
    return value.replace("\x00", "").strip()[:MAX_QUERY_LENGTH]


def _text_parameter(request, name):
    return _fit_for_database(request.GET.get(name, ""))


def _languages_parameter(request):
    """The languages to filter by (`?language=Ruby&language=PHP`), each once, each bounded."""
    chosen = map(_fit_for_database, request.GET.getlist("language")[:MAX_LANGUAGES])
    return tuple(dict.fromkeys(filter(None, chosen)))


@require_safe
def framework_list(request):
    query = _text_parameter(request, "q")
    chosen = _languages_parameter(request)
    frameworks, languages = selectors.framework_list(
        user=request.user, query=query, languages=chosen
    )
    paginator = Paginator(frameworks, FRAMEWORKS_PER_PAGE)
    try:
        page_obj = paginator.page(request.GET.get("page") or 1)
    except InvalidPage as error:
        raise Http404("No such page of frameworks.") from error
    filters = {key: value for key, value in (("q", query), ("language", chosen)) if value}
    path = reverse("frameworks:framework_list")
    canonical = {**({"language": chosen} if chosen else {})}
    if page_obj.number > 1:
        canonical["page"] = page_obj.number
    context = {
        "page_obj": page_obj,
        "frameworks": page_obj.object_list,
        "languages": languages,
        "query": query,
        "chosen_languages": chosen,
        "language_phrase": language_phrase(chosen),
        "filter_query": urlencode(filters, doseq=True),
        "meta": PageMeta(
            title=_list_title(query, language_phrase(chosen), page_obj),
            description="Every framework on Comparator, with its language and what it is for.",
            canonical_url=_absolute(
                request, f"{path}?{urlencode(canonical, doseq=True)}" if canonical else path
            ),
            # Search results are endless variations of the same list.
            noindex=bool(query),
        ),
    }
    return render(request, "frameworks/framework_list.html", context)


def _list_title(query, language, page_obj):
    title = f"{language} frameworks" if language else "All frameworks"
    if query:
        title = f"Frameworks matching “{query}”"
    if page_obj.number > 1:
        title += f", page {page_obj.number}"
    return f"{title} · Comparator"


# --- Framework ---------------------------------------------------------------------------


@require_safe
def framework_detail(request, slug):
    if slug != slug.lower():
        return HttpResponsePermanentRedirect(
            reverse("frameworks:framework_detail", kwargs={"slug": slug.lower()})
        )
    framework = Framework.objects.visible_to(request.user).filter(slug=slug).first()
    if framework is None:
        raise ReaderNotFound(f"There is no framework called “{slug}” on Comparator.")
    page = selectors.framework_page(framework=framework, user=request.user)
    url = _absolute(request, page.framework.url)
    profile = page.framework
    context = {
        "page": page,
        "framework": profile,
        "structured_data": structured_data.framework_data(page, url=url),
        "meta": PageMeta(
            title=f"{profile.name}: facts, pros and cons, comparisons · Comparator",
            description=_framework_description(profile),
            canonical_url=url,
            og_type="article",
        ),
    }
    return render(request, "frameworks/framework_detail.html", context)


def _framework_description(profile):
    lead = profile.tagline or f"{profile.name}, a {profile.language} framework"
    return (
        f"{lead.rstrip('.')}. Key facts, features, pros and cons, use cases, companies using "
        f"{profile.name} and how it compares with other frameworks."
    )


# --- Comparison --------------------------------------------------------------------------


def _differences_query(request):
    """What a redirect to the canonical comparison keeps of the query: the view (only the
    differences) and the reader's needs."""
    kept = [f"only={ONLY_DIFFERENCES}"] if _only_differences(request) else []
    kept.append(needs_query(_asked(request, "need"), _asked(request, "want")))
    query = "&".join(part for part in kept if part)
    return f"?{query}" if query else ""


def _asked(request, name):
    """The reader's needs (or wants) in the query, as many as the decision helper takes."""
    return [slug for slug in request.GET.getlist(name) if slug.strip()][:MAX_NEEDS]


def _only_differences(request):
    return request.GET.get("only") == ONLY_DIFFERENCES


def _comparison(request, slugs):
    """The page data, or the redirect to the canonical path (alphabetical slugs)."""
    parts = parse_compare_path(slugs)
    # No ORDER BY: the selector puts the columns in canonical order itself.
    frameworks = list(Framework.objects.visible_to(request.user).filter(slug__in=parts).order_by())
    if len(frameworks) != len(parts):
        known = {framework.slug for framework in frameworks}
        unknown = [part for part in parts if part not in known]
        raise ReaderNotFound(
            f"There is no framework called “{'”, “'.join(unknown)}” on Comparator."
            if len(unknown) == 1
            else f"There are no frameworks called “{'”, “'.join(unknown)}” on Comparator."
        )
    if not is_canonical(slugs, parts):
        return None, canonical_compare_path(parts)
    page = selectors.comparison_page(
        frameworks=frameworks,
        user=request.user,
        only_differences=_only_differences(request),
        needs=_asked(request, "need"),
        wants=_asked(request, "want"),
    )
    return page, None


@require_safe
def compare(request, slugs):
    page, canonical_slugs = _comparison(request, slugs)
    if page is None:
        url = reverse("frameworks:compare", kwargs={"slugs": canonical_slugs})
        return HttpResponsePermanentRedirect(url + _differences_query(request))
    url = _absolute(request, page.url)
    context = {
        "page": page,
        "all_url": page.url,
        "differences_url": f"{page.url}?only={ONLY_DIFFERENCES}",
        "json_url": reverse(
            "frameworks:compare_json", kwargs={"slugs": canonical_compare_path(page.slugs)}
        ),
        "structured_data": structured_data.comparison_data(
            page, url=url, absolute=lambda path: _absolute(request, path)
        ),
        "meta": PageMeta(
            title=f"{page.title} · Comparator",
            description=page.description,
            # The differences view is the same comparison, shorter.
            canonical_url=url,
            og_type="article",
        ),
    }
    return render(request, "frameworks/comparison_detail.html", context)


@require_safe
def compare_json(request, slugs):
    page, canonical_slugs = _comparison(request, slugs)
    if page is None:
        url = reverse("frameworks:compare_json", kwargs={"slugs": canonical_slugs})
        return HttpResponsePermanentRedirect(url + _differences_query(request))
    return JsonResponse(json_data.comparison_json(page), json_dumps_params={"ensure_ascii": False})


@require_safe
def compare_picker(request):
    """The picker's GET form: 301 to the canonical comparison, or the home with the problem."""
    picked = [slug for slug in request.GET.getlist("frameworks") if slug.strip()]
    if "frameworks" not in request.GET:
        return HttpResponseRedirect(reverse("frameworks:home") + "#compare")
    error = _picker_error(request, picked)
    if error:
        return _render_home(request, picked=tuple(picked), error=error, status=400)
    return HttpResponsePermanentRedirect(compare_url(picked) + _differences_query(request))


def _picker_error(request, picked):
    count = len(set(picked))
    if count != len(picked):
        return "Choose each framework only once."
    if not MIN_COMPARED <= count <= MAX_COMPARED:
        return f"Choose between 2 and 4 frameworks to compare; you chose {count}."
    if not all(SLUG.fullmatch(slug) for slug in picked):
        return "One of the chosen frameworks does not exist."
    known = Framework.objects.visible_to(request.user).filter(slug__in=picked).count()
    if known != count:
        return "One of the chosen frameworks does not exist."
    return ""


# --- Finding a framework: the decision helper and the category grids ---------------------


def _page_number(request):
    return request.GET.get("page") or 1


def _choice_error(request, *, title, message, links, status=400):
    """A styled page that says what was wrong with a form's choice, and where to go."""
    context = {
        "title": title,
        "message": message,
        "links": links,
        "meta": PageMeta(
            title=f"{title} · Comparator",
            description=message,
            canonical_url=_absolute(request, request.path),
            noindex=True,
        ),
    }
    return render(request, "frameworks/choice_error.html", context, status=status)


def _decide(request):
    """The decision page's data, or what makes the question one nobody can ask (a 400)."""
    needs, wants = request.GET.getlist("need"), request.GET.getlist("want")
    if len(needs) > MAX_NEEDS or len(wants) > MAX_NEEDS:
        return None, (
            f"Choose at most {MAX_NEEDS} must-haves and {MAX_NEEDS} nice-to-haves; "
            f"this link asks for {len(needs)} and {len(wants)}."
        )
    try:
        page = selectors.decide_page(
            needs=needs,
            wants=wants,
            languages=_languages_parameter(request),
            page=_page_number(request),
        )
    except InvalidPage as error:
        raise Http404("No such page of results.") from error
    return page, None


@require_safe
def decide(request):
    page, error = _decide(request)
    if error:
        return _choice_error(
            request,
            title="Too many needs",
            message=error,
            links=(("Start again", reverse("frameworks:decide")),),
        )
    path = reverse("frameworks:decide")
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "page": page,
        "filter_query": query.urlencode(),
        "json_url": f"{reverse('frameworks:decide_json')}?{request.GET.urlencode()}",
        "meta": PageMeta(
            title="Which framework fits? Rank them by what you need · Comparator"
            if not page.asked
            else f"Frameworks ranked for {_listed([c.name for c in page.needs + page.wants])}"
            " · Comparator",
            description="Tick the capabilities you need and get every framework ranked, each "
            "with its reasons: the typed, sourced value for each need.",
            canonical_url=_absolute(request, path),
            # Rankings are endless variations of the same form.
            noindex=page.asked,
        ),
    }
    return render(request, "frameworks/decide.html", context)


def _listed(names):
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


@require_safe
def decide_json(request):
    page, error = _decide(request)
    if error:
        return JsonResponse({"error": error}, status=400)
    return JsonResponse(json_data.decide_json_data(page), json_dumps_params={"ensure_ascii": False})


@require_safe
def feature_index(request):
    path = reverse("frameworks:feature_index")
    context = {
        "categories": selectors.feature_categories(),
        "meta": PageMeta(
            title="Every feature, every framework: grids by category · Comparator",
            description="Each category of features as one grid of every framework: typed, "
            "sourced values, sortable by any feature.",
            canonical_url=_absolute(request, path),
        ),
    }
    return render(request, "frameworks/feature_index.html", context)


def _grid(request, category):
    try:
        page = selectors.grid_page(
            category=category,
            sort=_text_parameter(request, "sort"),
            languages=_languages_parameter(request),
            transpose=request.GET.get("transpose") == "1",
            page=_page_number(request),
        )
    except InvalidPage as error:
        raise Http404("No such page of frameworks.") from error
    if page is None:
        raise Http404("No such category of features.")
    return page


@require_safe
def feature_grid(request, category):
    page = _grid(request, category)
    canonical = {"page": page.page_obj.number} if page.page_obj.number > 1 else {}
    url = page.category.url
    title = f"{page.category.name}: every framework, feature by feature"
    if page.page_obj.number > 1:
        title += f", page {page.page_obj.number}"
    context = {
        "page": page,
        "json_url": reverse("frameworks:feature_grid_json", kwargs={"category": category})
        + (f"?{request.GET.urlencode()}" if request.GET else ""),
        "meta": PageMeta(
            title=f"{title} · Comparator",
            description=f"{page.category.name} of every framework in one grid: "
            + ", ".join(column.name for column in page.columns)
            + ". Typed, sourced and dated values.",
            canonical_url=_absolute(request, f"{url}?{urlencode(canonical)}" if canonical else url),
        ),
    }
    return render(request, "frameworks/feature_grid.html", context)


@require_safe
def feature_grid_json(request, category):
    return JsonResponse(
        json_data.feature_grid_data(_grid(request, category)),
        json_dumps_params={"ensure_ascii": False},
    )


@require_safe
def grid_compare(request):
    """The grids' "compare these" form: to the canonical comparison, or what was wrong."""
    picked = [slug for slug in request.GET.getlist("frameworks") if slug.strip()]
    error = _picker_error(request, picked)
    if error:
        back = request.GET.get("category", "")
        links = [("All feature grids", reverse("frameworks:feature_index"))]
        if SLUG.fullmatch(back):
            links.insert(
                0,
                (
                    "Back to the grid",
                    reverse("frameworks:feature_grid", kwargs={"category": back}),
                ),
            )
        return _choice_error(
            request, title="Choose 2 to 4 frameworks", message=error, links=tuple(links)
        )
    # Not permanent, unlike the home picker's: which frameworks exist changes with content.
    return HttpResponseRedirect(compare_url(picked))


# --- Site files --------------------------------------------------------------------------


@require_safe
def robots_txt(request):
    context = {"sitemap_url": _absolute(request, reverse("frameworks:sitemap"))}
    return render(request, "robots.txt", context, content_type="text/plain; charset=utf-8")


@require_safe
def favicon(request):
    """Browsers and crawlers ask for /favicon.ico whatever the page says: send them the SVG."""
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))


# --- How we rate --------------------------------------------------------------------------


@require_safe
def how_we_rate(request):
    context = {
        "categories": rubric_categories(),
        "max_weight": MAX_WEIGHT,
        "meta": PageMeta(
            title="How we rate: what Yes, Partial, Via extension and No mean · Comparator",
            description="The rules behind every rating on Comparator, in general and feature "
            "by feature, and how a comparison's key differences are chosen.",
            canonical_url=_absolute(request, reverse("frameworks:how_we_rate")),
        ),
    }
    return render(request, "frameworks/how_we_rate.html", context)
