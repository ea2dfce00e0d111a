"""`matrix_rows`: the one place where Python prints a page's HTML.

The rows of a comparison table. A four-framework comparison over 300 features prints 1,200
cells; the same markup as a template loop of a dozen nodes per cell took 47 ms where this
takes 3 ms, more than the rest of the request (the precedent is Django admin's
`items_for_result`, which builds the changelist's cells in Python for the same reason).
Everything else a page prints lives in templates/.

A cell is compact: the badge (capabilities only) and the short value. What backs it, the
reader's note, how and when it was checked against which source, and what a published
article said about it, sits behind one small `<details>` per cell: it opens with a click,
Enter or Space, without JavaScript. A cell whose article claim was corrected says so on
that control ("Corrected"), so the correction is one step away and never hidden.

What it escapes, and why: every string an editor types (feature name, slug and description,
the value's text, note, source URL, the claims' words and the source label made of names)
goes through `html.escape`, which escapes quotes too, so text stays text inside elements and
attributes. Not escaped: the badge icon and word and the CSS class, which are constants of
`frameworks.cells.BADGES`, and dates and their labels, which are built from dates.
"""

from html import escape

from django import template
from django.utils.safestring import mark_safe

from frameworks.cells import provenance_sentence, provenance_words
from frameworks.links import report_url

register = template.Library()


@register.filter(is_safe=True)
def matrix_rows(rows, matrix):
    """The `<tr>` of each feature of a comparison table (`pages.Row`, `cells.Cell`).

    `matrix` is the page's `pages.MatrixContext`. Its `article_url` is the article the page
    names once above the table (a curated comparison's source): claims from it say "The
    article (date) says" without repeating its link in every cell, which on Django vs Flask
    would be 7 KB of the same link.
    """
    return mark_safe("\n".join(_row_html(row, matrix) for row in rows))


def _row_html(row, matrix):
    classes = " ".join(filter(None, (row.css_class, "" if row.is_capability else "described")))
    row_class = f' class="{classes}"' if classes else ""
    description = (
        f'<small class="feature-description">{escape(row.description)}</small>'
        if row.description
        else ""
    )
    names = matrix.names or ("",) * len(matrix.slugs)
    cells = "".join(
        _cell_html(
            cell,
            matrix,
            report_url(matrix.page_url, feature=row.slug, framework=slug),
            framework_name=name,
        )
        for cell, slug, name in zip(row.cells, matrix.slugs, names, strict=True)
    )
    return (
        f'<tr id="feature-{escape(row.slug)}"{row_class}><th scope="row">'
        f'<span class="feature-name">{escape(row.name)}</span>{description}</th>{cells}</tr>'
    )


def _cell_html(cell, matrix, report, *, framework_name=""):
    # Named for CSS: where four frameworks share a phone, each value says whose it is.
    label = f' data-framework="{escape(framework_name)}"' if framework_name else ""
    parts = [f'<td class="{cell.css_class}"{label}>']
    if cell.show_badge:
        parts.append(
            f'<span class="badge"><span aria-hidden="true">{cell.icon}</span> {cell.label}</span>'
        )
    if cell.display_text:
        parts.append(f" {escape(cell.display_text)}")
    if cell.has_details:
        parts.append(_details_html(cell, matrix.article_url, report))
    parts.append("</td>")
    return "".join(parts)


def _details_html(cell, article_url, report):
    """The cell's one control. Its markup is lean on purpose (bare `<p>`s, styled by
    position): a comparison prints one per cell, and Django vs Flask must stay under 60 KB."""
    flag = cell.correction_label
    summary = (
        f'<span class="tag tag-corrected">{flag}</span>' if flag else "Source"
    ) + f'<span class="visually-hidden"> for {escape(cell.source_label)}</span>'
    body = []
    if cell.note:
        body.append(f"<p>{escape(cell.note)}</p>")
    provenance = _provenance_html(cell)
    if provenance:
        body.append(f'<p class="provenance">{provenance}</p>')
    body.extend(_claim_html(claim, article_url) for claim in cell.claims)
    body.append(f'<p><a href="{escape(report)}" rel="nofollow">Report a mistake</a></p>')
    return f" <details><summary>{summary}</summary><div>{''.join(body)}</div></details>"


def _provenance_html(cell):
    """ "Checked against <a>docs.djangoproject.com</a> on 1 Dec 2026." and its kin: the words
    of the cell's `provenance_words` (the JSON's), the host a link to the source."""
    link = (
        f'<a href="{escape(cell.source_url)}">{escape(cell.source_host or "the source")}</a>'
        if cell.source_url
        else ""
    )
    return provenance_sentence(
        provenance_words(cell.provenance, cell.source_host, cell.verified_on, source=link)
    )


def _claim_html(claim, article_url):
    """ "The article (21 Dec 2023) says: “…”" and what we found: confirmed, or corrected
    with the correction."""
    if claim.source_url == article_url:
        source = "The article"
    else:
        source = f'<a href="{escape(claim.source_url)}">{escape(claim.source_title)}</a>'
    quote = f' <span class="quote">{escape(claim.quote)}</span>' if claim.quote else ""
    status = f"<strong>{claim.status_label}{':' if claim.correction else '.'}</strong>"
    correction = f" {escape(claim.correction)}" if claim.correction else ""
    css = "claim corrected" if claim.is_corrected else "claim"
    return (
        f'<p class="{css}">{source} ({claim.stated_label}) says: “{escape(claim.text)}”'
        f"{quote} {status}{correction}</p>"
    )
