"""The polite HTTP client behind refresh_metrics: one instance per run, shared by every source.

A 5 s timeout per phase of a request (connecting, and each wait for bytes: not the whole
request), a User-Agent that says who is asking (crates.io and Packagist ask for one that does),
up to four attempts with backoff on 429, 5xx and timeouts, `Retry-After` and GitHub's
`X-RateLimit-Remaining`/`X-RateLimit-Reset` honoured (a rate limit used up makes the next
request to that host wait, or fail at once when the wait is too long for a cron job), Stack
Exchange's `backoff` honoured the same way, and conditional requests: the ETag of the last
answer goes out as `If-None-Match`, and a 304 reuses the figures read from that answer.

An answer must be a JSON object (not an HTML error page); anything else is a `SourceError`
whose message says what was wrong. The sleep and the clock are parameters, so tests run the
backoff without waiting for it.
"""

import datetime
import email.utils
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx
from django.conf import settings

TIMEOUT = 5.0
ATTEMPTS = 4
BACKOFF = 1.0
# A wait longer than this fails the source instead: GitHub's hourly window can be an hour away.
MAX_WAIT = 60.0
USER_AGENT = "Comparator-refresh_metrics/1.0 (compares web frameworks; httpx/{httpx})"


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

    def get_json(
        self, url: str, *, etag: str = "", headers=None, params=None, array_key: str = ""
    ) -> Answer:
        """The JSON object at `url`; with `array_key`, the answer must be a JSON array, handed
        back as {array_key: the array} (RubyGems lists a gem's versions as a bare array)."""
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
                    data = json_object(response, array_key=array_key)
                    return Answer(data=data, etag=response.headers.get("ETag", ""))
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


def json_object(response: httpx.Response, *, array_key: str = "") -> dict:
    content_type = response.headers.get("Content-Type", "").split(";")[0].strip()
    if not content_type.endswith("json"):
        raise SourceError(f"expected JSON, got {content_type or 'no content type'}")
    try:
        data = response.json()
    except ValueError:
        raise SourceError("the answer is not valid JSON") from None
    if array_key:
        if not isinstance(data, list):
            raise SourceError(f"expected a JSON array, got {type(data).__name__}")
        return {array_key: data}
    if not isinstance(data, dict):
        raise SourceError(f"expected a JSON object, got {type(data).__name__}")
    return data
