"""The decision helper's ranking: pure functions over plain rows, the same for every reader.

A reader ticks the capabilities they must have (needs) and those they would like (wants).
Each framework's value for each of them is one support level; the ranking compares
frameworks by these counts, in this order (RULES says the same in words, on the page):

1. fewer needs missed ("no" and "unknown" both miss);
2. more needs built in ("yes"), then more via an extension or plugin (partial counts least);
3. the same for wants: fewer missed, more built in, more via an extension;
4. frameworks level on all of that share a place ("=1") and are listed by how many of all
   the site's capabilities they build in, then alphabetically.

No weights, no hidden score: a framework that meets every need, however, ranks above one
that misses any, whatever else it offers.
"""

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Generic, TypeVar
from urllib.parse import urlencode

from frameworks.models import SupportLevel

Row = TypeVar("Row")

# More needs than this is no reader's question: the form is answered 400.
MAX_NEEDS = 50

MET = (SupportLevel.YES, SupportLevel.EXTENSION, SupportLevel.PARTIAL)

RULES = (
    "Frameworks that meet every must-have come first, then those that miss one, then two, "
    "and so on. “No” and “unknown” both count as a miss.",
    "Among those, more must-haves built in rank higher; then more must-haves via an "
    "extension or plugin; partial support counts least.",
    "Nice-to-haves only break ties left by the must-haves, by the same rules.",
    "Frameworks still level share a place, marked “=”. Within it, those that build in more "
    "of all the capabilities this site compares come first; then they are listed "
    "alphabetically. A tie is a tie: the order within it says nothing about your needs.",
)


@dataclass(frozen=True)
class Tally:
    """How a framework does on one list of features (the needs, or the wants)."""

    built_in: int = 0
    extension: int = 0
    partial: int = 0
    missed: int = 0

    @classmethod
    def of(cls, levels: Iterable[str]) -> "Tally":
        levels = list(levels)
        return cls(
            built_in=levels.count(SupportLevel.YES),
            extension=levels.count(SupportLevel.EXTENSION),
            partial=levels.count(SupportLevel.PARTIAL),
            missed=sum(1 for level in levels if level not in MET),
        )

    @property
    def key(self):
        return (self.missed, -self.built_in, -self.extension)


def support_of(values: Mapping[str, str], feature_slugs: Iterable[str]) -> list[str]:
    """The support level of each feature in `values` (slug → level); missing is unknown."""
    return [values.get(slug, SupportLevel.UNKNOWN) for slug in feature_slugs]


def level_key(*, needs: Tally, wants: Tally):
    """What decides a framework's place: frameworks with the same key are level (a tie)."""
    return (*needs.key, *wants.key)


def rank_key(*, name: str, needs: Tally, wants: Tally, built_in_count: int = 0):
    """What the ranking sorts by: smaller first (see the module docstring)."""
    return (*level_key(needs=needs, wants=wants), -built_in_count, name.casefold(), name)


@dataclass(frozen=True)
class Ranked(Generic[Row]):
    row: Row
    needs: Tally
    wants: Tally
    place: int = 0  # 1 for the best; frameworks level on the needs and wants share one
    tied: bool = False  # whether another framework shares this place

    @property
    def level(self):
        return level_key(needs=self.needs, wants=self.wants)


def rank(rows: Iterable[Row], *, needs: Sequence[str], wants: Sequence[str] = ()) -> list:
    """Each row as `Ranked`, best first, with its place.

    A row is anything with a `name`, `support` (a mapping of feature slug to support level;
    a feature missing from it counts as unknown) and `built_in_count` (how many of all the
    site's capabilities it builds in, the order within a tie).
    """
    ranked = sorted(
        (
            Ranked(
                row,
                Tally.of(support_of(row.support, needs)),
                Tally.of(support_of(row.support, wants)),
            )
            for row in rows
        ),
        key=lambda item: rank_key(
            name=item.row.name,
            needs=item.needs,
            wants=item.wants,
            built_in_count=item.row.built_in_count,
        ),
    )
    return _placed(ranked)


def _placed(ranked):
    """Places as in a sports table: level frameworks share one, the next place skips theirs."""
    sizes = Counter(item.level for item in ranked)
    places = {}
    for position, item in enumerate(ranked, start=1):
        places.setdefault(item.level, position)
    return [replace(item, place=places[item.level], tied=sizes[item.level] > 1) for item in ranked]


def cuts_a_tie(ranked, count):
    """Whether taking the first `count` frameworks leaves out one level with the last taken."""
    return len(ranked) > count and ranked[count - 1].level == ranked[count].level


def summary(tally: Tally, noun: str = "must-have") -> str:
    """How a framework does on the needs, in one sentence: "Meets all 3 must-haves: 2 built
    in, 1 via an extension." / "Meets 2 of 3 must-haves (2 built in); misses 1." `noun` is
    "nice-to-have" for the wants."""
    count = tally.built_in + tally.extension + tally.partial + tally.missed
    met = count - tally.missed
    how = ", ".join(
        f"{number} {words}"
        for number, words in (
            (tally.built_in, "built in"),
            (tally.extension, "via an extension"),
            (tally.partial, "partly"),
        )
        if number
    )
    if count == 1:
        return f"Meets the {noun}: {how}." if met else f"Misses the {noun}."
    if not tally.missed:
        return f"Meets all {count} {noun}s: {how}."
    if not met:
        return f"Meets none of the {count} {noun}s."
    return f"Meets {met} of {count} {noun}s ({how}); misses {tally.missed}."


def needs_query(needs: Sequence[str], wants: Sequence[str] = ()) -> str:
    """The query string that carries a reader's needs: "need=orm&need=forms&want=admin"."""
    return urlencode([*(("need", slug) for slug in needs), *(("want", slug) for slug in wants)])
