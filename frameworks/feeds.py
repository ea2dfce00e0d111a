"""/feed/: an Atom feed of the curated comparisons, newest update first."""

import datetime

from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape, linebreaks

from frameworks.selectors import published_comparisons

FEED_SIZE = 50


def _as_datetime(day):
    if day is None:
        return None
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=datetime.UTC)


class CuratedComparisonsFeed(Feed):
    feed_type = Atom1Feed
    title = "Comparator: curated comparisons"
    subtitle = "Frameworks compared side by side, written and fact checked by people."
    link = reverse_lazy("frameworks:home")
    feed_url = reverse_lazy("frameworks:feed")

    def items(self):
        return published_comparisons(limit=FEED_SIZE)

    def item_title(self, comparison):
        return comparison.title

    def item_description(self, comparison):
        # Atom carries the summary as HTML: editors' text is escaped before it becomes HTML.
        return linebreaks(escape(comparison.intro or comparison.verdict))

    def item_link(self, comparison):
        return comparison.url

    def item_author_name(self, comparison):
        return comparison.author or None

    def item_pubdate(self, comparison):
        return _as_datetime(comparison.published_on)

    def item_updateddate(self, comparison):
        return _as_datetime(comparison.updated_on or comparison.published_on)
