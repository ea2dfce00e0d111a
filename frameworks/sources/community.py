"""Where a framework's community shows: GitHub stars and Stack Overflow questions.

- GitHub REST (`{GITHUB_API_URL}/repos/<owner>/<name>`): stars and the last push;
- Stack Exchange (`{STACKEXCHANGE_API_URL}/2.3/tags/<tag>/info?site=stackoverflow`): the
  number of questions with the tag.
"""

from urllib.parse import quote

from django.conf import settings

from frameworks.models import MetricSource
from frameworks.sources.base import Source, base, count, items
from frameworks.sources.client import SourceError

GITHUB_PAGE = "https://github.com/{}"
STACKOVERFLOW_PAGE = "https://stackoverflow.com/questions/tagged/{}"


def parse_github(data: dict) -> dict:
    pushed_at = data.get("pushed_at")
    if pushed_at is not None and not isinstance(pushed_at, str):
        raise SourceError(f"“pushed_at” is {pushed_at!r}, not a date")
    return {"stars": count(data, "stargazers_count"), "pushed_at": pushed_at}


def parse_stackexchange(data: dict) -> dict:
    tags = items(data, "items")
    if not tags:
        raise SourceError("no such tag on Stack Overflow")
    return {"questions": count(tags[0], "count")}


def github_headers():
    headers = {"Accept": "application/vnd.github+json", "X-GitHub-Api-Version": "2022-11-28"}
    if settings.GITHUB_TOKEN:
        headers["Authorization"] = f"Bearer {settings.GITHUB_TOKEN}"
    return headers


SOURCES = (
    Source(
        key=MetricSource.GITHUB,
        name_field="github_repo",
        parse=parse_github,
        figures=("stars", "pushed_at"),
        url=lambda repo: f"{base('GITHUB_API_URL')}/repos/{quote(repo)}",
        page=GITHUB_PAGE.format,
        headers=github_headers,
    ),
    Source(
        key=MetricSource.STACKEXCHANGE,
        name_field="stackoverflow_tag",
        parse=parse_stackexchange,
        figures=("questions",),
        url=lambda tag: f"{base('STACKEXCHANGE_API_URL')}/2.3/tags/{quote(tag, safe='')}/info",
        page=lambda tag: STACKOVERFLOW_PAGE.format(quote(tag, safe="")),
        params={"site": "stackoverflow"},
    ),
)
