"""Dump all content as a natural-key fixture: the backup that `loaddata` restores."""

from django.core.management import call_command
from django.core.management.base import BaseCommand

from frameworks.models import CONTENT_MODELS


class Command(BaseCommand):
    help = (
        "Writes every content model (no history, no users) as JSON with natural keys, "
        "loadable into any database with `manage.py loaddata`."
    )

    def add_arguments(self, parser):
        parser.add_argument("-o", "--output", help="File to write; standard output by default.")
        parser.add_argument("--indent", type=int, default=2)

    def handle(self, *args, output=None, indent=2, **options):
        call_command(
            "dumpdata",
            *(model._meta.label for model in CONTENT_MODELS),
            natural_foreign=True,
            natural_primary=True,
            indent=indent,
            output=output,
            stdout=self.stdout,
        )
