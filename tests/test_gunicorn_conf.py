import os
import runpy
import secrets
import subprocess
import sys

import pytest
from django.conf import settings

CONFIG = settings.BASE_DIR / "gunicorn.conf.py"
VARIABLES = (
    "GUNICORN_BIND",
    "WEB_CONCURRENCY",
    "GUNICORN_WORKER_CLASS",
    "GUNICORN_THREADS",
    "GUNICORN_TIMEOUT",
    "GUNICORN_GRACEFUL_TIMEOUT",
    "GUNICORN_KEEPALIVE",
    "GUNICORN_MAX_REQUESTS",
    "GUNICORN_MAX_REQUESTS_JITTER",
    "GUNICORN_ACCESS_LOG",
    "GUNICORN_LOG_LEVEL",
    "GUNICORN_CONTROL_SOCKET",
    "FORWARDED_ALLOW_IPS",
)


def load_config(monkeypatch, **env):
    for name in VARIABLES:
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(CONFIG))


def test_defaults_bind_loopback_with_two_sync_workers_per_core_plus_one(monkeypatch):
    config = load_config(monkeypatch)

    assert config["bind"] == ["127.0.0.1:8000"]
    assert config["workers"] == 2 * os.cpu_count() + 1
    assert config["worker_class"] == "sync"
    assert config["threads"] == 1
    assert config["preload_app"] is False


def test_defaults_log_to_stdout_and_recycle_workers_with_jitter(monkeypatch):
    config = load_config(monkeypatch)

    assert config["accesslog"] == "-"
    assert config["errorlog"] == "-"
    assert "%(M)s" in config["access_log_format"]
    assert config["max_requests"] == 1000
    assert config["max_requests_jitter"] == 100
    assert config["timeout"] == 30
    assert config["graceful_timeout"] == 30
    assert config["keepalive"] == 5
    assert config["forwarded_allow_ips"] == "127.0.0.1,::1"


def test_every_value_comes_from_the_environment(monkeypatch):
    config = load_config(
        monkeypatch,
        GUNICORN_BIND="0.0.0.0:9000,unix:/run/comparator.sock",
        WEB_CONCURRENCY="3",
        GUNICORN_WORKER_CLASS="gthread",
        GUNICORN_THREADS="4",
        GUNICORN_TIMEOUT="20",
        GUNICORN_GRACEFUL_TIMEOUT="10",
        GUNICORN_KEEPALIVE="2",
        GUNICORN_MAX_REQUESTS="500",
        GUNICORN_MAX_REQUESTS_JITTER="50",
        GUNICORN_LOG_LEVEL="warning",
        FORWARDED_ALLOW_IPS="10.0.0.5",
    )

    assert config["bind"] == ["0.0.0.0:9000", "unix:/run/comparator.sock"]
    assert (config["workers"], config["worker_class"], config["threads"]) == (3, "gthread", 4)
    assert (config["timeout"], config["graceful_timeout"], config["keepalive"]) == (20, 10, 2)
    assert (config["max_requests"], config["max_requests_jitter"]) == (500, 50)
    assert config["loglevel"] == "warning"
    assert config["forwarded_allow_ips"] == "10.0.0.5"


@pytest.mark.parametrize("value", ["off", "none", "OFF"])
def test_access_log_can_be_turned_off(monkeypatch, value):
    assert load_config(monkeypatch, GUNICORN_ACCESS_LOG=value)["accesslog"] is None


def test_control_socket_exists_only_when_asked_for(monkeypatch):
    assert load_config(monkeypatch)["control_socket_disable"] is True

    config = load_config(monkeypatch, GUNICORN_CONTROL_SOCKET="/run/comparator/gunicorn.ctl")

    assert config["control_socket"] == "/run/comparator/gunicorn.ctl"
    assert "control_socket_disable" not in config


@pytest.mark.parametrize(
    ("value", "message"),
    [("many", "WEB_CONCURRENCY must be a whole number"), ("0", "at least 1")],
)
def test_unusable_worker_counts_are_refused_with_the_variable_named(monkeypatch, value, message):
    with pytest.raises(ValueError, match=message):
        load_config(monkeypatch, WEB_CONCURRENCY=value)


@pytest.mark.slow
@pytest.mark.parametrize("worker_class", ["sync", "gthread"])
def test_gunicorn_accepts_the_config_and_loads_the_app(worker_class):
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in VARIABLES and not name.startswith("DJANGO_")
    }
    env.update(
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_HTTPS="0",
        GUNICORN_WORKER_CLASS=worker_class,
        GUNICORN_THREADS="4",
    )

    result = subprocess.run(
        [sys.executable, "-m", "gunicorn", "--check-config", "-c", str(CONFIG), "comparator.wsgi"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode == 0, result.stderr
