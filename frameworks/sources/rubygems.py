"""RubyGems: every download of a gem and its latest version, from
`{RUBYGEMS_URL}/api/v1/gems/<name>.json` (https://guides.rubygems.org/rubygems-org-api/).

`downloads` counts every download of every version since the first: a total, not a month's.
The day of the latest version is taken from `version_created_at` when the answer has it.
"""

from urllib.parse import quote

from frameworks.models import MetricSource, PackageRegistry
from frameworks.sources.base import Source, base, count, day_of, version

RUBYGEMS_PAGE = "https://rubygems.org/gems/{}"


def parse_rubygems(data: dict) -> dict:
    created = data.get("version_created_at")
    return {
        "total_downloads": count(data, "downloads"),
        "version": version(data, "version"),
        "released_on": day_of(created, "version_created_at") if created is not None else None,
    }


SOURCES = (
    Source(
        key=MetricSource.RUBYGEMS,
        name_field="package_name",
        registry=PackageRegistry.RUBYGEMS,
        parse=parse_rubygems,
        figures=("total_downloads", "version", "released_on"),
        url=lambda gem: f"{base('RUBYGEMS_URL')}/api/v1/gems/{quote(gem, safe='')}.json",
        page=lambda gem: RUBYGEMS_PAGE.format(quote(gem, safe="")),
    ),
)
