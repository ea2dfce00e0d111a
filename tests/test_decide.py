"""The decision helper's ranking rules (frameworks.decide), on plain rows: no database."""

from dataclasses import dataclass, field

import pytest

from frameworks.decide import RULES, Tally, cuts_a_tie, rank, summary
from frameworks.models import SupportLevel

YES, PARTIAL, EXTENSION, NO, UNKNOWN = (
    SupportLevel.YES,
    SupportLevel.PARTIAL,
    SupportLevel.EXTENSION,
    SupportLevel.NO,
    SupportLevel.UNKNOWN,
)


@dataclass(frozen=True)
class Row:
    name: str
    support: dict = field(default_factory=dict)
    built_in_count: int = 0


def names(ranked):
    return [item.row.name for item in ranked]


def test_a_tally_counts_each_level_and_no_and_unknown_as_misses():
    assert Tally.of([YES, YES, EXTENSION, PARTIAL, NO, UNKNOWN]) == Tally(
        built_in=2, extension=1, partial=1, missed=2
    )


def test_meeting_every_need_in_any_way_beats_missing_one_built_in_or_not():
    rows = [
        Row("Misses one", {"a": YES, "b": YES, "c": NO}),
        Row("Meets all partly", {"a": PARTIAL, "b": PARTIAL, "c": PARTIAL}),
    ]

    assert names(rank(rows, needs=["a", "b", "c"])) == ["Meets all partly", "Misses one"]


def test_built_in_beats_via_extension_which_beats_partial():
    rows = [
        Row("Partial", {"a": PARTIAL}),
        Row("Extension", {"a": EXTENSION}),
        Row("Built in", {"a": YES}),
    ]

    assert names(rank(rows, needs=["a"])) == ["Built in", "Extension", "Partial"]


def test_a_feature_without_a_value_is_unknown_and_counts_as_a_miss():
    rows = [Row("Silent"), Row("Says no", {"a": NO}), Row("Says yes", {"a": YES})]

    ranked = rank(rows, needs=["a"])

    assert names(ranked) == ["Says yes", "Says no", "Silent"]
    assert ranked[2].needs == Tally(missed=1)


def test_ties_are_broken_alphabetically_ignoring_case():
    rows = [Row("bottle", {"a": YES}), Row("Zope", {"a": YES}), Row("Aiohttp", {"a": YES})]

    assert names(rank(rows, needs=["a"])) == ["Aiohttp", "bottle", "Zope"]


def test_wants_only_break_ties_left_by_the_needs():
    rows = [
        Row("Wants everything", {"a": EXTENSION, "w": YES}),
        Row("Needs built in", {"a": YES, "w": NO}),
        Row("Same need, a want", {"a": YES, "w": PARTIAL}),
    ]

    ranked = rank(rows, needs=["a"], wants=["w"])

    assert names(ranked) == ["Same need, a want", "Needs built in", "Wants everything"]


def test_without_needs_wants_rank_by_the_same_rules():
    rows = [Row("B", {"w": NO}), Row("A", {"w": PARTIAL}), Row("C", {"w": YES})]

    assert names(rank(rows, needs=[], wants=["w"])) == ["C", "A", "B"]


def test_the_written_rules_name_every_criterion():
    text = " ".join(RULES)

    for words in ("miss", "built in", "extension", "partial", "Nice-to-haves", "alphabetically"):
        assert words in text


@pytest.mark.parametrize(
    ("tally", "sentence"),
    [
        (Tally(built_in=3), "Meets all 3 must-haves: 3 built in."),
        (Tally(extension=2, partial=1), "Meets all 3 must-haves: 2 via an extension, 1 partly."),
        (Tally(built_in=2, missed=1), "Meets 2 of 3 must-haves (2 built in); misses 1."),
        (Tally(missed=2), "Meets none of the 2 must-haves."),
        (Tally(partial=1), "Meets the must-have: 1 partly."),
        (Tally(missed=1), "Misses the must-have."),
    ],
)
def test_the_summary_says_how_the_needs_are_met_in_one_sentence(tally, sentence):
    assert summary(tally) == sentence


def test_frameworks_level_on_the_needs_share_a_place_and_the_next_place_skips_theirs():
    rows = [
        Row("aiohttp", {"a": YES, "b": EXTENSION}),
        Row("Django", {"a": YES, "b": EXTENSION}),
        Row("Quart", {"a": YES, "b": EXTENSION}),
        Row("Bottle", {"a": NO, "b": YES}),
    ]

    ranked = rank(rows, needs=["a", "b"])

    assert [(item.place, item.tied) for item in ranked] == [
        (1, True),
        (1, True),
        (1, True),
        (4, False),
    ]


def test_within_a_tie_more_built_in_capabilities_come_first_not_the_name():
    rows = [
        Row("aiohttp", {"a": YES}, built_in_count=5),
        Row("Django", {"a": YES}, built_in_count=20),
        Row("Bottle", {"a": YES}, built_in_count=5),
    ]

    assert names(rank(rows, needs=["a"])) == ["Django", "aiohttp", "Bottle"]


def test_taking_the_top_n_says_when_it_cuts_through_a_tie():
    rows = [
        Row("A", {"a": YES}, built_in_count=3),
        Row("B", {"a": YES}, built_in_count=2),
        Row("C", {"a": YES}, built_in_count=1),
        Row("D", {"a": NO}),
    ]
    ranked = rank(rows, needs=["a"])

    assert cuts_a_tie(ranked, 2)
    assert not cuts_a_tie(ranked, 3)
    assert not cuts_a_tie(ranked, 4)


def test_the_written_rules_say_how_a_tie_is_ordered_and_that_it_is_a_tie():
    text = " ".join(RULES)

    assert "share a place" in text
    assert "build in more of all the capabilities" in text
