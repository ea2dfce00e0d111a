"""What four public APIs say about a framework, read politely: the client behind refresh_metrics.

- PyPI JSON (`{PYPI_URL}/pypi/<project>/json`): the latest version, its upload date and
  `requires_python`;
- pypistats (`{PYPISTATS_URL}/api/packages/<project>/recent`): downloads in the last month;
- GitHub REST (`{GITHUB_API_URL}/repos/<owner>/<name>`): stars and the last push;
- Stack Exchange (`{STACKEXCHANGE_API_URL}/2.3/tags/<tag>/info?site=stackoverflow`): the number
  of questions with the tag.

Politeness: a 5 s timeout per phase of a request (connecting, and each wait for bytes: not
the whole request), a User-Agent that says who is asking, up to four attempts with backoff
on 429, 5xx and timeouts, `Retry-After` and GitHub's
`X-RateLimit-Remaining`/`X-RateLimit-Reset` honoured (a rate limit used up makes the next
request to that host wait, or fail at once when the wait is too long for a cron job), Stack
Exchange's `backoff` honoured the same way, and conditional requests: the ETag of the last
answer goes out as `If-None-Match`, and a 304 reuses the figures read from that answer.

Every answer is checked before anything is taken from it: JSON (not an HTML error page), the
keys where the API documents them, counts that are whole and not negative. Anything else is a
`SourceError` whose message says what was wrong; the caller writes nothing for that source.
The sleep and the clock are parameters, so tests run the backoff without waiting for it.
"""

import datetime
import email.utils
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

import httpx
from django.conf import settings

from frameworks.models import MetricSource, PackageRegistry

TIMEOUT = 5.0
ATTEMPTS = 4
BACKOFF = 1.0
# A wait longer than this fails the source instead: GitHub's hourly window can be an hour away.
MAX_WAIT = 60.0
USER_AGENT = "Comparator-refresh_metrics/1.0 (compares web frameworks; httpx/{httpx})"
VERSION_PATTERN = re.compile(r"[0-9A-Za-z][0-9A-Za-z.+!_-]{0,49}")


class SourceError(Exception):
    """A source gave no usable figures; the message says why, in words for the summary."""


@dataclass(frozen=True)
class Answer:
    """A successful answer: its JSON object and ETag, or `not_modified` after a 304."""

    data: dict | None
    etag: str = ""
    not_modified: bool = False


def user_agent() -> str:
    agent = USER_AGENT.format(httpx=httpx.__version__)
    contact = settings.METRICS_CONTACT
    return f"{agent} {contact}" if contact else agent


class ApiClient:
    """GET JSON with retries, backoff, rate limits and ETags; one instance per refresh run."""

    def __init__(
        self,
        *,
        timeout: float = TIMEOUT,
        attempts: int = ATTEMPTS,
        backoff: float = BACKOFF,
        max_wait: float = MAX_WAIT,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.time,
    ):
        self.timeout = timeout
        self.attempts = attempts
        self.backoff = backoff
        self.max_wait = max_wait
        self.sleep = sleep
        self.clock = clock
        self.http = httpx.Client(
            timeout=timeout, headers={"User-Agent": user_agent()}, follow_redirects=True
        )
        self._not_before = {}  # host -> clock time before which the host asked us not to call

    def close(self):
        self.http.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()

    def hold(self, url: str, seconds: float):
        """Send nothing more to the url's host for `seconds` (Stack Exchange's `backoff`)."""
        host = urlsplit(url).netloc
        self._not_before[host] = max(self._not_before.get(host, 0), self.clock() + seconds)

    def get_json(self, url: str, *, etag: str = "", headers=None, params=None) -> Answer:
        host = urlsplit(url).netloc
        headers = {**(headers or {}), **({"If-None-Match": etag} if etag else {})}
        for attempt in range(1, self.attempts + 1):
            self._wait_for(host)
            try:
                response = self.http.get(url, headers=headers, params=params)
            except httpx.TimeoutException:
                reason = f"no answer within {self.timeout:g} s"
                delay = self._backoff(attempt)
            except httpx.TransportError as error:
                reason = f"could not connect ({type(error).__name__})"
                delay = self._backoff(attempt)
            except httpx.HTTPError as error:
                # Not worth asking again: a redirect loop, a body that does not decode…
                raise SourceError(f"{type(error).__name__}: {error}") from error
            else:
                self._note_rate_limit(host, response)
                if response.status_code == httpx.codes.NOT_MODIFIED:
                    return Answer(data=None, etag=etag, not_modified=True)
                if response.is_success:
                    return Answer(data=json_object(response), etag=response.headers.get("ETag", ""))
                reason = f"HTTP {response.status_code}"
                if not retryable(response):
                    raise SourceError(f"{reason}{describe_refusal(response)}")
                delay = self._retry_delay(response, attempt)
            if attempt == self.attempts:
                raise SourceError(f"{reason} ({self.attempts} attempts)")
            if delay > self.max_wait:
                raise SourceError(f"{reason}, asked to wait {delay:.0f} s: gave up")
            self.sleep(delay)
        raise AssertionError("unreachable: the last attempt returns or raises")

    def _backoff(self, attempt: int) -> float:
        return self.backoff * 2 ** (attempt - 1)

    def _retry_delay(self, response: httpx.Response, attempt: int) -> float:
        retry_after = seconds_from_retry_after(response.headers.get("Retry-After"), self.clock())
        if retry_after is not None:
            return retry_after
        reset = rate_limit_reset(response)
        if reset is not None:
            return max(reset - self.clock(), 1.0)
        return self._backoff(attempt)

    def _note_rate_limit(self, host: str, response: httpx.Response):
        reset = rate_limit_reset(response)
        if reset is not None:
            self._not_before[host] = reset

    def _wait_for(self, host: str):
        wait = self._not_before.get(host, 0) - self.clock()
        if wait <= 0:
            return
        if wait > self.max_wait:
            until = datetime.datetime.fromtimestamp(self._not_before[host], datetime.UTC)
            raise SourceError(f"rate limit used up until {until:%H:%M:%S} UTC: not asked")
        self.sleep(wait)


def retryable(response: httpx.Response) -> bool:
    """429 and 5xx; GitHub also answers 403 when a rate limit is used up."""
    status = response.status_code
    if status == httpx.codes.TOO_MANY_REQUESTS or status >= 500:
        return True
    return status == httpx.codes.FORBIDDEN and (
        "Retry-After" in response.headers or rate_limit_reset(response) is not None
    )


def rate_limit_reset(response: httpx.Response) -> float | None:
    """GitHub's reset time (epoch seconds) when the response says no requests are left."""
    if response.headers.get("X-RateLimit-Remaining") != "0":
        return None
    try:
        return float(response.headers["X-RateLimit-Reset"])
    except (KeyError, ValueError):
        return None


def seconds_from_retry_after(value: str | None, now: float) -> float | None:
    """`Retry-After` is either seconds or an HTTP date (RFC 9110 §10.2.3)."""
    if not value:
        return None
    if value.strip().isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(when.timestamp() - now, 0.0)


def describe_refusal(response: httpx.Response) -> str:
    if response.status_code == httpx.codes.NOT_FOUND:
        return " not found"
    return ""


def json_object(response: httpx.Response) -> dict:
    content_type = response.headers.get("Content-Type", "").split(";")[0].strip()
    if not content_type.endswith("json"):
        raise SourceError(f"expected JSON, got {content_type or 'no content type'}")
    try:
        data = response.json()
    except ValueError:
        raise SourceError("the answer is not valid JSON") from None
    if not isinstance(data, dict):
        raise SourceError(f"expected a JSON object, got {type(data).__name__}")
    return data


# --- Reading the answers -------------------------------------------------------------------


def field(data, *keys):
    """data[k1][k2]…, or a SourceError naming the missing key."""
    for depth, key in enumerate(keys):
        if not isinstance(data, dict) or key not in data:
            raise SourceError(f"no “{'.'.join(keys[: depth + 1])}” in the answer")
        data = data[key]
    return data


def count(data, *keys) -> int:
    value = field(data, *keys)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise SourceError(f"“{'.'.join(keys)}” is {value!r}, not a count")
    return value


def parse_pypi(data: dict) -> dict:
    version = field(data, "info", "version")
    if not isinstance(version, str) or not VERSION_PATTERN.fullmatch(version):
        raise SourceError(f"“info.version” is {version!r}, not a version")
    requires_python = field(data, "info", "requires_python") or ""
    if not isinstance(requires_python, str):
        raise SourceError(f"“info.requires_python” is {requires_python!r}, not a specifier")
    files = data.get("urls") or (data.get("releases") or {}).get(version) or []
    uploaded = sorted(upload_date(file) for file in files if isinstance(file, dict))
    if not uploaded:
        raise SourceError(f"no upload date for version {version}")
    return {
        "version": version,
        "released_on": uploaded[0].isoformat(),
        "requires_python": requires_python.strip(),
    }


def upload_date(file: dict) -> datetime.date:
    stamp = file.get("upload_time_iso_8601") or file.get("upload_time")
    try:
        return datetime.datetime.fromisoformat(stamp).date()
    except (TypeError, ValueError):
        raise SourceError(f"upload time {stamp!r} is not a date") from None


def parse_pypistats(data: dict) -> dict:
    return {"monthly_downloads": count(data, "data", "last_month")}


def parse_github(data: dict) -> dict:
    pushed_at = data.get("pushed_at")
    if pushed_at is not None and not isinstance(pushed_at, str):
        raise SourceError(f"“pushed_at” is {pushed_at!r}, not a date")
    return {"stars": count(data, "stargazers_count"), "pushed_at": pushed_at}


def parse_stackexchange(data: dict) -> dict:
    items = field(data, "items")
    if not isinstance(items, list):
        raise SourceError("“items” is not a list")
    if not items:
        raise SourceError("no such tag on Stack Overflow")
    return {"questions": count(items[0], "count")}


@dataclass(frozen=True)
class Source:
    """One API: which framework field names the thing to ask about, where, and how to read it."""

    key: MetricSource
    name_field: str
    parse: Callable[[dict], dict]
    figures: tuple[str, ...]  # what `parse` returns: a 304 can reuse stored figures with these
    url: Callable[[str], str]
    headers: Callable[[], dict] = dict
    params: dict | None = None
    # Asked only about frameworks published on this registry (None: any framework).
    registry: str | None = None

    def name_for(self, framework) -> str:
        """What to ask this API about for the framework: "" when it names nothing here."""
        if self.registry is not None and framework.package_registry != self.registry:
            return ""
        return getattr(framework, self.name_field)

    def not_named_because(self, framework) -> str:
        """Why a framework is skipped, in words for the summary."""
        if self.registry is not None and framework.package_registry != self.registry:
            return f"not published on {PackageRegistry(self.registry).label}"
        return f"no {self.name_field} set"


def _github_headers():
    headers = {"Accept": "application/vnd.github+json", "X-GitHub-Api-Version": "2022-11-28"}
    if settings.GITHUB_TOKEN:
        headers["Authorization"] = f"Bearer {settings.GITHUB_TOKEN}"
    return headers


def normalized_project(name: str) -> str:
    """PyPI's normalized name (PEP 503), the form pypistats knows a project by."""
    return re.sub(r"[-_.]+", "-", name).lower()


def _base(setting_name):
    return getattr(settings, setting_name).rstrip("/")


SOURCES = (
    Source(
        key=MetricSource.PYPI,
        name_field="package_name",
        registry=PackageRegistry.PYPI,
        parse=parse_pypi,
        figures=("version", "released_on", "requires_python"),
        url=lambda project: f"{_base('PYPI_URL')}/pypi/{quote(project)}/json",
    ),
    Source(
        key=MetricSource.PYPISTATS,
        name_field="package_name",
        registry=PackageRegistry.PYPI,
        parse=parse_pypistats,
        figures=("monthly_downloads",),
        url=lambda project: (
            f"{_base('PYPISTATS_URL')}/api/packages/{quote(normalized_project(project))}/recent"
        ),
    ),
    Source(
        key=MetricSource.GITHUB,
        name_field="github_repo",
        parse=parse_github,
        figures=("stars", "pushed_at"),
        url=lambda repo: f"{_base('GITHUB_API_URL')}/repos/{quote(repo)}",
        headers=_github_headers,
    ),
    Source(
        key=MetricSource.STACKEXCHANGE,
        name_field="stackoverflow_tag",
        parse=parse_stackexchange,
        figures=("questions",),
        url=lambda tag: f"{_base('STACKEXCHANGE_API_URL')}/2.3/tags/{quote(tag, safe='')}/info",
        params={"site": "stackoverflow"},
    ),
)


@dataclass(frozen=True)
class Reading:
    """What one source said: its figures, the ETag to send next time, and whether it was a 304."""

    figures: dict
    etag: str
    not_modified: bool


def read(
    client: ApiClient, source: Source, name: str, *, etag: str = "", last_figures=None
) -> Reading:
    """Ask `source` about `name`; the ETag goes out only when its figures are still at hand."""
    url = source.url(name)
    usable = isinstance(last_figures, dict) and set(source.figures) <= set(last_figures)
    etag = etag if usable else ""
    answer = client.get_json(url, etag=etag, headers=source.headers(), params=source.params)
    if answer.not_modified:
        return Reading(figures=last_figures, etag=answer.etag, not_modified=True)
    backoff = answer.data.get("backoff")
    if isinstance(backoff, int) and not isinstance(backoff, bool) and backoff > 0:
        client.hold(url, backoff)
    return Reading(figures=source.parse(answer.data), etag=answer.etag, not_modified=False)
