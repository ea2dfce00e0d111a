"""Readers' reports of mistakes, and the public bylines of the editors who correct them.

Neither is content: a report is never shown on a page, and a byline only names an editor in
the public change log (`corrections.changelog`), which is built from the content's history.
"""

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from frameworks.models import Feature, Framework, choices_constraint

REPORT_TEXT_LIMIT = 2000
ANONYMOUS_BYLINE = "the editors"


class EditorProfile(models.Model):
    """What the public may know of an editor: the byline they chose, and nothing else."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="editor_profile",
        verbose_name="editor",
    )
    byline = models.CharField(
        "public byline",
        max_length=80,
        blank=True,
        help_text="How the public change log names you, e.g. “Ada L.”. Leave it empty to be "
        f"credited as “{ANONYMOUS_BYLINE}”. Your username and e-mail are never shown.",
    )

    class Meta:
        ordering = ["user__username"]
        verbose_name = "editor’s public byline"
        verbose_name_plural = "editors’ public bylines"

    def __str__(self):
        return self.byline or ANONYMOUS_BYLINE


class ReportStatus(models.TextChoices):
    NEW = "new", "New"
    ACCEPTED = "accepted", "Accepted: corrected"
    REJECTED = "rejected", "Rejected"
    DUPLICATE = "duplicate", "Duplicate"


class ReaderReportQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=ReportStatus.NEW)

    def closed_before(self, moment):
        return self.exclude(status=ReportStatus.NEW).filter(closed_at__lt=moment)


class ReaderReport(models.Model):
    """A reader's “this is wrong”, as sent from the correction form, and what became of it."""

    page = models.CharField(
        "page", max_length=200, help_text="The path of the page the reader was reading."
    )
    framework = models.ForeignKey(
        Framework,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reader_reports",
        verbose_name="framework",
    )
    feature = models.ForeignKey(
        Feature,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reader_reports",
        verbose_name="feature",
    )
    what_is_wrong = models.TextField(
        "what is wrong", validators=[MaxLengthValidator(REPORT_TEXT_LIMIT)]
    )
    what_is_right = models.TextField(
        "what is right", validators=[MaxLengthValidator(REPORT_TEXT_LIMIT)]
    )
    source_url = models.URLField("reader’s source", max_length=500, blank=True)
    email = models.EmailField(
        "reader’s e-mail",
        blank=True,
        help_text="For a reply only; erased REPORT_EMAIL_RETENTION_DAYS days (a setting) "
        "after the report is closed.",
    )
    status = models.CharField(
        "status", max_length=10, choices=ReportStatus.choices, default=ReportStatus.NEW
    )
    received_at = models.DateTimeField("received at", default=timezone.now, db_index=True)
    closed_at = models.DateTimeField("closed at", null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="closed by",
    )
    rejection_reason = models.TextField("why it was rejected", blank=True)
    duplicate_of = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="duplicates",
        verbose_name="duplicate of",
    )
    resulting_change = models.ForeignKey(
        "frameworks.HistoricalFeatureValue",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reader_reports",
        verbose_name="resulting change",
        help_text="The recorded change of the value that corrected it; the public change log "
        "says it came from a reader’s report.",
    )

    objects = ReaderReportQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at"]
        verbose_name = "reader’s report"
        verbose_name_plural = "readers’ reports"
        constraints = [
            choices_constraint("status", ReportStatus, "status"),
            models.CheckConstraint(
                condition=Q(status=ReportStatus.NEW) | Q(closed_at__isnull=False),
                name="%(app_label)s_%(class)s_closed_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(status=ReportStatus.REJECTED) | ~Q(rejection_reason=""),
                name="%(app_label)s_%(class)s_rejected_has_reason",
            ),
        ]

    def __str__(self):
        subject = " · ".join(str(part) for part in (self.framework, self.feature) if part)
        return f"Report of {self.received_at:%Y-%m-%d} on {subject or self.page}"

    @property
    def is_open(self):
        return self.status == ReportStatus.NEW
