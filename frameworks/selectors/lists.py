"""The home page, the list of frameworks, and the curated comparisons (feed, sitemap)."""

from collections import defaultdict
from collections.abc import Iterator, Sequence

from django.db.models import F, Prefetch, QuerySet
from django.db.models.functions import Coalesce, Lower

from frameworks.models import (
    Comparison,
    ComparisonEntry,
    Framework,
    curated_compare_url,
    language_list_url,
    previews_drafts,
)
from frameworks.pages import (
    ComparisonLink,
    FrameworkLink,
    HomePage,
    LanguageGroup,
)
from frameworks.selectors.profiles import User
from frameworks.selectors.search import search_frameworks

HOME_CARDS = 12


def comparison_links(*, entries: QuerySet[ComparisonEntry], user: User) -> Iterator[ComparisonLink]:
    """Curated comparisons from their entries: one query, URLs from the framework slugs.

    The public sees a curated comparison only when it and all its frameworks are published.
    """
    staff = previews_drafts(user)
    if not staff:
        entries = entries.filter(comparison__is_published=True)
    rows = entries.order_by("-comparison__updated_on", "comparison__title", "order", "pk")
    grouped = defaultdict(list)
    for row in rows.values_list(
        "comparison_id",
        "comparison__title",
        "comparison__is_published",
        "comparison__updated_on",
        "framework__slug",
        "framework__name",
        "framework__is_published",
        named=True,
    ):
        grouped[row.comparison_id].append(row)
    for members in grouped.values():
        all_published = all(member.framework__is_published for member in members)
        if not staff and not all_published:
            continue
        url = curated_compare_url(member.framework__slug for member in members)
        if url is None:
            continue
        first = members[0]
        yield ComparisonLink(
            title=first.comparison__title,
            url=url,
            names=tuple(member.framework__name for member in members),
            is_published=first.comparison__is_published and all_published,
            updated_on=first.comparison__updated_on,
        )


# --- Home and lists ----------------------------------------------------------------------


def home_page(*, user: User) -> HomePage:
    """Framework cards, the picker's choices and the featured comparisons: two queries."""
    frameworks = list(
        Framework.objects.visible_to(user)
        .order_by(Lower("name"))
        .values_list("name", "slug", "tagline", "language", "is_published", named=True)
    )
    # Only the cards link to the frameworks' pages: 500 choices need no reversed URL.
    cards = tuple(
        FrameworkLink(
            name=card.name,
            slug=card.slug,
            url=Framework(slug=card.slug).get_absolute_url(),
            tagline=card.tagline,
            language=card.language,
            is_published=card.is_published,
        )
        for card in frameworks[:HOME_CARDS]
    )
    featured = ComparisonEntry.objects.filter(comparison__is_featured=True)
    return HomePage(
        cards=cards,
        framework_count=len(frameworks),
        languages=language_groups(frameworks),
        featured=tuple(comparison_links(entries=featured, user=user)),
    )


def in_languages(frameworks, languages):
    """(every language of `frameworks`, for the filter; those in `languages`, or all if none)."""
    offered = tuple(sorted({framework.language for framework in frameworks}))
    if not languages:
        return offered, frameworks
    return offered, [framework for framework in frameworks if framework.language in languages]


def language_groups(frameworks) -> tuple[LanguageGroup, ...]:
    """The frameworks by language, the one with most frameworks first, then by name."""
    by_language = defaultdict(list)
    for row in frameworks:
        by_language[row.language].append(FrameworkLink(name=row.name, slug=row.slug))
    return tuple(
        LanguageGroup(
            language=language,
            url=language_list_url(language),
            choices=tuple(choices),
        )
        for language, choices in sorted(
            by_language.items(), key=lambda item: (-len(item[1]), item[0].casefold())
        )
    )


def framework_list(
    *, user: User, query: str = "", languages: Sequence[str] = ()
) -> tuple[Sequence, tuple]:
    """What /frameworks/ lists (paginated by the view) and the languages to filter by.

    Without a query, every framework by name (a QuerySet); with one, the search's hits, most
    relevant first, each saying why it matched (frameworks.selectors.search).
    """
    frameworks = Framework.objects.visible_to(user).order_by(Lower("name"))
    offered = tuple(frameworks.order_by("language").values_list("language", flat=True).distinct())
    chosen = tuple(languages)
    if query:
        return search_frameworks(user=user, query=query, languages=chosen), offered
    if chosen:
        frameworks = frameworks.filter(language__in=chosen)
    return frameworks.values("name", "slug", "tagline", "language", "is_published"), offered


def published_comparisons(*, limit: int | None = None) -> list[Comparison]:
    """Curated comparisons the public may read, newest update first, each with its `url`.

    For the feed and the sitemap: two queries, however many comparisons.
    """
    comparisons = (
        Comparison.objects.published()
        .exclude(entries__framework__is_published=False)
        .annotate(last_change=Coalesce("updated_on", "published_on"))
        .order_by(F("last_change").desc(nulls_last=True), "title")
        .prefetch_related(
            Prefetch(
                "entries",
                queryset=ComparisonEntry.objects.select_related("framework").order_by(
                    "order", "pk"
                ),
            )
        )
    )
    if limit is not None:
        comparisons = comparisons[:limit]
    result = []
    for comparison in comparisons:
        comparison.url = comparison.get_absolute_url()
        if comparison.url is not None:
            result.append(comparison)
    return result
