"""What each package registry publishes about downloads, in words for pages and the summary.

Registries count different things: PyPI (through pypistats), npm and Packagist a month's
downloads, RubyGems, NuGet, Hex, crates.io and Packagist every download since the first
release, Hex and crates.io the last 90 days' as well; Maven Central and the Go module proxy
publish no download counts at all. A page says so rather than leave a blank where a figure
would be, and never reads “no data yet” for a figure that will never come.
"""

from frameworks.models import MetricKind, PackageRegistry

# The registry's own name, for sentences ("Maven Central publishes no download counts").
REGISTRY_NAMES = {
    PackageRegistry.PYPI: "PyPI",
    PackageRegistry.NPM: "npm",
    PackageRegistry.RUBYGEMS: "RubyGems",
    PackageRegistry.PACKAGIST: "Packagist",
    PackageRegistry.MAVEN: "Maven Central",
    PackageRegistry.NUGET: "NuGet",
    PackageRegistry.HEX: "Hex",
    PackageRegistry.CRATES: "crates.io",
    PackageRegistry.GO: "The Go module proxy",
}

# The download metrics each registry's figures are written to (refresh_metrics' sources).
DOWNLOAD_KINDS = {
    PackageRegistry.PYPI: (MetricKind.MONTHLY_DOWNLOADS,),
    PackageRegistry.NPM: (MetricKind.MONTHLY_DOWNLOADS,),
    PackageRegistry.RUBYGEMS: (MetricKind.TOTAL_DOWNLOADS,),
    PackageRegistry.PACKAGIST: (MetricKind.MONTHLY_DOWNLOADS, MetricKind.TOTAL_DOWNLOADS),
    PackageRegistry.MAVEN: (),
    PackageRegistry.NUGET: (MetricKind.TOTAL_DOWNLOADS,),
    PackageRegistry.HEX: (MetricKind.TOTAL_DOWNLOADS, MetricKind.DOWNLOADS_LAST_90_DAYS),
    PackageRegistry.CRATES: (MetricKind.TOTAL_DOWNLOADS, MetricKind.DOWNLOADS_LAST_90_DAYS),
    PackageRegistry.GO: (),
}

# How a sentence names a download metric a registry does not publish.
MISSING_WORDS = {
    MetricKind.MONTHLY_DOWNLOADS: "monthly download counts",
    MetricKind.TOTAL_DOWNLOADS: "download totals",
    MetricKind.DOWNLOADS_LAST_90_DAYS: "download counts for the last 90 days",
}


def registry_name(registry: str) -> str:
    return REGISTRY_NAMES.get(registry, "")


def counts_downloads() -> list[str]:
    """The registries that publish some download count."""
    return [registry for registry, kinds in DOWNLOAD_KINDS.items() if kinds]


def publishes_downloads(registry: str) -> bool:
    return bool(DOWNLOAD_KINDS.get(registry))


def no_downloads_text(registry: str) -> str:
    """ "Maven Central publishes no download counts."; "" for a registry that publishes some."""
    if registry not in DOWNLOAD_KINDS or publishes_downloads(registry):
        return ""
    return f"{registry_name(registry)} publishes no download counts."


def not_published_text(registry: str, kind: str) -> str:
    """Why a framework has no figure of a download metric: "" when its registry has one."""
    if registry not in DOWNLOAD_KINDS or kind not in MISSING_WORDS:
        return ""
    if not publishes_downloads(registry):
        return no_downloads_text(registry)
    if kind in DOWNLOAD_KINDS[registry]:
        return ""
    return f"{registry_name(registry)} publishes no {MISSING_WORDS[kind]}."
