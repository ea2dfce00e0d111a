"""Security by default: headers on every response, the deploy checklist, hardened cookies."""

import os
import subprocess
import sys

import pytest
from django.conf import settings

SAFE_KEY = "k3y-" + "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOP"


def csp_directives(response):
    header = response["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (part.split() for part in header.split(";") if part.strip())
    }


@pytest.fixture(params=["/", "/healthz", "/admin/login/", "/no-such-page/"])
def any_response(request, client, db):
    return client.get(request.param)


def test_every_response_has_a_strict_content_security_policy(any_response):
    directives = csp_directives(any_response)
    assert directives["default-src"] == ["'none'"]
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["form-action"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["base-uri"] == ["'none'"]
    assert not any("unsafe" in value for values in directives.values() for value in values)


def test_every_response_has_the_other_security_headers(any_response):
    assert any_response["X-Content-Type-Options"] == "nosniff"
    assert any_response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert any_response["X-Frame-Options"] == "DENY"
    assert any_response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert any_response["Cross-Origin-Resource-Policy"] == "same-origin"


def test_cached_pages_keep_the_security_headers(client, db):
    client.get("/")
    cached = client.get("/")
    assert "default-src 'none'" in cached["Content-Security-Policy"]
    assert cached["X-Frame-Options"] == "DENY"


def run_deploy_check(**env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env={**clean, "DJANGO_SECRET_KEY": SAFE_KEY, **env},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.slow
def test_deploy_check_passes_with_production_settings():
    result = run_deploy_check()
    assert result.returncode == 0, result.stderr + result.stdout


@pytest.mark.slow
def test_deploy_check_fails_over_plain_http():
    result = run_deploy_check(DJANGO_HTTPS="0")
    assert result.returncode != 0
    assert "SECURE_SSL_REDIRECT" in result.stderr + result.stdout


def test_proxy_https_header_is_trusted_for_secure_requests():
    assert settings.SECURE_PROXY_SSL_HEADER == ("HTTP_X_FORWARDED_PROTO", "https")
