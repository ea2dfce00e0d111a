"""Template helpers for links into the corrections app, from the reader pages."""

from django import template
from django.urls import reverse

from corrections.links import page_links, report_url
from frameworks.models import canonical_compare_path

register = template.Library()


@register.simple_tag
def report_mistake_url(page, feature="", framework=""):
    """The correction form's URL, for a page or one of its cells:

    `{% report_mistake_url page.url feature=row.slug framework=framework.slug %}`
    """
    return report_url(page, feature=feature, framework=framework)


@register.inclusion_tag("corrections/_page_links.html")
def page_changes(page_path, framework_slugs):
    """A framework's or a comparison's "What changed" and "Report a mistake" links: one query.

    `{% page_changes framework.url framework.slug %}`, `{% page_changes page.url page.slugs %}`
    """
    slugs = [framework_slugs] if isinstance(framework_slugs, str) else list(framework_slugs)
    if len(slugs) == 1:
        changes_url = reverse("corrections:framework_changes", kwargs={"slug": slugs[0]})
    else:
        changes_url = reverse(
            "corrections:compare_changes", kwargs={"slugs": canonical_compare_path(slugs)}
        )
    return {
        "changes": page_links(page_path=page_path, changes_url=changes_url, framework_slugs=slugs)
    }
