"""What the public "How we rate" page shows: every feature's rating guide and weight.

The general rules are written in its template (templates/frameworks/how_we_rate.html); each
feature's guide and weight are content, edited in admin, and read here in one query.
"""

from dataclasses import dataclass
from itertools import groupby
from operator import attrgetter

from frameworks.models import Feature, FeatureKind


@dataclass(frozen=True)
class RubricFeature:
    name: str
    slug: str
    description: str
    rating_guide: str
    weight: int
    is_capability: bool


@dataclass(frozen=True)
class RubricCategory:
    name: str
    slug: str
    features: tuple[RubricFeature, ...]


def rubric_categories() -> tuple[RubricCategory, ...]:
    """Every feature with its rating guide, grouped by category in the table's order: one query."""
    rows = Feature.objects.order_by(
        "category__order", "category__name", "order", "name"
    ).values_list(
        "category__name",
        "category__slug",
        "name",
        "slug",
        "description",
        "rating_guide",
        "weight",
        "kind",
        named=True,
    )
    return tuple(
        RubricCategory(
            name,
            slug,
            tuple(
                RubricFeature(
                    row.name,
                    row.slug,
                    row.description,
                    row.rating_guide,
                    row.weight,
                    row.kind == FeatureKind.CAPABILITY,
                )
                for row in features
            ),
        )
        for (name, slug), features in groupby(
            rows, key=attrgetter("category__name", "category__slug")
        )
    )
