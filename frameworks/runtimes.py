"""A release and the runtimes it supports, in words: what the release rows say.

Registries state a runtime requirement each in its ecosystem's notation: PyPI's
`requires_python` (PEP 440 specifiers), npm's `engines.node` (a node-semver range), RubyGems'
`ruby_version` (a gem requirement), crates.io's `rust_version` (the oldest Rust that builds the
crate). Each reader turns one into the words of
the “Runtime versions” row (“3.10 and later”, “3.10–3.13”) or None when it cannot say them
honestly; the row then keeps what it said.
"""

import datetime
import re

from django.utils import dateformat

SPECIFIER = re.compile(r"(>=|~=|==|<=|<|!=|>)\s*(\d+(?:\.\d+)*)(\.\*)?")


def release_text(version: str, released_on: datetime.date | None) -> str:
    """ "6.0 (3 Dec 2025)"; "6.0" when the registry gives no day."""
    if released_on is None:
        return version
    return f"{version} ({dateformat.format(released_on, 'j M Y')})"


def python_versions_text(requires_python: str) -> str | None:
    """ ">=3.10" → "3.10 and later", ">=3.10,<3.14" → "3.10–3.13"; None when unreadable.

    Exclusions (`!=3.11.0`) are left out: the row says which versions, not which patches.
    """
    lower = upper = None
    for clause in filter(None, (part.strip() for part in requires_python.split(","))):
        match = SPECIFIER.fullmatch(clause)
        if match is None:
            return None
        operator, version, _wildcard = match.groups()
        parts = [int(part) for part in version.split(".")] + [0]
        major, minor = parts[0], parts[1]
        if operator in (">=", "~="):
            lower = (major, minor)
        elif operator == ">":
            lower = (major, minor + 1) if len(version.split(".")) <= 2 else (major, minor)
        elif operator == "<=":
            upper = (major, minor)
        elif operator == "<":
            excluded_patch = len(parts) > 3 and parts[2] > 0
            upper = (major, minor) if excluded_patch else (major, minor - 1)
        elif operator == "==":
            lower = (major, minor)
            upper = None if version.isdigit() else lower
    if lower is None or (upper is not None and upper[0] == lower[0] and upper < lower):
        return None
    first = f"{lower[0]}.{lower[1]}"
    # "<4" (or "<3.0" style bounds below the floor) says nothing about the 3.x line.
    if upper is None or upper[1] < 0 or upper[0] != lower[0]:
        return f"{first} and later"
    if upper == lower:
        return f"{first} only"
    return f"{first}–{upper[0]}.{upper[1]}"


NODE_COMPARATOR = re.compile(r"(>=|>|<=|<|=)?\s*v?(\d+)(?:\.(\d+|x|\*))?(?:\.(\d+|x|\*))?")


def _version_words(major, minor):
    """18, 0 → "18"; 20, 6 → "20.6"; 0, 10 → "0.10" (Node.js names its lines by major)."""
    return f"{major}" if major > 0 and minor == 0 else f"{major}.{minor}"


def node_versions_text(engines_node: str) -> str | None:
    """ ">= 18" → "18 and later", ">=14 <19" → "14–18"; None when unreadable.

    Only one set of comparators: alternatives (“^18.19 || >=20.6”) and caret or tilde ranges
    leave holes that “from … to …” would paper over, so they are not put in words.
    """
    lower = upper = None
    clauses = re.findall(r"(?:>=|>|<=|<|=)?\s*v?[\dx*][\w.*]*", engines_node.strip())
    if not clauses or "||" in engines_node or re.search(r"[\^~]", engines_node):
        return None
    for clause in clauses:
        match = NODE_COMPARATOR.fullmatch(clause.strip())
        if match is None:
            return None
        operator, major, minor, _patch = match.groups()
        major = int(major)
        minor = int(minor) if minor and minor.isdigit() else 0
        if operator == ">=":
            lower = (major, minor)
        elif operator == ">":
            lower = (major + 1, 0)
        elif operator == "<" and minor == 0:
            upper = major - 1
        elif operator == "<=":
            upper = major
        else:
            return None
    if lower is None or (upper is not None and upper < lower[0]):
        return None
    first = _version_words(*lower)
    if upper is None:
        return f"{first} and later"
    if upper == lower[0]:
        return f"{first} only" if lower[1] == 0 else None
    return f"{first}–{upper}"


def rust_versions_text(rust_version: str) -> str | None:
    """ "1.70" or "1.70.0" → "1.70 and later"; None when not given or unreadable."""
    match = re.fullmatch(r"(\d+)\.(\d+)(?:\.\d+)?", rust_version.strip())
    if match is None:
        return None
    return f"{match[1]}.{match[2]} and later"


def ruby_versions_text(ruby_version: str) -> str | None:
    """ ">= 3.2.0" → "3.2 and later", ">= 2.7, < 3.4" → "2.7–3.3"; None when unreadable.

    RubyGems writes “>= 0” for a gem that states no requirement: that says nothing. The
    pessimistic “~> 3.1” is left unread, as npm's carets are.
    """
    if "~>" in ruby_version or re.fullmatch(r">=\s*0(\.0)*", ruby_version.strip()):
        return None
    text = python_versions_text(re.sub(r"(?<![<>=!~])=(?!=)", "==", ruby_version))
    # Python 4 is not coming, Ruby 4 came: an upper bound across majors is not dropped.
    if text is not None and "<" in ruby_version and text.endswith("and later"):
        return None
    return text


# A runtime requirement among a source's figures: the runtime's name and how to read it.
RUNTIMES = {
    "requires_python": ("Python", python_versions_text),
    "node_engines": ("Node.js", node_versions_text),
    "rust_version": ("Rust", rust_versions_text),
    "ruby_version": ("Ruby", ruby_versions_text),
}
