"""Erase reporters' e-mail addresses REPORT_EMAIL_RETENTION_DAYS after their report was
closed. Safe to run at any time; run it daily (deploy/ has a systemd timer and a cron line)."""

from django.conf import settings
from django.core.management.base import BaseCommand

from corrections.services import purge_report_emails


class Command(BaseCommand):
    help = (
        "Erase reporters' e-mails from reports closed more than N days ago "
        f"(default: REPORT_EMAIL_RETENTION_DAYS, {settings.REPORT_EMAIL_RETENTION_DAYS})."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=settings.REPORT_EMAIL_RETENTION_DAYS,
            help="Days after closing to keep an e-mail (default: REPORT_EMAIL_RETENTION_DAYS).",
        )

    def handle(self, *args, days, **options):
        erased = purge_report_emails(days=days)
        self.stdout.write(f"Erased {erased} e-mail address{'es' if erased != 1 else ''}.")
