"""The sitemap index at /sitemap.xml and its sections.

Every pair of published frameworks has a comparison page: 500 frameworks make 124,750 of
them, so the pairs section is a lazy sequence that Django's sitemap paginator slices, one
page of URLs at a time, without building the whole list.
"""

import itertools
import math

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from frameworks.models import Framework, language_list_url
from frameworks.selectors import feature_categories, published_comparisons
from frameworks.validators import COMPARE_SEPARATOR


def to_the_second(moment):
    """Sitemaps need no microseconds, and a backup restored from JSON keeps only milliseconds:
    whole seconds keep the sitemap identical after a dump and load."""
    return moment.replace(microsecond=0) if moment is not None else None


# Well under the protocol's 50,000: each sitemap page stays quick to render.
PAIRS_PER_PAGE = 10_000


class PagesSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return [
            "frameworks:home",
            "frameworks:framework_list",
            "frameworks:feature_index",
            "frameworks:decide",
            "frameworks:how_we_rate",
        ]

    def location(self, item):
        return reverse(item)


class FeatureGridSitemap(Sitemap):
    """Each category's grid of every framework (its first page; the rest follow by links)."""

    changefreq = "weekly"
    priority = 0.6

    def items(self):
        return list(feature_categories())

    def location(self, category):
        return category.url


class LanguageSitemap(Sitemap):
    """Each language's list of frameworks, where a reader who starts from a language lands."""

    changefreq = "weekly"
    priority = 0.5

    def items(self):
        return list(
            Framework.objects.published()
            .order_by("language")
            .values_list("language", flat=True)
            .distinct()
        )

    def location(self, language):
        return language_list_url(language)


class FrameworkSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Framework.objects.published().order_by("slug").only("slug", "updated_at")

    def lastmod(self, framework):
        return to_the_second(framework.updated_at)


class CuratedComparisonSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.8

    def items(self):
        return published_comparisons()

    def location(self, comparison):
        return comparison.url

    def lastmod(self, comparison):
        return comparison.updated_on


class FrameworkPairs:
    """Every pair of the given frameworks as (path, lastmod), in canonical order, lazily.

    Has just what Django's Paginator needs: a length and slices.
    """

    def __init__(self, frameworks):
        # Sorted by slug, so each combination is already in canonical (alphabetical) order.
        self.frameworks = sorted(frameworks)
        marker = "-slugs-"
        self.prefix, self.suffix = reverse("frameworks:compare", kwargs={"slugs": marker}).split(
            marker
        )

    def __len__(self):
        return math.comb(len(self.frameworks), 2)

    def __getitem__(self, index):
        if not isinstance(index, slice):
            raise TypeError("FrameworkPairs only supports slices.")
        start, stop, step = index.indices(len(self))
        pairs = itertools.islice(itertools.combinations(self.frameworks, 2), start, stop, step)
        return [
            (
                f"{self.prefix}{first}{COMPARE_SEPARATOR}{second}{self.suffix}",
                to_the_second(max(first_updated, second_updated)),
            )
            for (first, first_updated), (second, second_updated) in pairs
        ]


class PairSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.4
    limit = PAIRS_PER_PAGE

    def items(self):
        return FrameworkPairs(
            Framework.objects.published().order_by("slug").values_list("slug", "updated_at")
        )

    def location(self, pair):
        return pair[0]

    def lastmod(self, pair):
        return pair[1]

    def get_latest_lastmod(self):
        """The newest framework change, without walking every pair."""
        latest = Framework.objects.published().aggregate(latest=Max("updated_at"))["latest"]
        return to_the_second(latest)


SITEMAPS = {
    "pages": PagesSitemap,
    "languages": LanguageSitemap,
    "frameworks": FrameworkSitemap,
    "features": FeatureGridSitemap,
    "comparisons": CuratedComparisonSitemap,
    "pairs": PairSitemap,
}
