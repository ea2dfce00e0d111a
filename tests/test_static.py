"""The stylesheet: colour pairs meet WCAG AA in both themes, and nothing loads from elsewhere."""

import re
from pathlib import Path

import pytest
from django.conf import settings

CSS = Path(settings.BASE_DIR, "static", "css", "site.css").read_text()
JS = Path(settings.BASE_DIR, "static", "js", "site.js").read_text()

# (foreground, background, minimum ratio): 4.5 for text, 3 for large text and graphics.
PAIRS = [
    ("text", "bg", 4.5),
    ("text", "surface", 4.5),
    ("muted", "bg", 4.5),
    ("muted", "surface", 4.5),
    ("link", "bg", 4.5),
    ("link", "surface", 4.5),
    ("on-accent", "accent", 4.5),
    ("error", "bg", 4.5),
    ("yes-fg", "yes-bg", 4.5),
    ("partial-fg", "partial-bg", 4.5),
    ("extension-fg", "extension-bg", 4.5),
    ("no-fg", "no-bg", 4.5),
    ("unknown-fg", "unknown-bg", 4.5),
    ("draft-fg", "draft-bg", 4.5),
    ("yes-fg", "surface", 3),
    ("no-fg", "surface", 3),
    ("focus", "bg", 3),
    ("border", "bg", 3),
    ("series-0", "bg", 3),
    ("series-1", "bg", 3),
    ("series-2", "bg", 3),
    ("series-3", "bg", 3),
]


def palette(block):
    return dict(re.findall(r"--([a-z0-9-]+):\s*(#[0-9a-fA-F]{6})", block))


def themes():
    light = CSS.split("@media (prefers-color-scheme: dark)")[0]
    dark = CSS.split("@media (prefers-color-scheme: dark)")[1].split("\n}\n")[0]
    return {"light": palette(light), "dark": {**palette(light), **palette(dark)}}


def luminance(hex_colour):
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first, second):
    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize(("foreground", "background", "minimum"), PAIRS)
def test_colour_pairs_meet_wcag_aa(theme, foreground, background, minimum):
    colours = themes()[theme]

    assert contrast(colours[foreground], colours[background]) >= minimum


def test_dark_theme_redefines_every_colour():
    light, dark = palette(CSS.split("@media (prefers-color-scheme: dark)")[0]), themes()["dark"]

    dark_only = palette(CSS.split("@media (prefers-color-scheme: dark)")[1].split("\n}\n")[0])
    assert set(dark_only) == set(light)
    assert dark != light


def test_stylesheet_loads_nothing_from_elsewhere():
    assert "@import" not in CSS
    assert not re.search(r"url\(", CSS)
    assert "@font-face" not in CSS


def test_stylesheet_has_the_promised_features():
    for needle in (
        ":focus-visible",
        "@media print",
        "position: sticky",
        "prefers-color-scheme: dark",
        ".visually-hidden",
    ):
        assert needle in CSS, needle


def test_script_is_strict_and_needs_no_eval():
    assert '"use strict"' in JS
    assert "eval(" not in JS and "innerHTML" not in JS
