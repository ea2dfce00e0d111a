"""What every source shares: reading an answer strictly, and the `Source` that says how to ask.

Every figure is checked before it is taken: the key where the API documents it, a count that
is whole and not negative, a version that looks like one, a date that parses. Anything else is
a `SourceError` naming the key and what was there.
"""

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings

from frameworks.models import MetricSource, PackageRegistry
from frameworks.sources.client import ApiClient, SourceError

VERSION_PATTERN = re.compile(r"[0-9A-Za-z][0-9A-Za-z.+!_-]{0,49}")


def field(data, *keys):
    """data[k1][k2]…, or a SourceError naming the missing key."""
    for depth, key in enumerate(keys):
        if not isinstance(data, dict) or key not in data:
            raise SourceError(f"no “{'.'.join(keys[: depth + 1])}” in the answer")
        data = data[key]
    return data


def count(data, *keys) -> int:
    value = field(data, *keys)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise SourceError(f"“{'.'.join(keys)}” is {value!r}, not a count")
    return value


def version(data, *keys) -> str:
    value = field(data, *keys)
    if not isinstance(value, str) or not VERSION_PATTERN.fullmatch(value):
        raise SourceError(f"“{'.'.join(keys)}” is {value!r}, not a version")
    return value


def items(data, *keys) -> list:
    value = field(data, *keys)
    if not isinstance(value, list):
        raise SourceError(f"“{'.'.join(keys)}” is not a list")
    return value


def optional_items(data, key) -> list:
    """A list the API may leave out (crates.io's `versions`, Hex's `releases`): [] then."""
    value = data.get(key, [])
    if not isinstance(value, list):
        raise SourceError(f"“{key}” is not a list")
    return value


def day_of(stamp, what="upload time") -> str:
    """The ISO day of an ISO 8601 time stamp ("2025-08-19T21:03:19Z" → "2025-08-19")."""
    try:
        return datetime.datetime.fromisoformat(stamp).date().isoformat()
    except (TypeError, ValueError):
        raise SourceError(f"{what} {stamp!r} is not a date") from None


def optional_text(data, key, what) -> str:
    """A string the API may leave out or set to null: "" then."""
    value = data.get(key) if isinstance(data, dict) else None
    if value is None:
        return ""
    if not isinstance(value, str):
        raise SourceError(f"“{what}” is {value!r}, not text")
    return value.strip()


@dataclass(frozen=True)
class Source:
    """One API: which framework field names the thing to ask about, where, and how to read it.

    `parse` returns the figures: counts under the names refresh.COUNTS maps to metrics,
    and, for a source that knows the latest release, `version`, `released_on` (an ISO day,
    or None when the API gives none) and perhaps a runtime requirement (runtimes.RUNTIMES).
    """

    key: MetricSource
    name_field: str
    parse: Callable[[dict], dict]
    figures: tuple[str, ...]  # what `parse` returns: a 304 can reuse stored figures with these
    url: Callable[[str], str]
    page: Callable[[str], str]  # the public page cited as the source of what it writes
    headers: Callable[[], dict] = dict
    params: dict | None = None
    # Asked only about frameworks published on this registry (None: any framework).
    registry: str | None = None
    # The API answers a bare JSON array: `parse` sees it under this key.
    array_key: str = ""

    def name_for(self, framework) -> str:
        """What to ask this API about for the framework: "" when it names nothing here."""
        if self.registry is not None and framework.package_registry != self.registry:
            return ""
        return getattr(framework, self.name_field)

    def not_named_because(self, framework) -> str:
        """Why a framework is skipped, in words for the summary."""
        if self.registry is not None and framework.package_registry != self.registry:
            return f"not published on {PackageRegistry(self.registry).label}"
        return f"no {self.name_field} set"


def base(setting_name):
    return getattr(settings, setting_name).rstrip("/")


@dataclass(frozen=True)
class Reading:
    """What one source said: its figures, the ETag to send next time, and whether it was a 304."""

    figures: dict
    etag: str
    not_modified: bool


def read(
    client: ApiClient, source: Source, name: str, *, etag: str = "", last_figures=None
) -> Reading:
    """Ask `source` about `name`; the ETag goes out only when its figures are still at hand."""
    url = source.url(name)
    usable = isinstance(last_figures, dict) and set(source.figures) <= set(last_figures)
    etag = etag if usable else ""
    answer = client.get_json(
        url, etag=etag, headers=source.headers(), params=source.params, array_key=source.array_key
    )
    if answer.not_modified:
        return Reading(figures=last_figures, etag=answer.etag, not_modified=True)
    backoff = answer.data.get("backoff")
    if isinstance(backoff, int) and not isinstance(backoff, bool) and backoff > 0:
        client.hold(url, backoff)
    return Reading(figures=source.parse(answer.data), etag=answer.etag, not_modified=False)
