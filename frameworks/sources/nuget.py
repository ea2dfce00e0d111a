"""NuGet: every download of a .NET package and its latest stable version, from the search
service (`{NUGET_SEARCH_URL}/query?q=packageid:<id>&prerelease=false`,
https://learn.microsoft.com/nuget/api/search-query-service-resource): `totalDownloads` and
`version` of the one package with that id. The search answer has no publication day.
"""

from urllib.parse import quote, urlencode

from frameworks.models import MetricSource, PackageRegistry
from frameworks.sources.base import Source, base, count, items, version
from frameworks.sources.client import SourceError

NUGET_PAGE = "https://www.nuget.org/packages/{}"


def search_url(package_id: str) -> str:
    query = urlencode(
        {"q": f"packageid:{package_id}", "prerelease": "false", "semVerLevel": "2.0.0"}
    )
    return f"{base('NUGET_SEARCH_URL')}/query?{query}"


def parse_nuget(data: dict) -> dict:
    found = items(data, "data")
    if not found:
        raise SourceError("no such package on NuGet")
    return {
        "total_downloads": count(found[0], "totalDownloads"),
        "version": version(found[0], "version"),
        "released_on": None,
    }


SOURCES = (
    Source(
        key=MetricSource.NUGET,
        name_field="package_name",
        registry=PackageRegistry.NUGET,
        parse=parse_nuget,
        figures=("total_downloads", "version", "released_on"),
        url=search_url,
        page=lambda package_id: NUGET_PAGE.format(quote(package_id, safe="")),
    ),
)
