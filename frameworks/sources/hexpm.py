"""Hex: an Elixir or Erlang package's downloads and latest stable release, from
`{HEX_URL}/api/packages/<name>` (https://hex.pm/docs/api, “Fetch a package”):
`downloads.all` (since the first release), `downloads.recent` (the last 90 days),
`latest_stable_version`, and that release's `inserted_at` in `releases`.
"""

from urllib.parse import quote

from frameworks.models import MetricSource, PackageRegistry
from frameworks.sources.base import Source, base, count, day_of, optional_items, version

HEX_PAGE = "https://hex.pm/packages/{}"


def parse_hex(data: dict) -> dict:
    latest = version(data, "latest_stable_version")
    inserted = [
        release.get("inserted_at")
        for release in optional_items(data, "releases")
        if isinstance(release, dict) and release.get("version") == latest
    ]
    return {
        "total_downloads": count(data, "downloads", "all"),
        "downloads_last_90_days": count(data, "downloads", "recent"),
        "version": latest,
        "released_on": day_of(inserted[0], f"release time of {latest}") if inserted else None,
    }


SOURCES = (
    Source(
        key=MetricSource.HEX,
        name_field="package_name",
        registry=PackageRegistry.HEX,
        parse=parse_hex,
        figures=("total_downloads", "downloads_last_90_days", "version", "released_on"),
        url=lambda name: f"{base('HEX_URL')}/api/packages/{quote(name, safe='')}",
        page=lambda name: HEX_PAGE.format(quote(name, safe="")),
    ),
)
