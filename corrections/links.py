"""Links into this app from the reader pages: the correction form and a page's change log.

The reader pages (the frameworks app) never import this app: they print these links through
the tags of corrections/templatetags/corrections_tags.py, and the table's cells through
`frameworks.links.report_url`, which builds the correction form's address from its URL name.
"""

from dataclasses import dataclass

from corrections import changelog
from frameworks.charts import human_date
from frameworks.links import report_url


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
