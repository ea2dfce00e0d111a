"""The comparison page of 2 to 4 frameworks: the matrix, the curated comparison, charts."""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from itertools import groupby
from operator import attrgetter

from django.template.defaultfilters import pluralize
from django.utils.text import Truncator

from frameworks.cells import make_cell, make_claim
from frameworks.charts import build_profile_chart
from frameworks.decide import Tally, needs_query, summary
from frameworks.models import (
    CELL_FIELDS,
    DOWNLOAD_METRICS,
    Claim,
    Comparison,
    ComparisonEntry,
    FeatureKind,
    FeatureValue,
    Framework,
    Provenance,
    SupportLevel,
    compare_url,
)
from frameworks.pages import (
    CURATED_FIELDS,
    CategoryBlock,
    ChoiceList,
    ComparisonPage,
    CuratedComparison,
    FaqItem,
    NeedTally,
    Row,
    YourNeeds,
)
from frameworks.selectors.profiles import (
    User,
    framework_profiles,
    metric_charts,
    metric_notes,
)

DESCRIPTION_LENGTH = 160


def comparison_page(
    *,
    frameworks: Iterable[Framework],
    user: User,
    only_differences: bool = False,
    needs: Sequence[str] = (),
    wants: Sequence[str] = (),
) -> ComparisonPage:
    """Everything the comparison of 2-4 frameworks shows, in a fixed number of queries.

    `frameworks` are the Framework rows of the URL, already checked visible to `user`.
    Columns are in canonical (alphabetical slug) order, as in the URL. `needs` and `wants`
    (capability slugs, as the decision helper takes them) put the rows they name first.
    """
    frameworks = sorted(frameworks, key=lambda framework: framework.slug)
    profiles = framework_profiles(frameworks=frameworks)
    all_categories = _matrix(frameworks)
    categories = all_categories
    if only_differences:
        categories = _only_differences(all_categories)
    row_count = sum(len(category.rows) for category in all_categories)
    difference_count = sum(
        1 for category in all_categories for row in category.rows if not row.all_agree
    )
    curated = _curated_for(frameworks, user)
    title = " vs ".join(profile.name for profile in profiles)
    key_differences = _key_differences(
        all_categories, pinned=curated.pinned_features if curated else ()
    )
    return ComparisonPage(
        title=curated.title if curated else title,
        description=_comparison_description(profiles, row_count, curated),
        slugs=tuple(framework.slug for framework in frameworks),
        url=compare_url([framework.slug for framework in frameworks]),
        frameworks=profiles,
        categories=categories,
        curated=curated,
        charts=metric_charts(profiles=profiles),
        metric_notes=_no_download_notes(profiles),
        only_differences=only_differences,
        row_count=row_count,
        difference_count=difference_count,
        draft_names=tuple(profile.name for profile in profiles if not profile.is_published),
        key_differences=key_differences,
        choices=tuple(_choice_list(profile) for profile in profiles),
        profile=support_profile(categories=all_categories, names=[p.name for p in profiles]),
        facts_checked_on=_facts_checked_on(all_categories),
        your_needs=_your_needs(all_categories, profiles, needs, wants),
        capabilities=tuple(
            row for category in all_categories for row in category.rows if row.is_capability
        ),
    )


def _no_download_notes(profiles):
    """When no download chart is drawn, the frameworks whose registry publishes no download
    counts are named here; a download chart names them itself."""
    if any(profile.readings.get(kind) for profile in profiles for kind in DOWNLOAD_METRICS):
        return ()
    return metric_notes(profiles=profiles, named=True)


def _your_needs(categories, profiles, needs, wants):
    """The rows the reader needs and wants, and how each framework does on them; None when
    the URL names none. A feature both needed and wanted counts as needed."""
    if not needs and not wants:
        return None
    rows = {row.slug: row for category in categories for row in category.rows if row.is_capability}
    ignored = tuple(slug for slug in dict.fromkeys([*needs, *wants]) if slug not in rows)
    needs = [slug for slug in dict.fromkeys(needs) if slug in rows]
    wants = [slug for slug in dict.fromkeys(wants) if slug in rows and slug not in needs]
    tallies = []
    for index, profile in enumerate(profiles):
        need_levels = [rows[slug].cells[index].support for slug in needs]
        want_levels = [rows[slug].cells[index].support for slug in wants]
        tallies.append(
            NeedTally(
                name=profile.name,
                needs=summary(Tally.of(need_levels)) if needs else "",
                wants=summary(Tally.of(want_levels), noun="nice-to-have") if wants else "",
            )
        )
    query = needs_query(needs, wants)
    return YourNeeds(
        needs=tuple(rows[slug] for slug in needs),
        wants=tuple(rows[slug] for slug in wants),
        tallies=tuple(tallies),
        query=query,
        ignored=ignored,
    )


def _choice_list(profile):
    """ "Choose X if you need to…": its use cases, but never one resting on a corrected claim."""
    return ChoiceList(
        profile.name,
        profile.slug,
        profile.url,
        reasons=tuple(item for item in profile.use_cases if not item.is_corrected),
        set_aside=tuple(item for item in profile.use_cases if item.is_corrected),
    )


def _facts_checked_on(categories):
    """The newest day one of the comparison's values was checked (not merely stated)."""
    days = [
        cell.verified_on
        for category in categories
        for row in category.rows
        for cell in row.cells
        if cell.verified_on and cell.provenance != Provenance.STATED
    ]
    return max(days, default=None)


# How far apart two support levels are, for picking the key differences: built in and
# missing are furthest apart; unknown tells nothing and does not count.
SUPPORT_RANK = {
    SupportLevel.YES: 3,
    SupportLevel.PARTIAL: 2,
    SupportLevel.EXTENSION: 1.5,
    SupportLevel.NO: 0,
}
KEY_DIFFERENCES = 4


def _key_differences(categories, *, pinned=()):
    """The capability rows where the frameworks differ that a reader weighs first.

    A curated comparison's pinned features come first (when their ratings differ), then
    the weightiest features whose ratings differ, then, at equal weight, the widest gaps
    (the distance between the best and the worst known support level), then rows fully
    known, then the table's order. Returned in that order, most important first.
    """
    scored = []
    for position, row in enumerate(row for category in categories for row in category.rows):
        if not row.is_capability or row.all_agree:
            continue
        ranks = [SUPPORT_RANK[cell.support] for cell in row.cells if cell.support in SUPPORT_RANK]
        if len(ranks) < 2 or max(ranks) == min(ranks):
            continue
        known = len(ranks) == len(row.cells)
        importance = (row.slug in pinned, row.weight, max(ranks) - min(ranks), known, -position)
        scored.append((importance, row))
    scored.sort(key=lambda item: item[0], reverse=True)
    return tuple(row for _, row in scored[:KEY_DIFFERENCES])


# The support profile's segments, in the order drawn, with the words of the text equivalent.
PROFILE_LEVELS = (
    (SupportLevel.YES, "support-yes", "built in"),
    (SupportLevel.PARTIAL, "support-partial", "partial"),
    (SupportLevel.EXTENSION, "support-extension", "via extension"),
    (SupportLevel.NO, "support-no", "missing"),
    (SupportLevel.UNKNOWN, "support-unknown", "unknown"),
)


def support_profile(*, categories, names):
    """How many of the capability rows each framework has built in, partly, … (no query)."""
    counts = {name: defaultdict(int) for name in names}
    for category in categories:
        for row in category.rows:
            if not row.is_capability:
                continue
            for name, cell in zip(names, row.cells, strict=True):
                counts[name][cell.support] += 1
    if not any(counts.values()):
        return None
    return build_profile_chart(counts=counts, levels=PROFILE_LEVELS)


def _comparison_description(profiles, row_count, curated):
    if curated is not None and curated.intro:
        return Truncator(" ".join(curated.intro.split())).chars(DESCRIPTION_LENGTH)
    names = [profile.name for profile in profiles]
    listed = ", ".join(names[:-1]) + " and " + names[-1]
    return (
        f"{listed} compared side by side: {row_count} feature{pluralize(row_count)} with "
        "sources and verification dates, pros and cons, use cases, companies and metrics."
    )


# What a matrix query reads of each value's feature and the feature's category.
FEATURE_COLUMNS = (
    "feature__name",
    "feature__slug",
    "feature__description",
    "feature__kind",
    "feature__weight",
)
# What a page shows of a value beyond the cell an editor types (never its editor_note).
VALUE_COLUMNS = ("id", *CELL_FIELDS, "provenance")
CLAIM_COLUMNS = (
    "value_id",
    "source_title",
    "source_url",
    "stated_on",
    "text",
    "quote",
    "status",
    "correction",
    "reviewed_on",
)
CATEGORY_COLUMNS = (
    "feature__category__name",
    "feature__category__slug",
    "feature__category__description",
)
MATRIX_ORDER = ("feature__category__order", "feature__category__name", "feature__order")


def _matrix_values(frameworks):
    """The frameworks' values with their feature and category, in matrix order: one query."""
    return (
        FeatureValue.objects.filter(framework__in=[framework.pk for framework in frameworks])
        .order_by(*MATRIX_ORDER, "feature__name")
        .values_list(
            "feature_id",
            "framework_id",
            *VALUE_COLUMNS,
            *FEATURE_COLUMNS,
            *CATEGORY_COLUMNS,
            named=True,
        )
    )


def _matrix(frameworks):
    """Categories → rows → cells in one query, whatever the size of the matrix.

    Only features with a value for one of these frameworks come back: a row nobody has
    researched for them tells nothing, and 300 features must not be read to show 40.
    """
    values = _matrix_values(frameworks)
    claims = claims_by_value(framework_ids=[framework.pk for framework in frameworks])
    categories = []
    for category, feature_rows in groupby(values, key=attrgetter(*CATEGORY_COLUMNS)):
        rows = tuple(
            _row(list(cells), frameworks, claims)
            for _, cells in groupby(feature_rows, key=attrgetter("feature_id"))
        )
        categories.append(CategoryBlock(*category, rows))
    return tuple(categories)


def claims_by_value(*, framework_ids):
    """{value id: (ClaimItem, …)} of the frameworks' values, oldest statement first.

    One query, also when there is nothing to find: filtered by framework rather than by a
    list of value ids, which Django would skip when the list is empty (the page's query
    count would then depend on its data).
    """
    rows = (
        Claim.objects.filter(value__framework__in=list(framework_ids))
        .order_by("value_id", "stated_on", "pk")
        .values_list(*CLAIM_COLUMNS, named=True)
    )
    claims = defaultdict(list)
    for row in rows:
        claims[row.value_id].append(make_claim(row))
    return claims


def agreement_key(cell, *, is_capability):
    """What "the frameworks agree" compares: the typed level of a capability, the value of a
    description (two frameworks whose launch years differ do not agree)."""
    if is_capability:
        return cell.support
    return cell.text.strip().casefold()


def _row(values, frameworks, claims):
    """One feature's row from its values (one per framework that has one)."""
    feature = values[0]
    name = feature.feature__name
    is_capability = feature.feature__kind == FeatureKind.CAPABILITY
    by_framework = {value.framework_id: value for value in values}
    cells = []
    for framework in frameworks:
        value = by_framework.get(framework.pk)
        cells.append(
            make_cell(
                value,
                source_label=f"{framework.name}: {name}",
                is_capability=is_capability,
                claims=claims.get(value.id, ()) if value is not None else (),
            )
        )
    all_agree = len({agreement_key(cell, is_capability=is_capability) for cell in cells}) == 1
    return Row(
        name,
        feature.feature__slug,
        feature.feature__description,
        tuple(cells),
        all_agree,
        "agree" if all_agree else "",
        is_capability,
        feature.feature__weight,
    )


def _only_differences(categories):
    kept = []
    for category in categories:
        rows = tuple(row for row in category.rows if not row.all_agree)
        if rows:
            kept.append(CategoryBlock(category.name, category.slug, category.description, rows))
    return tuple(kept)


def _curated_for(frameworks, user):
    """The curated comparison of exactly this set of frameworks, if any: always two queries.

    The first lists the members of every comparison that includes one of these frameworks
    (a handful of short rows) and the exact set is picked here, which costs less than
    counting entries with aggregates in SQL. The second reads it with its FAQ.
    """
    match = _comparison_of_exactly({framework.pk for framework in frameworks})
    # A draft comes first only when no published comparison has this set, and the public
    # must not see it: then nothing is found. Filtering on None still runs the query, so
    # the count stays the same with or without a match.
    # Its pinned features come in the same query: a row per FAQ entry and pin, folded here.
    rows = list(
        Comparison.objects.visible_to(user)
        .filter(pk=match)
        .order_by("faq__order", "faq__pk", "pinned_features__slug")
        .values_list(
            *CURATED_FIELDS,
            "faq__question",
            "faq__answer",
            "pinned_features__slug",
            named=True,
        )
    )
    if not rows:
        return None
    faq = {
        row.faq__question: FaqItem(row.faq__question, row.faq__answer)
        for row in rows
        if row.faq__question is not None
    }
    pinned = {row.pinned_features__slug for row in rows} - {None}
    first = rows[0]
    return CuratedComparison(
        **{name: getattr(first, name) for name in CURATED_FIELDS},
        faq=tuple(faq.values()),
        pinned_features=tuple(sorted(pinned)),
    )


def _comparison_of_exactly(ids):
    """The id of the comparison of exactly `ids`: the published one, the latest, first."""
    entries = (
        ComparisonEntry.objects.filter(comparison__entries__framework__in=ids)
        .order_by("-comparison__is_published", "-comparison__updated_on", "comparison_id")
        .values_list("comparison_id", "framework_id", named=True)
    )
    members = defaultdict(set)
    for entry in entries:
        members[entry.comparison_id].add(entry.framework_id)
    return next((pk for pk, frameworks in members.items() if frameworks == ids), None)
