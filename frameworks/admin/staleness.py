"""When content counts as stale: the editorial rules behind the filters and the gaps page."""

import datetime

from django.db.models import Q
from django.utils import timezone

REVIEW_INTERVAL = datetime.timedelta(days=180)
VERIFICATION_INTERVAL = datetime.timedelta(days=365)
METRIC_MAX_AGE = datetime.timedelta(days=365)


def review_cutoff() -> datetime.datetime:
    return timezone.now() - REVIEW_INTERVAL


def verification_cutoff() -> datetime.date:
    return timezone.localdate() - VERIFICATION_INTERVAL


def metric_cutoff() -> datetime.date:
    return timezone.localdate() - METRIC_MAX_AGE


def review_due() -> Q:
    """Never reviewed, or not in the last 180 days (frameworks, curated comparisons)."""
    return Q(reviewed_at__isnull=True) | Q(reviewed_at__lt=review_cutoff())


def verification_due() -> Q:
    """Feature values never verified, or not in the last year."""
    return Q(verified_on__isnull=True) | Q(verified_on__lt=verification_cutoff())
