"""Presentation helpers for the reader pages; none of them touches the database."""

import json
from html import escape

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import mark_safe

from frameworks import charts

register = template.Library()

# What could close the <script> element or open a comment inside it, as JSON escapes.
# (Three str.replace calls cost a tenth of one str.translate over a page's JSON-LD.)
_SCRIPT_ESCAPES = (("<", "\\u003C"), (">", "\\u003E"), ("&", "\\u0026"))


@register.filter(is_safe=True)
def ld_json(data):
    """A dict as a JSON-LD block: `<script type="application/ld+json">…</script>`.

    Like Django's `json_script`, every character that could end the block is escaped, so
    text typed by editors stays data. A data block is not script, so a strict CSP allows it.
    """
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    for character, escaped in _SCRIPT_ESCAPES:
        payload = payload.replace(character, escaped)
    return mark_safe(f'<script type="application/ld+json">{payload}</script>')


@register.filter(is_safe=True)
def matrix_rows(rows):
    """The `<tr>` of each feature of a comparison table, every editor's text escaped.

    Built in Python rather than with template tags: a four-framework comparison over 300
    features prints 1,200 cells, and a dozen template nodes per cell would cost more than
    the whole rest of the request. The markup is the same one a template would print.
    """
    return mark_safe("\n        ".join(_row_html(row) for row in rows))


@register.filter(is_safe=True)
def picker_choices(choices, picked):
    """The picker's checkbox `<li>` for each framework, the `picked` slugs checked.

    In Python for the same reason as `matrix_rows`: the home page offers every framework,
    500 of them on the benchmark's dataset.
    """
    picked = set(picked)
    return mark_safe(
        "\n        ".join(
            f'<li><label><input type="checkbox" name="frameworks" value="{escape(choice.slug)}"'
            f"{' checked' if choice.slug in picked else ''}> {escape(choice.name)}</label></li>"
            for choice in choices
        )
    )


@register.filter(is_safe=True)
def framework_options(frameworks):
    """An `<option>` for each framework, by slug: the other frameworks a page can compare with.

    In Python for the same reason as `picker_choices`.
    """
    return mark_safe(
        "".join(
            f'<option value="{escape(framework.slug)}">{escape(framework.name)}</option>'
            for framework in frameworks
        )
    )


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


@register.filter(is_safe=True)
def chart_svg(chart):
    """A metric chart (`frameworks.charts.Chart`) as an `<svg>` element, every label escaped.

    Built in Python for the same reason as `matrix_rows`: a chart is a hundred numbers, and
    a template node for each cost more than all the rest of a comparison page.
    """
    shapes = _line_shapes(chart) if chart.kind == "lines" else _bar_shapes(chart)
    return mark_safe(
        f'<svg class="chart-svg chart-{chart.kind}" viewBox="0 0 {chart.width} {chart.height}" '
        f'width="{chart.width}" height="{chart.height}" role="img" '
        f'aria-labelledby="{chart.id}-title {chart.id}-desc" xmlns="http://www.w3.org/2000/svg">\n'
        f'    <title id="{chart.id}-title">{escape(chart.title)}</title>\n'
        f'    <desc id="{chart.id}-desc">{escape(chart.description)}</desc>\n'
        f"{''.join(shapes)}"
        "  </svg>"
    )


def _line_shapes(chart):
    left, right, bottom = chart.plot_left, chart.plot_right, chart.plot_bottom
    for tick in chart.y_ticks:
        yield (
            f'    <line class="grid" x1="{left}" x2="{right}" y1="{tick.position}" '
            f'y2="{tick.position}" stroke="currentColor"/>\n'
            f'    <text class="tick" x="{left}" dx="-8" y="{tick.position}" dy="4" '
            f'text-anchor="end" fill="currentColor">{escape(tick.label)}</text>\n'
        )
    for tick in chart.x_ticks:
        yield (
            f'    <text class="tick" x="{tick.position}" y="{bottom}" dy="20" '
            f'text-anchor="middle" fill="currentColor">{escape(tick.label)}</text>\n'
        )
    for line in chart.lines:
        markers = "".join(
            f'<circle class="marker" cx="{marker.x}" cy="{marker.y}" r="4" fill="currentColor">'
            f"<title>{escape(marker.title)}</title></circle>"
            for marker in line.markers
        )
        yield (
            f'    <g class="{line.css_class}">\n'
            f'      <polyline class="line" points="{line.points}" fill="none" '
            f'stroke="currentColor" stroke-width="2.5"/>\n'
            f"      {markers}\n"
            f'      <text class="series-label" x="{line.label_x}" y="{line.label_y}" '
            f'fill="currentColor">{escape(line.name)}</text>\n'
            "    </g>\n"
        )


def _bar_shapes(chart):
    left, bottom = chart.plot_left, chart.plot_bottom
    for tick in chart.x_ticks:
        yield (
            f'    <line class="grid" x1="{tick.position}" x2="{tick.position}" y1="8" '
            f'y2="{bottom}" stroke="currentColor"/>\n'
            f'    <text class="tick" x="{tick.position}" y="{bottom}" dy="16" '
            f'text-anchor="middle" fill="currentColor">{escape(tick.label)}</text>\n'
        )
    for bar in chart.bars:
        name, value = escape(bar.name), escape(bar.value_label)
        yield (
            f'    <g class="{bar.css_class}">\n'
            f'      <text class="bar-label" x="{left}" dx="-8" y="{bar.label_y}" '
            f'text-anchor="end" fill="currentColor">{name}</text>\n'
            f'      <rect class="bar" x="{left}" y="{bar.y}" width="{bar.width}" height="22" '
            f'fill="currentColor"><title>{name}: {value}</title></rect>\n'
            f'      <text class="bar-value" x="{bar.value_x}" y="{bar.label_y}" '
            f'fill="currentColor">{value}</text>\n'
            "    </g>\n"
        )


@register.filter
def human_date(day):
    """ "1 Nov 2026", like `|date:"j M Y"` at a fraction of its cost."""
    return charts.human_date(day)


@register.filter
def human_month(day):
    """ "Nov 2026", like `|date:"M Y"`."""
    return charts.human_month(day)
