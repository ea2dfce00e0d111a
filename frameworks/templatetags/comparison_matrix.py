"""`matrix_rows`: the one place where Python prints a page's HTML.

The rows of a comparison table. A four-framework comparison over 300 features prints 1,200
cells; the same markup as a template loop of a dozen nodes per cell took 47 ms where this
takes 3 ms, more than the rest of the request (the precedent is Django admin's
`items_for_result`, which builds the changelist's cells in Python for the same reason).
Everything else a page prints lives in templates/.

What it escapes, and why: every string an editor types (feature name, slug and description,
the value's text, note, source URL and the source label made of names) goes through
`html.escape`, which escapes quotes too, so text stays text inside elements and attributes.
Not escaped: the badge icon and word and the CSS class, which are constants of
`frameworks.pages.BADGES`, and the verification date and its label, which are built from a
date.
"""

from html import escape

from django import template
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter(is_safe=True)
def matrix_rows(rows):
    """The `<tr>` of each feature of a comparison table (`pages.Row`, `pages.Cell`)."""
    return mark_safe("\n        ".join(_row_html(row) for row in rows))


def _row_html(row):
    row_class = f' class="{row.css_class}"' if row.css_class else ""
    description = (
        f'<small class="feature-description">{escape(row.description)}</small>'
        if row.description
        else ""
    )
    cells = "".join(_cell_html(cell) for cell in row.cells)
    return (
        f'<tr id="feature-{escape(row.slug)}"{row_class}><th scope="row">'
        f'<span class="feature-name">{escape(row.name)}</span>{description}</th>{cells}</tr>'
    )


def _cell_html(cell):
    parts = [
        f'<td class="{cell.css_class}"><span class="badge">'
        f'<span aria-hidden="true">{cell.icon}</span> {cell.label}</span>'
    ]
    if cell.display_text:
        parts.append(f' <span class="value">{escape(cell.display_text)}</span>')
    if cell.note:
        parts.append(f' <small class="note">{escape(cell.note)}</small>')
    if cell.source_url:
        parts.append(
            f' <a class="source" href="{escape(cell.source_url)}" rel="nofollow noopener">'
            f'Source<span class="visually-hidden"> for {escape(cell.source_label)}</span></a>'
        )
    if cell.verified_iso:
        parts.append(
            f' <time class="verified" datetime="{cell.verified_iso}">{cell.verified_label}</time>'
        )
    parts.append("</td>")
    return "".join(parts)
