"""How one stored value becomes a printable cell, the same in every place that shows one: the
comparison table (templatetags/comparison_matrix.py), the framework page, the category grids,
the decision helper's reasons and the JSON exports (json_data.py).

Badge icon and word, CSS class, dates in words and how the value is known (its provenance) are
worked out here once. No queries here.
"""

from dataclasses import dataclass
from datetime import date
from typing import NamedTuple
from urllib.parse import urlsplit

from frameworks.charts import human_date
from frameworks.models import ClaimStatus, Provenance, SupportLevel


@dataclass(frozen=True, slots=True)
class Badge:
    icon: str
    label: str
    css_class: str


# Icon and word together: a support level is never told by colour alone.
BADGES = {
    SupportLevel.YES: Badge("✓", "Yes", "support-yes"),
    SupportLevel.PARTIAL: Badge("◐", "Partial", "support-partial"),
    SupportLevel.EXTENSION: Badge("⊕", "Via extension", "support-extension"),
    SupportLevel.NO: Badge("✗", "No", "support-no"),
    SupportLevel.UNKNOWN: Badge("?", "Unknown", "support-unknown"),
}


# Best first: built in, then the ways of getting it, then what is missing. Grids sort a
# capability's column by it, and search a feature's hits.
SUPPORT_ORDER = {
    level: position
    for position, level in enumerate(
        (
            SupportLevel.YES,
            SupportLevel.EXTENSION,
            SupportLevel.PARTIAL,
            SupportLevel.NO,
            SupportLevel.UNKNOWN,
        )
    )
}


@dataclass(frozen=True, slots=True)
class ClaimItem:
    """What a published source said about a cell, with our review of it."""

    source_title: str
    source_url: str
    stated_on: date
    stated_label: str  # "21 Dec 2023"
    text: str
    quote: str
    status: str
    status_label: str  # "Corrected", "Outdated", "Confirmed", "Not reviewed yet"
    is_corrected: bool
    correction: str
    reviewed_on: date | None


CLAIM_STATUS_LABELS = {
    ClaimStatus.CONFIRMED: "Confirmed",
    ClaimStatus.CORRECTED: "Corrected",
    ClaimStatus.OUTDATED: "Outdated",
    ClaimStatus.UNREVIEWED: "Not reviewed yet",
}


def make_claim(claim):
    """A stored claim (a Claim, or a row with its field names) as a `ClaimItem`."""
    return ClaimItem(
        source_title=claim.source_title,
        source_url=claim.source_url,
        stated_on=claim.stated_on,
        stated_label=human_date(claim.stated_on),
        text=claim.text,
        quote=claim.quote,
        status=claim.status,
        status_label=CLAIM_STATUS_LABELS.get(claim.status, ""),
        is_corrected=claim.status in (ClaimStatus.CORRECTED, ClaimStatus.OUTDATED),
        correction=claim.correction,
        reviewed_on=claim.reviewed_on,
    )


class Cell(NamedTuple):
    """One framework's value for one feature, ready to print.

    A NamedTuple rather than a frozen dataclass like the rest: a four-framework comparison
    over 300 features builds 1,200 of them, and a tuple is built in a third of the time.

    `show_badge` is False on description rows (launch year, licence): their value is the
    fact, and "✓ Yes 2005" would say nothing. `provenance` says how we know, in words that
    never pass a publication date off as a check date.
    """

    support: str
    icon: str
    label: str
    css_class: str
    text: str
    display_text: str
    note: str
    source_url: str
    source_label: str
    source_host: str
    verified_on: date | None
    verified_iso: str
    verified_label: str  # "1 Dec 2026"
    provenance: str  # Provenance: checked, stated, automatic ("" for an unknown cell)
    provenance_words: str  # "checked against docs.djangoproject.com on 1 Dec 2026"
    show_badge: bool = True
    claims: tuple = ()

    @property
    def correction_label(self):
        """The tag a cell shows when a published claim about it was wrong or is outdated."""
        for claim in self.claims:
            if claim.is_corrected:
                return claim.status_label
        return ""

    @property
    def has_details(self):
        return bool(self.note or self.source_url or self.verified_on or self.claims)


# The cell of a framework nobody has researched for a feature: the same everywhere.
UNKNOWN_CELL = Cell(
    support=SupportLevel.UNKNOWN,
    icon=BADGES[SupportLevel.UNKNOWN].icon,
    label=BADGES[SupportLevel.UNKNOWN].label,
    css_class=BADGES[SupportLevel.UNKNOWN].css_class,
    text="",
    display_text="",
    note="",
    source_url="",
    source_label="",
    source_host="",
    verified_on=None,
    verified_iso="",
    verified_label="",
    provenance="",
    provenance_words="",
)
UNKNOWN_DESCRIPTION_CELL = UNKNOWN_CELL._replace(show_badge=False, display_text="Not known")


def source_host(url):
    """ "docs.djangoproject.com": what a reader recognises of a source's address."""
    return urlsplit(url).hostname or "" if url else ""


def provenance_words(provenance, host, day, *, source=""):
    """How a value is known, in words: "checked against docs.example.com on 1 Nov 2026",
    "as stated by pypi.org on 2 Dec 2025", "checked automatically from pypi.org on 1 Dec 2026",
    "from docs.example.com" (checked, no date). The one wording of provenance: the JSON, the
    grids and the comparison table (`provenance_sentence`) all say it this way.

    `source` stands for the host in the words: the table passes a link to the source.
    """
    source = source or host
    when = f" on {human_date(day)}" if day else ""
    if provenance == Provenance.AUTOMATIC:
        return f"checked automatically{f' from {source}' if source else ''}{when}"
    if provenance == Provenance.STATED:
        return f"as stated by {source or 'its source'}{when}"
    if not day:
        return f"from {source}" if source else ""
    return f"checked against {source or 'its source'}{when}"


def provenance_sentence(words):
    """ "Checked against docs.example.com on 1 Nov 2026.": the words as a sentence."""
    return f"{words[0].upper()}{words[1:]}." if words else ""


def make_cell(value, *, source_label, is_capability=True, claims=()):
    """The printable cell of a stored value: anything with the attributes of `CELL_FIELDS`
    and `provenance` (a FeatureValue, or a row read with `values_list(..., named=True)`);
    None is unknown."""
    if value is None:
        return UNKNOWN_CELL if is_capability else UNKNOWN_DESCRIPTION_CELL
    badge = BADGES.get(value.support, BADGES[SupportLevel.UNKNOWN])
    text, verified_on = value.text, value.verified_on
    host = source_host(value.source_url)
    provenance = getattr(value, "provenance", Provenance.CHECKED)
    if is_capability:
        # "Yes" beside a "✓ Yes" badge says nothing new.
        display_text = "" if text.strip().casefold() == badge.label.casefold() else text
    else:
        display_text = text or "Not known"
    return Cell(
        support=value.support,
        icon=badge.icon,
        label=badge.label,
        css_class=badge.css_class if is_capability else "description",
        text=text,
        display_text=display_text,
        note=value.note,
        source_url=value.source_url,
        source_label=source_label,
        source_host=host,
        verified_on=verified_on,
        verified_iso=verified_on.isoformat() if verified_on else "",
        verified_label=human_date(verified_on) if verified_on else "",
        provenance=provenance,
        provenance_words=provenance_words(provenance, host, verified_on),
        show_badge=is_capability,
        claims=tuple(claims),
    )
