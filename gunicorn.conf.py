"""gunicorn settings for production: `gunicorn -c gunicorn.conf.py comparator.wsgi`.

Every value can be changed from the environment, so one file serves every deployment. Run
gunicorn behind a TLS-terminating proxy (nginx, Caddy, a load balancer) that sets
X-Forwarded-Proto; list that proxy's address in FORWARDED_ALLOW_IPS.
"""

import multiprocessing
import os


def env_int(name, default, *, minimum=0):
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ValueError(f"{name} must be a whole number, not {raw!r}") from None
    if value < minimum:
        raise ValueError(f"{name} must be at least {minimum}, not {value}")
    return value


def env_str(name, default):
    return os.environ.get(name, "").strip() or default


def access_log_target():
    """Standard output by default; "off" (or "none", "0") turns the access log off."""
    target = env_str("GUNICORN_ACCESS_LOG", "-")
    return None if target.lower() in ("off", "none", "0", "false") else target


# Loopback by default: the TLS proxy in front is what faces the internet.
bind = env_str("GUNICORN_BIND", "127.0.0.1:8000").split(",")

# The usual rule for sync workers: two per core plus one, so a core is never idle while a
# worker waits on the database.
workers = env_int("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1, minimum=1)
worker_class = env_str("GUNICORN_WORKER_CLASS", "sync")
# More than one thread makes gunicorn use gthread workers.
threads = env_int("GUNICORN_THREADS", 1, minimum=1)

timeout = env_int("GUNICORN_TIMEOUT", 30, minimum=1)
graceful_timeout = env_int("GUNICORN_GRACEFUL_TIMEOUT", 30, minimum=1)
keepalive = env_int("GUNICORN_KEEPALIVE", 5, minimum=1)

# Recycle workers now and then so a slow leak can never grow without bound; the jitter keeps
# them from all restarting at the same moment.
max_requests = env_int("GUNICORN_MAX_REQUESTS", 1000)
max_requests_jitter = env_int("GUNICORN_MAX_REQUESTS_JITTER", 100)

# Django must see the client's scheme through the proxy, never a forged one from elsewhere.
forwarded_allow_ips = env_str("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# Each worker imports the app itself: a deploy reloads cleanly, and no database connection
# opened at import time is shared between forked workers.
preload_app = False

accesslog = access_log_target()
# Client (and the proxy's X-Forwarded-For), request, status, bytes, milliseconds, referrer,
# user agent.
access_log_format = (
    '%(h)s fwd="%({x-forwarded-for}i)s" [%(t)s] "%(r)s" %(s)s %(B)s %(M)sms "%(f)s" "%(a)s"'
)
errorlog = "-"
loglevel = env_str("GUNICORN_LOG_LEVEL", "info")

# gunicorn 25+ opens a control socket at a fixed path in the home directory; two instances
# on one machine would fight over it, so it exists only where it is asked for.
_control_socket = env_str("GUNICORN_CONTROL_SOCKET", "")
if _control_socket:
    control_socket = _control_socket
else:
    control_socket_disable = True
