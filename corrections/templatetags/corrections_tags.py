"""Template helpers for links into the corrections app; none touches the database."""

from django import template

from corrections.links import report_url

register = template.Library()


@register.simple_tag
def report_mistake_url(page, feature="", framework=""):
    """The correction form's URL, for a page or one of its cells:

    `{% report_mistake_url page.url feature=row.slug framework=framework.slug %}`
    """
    return report_url(page, feature=feature, framework=framework)
