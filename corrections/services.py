"""Writes on readers' reports: accepting one with the correction it led to, closing others,
erasing reporters' e-mails. Atomic, keyword-only, like `frameworks.services`."""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from corrections.models import ReaderReport, ReportStatus
from frameworks.models import FeatureValue


class ReportClosed(Exception):
    """The report was already closed (by another editor, perhaps): nothing was changed."""


def _close(report, *, status, user):
    report.status = status
    report.closed_at = timezone.now()
    report.closed_by = user


@transaction.atomic
def accept_report(*, report: ReaderReport, value: FeatureValue, user, reason: str = ""):
    """Save the corrected value and link the report to the change it made, all or nothing.

    The value's history record (with the public reason), the report's link to that record
    and the page-cache revision commit in one transaction, so the public log never shows
    the correction without its report. Returns the history record.
    """
    report = ReaderReport.objects.select_for_update().get(pk=report.pk)
    if not report.is_open:
        raise ReportClosed(report)
    value._change_reason = reason or None
    value._history_user = user
    value.save()
    record = value.history.order_by("-history_id").first()
    _close(report, status=ReportStatus.ACCEPTED, user=user)
    report.framework = value.framework
    report.feature = value.feature
    report.resulting_change = record
    report.save()
    return record


@transaction.atomic
def reject_reports(*, reports, reason: str, user) -> int:
    """Close the open ones of `reports` as rejected, with the editors' reason."""
    count = 0
    for report in ReaderReport.objects.select_for_update().filter(pk__in=_ids(reports)).open():
        _close(report, status=ReportStatus.REJECTED, user=user)
        report.rejection_reason = reason
        report.save()
        count += 1
    return count


@transaction.atomic
def mark_duplicates(*, reports, user) -> int:
    """Close the open ones of `reports` as duplicates of the earliest report on the same cell."""
    count = 0
    for report in ReaderReport.objects.select_for_update().filter(pk__in=_ids(reports)).open():
        _close(report, status=ReportStatus.DUPLICATE, user=user)
        report.duplicate_of = (
            ReaderReport.objects.filter(
                framework=report.framework,
                feature=report.feature,
                page=report.page,
                received_at__lt=report.received_at,
            )
            .order_by("received_at")
            .first()
        )
        report.save()
        count += 1
    return count


def _ids(reports):
    return [report.pk for report in reports]


def purge_report_emails(*, now=None, days: int | None = None) -> int:
    """Erase reporters' e-mails from reports closed more than `days` days ago."""
    now = now or timezone.now()
    days = settings.REPORT_EMAIL_RETENTION_DAYS if days is None else days
    closed_before = now - datetime.timedelta(days=days)
    return ReaderReport.objects.closed_before(closed_before).exclude(email="").update(email="")
