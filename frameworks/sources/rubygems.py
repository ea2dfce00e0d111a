"""RubyGems (https://guides.rubygems.org/rubygems-org-api/): every download of a gem, and its
latest release with the Ruby it requires.

- `{RUBYGEMS_URL}/api/v1/gems/<name>.json`: `downloads` counts every download of every
  version since the first (a total, not a month's);
- `{RUBYGEMS_URL}/api/v1/versions/<name>.json`: every version (a JSON array), each with its
  `number`, `prerelease`, `created_at` and `ruby_version`; the latest release is the highest
  number that is not a prerelease.
"""

from urllib.parse import quote

from frameworks.models import MetricSource, PackageRegistry
from frameworks.sources.base import Source, base, count, day_of, items, optional_text, version
from frameworks.sources.client import SourceError

RUBYGEMS_PAGE = "https://rubygems.org/gems/{}"


def parse_gem(data: dict) -> dict:
    return {"total_downloads": count(data, "downloads")}


def release_order(entry):
    """Stable gem versions are dotted numbers: 8.0.10 comes after 8.0.9."""
    return tuple(int(part) for part in entry["number"].split("."))


def parse_versions(data: dict) -> dict:
    stable = [
        entry
        for entry in items(data, "versions")
        if isinstance(entry, dict)
        and not entry.get("prerelease")
        and isinstance(entry.get("number"), str)
        and all(part.isdigit() for part in entry["number"].split("."))
    ]
    if not stable:
        raise SourceError("no release that is not a prerelease")
    latest = max(stable, key=release_order)
    number = version(latest, "number")
    return {
        "version": number,
        "released_on": day_of(latest.get("created_at"), f"creation time of {number}"),
        "ruby_version": optional_text(latest, "ruby_version", f"{number}.ruby_version"),
    }


def gem_url(gem: str, path: str) -> str:
    return f"{base('RUBYGEMS_URL')}/api/v1/{path}/{quote(gem, safe='')}.json"


SOURCES = (
    Source(
        key=MetricSource.RUBYGEMS,
        name_field="package_name",
        registry=PackageRegistry.RUBYGEMS,
        parse=parse_gem,
        figures=("total_downloads",),
        url=lambda gem: gem_url(gem, "gems"),
        page=lambda gem: RUBYGEMS_PAGE.format(quote(gem, safe="")),
    ),
    Source(
        key=MetricSource.RUBYGEMS_VERSIONS,
        name_field="package_name",
        registry=PackageRegistry.RUBYGEMS,
        parse=parse_versions,
        figures=("version", "released_on", "ruby_version"),
        url=lambda gem: gem_url(gem, "versions"),
        page=lambda gem: RUBYGEMS_PAGE.format(quote(gem, safe="")),
        array_key="versions",
    ),
)
