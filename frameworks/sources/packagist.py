"""Packagist: a PHP package's downloads, from `{PACKAGIST_URL}/packages/<vendor>/<name>.json`
(https://packagist.org/apidoc, “Getting package data”): `package.downloads.monthly` and
`package.downloads.total`.
"""

import re
from urllib.parse import quote

from frameworks.models import MetricSource, PackageRegistry
from frameworks.sources.base import Source, base, count
from frameworks.sources.client import SourceError

PACKAGIST_PAGE = "https://packagist.org/packages/{}"
PACKAGE_NAME = re.compile(r"[a-z0-9]([_.-]?[a-z0-9]+)*/[a-z0-9](([_.]|-{1,2})?[a-z0-9]+)*")


def package_path(name: str) -> str:
    """vendor/name, as Composer requires it (lower case): anything else is asked nothing."""
    if not PACKAGE_NAME.fullmatch(name):
        raise SourceError(f"“{name}” is not a Packagist name (vendor/name, in lower case)")
    return quote(name)


def parse_packagist(data: dict) -> dict:
    return {
        "monthly_downloads": count(data, "package", "downloads", "monthly"),
        "total_downloads": count(data, "package", "downloads", "total"),
    }


SOURCES = (
    Source(
        key=MetricSource.PACKAGIST,
        name_field="package_name",
        registry=PackageRegistry.PACKAGIST,
        parse=parse_packagist,
        figures=("monthly_downloads", "total_downloads"),
        url=lambda name: f"{base('PACKAGIST_URL')}/packages/{package_path(name)}.json",
        page=PACKAGIST_PAGE.format,
    ),
)
