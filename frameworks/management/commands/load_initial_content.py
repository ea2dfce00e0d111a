"""Load the committed fixtures into a database that holds no content yet, and never again.

`make run` calls this on every start. Loading the fixtures over existing content would
replace every row they name, and with it the edits editors made in admin since; reloading on
purpose is `make load` (plain `loaddata`), which says so first.
"""

from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from frameworks.models import Framework


def fixture_files():
    return sorted(str(path) for path in Path(settings.BASE_DIR, "fixtures").glob("*.json"))


class Command(BaseCommand):
    help = "Loads fixtures/*.json when the database holds no framework yet; else changes nothing."

    def handle(self, *args, **options):
        if Framework.objects.exists():
            self.stdout.write(
                "Content already loaded: leaving it as it is (`make load` reloads the fixtures "
                "and overwrites the rows they name)."
            )
            return
        call_command("loaddata", *fixture_files(), verbosity=options["verbosity"])
