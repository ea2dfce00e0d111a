"""What the benchmark and the soak share: a throwaway production-like site and its gunicorn.

A `Site` is a database (a temporary SQLite file unless DATABASE_URL names one), the content
(fixtures and the generated demo dataset), collected static files and the environment that
production would have: debug off, a random secret key, whitenoise, plain HTTP on loopback.
"""

import contextlib
import http.client
import os
import platform
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
HOST = "127.0.0.1"
# The caller's variables that would change the server being measured are not passed on.
# DATABASE_* and CACHE_* tuning (a connection pool, timeouts) is, so it can be benchmarked;
# DATABASE_URL and CACHE_URL are always set by the benchmark itself.
WITHHELD_PREFIXES = ("DJANGO_", "PAGE_CACHE", "GUNICORN_", "WEB_CONCURRENCY")


def say(message):
    """Progress for the person waiting; the report itself goes to standard output."""
    print(f"· {message}", file=sys.stderr, flush=True)


def default_workers():
    return 2 * (os.cpu_count() or 1) + 1


def compare_path(slugs):
    return f"/compare/{'-vs-'.join(sorted(slugs))}/"


def demo_slugs(count):
    return [f"demo-{number:04d}" for number in range(1, count + 1)]


def free_port():
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


class SetupFailed(Exception):
    """A step of the set-up failed; the message says which and shows its output."""


@dataclass
class Site:
    """A production-like site in `folder`, on its own or on the given database."""

    folder: Path
    database_url: str | None = None
    cache_url: str = "locmemcache://bench"

    def __post_init__(self):
        self.folder = Path(self.folder)
        self.external_database = bool(self.database_url)
        if not self.database_url:
            self.database_url = f"sqlite:///{self.folder / 'bench.sqlite3'}"
        self.static_root = self.folder / "static"
        self.secret_key = secrets.token_urlsafe(50)
        self.cache_key_prefix = f"bench-{secrets.token_hex(4)}"

    def env(self, **overrides):
        env = {
            name: value
            for name, value in os.environ.items()
            if not name.startswith(WITHHELD_PREFIXES)
        }
        env.update(
            {
                "DJANGO_SETTINGS_MODULE": "comparator.settings",
                "DJANGO_STATIC_ROOT": str(self.static_root),
                "DJANGO_DEBUG": "0",
                "DJANGO_SECRET_KEY": self.secret_key,
                # No TLS proxy in front locally: plain HTTP, so no SSL redirect or HSTS.
                "DJANGO_HTTPS": "0",
                "DJANGO_ALLOWED_HOSTS": HOST,
                "DJANGO_STATICFILES_STORAGE": (
                    "whitenoise.storage.CompressedManifestStaticFilesStorage"
                ),
                "DJANGO_LOG_LEVEL": "WARNING",
                "DATABASE_URL": self.database_url,
                "CACHE_URL": self.cache_url,
                # A shared Redis may hold other sites' pages: this run's keys are its own.
                "CACHE_KEY_PREFIX": self.cache_key_prefix,
                "PAGE_CACHE_ENABLED": "1",
                "PYTHONDONTWRITEBYTECODE": "1",
            }
        )
        env.update(overrides)
        return env

    def manage(self, *args):
        return run_checked([PYTHON, "manage.py", *args], env=self.env())

    def prepare(self, *, frameworks, features, after_fixtures=None):
        """Migrate, collect static files, load the fixtures, generate the demo dataset.

        `after_fixtures` runs between the fixtures and the demo data: the seed measured alone.
        """
        say(f"Database: {self.describe_database()}")
        self.manage("migrate", "--no-input", "-v", "0")
        say("Collecting static files")
        self.manage("collectstatic", "--no-input", "-v", "0")
        fixtures = sorted(str(path) for path in (ROOT / "fixtures").glob("*.json"))
        if fixtures:
            say(f"Loading {len(fixtures)} fixture files")
            self.manage("loaddata", *fixtures, "-v", "0")
        else:
            say("No fixtures in fixtures/: the seed pages will be missing")
        if after_fixtures is not None:
            after_fixtures()
        say(f"Generating the demo dataset: {frameworks} frameworks x {features} features")
        categories = min(12, features)
        self.manage(
            "generate_demo_data",
            f"--frameworks={frameworks}",
            f"--features={features}",
            f"--categories={categories}",
            "--clear",
            "-v",
            "0",
        )

    def forget_cached_pages(self):
        """Delete this run's keys from a shared Redis; a local-memory cache dies with gunicorn."""
        if not self.cache_url.startswith(("redis://", "rediss://")):
            return
        import redis

        client = redis.Redis.from_url(self.cache_url)
        for key in client.scan_iter(match=f"{self.cache_key_prefix}:*", count=1000):
            client.delete(key)

    def describe_database(self):
        if self.external_database:
            engine = self.database_url.split(":", 1)[0]
            return f"{engine} from DATABASE_URL (demo rows replaced, other content kept)"
        return "SQLite, a temporary file"


def run_checked(command, *, env, timeout=900):
    result = subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
    )
    if result.returncode != 0:
        raise SetupFailed(
            f"{' '.join(command[1:])} failed ({result.returncode}):\n"
            f"{result.stdout[-3000:]}{result.stderr[-3000:]}"
        )
    return result


class Gunicorn:
    """gunicorn as in production (`-c gunicorn.conf.py`), on a free loopback port.

    Started in a process group of its own, so stopping it stops every worker too.
    """

    def __init__(self, site, *, workers, log_path, **env_overrides):
        self.site = site
        self.workers = workers
        self.log_path = Path(log_path)
        self.env_overrides = env_overrides
        self.port = free_port()
        self.process = None
        self.log = None

    @property
    def base_url(self):
        return f"http://{HOST}:{self.port}"

    def __enter__(self):
        env = self.site.env(
            GUNICORN_BIND=f"{HOST}:{self.port}",
            WEB_CONCURRENCY=str(self.workers),
            GUNICORN_ACCESS_LOG="off",
            GUNICORN_LOG_LEVEL="warning",
            **self.env_overrides,
        )
        self.log = self.log_path.open("ab")
        self.process = subprocess.Popen(
            [PYTHON, "-m", "gunicorn", "-c", "gunicorn.conf.py", "comparator.wsgi"],
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            self.wait_until_ready()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc_info):
        self.stop()

    def wait_until_ready(self, timeout=60.0):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SetupFailed(f"gunicorn exited ({self.process.returncode}):\n{self.tail()}")
            with contextlib.suppress(OSError, http.client.HTTPException):
                if get(self.base_url, "/healthz", timeout=1).status == 200:
                    return
            time.sleep(0.1)
        raise SetupFailed(
            f"gunicorn did not answer /healthz within {timeout:.0f} s:\n{self.tail()}"
        )

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        if self.log is not None:
            self.log.close()
            self.log = None

    def tail(self, size=3000):
        if self.log is not None:
            self.log.flush()
        return self.log_path.read_bytes()[-size:].decode(errors="replace")


@dataclass(frozen=True)
class Response:
    status: int
    headers: dict
    body: bytes

    @property
    def text(self):
        return self.body.decode(errors="replace")


def get(base_url, path, *, headers=None, timeout=10):
    """One GET on a new connection (as a sync gunicorn worker closes each one anyway)."""
    host, port = base_url.removeprefix("http://").rsplit(":", 1)
    connection = http.client.HTTPConnection(host, int(port), timeout=timeout)
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        body = response.read()
        return Response(response.status, {k.lower(): v for k, v in response.getheaders()}, body)
    finally:
        connection.close()


def is_complete_page(body):
    """A whole HTML document arrived: it ends with the closing tag, not somewhere before."""
    return body.rstrip().endswith(b"</html>")


def machine():
    """What the figures came from."""
    import django
    import gunicorn

    model = "unknown CPU"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    memory = ""
    with contextlib.suppress(OSError, ValueError, IndexError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = f", {int(line.split()[1]) / 1024 / 1024:.1f} GiB RAM"
                break
    return (
        f"{os.cpu_count()} cores ({model}){memory}; {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}, Django {django.get_version()}, "
        f"gunicorn {gunicorn.__version__}, {wrk_version()}"
    )


def wrk_version():
    wrk = shutil.which("wrk")
    if wrk is None:
        return "wrk missing"
    result = subprocess.run([wrk, "--version"], capture_output=True, text=True, check=False)
    first_line = (result.stdout or result.stderr).splitlines()[:1]
    return first_line[0].split(" Copyright")[0] if first_line else "wrk"
