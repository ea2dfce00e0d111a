"""Presentation helpers for the reader pages; none of them touches the database."""

import json
from html import escape

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import mark_safe

register = template.Library()

# What could close the <script> element or open a comment inside it, as JSON escapes.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.filter(is_safe=True)
def ld_json(data):
    """A dict as a JSON-LD block: `<script type="application/ld+json">…</script>`.

    Like Django's `json_script`, every character that could end the block is escaped, so
    text typed by editors stays data. A data block is not script, so a strict CSP allows it.
    """
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{payload}</script>')


@register.filter(is_safe=True)
def matrix_row(row):
    """One feature's `<tr>` of a comparison table, every editor's text escaped.

    Built in Python rather than with template tags: a four-framework comparison over 300
    features prints 1,200 cells, and a dozen template nodes per cell would cost more than
    the whole rest of the request. The markup is the same one a template would print.
    """
    row_class = f' class="{row.css_class}"' if row.css_class else ""
    description = (
        f'<small class="feature-description">{escape(row.description)}</small>'
        if row.description
        else ""
    )
    cells = "".join(_cell_html(cell) for cell in row.cells)
    return mark_safe(
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
