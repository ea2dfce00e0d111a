"""The client's address, from the one place that knows it.

The connection's own address, unless `TRUSTED_PROXY_COUNT` says that many reverse proxies
stand in front of the site (1 behind deploy/nginx): then the X-Forwarded-For entry that our own
nearest proxy wrote, since anything left of it is the client's to invent. Both the lock-out
of admin logins (django-axes) and the limit on readers' reports count by it.
"""

import ipaddress

from django.conf import settings


def client_address(request):
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < proxies:
        return remote  # Not through all our proxies: the connection is all we know.
    candidate = forwarded[-proxies]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote
