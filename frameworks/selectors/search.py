"""Search on /frameworks/?q=: names, taglines, summaries, key features and feature values.

Five queries whatever the size of the site: the frameworks, the capabilities the query may
name, every framework's value for those it does name, the feature values that match and the
key features that match. A query that names a capability ("websocket") lists every framework
whose value for it is known, with its badge, built in first (frameworks.search).

Which texts match is the database's work: on PostgreSQL, full-text search (English stemming:
"templates" finds "template") and trigram similarity of names (pg_trgm, migration 0013),
besides plain substrings; on SQLite, substrings, with typos in names forgiven by edit distance
in Python (frameworks.search). Both find what the tests ask of them; PostgreSQL finds more word
forms.
"""

from collections import defaultdict
from collections.abc import Sequence
from operator import attrgetter

from django.contrib.postgres.search import SearchQuery, SearchVector, TrigramWordSimilarity
from django.db import connection
from django.db.models import BooleanField, ExpressionWrapper, Q, QuerySet
from django.db.models.functions import Lower

from frameworks.cells import BADGES, SUPPORT_ORDER
from frameworks.models import (
    Feature,
    FeatureKind,
    FeatureValue,
    Framework,
    KeyFeature,
    SupportLevel,
)
from frameworks.pages import FeatureMatch, SearchHit
from frameworks.search import (
    KEY_FEATURE,
    SUMMARY,
    TAGLINE,
    VALUE,
    VALUE_OF_NAMED_FEATURE,
    Match,
    contains_any,
    language_match,
    name_match,
    names_feature,
    ranked,
    snippet,
    terms_of,
    value_reason,
)
from frameworks.selectors.profiles import User

REASONS_SHOWN = 3
# pg_trgm's own default for the % operator: "flsk" and "flask" are 0.375 alike.
NAME_SIMILARITY = 0.3
SEARCH_CONFIG = "english"


def uses_postgres():
    return connection.vendor == "postgresql"


def _text_query(terms):
    """Any of the terms in a full-text column (PostgreSQL only)."""
    query = SearchQuery(terms[0], config=SEARCH_CONFIG)
    for term in terms[1:]:
        query |= SearchQuery(term, config=SEARCH_CONFIG)
    return query


def _matching(fields, terms):
    """Rows with any term in any of `fields`: substrings, plus full text on PostgreSQL.

    `fields` maps a field path to the condition (a Q) under which it counts, or None.
    Returns (aliases to add, the Q that matches).
    """
    aliases, condition = {}, Q()
    for field, when in fields.items():
        found = Q()
        for term in terms:
            found |= Q(**{f"{field}__icontains": term})
        if uses_postgres():
            alias = f"_search_{field}"
            aliases[alias] = SearchVector(field, config=SEARCH_CONFIG)
            found |= Q(**{alias: _text_query(terms)})
        condition |= found & when if when is not None else found
    return aliases, condition


def _flag(fields, terms):
    aliases, condition = _matching(fields, terms)
    return aliases, ExpressionWrapper(condition, output_field=BooleanField())


def search_frameworks(*, user: User, query: str, languages: Sequence[str] = ()) -> list[SearchHit]:
    """Frameworks visible to `user` that match `query`, most relevant first, with reasons."""
    terms = terms_of(query)
    if not terms:
        return []
    frameworks = Framework.objects.visible_to(user)
    if languages:
        frameworks = frameworks.filter(language__in=languages)
    framework_rows = _frameworks(frameworks, terms)
    matches = defaultdict(list)
    names = {row.pk: row.name for row in framework_rows}
    for row in framework_rows:
        found = name_match(row.name, terms, close=getattr(row, "similar_name", False))
        if found:
            matches[row.pk].append(found)
        written_in = language_match(row.language, terms)
        if written_in:
            matches[row.pk].append(written_in)
        if row.tagline_hit:
            matches[row.pk].append(Match(TAGLINE, ""))
        if row.summary_hit:
            matches[row.pk].append(Match(SUMMARY, f"Summary: {snippet(row.summary, terms)}"))
    named = _named_features(terms)
    feature_matches = _feature_matches(frameworks, named)
    for pk, match in _value_matches(frameworks, terms, exclude_features=named):
        matches[pk].append(match)
    for pk, match in _key_feature_matches(frameworks, terms):
        matches[pk].append(match)
    for pk in feature_matches:
        matches.setdefault(pk, [])
    by_pk = {row.pk: row for row in framework_rows}
    order = ranked(matches, names)
    if named:  # a question about features: the best supported first, then the rest
        order.sort(key=lambda pk: _best_support(feature_matches.get(pk, ())))
    return [_hit(by_pk[pk], matches[pk], feature_matches.get(pk, ())) for pk in order]


def _named_features(terms):
    """The capabilities the query names (the features are few: read them all, match here)."""
    features = Feature.objects.filter(kind=FeatureKind.CAPABILITY).values_list(
        "pk", "name", "slug", "search_terms", named=True
    )
    return [
        feature.pk
        for feature in features
        if names_feature(
            terms, name=feature.name, slug=feature.slug, search_terms=feature.search_terms
        )
    ]


def _feature_matches(frameworks, feature_pks):
    """framework pk → its known values for the named features, as badges: one query."""
    if not feature_pks:
        return {}
    rows = (
        FeatureValue.objects.filter(framework__in=frameworks.values("pk"), feature__in=feature_pks)
        .exclude(support=SupportLevel.UNKNOWN)
        .order_by("feature__category__order", "feature__order")
        .values_list("framework_id", "feature__name", "support", "text", named=True)
    )
    found = defaultdict(list)
    for row in rows:
        badge = BADGES.get(row.support, BADGES[SupportLevel.UNKNOWN])
        found[row.framework_id].append(
            FeatureMatch(
                feature=row.feature__name,
                support=row.support,
                icon=badge.icon,
                label=badge.label,
                css_class=badge.css_class,
                text=row.text,
            )
        )
    return found


def _best_support(feature_matches):
    """The position of the best support among them (0: built in); past every level if none."""
    return min(
        (SUPPORT_ORDER[match.support] for match in feature_matches), default=len(SUPPORT_ORDER)
    )


def _frameworks(frameworks: QuerySet, terms):
    tagline_aliases, tagline_hit = _flag({"tagline": None}, terms)
    summary_aliases, summary_hit = _flag({"summary": None}, terms)
    frameworks = frameworks.alias(**tagline_aliases, **summary_aliases).annotate(
        tagline_hit=tagline_hit, summary_hit=summary_hit
    )
    columns = ["pk", "name", "slug", "tagline", "summary", "language", "is_published"]
    if uses_postgres():
        frameworks = frameworks.alias(
            _name_similarity=TrigramWordSimilarity(" ".join(terms), "name")
        ).annotate(
            similar_name=ExpressionWrapper(
                Q(_name_similarity__gte=NAME_SIMILARITY), output_field=BooleanField()
            )
        )
        columns.append("similar_name")
    return list(
        frameworks.order_by(Lower("name")).values_list(
            *columns, "tagline_hit", "summary_hit", named=True
        )
    )


def _value_matches(frameworks, terms, *, exclude_features=()):
    """Values whose text matches, or whose feature's name matches where the value is "yes";
    not those of the features the query names, which come as badges instead."""
    aliases, condition = _matching(
        {"text": None, "feature__name": Q(support=SupportLevel.YES)}, terms
    )
    rows = (
        FeatureValue.objects.filter(framework__in=frameworks.values("pk"))
        .exclude(feature__in=exclude_features)
        .alias(**aliases)
        .filter(condition)
        .order_by("feature__category__order", "feature__order")
        .values_list("framework_id", "support", "text", "feature__name", named=True)
    )
    for row in rows:
        label = BADGES.get(row.support, BADGES[SupportLevel.UNKNOWN]).label
        reason = value_reason(row.feature__name, row.text, label)
        named = contains_any(row.feature__name, terms)
        yield row.framework_id, Match(VALUE_OF_NAMED_FEATURE if named else VALUE, reason)


def _key_feature_matches(frameworks, terms):
    aliases, condition = _matching({"title": None, "text": None}, terms)
    rows = (
        KeyFeature.objects.filter(framework__in=frameworks.values("pk"))
        .alias(**aliases)
        .filter(condition)
        .order_by("order", "pk")
        .values_list("framework_id", "title", "text", named=True)
    )
    for row in rows:
        detail = row.title if contains_any(row.title, terms) else snippet(row.text, terms)
        yield row.framework_id, Match(KEY_FEATURE, f"Key feature: {detail}")


def _hit(row, matches, feature_matches=()):
    """The hit with its reasons, weightiest first (found order among equals)."""
    matches = sorted(matches, key=attrgetter("weight"), reverse=True)
    reasons = list(dict.fromkeys(match.reason for match in matches if match.reason))
    return SearchHit(
        name=row.name,
        slug=row.slug,
        url=Framework(slug=row.slug).get_absolute_url(),
        tagline=row.tagline,
        language=row.language,
        is_published=row.is_published,
        reasons=tuple(reasons[:REASONS_SHOWN]),
        more_reasons=max(0, len(reasons) - REASONS_SHOWN),
        features=tuple(feature_matches),
    )
