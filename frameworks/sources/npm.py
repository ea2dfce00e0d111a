"""npm: the latest release and its Node.js requirement from the registry, a month's downloads
from npm's download counts API (https://github.com/npm/registry/blob/main/docs/download-counts.md).

- `{NPM_REGISTRY_URL}/<package>`: the package document; `dist-tags.latest`, the day it was
  published (`time.<version>`) and that version's `engines.node`;
- `{NPM_DOWNLOADS_URL}/downloads/point/last-month/<package>`: `downloads` in the last 30 days.

Scoped names (@nestjs/core) are allowed: the registry wants the slash encoded, the download
counts API takes it as it is.
"""

from urllib.parse import quote

from frameworks.models import MetricSource, PackageRegistry
from frameworks.sources.base import Source, base, count, day_of, field, version
from frameworks.sources.client import SourceError

NPM_PAGE = "https://www.npmjs.com/package/{}"


def parse_npm_registry(data: dict) -> dict:
    latest = version(data, "dist-tags", "latest")
    published = day_of(field(data, "time", latest), f"publication time of {latest}")
    manifest = (data.get("versions") or {}).get(latest)
    if not isinstance(manifest, dict):
        raise SourceError(f"no “versions.{latest}” in the answer")
    engines = manifest.get("engines") or {}
    # Some old manifests list engines as strings ("node >= 0.8"): no requirement to read.
    node = engines.get("node", "") if isinstance(engines, dict) else ""
    if not isinstance(node, str):
        raise SourceError(f"“versions.{latest}.engines.node” is {node!r}, not a range")
    return {"version": latest, "released_on": published, "node_engines": node.strip()}


def parse_npm_downloads(data: dict) -> dict:
    return {"monthly_downloads": count(data, "downloads")}


SOURCES = (
    Source(
        key=MetricSource.NPM,
        name_field="package_name",
        registry=PackageRegistry.NPM,
        parse=parse_npm_registry,
        figures=("version", "released_on", "node_engines"),
        url=lambda package: f"{base('NPM_REGISTRY_URL')}/{quote(package, safe='@')}",
        page=NPM_PAGE.format,
    ),
    Source(
        key=MetricSource.NPM_DOWNLOADS,
        name_field="package_name",
        registry=PackageRegistry.NPM,
        parse=parse_npm_downloads,
        figures=("monthly_downloads",),
        url=lambda package: (
            f"{base('NPM_DOWNLOADS_URL')}/downloads/point/last-month/{quote(package, safe='@/')}"
        ),
        page=NPM_PAGE.format,
    ),
)
