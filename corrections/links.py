"""Links into this app from the reader pages: the correction form and a page's change log.

`report_url()` is the one place the correction form's address is built: templates call it
through the `report_mistake_url` tag, Python (cells printed by a filter) calls it directly.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse

from corrections import changelog
from frameworks.charts import human_date


def report_url(page, *, feature="", framework=""):
    """The correction form for `page` (a path), pre-filled with a cell when given one.

    `feature` and `framework` are slugs.
    """
    params = {"page": page}
    if feature:
        params["feature"] = feature
    if framework:
        params["framework"] = framework
    return f"{reverse('corrections:report_new')}?{urlencode(params)}"


@dataclass(frozen=True)
class PageLinks:
    """What a comparison or framework page says about its changes and corrections."""

    changes_url: str
    latest_iso: str
    latest_label: str
    report_url: str


def page_links(*, page_path, changes_url, framework_slugs):
    """The "What changed" and "Report a mistake" links of a page: one query."""
    latest = changelog.latest_change_date(framework_slugs=framework_slugs)
    return PageLinks(
        changes_url=changes_url,
        latest_iso=latest.date().isoformat() if latest else "",
        latest_label=human_date(latest.date()) if latest else "",
        report_url=report_url(page_path),
    )
