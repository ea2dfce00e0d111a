"""What the comparison and framework pages share: the frameworks' profiles and charts."""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from frameworks.cells import CLAIM_STATUS_LABELS
from frameworks.charts import Chart, Reading, build_chart
from frameworks.models import (
    DOWNLOAD_METRICS,
    Adoption,
    ClaimStatus,
    Con,
    Framework,
    KeyFeature,
    Metric,
    MetricKind,
    Pro,
    UseCase,
)
from frameworks.pages import (
    CompanyItem,
    FrameworkProfile,
    KeyFeatureItem,
    ListItem,
    metric_label,
)
from frameworks.registries import no_downloads_text, not_published_text, registry_name

User = AbstractBaseUser | AnonymousUser
CORRECTED_STATUSES = (ClaimStatus.CORRECTED, ClaimStatus.OUTDATED)


def framework_profiles(
    *, frameworks: Sequence[Framework], with_key_features: bool = False
) -> tuple[FrameworkProfile, ...]:
    """The frameworks' profiles: one query per kind of item, whatever the number of frameworks.

    Rows are read as tuples: building a model instance for each pro and con would cost
    more than the rest of the profile. Every list is ordered in SQL, by its `order` first.
    """
    ids = [framework.pk for framework in frameworks]
    pros = _texts(Pro, ids)
    cons = _texts(Con, ids)
    use_cases = _texts(UseCase, ids)
    key_features = _key_features(ids) if with_key_features else defaultdict(list)
    companies = _companies(ids)
    readings = _readings(frameworks)
    return tuple(
        _profile(
            framework,
            key_features=key_features[framework.pk],
            pros=pros[framework.pk],
            cons=cons[framework.pk],
            use_cases=use_cases[framework.pk],
            companies=companies[framework.pk],
            readings=readings[framework.pk],
        )
        for framework in frameworks
    )


# What a list item reads of the article's claim it repeats, in the same query (a LEFT JOIN).
ITEM_CLAIM_COLUMNS = (
    "claim__status",
    "claim__correction",
    "claim__source_title",
    "claim__value__feature__slug",
    "claim__value__feature__name",
)


def _texts(model, ids):
    """{framework id: [ListItem, …]} of one of the frameworks' lists (pros, cons, use cases),
    each with the correction of the article's claim it repeats, if the site corrected it."""
    rows = model.objects.filter(framework__in=ids).order_by("order", "pk")
    texts = defaultdict(list)
    for row in rows.values_list("framework_id", "text", *ITEM_CLAIM_COLUMNS, named=True):
        texts[row.framework_id].append(list_item(row))
    return texts


def list_item(row):
    """A list item from a row with the item's `text` and `ITEM_CLAIM_COLUMNS`."""
    if row.claim__status not in CORRECTED_STATUSES:
        return ListItem(row.text)
    return ListItem(
        text=row.text,
        is_corrected=True,
        correction=row.claim__correction,
        status_label=CLAIM_STATUS_LABELS[row.claim__status],
        feature_slug=row.claim__value__feature__slug,
        feature_name=row.claim__value__feature__name,
        source_title=row.claim__source_title,
    )


def _key_features(ids):
    rows = KeyFeature.objects.filter(framework__in=ids).order_by("order", "pk")
    items = defaultdict(list)
    for row in rows.values_list("framework_id", "title", "text", *ITEM_CLAIM_COLUMNS, named=True):
        item = list_item(row)
        items[row.framework_id].append(
            KeyFeatureItem(row.title, row.text, item if item.is_corrected else None)
        )
    return items


def _companies(ids):
    adoptions = (
        Adoption.objects.filter(framework__in=ids)
        .order_by("order", "company__name")
        .values_list(
            "framework_id",
            "company__name",
            "company__website_url",
            "source_url",
            "as_of",
            named=True,
        )
    )
    companies = defaultdict(list)
    for adoption in adoptions:
        companies[adoption.framework_id].append(
            CompanyItem(
                name=adoption.company__name,
                website_url=adoption.company__website_url,
                source_url=adoption.source_url,
                as_of=adoption.as_of,
            )
        )
    return companies


def _readings(frameworks):
    """{framework id: {metric kind: [Reading, ...]}}, oldest reading first."""
    names = {framework.pk: framework.name for framework in frameworks}
    metrics = (
        Metric.objects.filter(framework__in=list(names))
        .order_by("kind", "as_of", "framework_id", "value")
        .values_list(
            "kind", "as_of", "framework_id", "value", "approximation", "source_url", named=True
        )
    )
    readings = defaultdict(lambda: defaultdict(list))
    for metric in metrics:
        readings[metric.framework_id][metric.kind].append(
            Reading(
                series=names[metric.framework_id],
                as_of=metric.as_of,
                value=metric.value,
                value_label=metric_label(metric.value, metric.approximation),
                source_url=metric.source_url,
            )
        )
    return readings


def _profile(framework, *, key_features, pros, cons, use_cases, companies, readings):
    return FrameworkProfile(
        name=framework.name,
        slug=framework.slug,
        url=framework.get_absolute_url(),
        tagline=framework.tagline,
        summary=framework.summary,
        language=framework.language,
        first_release_year=framework.first_release_year,
        original_authors=framework.original_authors,
        license=framework.license,
        website_url=framework.website_url,
        repository_url=framework.repository_url,
        source_url=framework.source_url,
        is_published=framework.is_published,
        updated_at=framework.updated_at,
        key_features=tuple(key_features),
        pros=tuple(pros),
        cons=tuple(cons),
        use_cases=tuple(use_cases),
        companies=tuple(companies),
        company_names=", ".join(company.name for company in companies),
        readings={kind: tuple(values) for kind, values in readings.items()},
        package_registry=framework.package_registry,
    )


def metric_charts(*, profiles: Iterable[FrameworkProfile]) -> tuple[Chart, ...]:
    """A chart per metric with a reading. A download chart says which registry counted each
    figure, and a framework whose registry publishes no such count is named with that reason
    rather than as “no data yet”."""
    profiles = tuple(profiles)
    charts = []
    for kind, title in MetricKind.choices:
        series = {profile.name: profile.readings.get(kind, ()) for profile in profiles}
        if not any(series.values()):
            continue
        chart = build_chart(chart_id=f"chart-{kind}", title=title, series=series)
        if kind in DOWNLOAD_METRICS:
            chart = _with_registries(chart, kind, profiles)
        charts.append(chart)
    return tuple(charts)


def _with_registries(chart, kind, profiles):
    counted = [p for p in profiles if p.readings.get(kind) and registry_name(p.package_registry)]
    registries = {profile.package_registry for profile in counted}
    notes = []
    if len(registries) == 1:
        notes.append(f"As counted by {registry_name(registries.pop())}.")
    elif registries:
        each = ", ".join(f"{p.name} by {registry_name(p.package_registry)}" for p in counted)
        notes.append(f"Each as its registry counts them ({each}): registries count differently.")
    missing = []
    for profile in profiles:
        if profile.name not in chart.missing:
            continue
        reason = not_published_text(profile.package_registry, kind)
        if reason:
            notes.append(f"{profile.name}: {reason}")
        else:
            missing.append(profile.name)
    return replace(chart, missing=tuple(missing), notes=tuple(notes))


def metric_notes(*, profiles: Iterable[FrameworkProfile], named: bool) -> tuple[str, ...]:
    """What a page says of frameworks whose registry publishes no download counts at all,
    each framework named when the page shows several."""
    notes = []
    for profile in profiles:
        text = no_downloads_text(profile.package_registry)
        if text:
            notes.append(f"{profile.name}: {text}" if named else text)
    return tuple(notes)
