"""/compare/<slugs>/changes/feed/: an Atom feed of a comparison's change log."""

from django.contrib.syndication.views import Feed
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from corrections import changelog
from frameworks.models import canonical_compare_path

FEED_SIZE = 50


class ComparisonChangesFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, *, frameworks):
        # One instance per request (see the view), so this holds for this feed only.
        self._current_log_url = self._log_url(frameworks)
        return frameworks

    def title(self, frameworks):
        return f"What changed in {self._names(frameworks)} · Comparator"

    def subtitle(self, frameworks):
        return (
            f"Every change to the facts of {self._names(frameworks)}: from what to what, and why."
        )

    def link(self, frameworks):
        return self._log_url(frameworks)

    def items(self, frameworks):
        rows = changelog.public_changes(framework_slugs=[f.slug for f in frameworks])
        return changelog.build_changes(rows[:FEED_SIZE])

    def item_title(self, change):
        return change.summary

    def item_description(self, change):
        # HTML from a template: every editor's text escaped as on the page.
        return render_to_string("corrections/_change_summary.html", {"change": change})

    def item_link(self, change):
        return f"{self._current_log_url}#change-{change.id}"

    def item_author_name(self, change):
        return change.byline

    def item_pubdate(self, change):
        return change.changed_at

    def item_updateddate(self, change):
        return change.changed_at

    @staticmethod
    def _names(frameworks):
        return " vs ".join(framework.name for framework in frameworks)

    @staticmethod
    def _log_url(frameworks):
        slugs = canonical_compare_path([framework.slug for framework in frameworks])
        return reverse("corrections:compare_changes", kwargs={"slugs": slugs})
