"""PyPI: the latest release and its `requires_python` from PyPI's JSON API, and a month's
downloads from pypistats (PyPI itself publishes no download counts).

- `{PYPI_URL}/pypi/<project>/json` (https://docs.pypi.org/api/json/);
- `{PYPISTATS_URL}/api/packages/<project>/recent` (https://pypistats.org/api/): `last_month`.
"""

import re
from urllib.parse import quote

from frameworks.models import MetricSource, PackageRegistry
from frameworks.sources.base import Source, base, count, day_of, field, version
from frameworks.sources.client import SourceError

PYPI_PAGE = "https://pypi.org/project/{}/"
PYPISTATS_PAGE = "https://pypistats.org/packages/{}"


def normalized_project(name: str) -> str:
    """PyPI's normalized name (PEP 503), the form pypistats knows a project by."""
    return re.sub(r"[-_.]+", "-", name).lower()


def parse_pypi(data: dict) -> dict:
    latest = version(data, "info", "version")
    requires_python = field(data, "info", "requires_python") or ""
    if not isinstance(requires_python, str):
        raise SourceError(f"“info.requires_python” is {requires_python!r}, not a specifier")
    files = data.get("urls") or (data.get("releases") or {}).get(latest) or []
    uploaded = sorted(
        day_of(file.get("upload_time_iso_8601") or file.get("upload_time"))
        for file in files
        if isinstance(file, dict)
    )
    if not uploaded:
        raise SourceError(f"no upload date for version {latest}")
    return {
        "version": latest,
        "released_on": uploaded[0],
        "requires_python": requires_python.strip(),
    }


def parse_pypistats(data: dict) -> dict:
    return {"monthly_downloads": count(data, "data", "last_month")}


SOURCES = (
    Source(
        key=MetricSource.PYPI,
        name_field="package_name",
        registry=PackageRegistry.PYPI,
        parse=parse_pypi,
        figures=("version", "released_on", "requires_python"),
        url=lambda project: f"{base('PYPI_URL')}/pypi/{quote(project)}/json",
        page=PYPI_PAGE.format,
    ),
    Source(
        key=MetricSource.PYPISTATS,
        name_field="package_name",
        registry=PackageRegistry.PYPI,
        parse=parse_pypistats,
        figures=("monthly_downloads",),
        url=lambda project: (
            f"{base('PYPISTATS_URL')}/api/packages/{quote(normalized_project(project))}/recent"
        ),
        page=lambda project: PYPISTATS_PAGE.format(normalized_project(project)),
    ),
)
