"""Maven Central: the latest version of an artifact, from the Central search API
(`{MAVEN_SEARCH_URL}/solrsearch/select?q=g:"<group>" AND a:"<artifact>"&wt=json`,
https://central.sonatype.org/search/rest-api-guide/): `latestVersion` and `timestamp`
(milliseconds since 1970, when that version reached Central).

Maven Central publishes no download counts: this source writes the release row only, and
says so in the summary.
"""

import datetime
import re
from urllib.parse import quote, urlencode

from frameworks.models import MetricSource, PackageRegistry
from frameworks.sources.base import Source, base, count, items, version
from frameworks.sources.client import SourceError

MAVEN_PAGE = "https://central.sonatype.com/artifact/{}/{}"
COORDINATE = re.compile(r"[A-Za-z0-9_.-]+")


def coordinates(name: str) -> tuple[str, str]:
    """ "org.springframework.boot:spring-boot" → its group and artifact."""
    group, _, artifact = name.partition(":")
    if not (COORDINATE.fullmatch(group) and COORDINATE.fullmatch(artifact)):
        raise SourceError(f"“{name}” is not group:artifact")
    return group, artifact


def search_url(name: str) -> str:
    group, artifact = coordinates(name)
    query = urlencode({"q": f'g:"{group}" AND a:"{artifact}"', "rows": 1, "wt": "json"})
    return f"{base('MAVEN_SEARCH_URL')}/solrsearch/select?{query}"


def parse_maven(data: dict) -> dict:
    docs = items(data, "response", "docs")
    if not docs:
        raise SourceError("no such artifact on Maven Central")
    milliseconds = count(docs[0], "timestamp")
    day = datetime.datetime.fromtimestamp(milliseconds / 1000, datetime.UTC).date()
    return {"version": version(docs[0], "latestVersion"), "released_on": day.isoformat()}


SOURCES = (
    Source(
        key=MetricSource.MAVEN,
        name_field="package_name",
        registry=PackageRegistry.MAVEN,
        parse=parse_maven,
        figures=("version", "released_on"),
        url=search_url,
        page=lambda name: MAVEN_PAGE.format(*(quote(part) for part in coordinates(name))),
    ),
)
