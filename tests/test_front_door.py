"""The production front door: `deploy/serve-tls` (what `make serve-tls` runs) puts Debian's nginx
in front of gunicorn, and everything a reader or an editor does works through it.

One stack for the module: nginx on two free loopback ports, gunicorn on a Unix socket with
production settings, a throwaway database with the content and one editor.
"""

import contextlib
import http.client
import os
import re
import shutil
import signal
import socket
import ssl
import subprocess
import threading
import time
import warnings
from http.cookies import SimpleCookie

import pytest

from tests.servers import (
    BASE_DIR,
    base_env,
    free_port,
    manage,
    wait_for_port,
)

pytestmark = pytest.mark.slow

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
EDITOR, PASSWORD = "front-door-editor", "front-door-password-1234"


def require_nginx():
    if os.path.exists(NGINX):
        return
    if os.environ.get("CI") == "true":
        pytest.fail("nginx is not installed; .ci/run installs Debian's nginx")
    pytest.skip("nginx is not installed (apt-get install nginx)")


class Stack:
    def __init__(self, state, https_port, http_port, env):
        self.state, self.https_port, self.http_port = state, https_port, http_port
        self.env = env  # the site's environment, for manage.py beside it
        self.tls = ssl.create_default_context(cafile=str(state / "self-signed.crt"))

    def connection(self, *, source="127.0.0.1"):
        return http.client.HTTPSConnection(
            "127.0.0.1", self.https_port, context=self.tls, source_address=(source, 0), timeout=15
        )

    def get(self, path, headers=None, *, source="127.0.0.1"):
        return self.request("GET", path, headers=headers, source=source)

    def request(self, method, path, body=None, headers=None, *, source="127.0.0.1"):
        connection = self.connection(source=source)
        try:
            connection.request(method, path, body=body, headers=headers or {})
            response = connection.getresponse()
            return response, response.read()
        finally:
            connection.close()

    @property
    def origin(self):
        return f"https://127.0.0.1:{self.https_port}"


@pytest.fixture(scope="module")
def stack(tmp_path_factory, migrated_templates):
    require_nginx()
    tmp = tmp_path_factory.mktemp("front-door")
    with migrated_templates.database(tmp) as database_url:
        env = base_env(DATABASE_URL=database_url)
        manage(
            {**env, "DJANGO_SUPERUSER_PASSWORD": PASSWORD},
            *("createsuperuser", "--no-input", "--username", EDITOR, "--email", "e@example.org"),
        )
        https_port, http_port = free_port(), free_port()
        # The script sets the production settings itself; the hashed, compressed static
        # files of production too.
        env.pop("DJANGO_STATICFILES_STORAGE")
        env.update(
            SERVE_TLS_DIR=str(tmp / "state"),
            HTTPS_PORT=str(https_port),
            HTTP_PORT=str(http_port),
            WEB_CONCURRENCY="1",  # one sync worker: what a slow client could hold
            PYTHON=os.sys.executable,
        )
        process = subprocess.Popen(
            [str(BASE_DIR / "deploy" / "serve-tls")],
            env=env,
            cwd=BASE_DIR,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            wait_for_port(https_port, timeout=120)
            stack = Stack(tmp / "state", https_port, http_port, env)
            wait_until_ready(stack)
            yield stack
        finally:
            output = stop(process)
        assert "serve-tls: stopped" in output, output


def wait_until_ready(stack, timeout=60.0):
    """nginx listens before gunicorn's workers answer: wait for the site's readiness check."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError, http.client.HTTPException):
            if stack.get("/readyz")[0].status == 200:
                return
        time.sleep(0.2)
    raise TimeoutError("the site behind nginx never became ready")


def stop(process):
    """Ctrl-C, as an operator would press it: the whole process group gets SIGINT."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGINT)
    try:
        output, _ = process.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        output, _ = process.communicate()
    return output.decode(errors="replace")


def test_plain_http_answers_301_to_the_same_url_over_https(stack):
    connection = http.client.HTTPConnection("127.0.0.1", stack.http_port, timeout=10)
    try:
        connection.request("GET", "/compare/django-vs-flask/?only=differences")
        response = connection.getresponse()
    finally:
        connection.close()

    assert response.status == 301
    assert response.getheader("Location") == (
        f"{stack.origin}/compare/django-vs-flask/?only=differences"
    )


def test_https_pages_carry_one_hsts_header_for_a_year_with_subdomains(stack):
    response, body = stack.get("/")

    assert response.status == 200
    assert "Comparator" in body.decode()
    hsts = [
        value
        for name, value in response.getheaders()
        if name.lower() == "strict-transport-security"
    ]
    assert hsts == ["max-age=31536000; includeSubDomains"]


def test_nginx_own_answers_carry_hsts_too(stack):
    response, _ = stack.request("GET", "/", headers={"Content-Length": "x"})

    assert response.status == 400
    assert response.getheader("Strict-Transport-Security") == "max-age=31536000; includeSubDomains"


def handshake(stack, version):
    context = ssl.create_default_context(cafile=str(stack.state / "self-signed.crt"))
    # The client itself allows old protocols and ciphers, so only the server can refuse.
    context.set_ciphers("DEFAULT:@SECLEVEL=0")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # TLS 1.1, on purpose
        context.minimum_version = context.maximum_version = version
    with (
        socket.create_connection(("127.0.0.1", stack.https_port), timeout=10) as raw,
        context.wrap_socket(raw, server_hostname="127.0.0.1") as tls,
    ):
        return tls.version()


def test_tls_1_2_and_1_3_are_spoken_and_1_1_is_refused(stack):
    assert handshake(stack, ssl.TLSVersion.TLSv1_3) == "TLSv1.3"
    assert handshake(stack, ssl.TLSVersion.TLSv1_2) == "TLSv1.2"
    with pytest.raises(ssl.SSLError):
        handshake(stack, ssl.TLSVersion.TLSv1_1)


def test_http2_is_offered(stack):
    context = ssl.create_default_context(cafile=str(stack.state / "self-signed.crt"))
    context.set_alpn_protocols(["h2", "http/1.1"])
    with (
        socket.create_connection(("127.0.0.1", stack.https_port), timeout=10) as raw,
        context.wrap_socket(raw, server_hostname="127.0.0.1") as tls,
    ):
        assert tls.selected_alpn_protocol() == "h2"


def test_a_hashed_static_file_is_cached_for_a_year_and_compressed(stack):
    _, body = stack.get("/")
    stylesheet = re.search(r'href="(/static/[^"]+\.css)"', body.decode()).group(1)

    response, css = stack.get(stylesheet, headers={"Accept-Encoding": "gzip"})

    assert response.status == 200
    assert "immutable" in response.getheader("Cache-Control")
    assert "max-age=31536000" in response.getheader("Cache-Control")
    assert response.getheader("Content-Encoding") == "gzip"
    assert css


def test_pages_are_compressed_through_the_proxy(stack):
    response, _ = stack.get("/compare/django-vs-flask/", headers={"Accept-Encoding": "gzip"})

    assert response.status == 200
    assert response.getheader("Content-Encoding") == "gzip"


def cookies_of(response):
    jar = SimpleCookie()
    for name, value in response.getheaders():
        if name.lower() == "set-cookie":
            jar.load(value)
    return {name: morsel.value for name, morsel in jar.items()}


def sign_in(stack, password, *, source="127.0.0.1"):
    """The admin login form, as a browser posts it: CSRF cookie, token, Origin and Referer."""
    response, body = stack.get("/admin/login/", source=source)
    assert response.status == 200
    assert "Secure" in response.getheader("Set-Cookie")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body.decode()).group(1)
    cookies = cookies_of(response)
    form = f"csrfmiddlewaretoken={token}&username={EDITOR}&password={password}&next=/admin/"
    return stack.request(
        "POST",
        "/admin/login/",
        body=form,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            **cookie_header(cookies),
            "Origin": stack.origin,
            "Referer": f"{stack.origin}/admin/login/",
        },
        source=source,
    )


def test_an_editor_signs_in_through_the_proxy_with_csrf_secure_cookies_and_a_second_factor(
    stack,
):
    response, _ = sign_in(stack, PASSWORD, source="127.0.0.4")

    assert response.status == 302
    assert response.getheader("Location") == "/admin/second-factor/enrol/?next=/admin/"
    session = [
        v for k, v in response.getheaders() if k.lower() == "set-cookie" and "sessionid" in v
    ]
    assert session and "Secure" in session[0] and "HttpOnly" in session[0]
    cookies = cookies_of(response)
    # An operator's one-time code (manage.py addstatictoken), then admin, all through nginx.
    code = manage(stack.env, "addstatictoken", EDITOR).stdout.strip()
    page, body = stack.get(
        "/admin/second-factor/", headers=cookie_header(cookies), source="127.0.0.4"
    )
    cookies |= cookies_of(page)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body.decode()).group(1)
    verified, _ = stack.request(
        "POST",
        "/admin/second-factor/",
        body=f"csrfmiddlewaretoken={token}&code={code}&next=/admin/",
        headers={
            **cookie_header(cookies),
            "Content-Type": "application/x-www-form-urlencoded",
            "Origin": stack.origin,
            "Referer": f"{stack.origin}/admin/second-factor/",
        },
        source="127.0.0.4",
    )
    assert verified.status == 302
    assert verified.getheader("Location") == "/admin/"
    admin, body = stack.get("/admin/", headers=cookie_header(cookies | cookies_of(verified)))
    assert admin.status == 200
    assert "Content and editors" in body.decode()


def cookie_header(cookies):
    return {"Cookie": "; ".join(f"{name}={value}" for name, value in cookies.items())}


def test_lock_out_counts_the_clients_address_that_nginx_passes_on(stack):
    """Five failures from one address lock that address out; another address is unaffected,
    which only holds if Django sees each client's own address, not nginx's."""
    for _ in range(5):
        response, _ = sign_in(stack, "wrong password", source="127.0.0.2")
    response, _ = sign_in(stack, PASSWORD, source="127.0.0.2")
    assert response.status == 429

    response, _ = sign_in(stack, PASSWORD, source="127.0.0.3")
    assert response.status == 302


def test_a_forged_forwarded_for_header_does_not_dodge_the_lock_out(stack):
    for attempt in range(5):
        forged = {"X-Forwarded-For": f"198.51.100.{attempt}"}
        response, _ = stack.request("GET", "/admin/login/", headers=forged, source="127.0.0.5")
        sign_in(stack, "wrong password", source="127.0.0.5")
    response, _ = sign_in(stack, PASSWORD, source="127.0.0.5")

    assert response.status == 429


def test_a_slow_client_does_not_hold_the_only_gunicorn_worker(stack):
    """A client that trickles its request body is nginx's to wait for: with one sync worker
    behind it, another reader's page still comes back at once."""
    finished = threading.Event()

    def trickle():
        connection = stack.connection()
        with contextlib.suppress(OSError, http.client.HTTPException):
            connection.putrequest("POST", "/corrections/new/")
            connection.putheader("Content-Type", "application/x-www-form-urlencoded")
            connection.putheader("Content-Length", "100")
            connection.endheaders()
            for _ in range(8):
                if finished.is_set():
                    break
                connection.send(b"a")
                time.sleep(0.5)
        connection.close()

    slow = threading.Thread(target=trickle)
    slow.start()
    try:
        time.sleep(1)  # the slow request is well under way
        started = time.monotonic()
        response, _ = stack.get("/frameworks/")
        elapsed = time.monotonic() - started
        still_sending = slow.is_alive()
    finally:
        finished.set()
        slow.join()

    assert response.status == 200
    assert still_sending
    assert elapsed < 2.5, f"the page waited {elapsed:.1f} s behind the slow client"


def test_the_production_site_file_is_valid_nginx_with_only_paths_and_name_changed(tmp_path):
    """deploy/nginx/comparator.conf as an operator drops it in: nginx -t accepts it once its
    certificate paths point at a real certificate."""
    require_nginx()
    cert, key = tmp_path / "fullchain.pem", tmp_path / "privkey.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1"]
        + ["-nodes", "-days", "1", "-subj", "/CN=comparator.example"]
        + ["-keyout", str(key), "-out", str(cert)],
        check=True,
        capture_output=True,
    )
    site = (BASE_DIR / "deploy" / "nginx" / "comparator.conf").read_text()
    site = site.replace("/etc/letsencrypt/live/comparator.example/fullchain.pem", str(cert))
    site = site.replace("/etc/letsencrypt/live/comparator.example/privkey.pem", str(key))
    site = site.replace("/etc/letsencrypt/live/comparator.example/chain.pem", str(cert))
    shutil.copytree(BASE_DIR / "deploy" / "nginx" / "snippets", tmp_path / "snippets")
    (tmp_path / "site.conf").write_text(site)
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\nevents {{}}\nhttp {{\n include {tmp_path}/site.conf;\n}}\n"
    )

    result = subprocess.run(
        [NGINX, "-t", "-e", "stderr", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")],
        capture_output=True,
        text=True,
    )

    assert result.returncode == 0, result.stderr
    assert "test is successful" in result.stderr
