"""How many reports a client may send: a fixed window per client address, counted in the
shared cache (`CACHE_URL`), so the limit holds across workers and instances.

The client address is read where the admin lock-out reads it too
(`comparator.clientaddress`): the connection's own, or the one our own proxy wrote.
An IPv6 client is its /64, the block one subscriber is given, not one of its addresses.
A cache that fails lets the report through: losing a reader's report is worse than a few
reports over the limit. The site-wide cap (`site_allows`) is counted in the database, so it
holds then too.
"""

import datetime
import hashlib
import ipaddress
import logging

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from comparator.clientaddress import client_address

logger = logging.getLogger(__name__)

KEY_PREFIX = "corrections:reports"


def window_seconds():
    return settings.REPORTS_RATE_WINDOW_SECONDS


def client_block(address):
    """What the limit counts: an IPv4 address, or the /64 of an IPv6 one."""
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    if parsed.version == 6 and parsed.ipv4_mapped is not None:
        return str(parsed.ipv4_mapped)
    if parsed.version == 6:
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False))
    return str(parsed)


def client_key(request):
    """The client's counter, named by a digest: the cache never holds an address."""
    digest = hashlib.blake2b(
        client_block(client_address(request)).encode(), digest_size=12
    ).hexdigest()
    return f"{KEY_PREFIX}:{digest}"


def site_allows():
    """False once everyone together sent REPORTS_SITE_RATE_LIMIT reports in the window."""
    from corrections.models import ReaderReport

    since = timezone.now() - datetime.timedelta(seconds=window_seconds())
    received = ReaderReport.objects.filter(received_at__gte=since)
    return received.count() < settings.REPORTS_SITE_RATE_LIMIT


def allow(request):
    """Count one submission from this client; False once it is over the limit."""
    key = client_key(request)
    try:
        if cache.add(key, 1, timeout=window_seconds()):
            return settings.REPORTS_RATE_LIMIT >= 1
        try:
            count = cache.incr(key)
        except ValueError:  # The window ran out between add() and incr(): a new one.
            cache.add(key, 1, timeout=window_seconds())
            count = 1
    except Exception:  # Any cache client error: let the report through (see above).
        logger.warning("Report rate limit unavailable; letting a report through", exc_info=True)
        return True
    return count <= settings.REPORTS_RATE_LIMIT
