"""Search's rules, as pure functions: the query's terms, typo-tolerant names, why a text matched.

The database finds the candidate texts (frameworks.selectors.search: full-text search and
trigram similarity on PostgreSQL, substring matching on SQLite); these functions say which
field matched, how much it weighs and how to tell the reader ("Async support: Native
async/await"). Relevance is the sum of the weights of the fields that matched, so a match in
a framework's name outranks one in its summary, and several matches outrank one.

A query that names a capability ("websocket", "admin", "orm") is a question about that feature:
every framework whose value for it is known is a hit, with its badge, best supported first
(`names_feature`; the order is `frameworks.cells.SUPPORT_ORDER`, the grids' too), ahead of
hits that only mention the words.
"""

import re
from dataclasses import dataclass

MAX_TERMS = 6
# Shorter terms are matched exactly only: a one-letter typo in two letters is another word.
MIN_FUZZY_LENGTH = 3
SNIPPET_LENGTH = 90

# How much a match in each field counts towards relevance.
NAME_EXACT = 100
NAME_CONTAINS = 60
NAME_CLOSE = 40
# "ruby" is a question about the language: its frameworks first, after a name match.
LANGUAGE = 50
TAGLINE = 12
KEY_FEATURE = 8
# A value of a feature whose name matches ("Async support" for "async") says more than a
# value that only mentions the word.
VALUE_OF_NAMED_FEATURE = 10
VALUE = 6
SUMMARY = 4

TERM = re.compile(r"\w[\w.+#/-]*")

# What readers type for a language besides its name.
LANGUAGE_ALIASES = {
    "js": "javascript",
    "node": "javascript",
    "nodejs": "javascript",
    "node.js": "javascript",
    "ts": "typescript",
    "golang": "go",
    "csharp": "c#",
    "dotnet": "c#",
    "rb": "ruby",
    "py": "python",
}

# Words in feature names that name no feature on their own ("support" is in five names).
FEATURE_STOP_WORDS = frozenset({"support", "and", "the", "of", "for", "with", "a"})


@dataclass(frozen=True)
class Match:
    """One field of a framework that matched: its weight and what the reader is told; no
    reason where the hit shows the match anyway (its name, its tagline)."""

    weight: int
    reason: str


def terms_of(query: str) -> list[str]:
    """The query's words, folded to lower case; at most MAX_TERMS of them."""
    return list(dict.fromkeys(TERM.findall(query.casefold())))[:MAX_TERMS]


def language_match(language: str, terms: list[str]) -> Match | None:
    """A framework written in a language the query names ("ruby", "typescript", "golang")."""
    folded = language.casefold()
    if any(LANGUAGE_ALIASES.get(term, term) == folded for term in terms):
        return Match(LANGUAGE, f"Written in {language}")
    return None


def contains_any(text: str, terms: list[str]) -> bool:
    folded = text.casefold()
    return any(term in folded for term in terms)


def within_edits(first: str, second: str, limit: int) -> bool:
    """Whether `first` becomes `second` with at most `limit` insertions, deletions or
    substitutions (Levenshtein), stopping as soon as every path exceeds the limit."""
    if abs(len(first) - len(second)) > limit:
        return False
    previous = list(range(len(second) + 1))
    for row, char in enumerate(first, start=1):
        current = [row]
        for column, other in enumerate(second, start=1):
            current.append(
                min(
                    previous[column] + 1,
                    current[column - 1] + 1,
                    previous[column - 1] + (char != other),
                )
            )
        if min(current) > limit:
            return False
        previous = current
    return previous[-1] <= limit


def allowed_edits(term: str) -> int:
    """One typo in a word, two in a long one (eight letters or more)."""
    return 2 if len(term) >= 8 else 1


def _squeezed(text):
    return re.sub(r"[\W_]+", "", text.casefold())


def is_close_name(name: str, terms: list[str]) -> bool:
    """Whether the terms name this framework but for a typo each: "flsk" → Flask,
    "fast api" → FastAPI, "pyrmid" → Pyramid."""
    query = "".join(terms)
    if len(query) >= MIN_FUZZY_LENGTH and within_edits(
        query, _squeezed(name), allowed_edits(query)
    ):
        return True
    words = [_squeezed(word) for word in name.split()]
    return all(
        len(term) >= MIN_FUZZY_LENGTH
        and any(within_edits(term, word, allowed_edits(term)) for word in words)
        for term in terms
    )


def name_match(name: str, terms: list[str], *, close: bool = False) -> Match | None:
    """How the framework's name matches; `close` says the database found it similar."""
    if not terms:
        return None
    folded = name.casefold()
    if " ".join(terms) == folded or "".join(terms) == _squeezed(name):
        return Match(NAME_EXACT, "")
    if all(term in folded for term in terms):
        return Match(NAME_CONTAINS, "")
    if close or is_close_name(name, terms):
        return Match(NAME_CLOSE, f"Name close to “{' '.join(terms)}”")
    return None


def snippet(text: str, terms: list[str], length: int = SNIPPET_LENGTH) -> str:
    """The part of `text` around its first matching term, with "…" where it is cut."""
    text = " ".join(text.split())
    if len(text) <= length:
        return text
    folded = text.casefold()
    positions = [folded.find(term) for term in terms if term in folded]
    at = min(positions) if positions else 0
    start = max(0, min(at - length // 3, len(text) - length))
    piece = text[start : start + length].strip()
    return f"{'…' if start else ''}{piece}{'…' if start + length < len(text) else ''}"


def value_reason(feature: str, text: str, label: str) -> str:
    """ "Async support: Native async/await"; the support word when the value has no text."""
    return f"{feature}: {text or label}"


def ranked(matches: dict, names: dict) -> list:
    """Keys of `matches` (key → list of Match) by relevance, then alphabetically by name."""
    return sorted(
        matches,
        key=lambda key: (-sum(match.weight for match in matches[key]), names[key].casefold()),
    )


def _singular(word: str) -> str:
    """ "websockets" → "websocket", "headers" → "header"; short words stay ("ws", "orm")."""
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def _feature_words(name: str, slug: str, search_terms: str) -> tuple[set, set]:
    """The single words and the whole phrases (squeezed) a feature is known by."""
    words = {
        _singular(_squeezed(word))
        for word in re.split(r"[\s()/&,-]+", name.casefold())
        if word and word not in FEATURE_STOP_WORDS
    }
    phrases = {_singular(_squeezed(name)), _singular(_squeezed(slug))}
    phrases |= {_singular(_squeezed(term)) for term in search_terms.split(",") if _squeezed(term)}
    return words - {""}, phrases - {""}


def names_feature(terms: list[str], *, name: str, slug: str, search_terms: str = "") -> bool:
    """Whether the query asks about this feature: "websocket" → WebSockets, "admin" → Admin
    interface, "orm" → Database support (ORM), or one of its other words (`search_terms`)."""
    if not terms:
        return False
    words, phrases = _feature_words(name, slug, search_terms)
    query = _singular(_squeezed("".join(terms)))
    if query in phrases:
        return True
    asked = [_singular(_squeezed(term)) for term in terms if term not in FEATURE_STOP_WORDS]
    return bool(asked) and all(term in words | phrases for term in asked)
