"""The decision helper (/decide/): the capabilities to choose from, every published framework
ranked for the reader's choice (frameworks.decide), with its reasons. At most three queries."""

from collections import defaultdict
from collections.abc import Sequence
from typing import NamedTuple

from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.db.models.functions import Lower

from frameworks.cells import make_cell
from frameworks.decide import MET, RULES, cuts_a_tie, needs_query, rank, summary
from frameworks.models import (
    CELL_FIELDS,
    MAX_COMPARED,
    MIN_COMPARED,
    Feature,
    FeatureKind,
    FeatureValue,
    Framework,
    SupportLevel,
    compare_url,
)
from frameworks.pages import (
    ChoiceGroup,
    CompareLink,
    DecidePage,
    DecideResult,
    FeatureChoice,
    FrameworkLink,
    Reason,
)
from frameworks.selectors.lists import in_languages

RESULTS_PER_PAGE = 50


class Candidate(NamedTuple):
    """A published framework as the ranking sees it: its support level per asked feature."""

    name: str
    slug: str
    language: str
    built_in_count: int  # of all the site's capabilities: the order within a tie
    support: dict
    values: dict


def capability_features():
    """The features a reader can need, in display order, with their category: one query."""
    return list(
        Feature.objects.filter(kind=FeatureKind.CAPABILITY)
        .order_by("category__order", "category__name", "order", "name")
        .values_list("name", "slug", "description", "category__name", "category__slug", named=True)
    )


def _unique(slugs):
    return list(dict.fromkeys(slug for slug in slugs if slug))


def decide_page(
    *,
    needs: Sequence[str],
    wants: Sequence[str] = (),
    languages: Sequence[str] = (),
    page: int | str = 1,
) -> DecidePage:
    """The form with the reader's choices ticked and, when they chose anything, the ranking.

    Slugs that name no capability are left out and listed in `ignored`; a feature both
    needed and wanted counts as needed. Raises Django's InvalidPage for a page out of range.
    """
    features = capability_features()
    by_slug = {feature.slug: feature for feature in features}
    needs, wants = _unique(needs), _unique(wants)
    ignored = tuple(slug for slug in _unique([*needs, *wants]) if slug not in by_slug)
    needs = [slug for slug in needs if slug in by_slug]
    wants = [slug for slug in wants if slug in by_slug and slug not in needs]

    frameworks = list(
        Framework.objects.published()
        .annotate(
            built_in_count=Count(
                "values",
                filter=Q(
                    values__support=SupportLevel.YES,
                    values__feature__kind=FeatureKind.CAPABILITY,
                ),
            )
        )
        .order_by(Lower("name"))
        .values_list("pk", "name", "slug", "language", "built_in_count", named=True)
    )
    offered, frameworks = in_languages(frameworks, languages)
    candidates = _candidates(frameworks, [*needs, *wants]) if needs or wants else []
    ranked = rank(candidates, needs=needs, wants=wants)
    page_obj = Paginator(ranked, RESULTS_PER_PAGE).page(page)
    return DecidePage(
        groups=_groups(features, needs, wants),
        needs=tuple(_choice(by_slug[slug], needs, wants) for slug in needs),
        wants=tuple(_choice(by_slug[slug], needs, wants) for slug in wants),
        ignored=ignored,
        chosen_languages=tuple(languages),
        languages=offered,
        rules=RULES,
        results=tuple(_result(item, by_slug, needs, wants) for item in page_obj.object_list),
        result_count=len(ranked),
        compare_links=_compare_links(ranked, needs, wants),
        page_obj=page_obj,
    )


def _choice(feature, needs, wants):
    return FeatureChoice(
        name=feature.name,
        slug=feature.slug,
        description=feature.description,
        is_need=feature.slug in needs,
        is_want=feature.slug in wants,
    )


def _groups(features, needs, wants):
    grouped = defaultdict(list)
    names = {}
    for feature in features:
        grouped[feature.category__slug].append(_choice(feature, needs, wants))
        names[feature.category__slug] = feature.category__name
    return tuple(
        ChoiceGroup(name=names[slug], slug=slug, choices=tuple(choices))
        for slug, choices in grouped.items()
    )


def _candidates(frameworks, slugs):
    """Each framework with its values for the asked features: one query for all of them."""
    values = defaultdict(dict)
    rows = FeatureValue.objects.filter(
        framework__in=[framework.pk for framework in frameworks], feature__slug__in=slugs
    ).values_list("framework_id", "feature__slug", *CELL_FIELDS, named=True)
    for row in rows:
        values[row.framework_id][row.feature__slug] = row
    return [
        Candidate(
            name=framework.name,
            slug=framework.slug,
            language=framework.language,
            built_in_count=framework.built_in_count,
            support={slug: value.support for slug, value in values[framework.pk].items()},
            values=values[framework.pk],
        )
        for framework in frameworks
    ]


def _reasons(candidate, slugs, by_slug):
    met, missed = [], []
    for slug in slugs:
        name = by_slug[slug].name
        cell = make_cell(candidate.values.get(slug), source_label=f"{candidate.name}: {name}")
        (met if cell.support in MET else missed).append(Reason(name, slug, cell))
    return tuple(met), tuple(missed)


def _result(item, by_slug, needs, wants):
    candidate = item.row
    met, missed = _reasons(candidate, needs, by_slug)
    wants_met, wants_missed = _reasons(candidate, wants, by_slug)
    return DecideResult(
        rank=item.place,
        tied=item.tied,
        framework=FrameworkLink(
            name=candidate.name,
            slug=candidate.slug,
            url=Framework(slug=candidate.slug).get_absolute_url(),
            language=candidate.language,
        ),
        met=met,
        missed=missed,
        wants_met=wants_met,
        wants_missed=wants_missed,
        summary=summary(item.needs) if needs else "",
    )


def _compare_links(ranked, needs, wants):
    """ "Compare the top N", carrying the needs: the comparison shows their rows first."""
    query = needs_query(needs, wants)
    return tuple(
        CompareLink(
            count=count,
            url=compare_url([item.row.slug for item in ranked[:count]]),
            needs_url=f"{compare_url([item.row.slug for item in ranked[:count]])}?{query}"
            "#your-needs",
            names=tuple(item.row.name for item in ranked[:count]),
            cuts_tie=cuts_a_tie(ranked, count),
        )
        for count in range(MIN_COMPARED, MAX_COMPARED + 1)
        if len(ranked) >= count
    )
