"""crates.io: a Rust crate's downloads, latest stable version and its minimum Rust, from
`{CRATES_URL}/api/v1/crates/<name>`: `crate.downloads` (since the first release),
`crate.recent_downloads` (the last 90 days), `crate.max_stable_version`, and that version's
`created_at` and `rust_version` in `versions`.

crates.io refuses requests without a User-Agent that says who is asking
(https://crates.io/policies#crawlers): the client's names this site and its contact.
"""

from urllib.parse import quote

from frameworks.models import MetricSource, PackageRegistry
from frameworks.sources.base import (
    Source,
    base,
    count,
    day_of,
    field,
    optional_items,
    optional_text,
    version,
)

CRATES_PAGE = "https://crates.io/crates/{}"


def parse_crates(data: dict) -> dict:
    crate = field(data, "crate")
    latest = version(data, "crate", "max_stable_version")
    found = [
        entry
        for entry in optional_items(data, "versions")
        if isinstance(entry, dict) and entry.get("num") == latest
    ]
    entry = found[0] if found else {}
    created = entry.get("created_at")
    return {
        "total_downloads": count(crate, "downloads"),
        "downloads_last_90_days": count(crate, "recent_downloads"),
        "version": latest,
        "released_on": day_of(created, f"creation time of {latest}") if created else None,
        "rust_version": optional_text(entry, "rust_version", f"versions.{latest}.rust_version"),
    }


SOURCES = (
    Source(
        key=MetricSource.CRATES,
        name_field="package_name",
        registry=PackageRegistry.CRATES,
        parse=parse_crates,
        figures=(
            "total_downloads",
            "downloads_last_90_days",
            "version",
            "released_on",
            "rust_version",
        ),
        url=lambda name: f"{base('CRATES_URL')}/api/v1/crates/{quote(name, safe='')}",
        page=lambda name: CRATES_PAGE.format(quote(name, safe="")),
    ),
)
