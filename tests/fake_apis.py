"""A fake of the APIs refresh_metrics reads (PyPI, pypistats, GitHub, Stack Exchange and every
package registry) on loopback, for its tests.

One threaded HTTP server answers them all, by path (every base URL points at it). Each path
has a queue of answers: each request takes the next one, and the last one keeps answering.
Every request is recorded with its headers, so tests can check what the client sent. The
payloads here and in tests/fake_registries.py are shaped like the APIs' documented answers,
with made-up numbers.
"""

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit


@dataclass
class Reply:
    status: int = 200
    body: object = None  # a dict is sent as JSON, a str as is
    headers: dict = field(default_factory=dict)
    delay: float = 0.0  # seconds before answering, to make a client time out

    def payload(self):
        if isinstance(self.body, str):
            return self.body.encode(), "text/html; charset=utf-8"
        if self.body is None:
            return b"", None
        return json.dumps(self.body).encode(), "application/json"


@dataclass(frozen=True)
class Request:
    path: str
    query: str
    headers: dict


def pypi_json(*, version="3.1.2", uploaded="2025-08-19T21:03:19.518375Z", requires=">=3.9"):
    """As https://docs.pypi.org/api/json/ documents `GET /pypi/<project>/json`."""
    wheel = {
        "filename": f"flask-{version}-py3-none-any.whl",
        "packagetype": "bdist_wheel",
        "python_version": "py3",
        "requires_python": requires,
        "size": 103308,
        "upload_time": uploaded[:19],
        "upload_time_iso_8601": uploaded,
        "url": f"https://files.example/flask-{version}-py3-none-any.whl",
        "yanked": False,
        "digests": {"sha256": "0" * 64},
    }
    return {
        "info": {
            "name": "Flask",
            "version": version,
            "requires_python": requires,
            "summary": "A simple framework for building complex web applications.",
            "package_url": "https://pypi.org/project/Flask/",
            "project_url": "https://pypi.org/project/Flask/",
            "yanked": False,
        },
        "last_serial": 30000000,
        "releases": {version: [wheel]},
        "urls": [wheel],
        "vulnerabilities": [],
    }


def pypistats_recent(*, last_month=120_000_000):
    """As https://pypistats.org/api/ documents `GET /api/packages/<package>/recent`."""
    return {
        "data": {"last_day": 4_000_000, "last_month": last_month, "last_week": 28_000_000},
        "package": "flask",
        "type": "recent_downloads",
    }


def github_repo(*, stars=70_500, pushed_at="2026-11-28T09:12:44Z"):
    """As https://docs.github.com/en/rest/repos/repos#get-a-repository documents it (abridged)."""
    return {
        "id": 596892,
        "name": "flask",
        "full_name": "pallets/flask",
        "html_url": "https://github.com/pallets/flask",
        "stargazers_count": stars,
        "watchers_count": stars,
        "forks_count": 16_500,
        "open_issues_count": 7,
        "pushed_at": pushed_at,
        "archived": False,
    }


def stackexchange_tag(*, count=56_000, name="flask"):
    """As https://api.stackexchange.com/docs/tags-by-name documents `/2.3/tags/{tags}/info`."""
    return {
        "items": [
            {
                "has_synonyms": True,
                "is_moderator_only": False,
                "is_required": False,
                "count": count,
                "name": name,
            }
        ],
        "has_more": False,
        "quota_max": 300,
        "quota_remaining": 299,
    }


FLASK_PATHS = {
    "pypi": "/pypi/Flask/json",
    "pypistats": "/api/packages/flask/recent",
    "github": "/repos/pallets/flask",
    "stackexchange": "/2.3/tags/flask/info",
}


class FakeApis:
    def __init__(self):
        self.routes = {}
        self.requests = []
        self._lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        # shutdown() waits for the serving loop's next poll: 0.5 s by default, per test.
        self._thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True
        )

    def answer(self, path, *replies):
        """Answer `path` with these replies in turn; the last keeps answering."""
        with self._lock:
            self.routes[path] = list(replies)

    def serve_flask(self):
        self.answer(FLASK_PATHS["pypi"], Reply(body=pypi_json(), headers={"ETag": '"pypi-1"'}))
        self.answer(FLASK_PATHS["pypistats"], Reply(body=pypistats_recent()))
        self.answer(FLASK_PATHS["github"], Reply(body=github_repo(), headers={"ETag": '"gh-1"'}))
        self.answer(FLASK_PATHS["stackexchange"], Reply(body=stackexchange_tag()))

    def requests_to(self, path):
        return [request for request in self.requests if request.path == path]

    def _next_reply(self, path):
        with self._lock:
            replies = self.routes.get(path)
            if not replies:
                return Reply(status=404, body={"message": "Not Found"})
            return replies.pop(0) if len(replies) > 1 else replies[0]

    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                parts = urlsplit(self.path)
                fake.requests.append(Request(parts.path, parts.query, dict(self.headers)))
                reply = fake._next_reply(parts.path)
                if reply.delay:
                    time.sleep(reply.delay)
                body, content_type = reply.payload()
                try:
                    self.send_response(reply.status)
                    if content_type and "Content-Type" not in reply.headers:
                        self.send_header("Content-Type", content_type)
                    for name, value in reply.headers.items():
                        self.send_header(name, value)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up waiting, as a timing-out client does

            def log_message(self, *args):
                pass

        return Handler

    def start(self):
        self._thread.start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()
