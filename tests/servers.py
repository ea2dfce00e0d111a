"""Real processes for tests that cross process boundaries: gunicorn, manage.py, a TCP proxy.

Everything listens on loopback only, and every helper cleans up after itself.
"""

import contextlib
import fcntl
import os
import secrets
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings

BASE_DIR = Path(settings.BASE_DIR)
POSTGRES_ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres"
REDIS_URL = "redis://127.0.0.1:6379/15"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port, timeout=20.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
            return
        time.sleep(0.1)
    raise TimeoutError(f"nothing listens on 127.0.0.1:{port}")


def uses_postgres():
    return os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))


def postgres_available():
    with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", 5432), 0.5):
        return True
    return False


def redis_available():
    with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", 6379), 0.5):
        return True
    return False


def require(service_available, name):
    """Skip without the service on a developer's machine; CI must have it."""
    if service_available():
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"{name} is not running on loopback; CI must provide it")
    pytest.skip(f"{name} is not running on loopback")


def base_env(**overrides):
    """A production-like environment: debug off, plain HTTP on loopback, a fresh secret."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "DATABASE_", "CACHE_", "PAGE_CACHE"))
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "comparator.settings",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_DEBUG": "0",
            "DJANGO_HTTPS": "0",
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DJANGO_STATICFILES_STORAGE": "django.contrib.staticfiles.storage.StaticFilesStorage",
        }
    )
    env.update(overrides)
    return env


def manage(env, *args, check=True):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        env=env,
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        timeout=300,
        check=check,
    )


@contextlib.contextmanager
def throwaway_database(tmp_path):
    """A database URL of its own: an SQLite file, or a new PostgreSQL database in PG runs."""
    if uses_postgres():
        with throwaway_postgres_database() as url:
            yield url
    else:
        yield f"sqlite:///{tmp_path / 'site.sqlite3'}"


@contextlib.contextmanager
def throwaway_postgres_database(template=None):
    import psycopg

    name = f"comparator_proc_{os.getpid()}_{secrets.token_hex(4)}"
    copy_of = f' TEMPLATE "{template}"' if template else ""
    with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"{copy_of}')
    try:
        yield f"postgres://postgres@127.0.0.1:5432/{name}"
    finally:
        with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class MigratedTemplates:
    """Databases migrated once; process tests copy one instead of migrating.

    `manage.py migrate` in a fresh interpreter takes seconds; a copy of an SQLite file or
    PostgreSQL's CREATE DATABASE ... TEMPLATE takes a fraction of one. The SQLite file is
    migrated once for the whole run, in `shared_directory`, which every test process of the run
    sees; a PostgreSQL template is one per process, as two copies of one template at once fail.
    """

    def __init__(self, directory, shared_directory=None):
        self.directory = Path(directory)
        self.shared_directory = Path(shared_directory or directory)
        self._sqlite_file = None
        self._postgres_name = None

    @contextlib.contextmanager
    def database(self, tmp_path):
        """A migrated database of the test's own, SQLite or PostgreSQL as the run uses."""
        if uses_postgres():
            with self.postgres_database() as url:
                yield url
        else:
            yield self.sqlite_database(tmp_path)

    def sqlite_database(self, tmp_path):
        if self._sqlite_file is None:
            self._sqlite_file = self._migrated_sqlite_file()
        copy = tmp_path / "site.sqlite3"
        shutil.copyfile(self._sqlite_file, copy)
        return f"sqlite:///{copy}"

    def _migrated_sqlite_file(self):
        """The run's migrated SQLite file: the first process to need it migrates it, under a
        lock the others wait on; it appears under its name only once migrated."""
        template = self.shared_directory / "migrated.sqlite3"
        with open(self.shared_directory / "migrated.sqlite3.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if not template.exists():
                migrating = self.shared_directory / f"migrating-{os.getpid()}.sqlite3"
                manage(base_env(DATABASE_URL=f"sqlite:///{migrating}"), "migrate", "--no-input")
                migrating.rename(template)
        return template

    @contextlib.contextmanager
    def postgres_database(self):
        import psycopg

        if self._postgres_name is None:
            name = f"comparator_template_{os.getpid()}_{secrets.token_hex(4)}"
            with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as conn:
                conn.execute(f'CREATE DATABASE "{name}"')
            self._postgres_name = name
            url = f"postgres://postgres@127.0.0.1:5432/{name}"
            manage(base_env(DATABASE_URL=url), "migrate", "--no-input")
        with throwaway_postgres_database(template=self._postgres_name) as url:
            yield url

    def close(self):
        if self._postgres_name is None:
            return
        import psycopg

        with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{self._postgres_name}" WITH (FORCE)')


@contextlib.contextmanager
def gunicorn(env, *, workers=1, log_path=None):
    """gunicorn on a free loopback port; its log (the site's too) goes to `log_path` if given."""
    port = free_port()
    log = open(log_path, "wb") if log_path else subprocess.PIPE  # noqa: SIM115 (closed below)
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "comparator.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--timeout",
            "30",
        ],
        env=env,
        cwd=BASE_DIR,
        stdout=subprocess.DEVNULL,
        stderr=log,
        start_new_session=True,
    )
    try:
        wait_for_port(port)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        (process.stderr or log).close()


def fetch(url, headers=None, timeout=10):
    """(status, headers, body) for a GET; HTTP errors are answers too.

    The body is text, or bytes when the server compressed it.
    """
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, dict(response.headers), _body(response)
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), _body(error)


def _body(response):
    raw = response.read()
    return raw if response.headers.get("Content-Encoding") else raw.decode()


class TcpProxy:
    """Forwards a loopback port to another; `cut()` drops every connection, `restore()` heals.

    Put between the site and PostgreSQL, it is a database outage that needs no root.
    """

    def __init__(self, target_port):
        self.target_port = target_port
        self.port = free_port()
        self._listener = None
        self._connections = []
        self._lock = threading.Lock()

    def restore(self):
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(16)
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def cut(self):
        # shutdown() first: on Linux a bare close() leaves a thread blocked in accept() listening.
        with contextlib.suppress(OSError):
            self._listener.shutdown(socket.SHUT_RDWR)
        self._listener.close()
        with self._lock:
            for conn in self._connections:
                with contextlib.suppress(OSError):
                    conn.shutdown(socket.SHUT_RDWR)
                conn.close()
            self._connections.clear()

    def _accept(self, listener):
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(("127.0.0.1", self.target_port))
            except OSError:
                client.close()
                continue
            with self._lock:
                self._connections += [client, upstream]
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(source, sink), daemon=True).start()

    @staticmethod
    def _pipe(source, sink):
        with contextlib.suppress(OSError):
            while data := source.recv(65536):
                sink.sendall(data)
        with contextlib.suppress(OSError):
            sink.shutdown(socket.SHUT_WR)
