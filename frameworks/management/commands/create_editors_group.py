"""Create the Editors group: staff in it edit content and nothing else."""

from django.core.management.base import BaseCommand
from django.db import DEFAULT_DB_ALIAS

from frameworks.services import EDITORS_GROUP_NAME, create_editors_group


class Command(BaseCommand):
    help = (
        f"Creates the “{EDITORS_GROUP_NAME}” group with add, change, delete and view permissions "
        "on every content model and view permission on their history, and none on users, "
        "groups or login records. Run it again at any time: it resets the group to exactly "
        "those permissions."
    )

    def add_arguments(self, parser):
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, database=DEFAULT_DB_ALIAS, **options):
        group, created = create_editors_group(using=database)
        verb = "Created" if created else "Updated"
        self.stdout.write(
            self.style.SUCCESS(
                f"{verb} the “{group.name}” group with {group.permissions.count()} permissions."
            )
        )
        self.stdout.write(
            "To add an editor: in admin, add a user, tick “Staff status” and put them in "
            f"the “{group.name}” group."
        )
