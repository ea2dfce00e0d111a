"""Maven Central: the latest release of an artifact, from the Central search API
(`{MAVEN_SEARCH_URL}/solrsearch/select?q=g:"<group>" AND a:"<artifact>"&core=gav&rows=20&wt=json`,
https://central.sonatype.org/search/rest-api-guide/): its newest versions, each with `v` and
`timestamp` (milliseconds since 1970, when that version reached Central).

The latest release is the highest of those versions that is not a milestone, release
candidate or snapshot (Spring publishes milestones to Central, and a patch for an older line
can be newer than the latest release). Maven Central publishes no download counts: this source
writes the release row only, and says so in the summary.
"""

import datetime
import re
from urllib.parse import quote, urlencode

from frameworks.models import MetricSource, PackageRegistry
from frameworks.sources.base import Source, base, count, items, version
from frameworks.sources.client import SourceError

MAVEN_PAGE = "https://central.sonatype.com/artifact/{}/{}"
COORDINATE = re.compile(r"[A-Za-z0-9_.-]+")
# 4.1.1, 2.1.0.RELEASE, 6.4.0.Final: a release; 4.2.0-M1, 3.0.0-RC2, 1.0-SNAPSHOT: not.
RELEASE = re.compile(r"(\d+(?:\.\d+)*)(?:[.-](?:RELEASE|Final|GA))?")
NEWEST = 20


def coordinates(name: str) -> tuple[str, str]:
    """ "org.springframework.boot:spring-boot" → its group and artifact."""
    group, _, artifact = name.partition(":")
    if not (COORDINATE.fullmatch(group) and COORDINATE.fullmatch(artifact)):
        raise SourceError(f"“{name}” is not group:artifact")
    return group, artifact


def search_url(name: str) -> str:
    group, artifact = coordinates(name)
    query = urlencode(
        {"q": f'g:"{group}" AND a:"{artifact}"', "core": "gav", "rows": NEWEST, "wt": "json"}
    )
    return f"{base('MAVEN_SEARCH_URL')}/solrsearch/select?{query}"


def parse_maven(data: dict) -> dict:
    docs = [doc for doc in items(data, "response", "docs") if isinstance(doc, dict)]
    if not docs:
        raise SourceError("no such artifact on Maven Central")
    releases = [
        (tuple(int(part) for part in match[1].split(".")), doc)
        for doc in docs
        if (match := RELEASE.fullmatch(version(doc, "v")))
    ]
    if not releases:
        raise SourceError(f"no release among the {len(docs)} newest versions")
    _order, latest = max(releases, key=lambda release: release[0])
    milliseconds = count(latest, "timestamp")
    day = datetime.datetime.fromtimestamp(milliseconds / 1000, datetime.UTC).date()
    return {"version": latest["v"], "released_on": day.isoformat()}


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
