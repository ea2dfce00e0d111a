"""`loaddata` that validates: a fixture that breaks a model's rules is refused whole.

Django's own loaddata saves raw rows without validation, so a too-long text, a value outside
its choices or a malformed URL would land in SQLite unnoticed. This one runs `full_clean()`
on every object before it is saved, and any problem (bad JSON, unknown natural key, failed
validation, refused constraint) ends the command with a message naming the file, the object
and the field, inside the one transaction Django's loaddata already uses, so the database is
left exactly as it was.
"""

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.core.management.commands import loaddata
from django.db.models import DateField
from django.utils import timezone


class FixtureObjectInvalid(Exception):
    """An object of a fixture failed validation; the message names it and its fields."""


def describe(instance):
    label = instance._meta.label_lower
    try:
        key = instance.natural_key()
    except Exception:  # The key's own relations may be what is broken.
        return f"{label} (pk={instance.pk})"
    return f"{label} {list(key)}"


def fill_missing_timestamps(instance):
    """Raw saves skip auto_now fields: keep the stored dates of a known row, else use now."""
    timestamp_fields = [
        field
        for field in instance._meta.concrete_fields
        if isinstance(field, DateField) and (field.auto_now or field.auto_now_add)
    ]
    missing = [field for field in timestamp_fields if getattr(instance, field.attname) is None]
    if not missing:
        return
    stored = {}
    if instance.pk is not None:
        stored = (
            type(instance)
            ._default_manager.filter(pk=instance.pk)
            .values(*(field.attname for field in missing))
            .first()
            or {}
        )
    now = timezone.now()
    for field in missing:
        value = stored.get(field.attname) or now
        setattr(
            instance,
            field.attname,
            value if field.get_internal_type() != "DateField" else value.date(),
        )


class Command(loaddata.Command):
    help = (
        "Installs the named fixtures after validating every object with full_clean(); "
        "any invalid object refuses the whole load and leaves the database unchanged."
    )

    def handle(self, *fixture_labels, **options):
        try:
            super().handle(*fixture_labels, **options)
        except CommandError:
            raise
        except Exception as error:  # Every failure is the operator's to read, not a traceback.
            raise CommandError(
                f"{error}\nNothing was loaded: the database is unchanged."
            ) from error

    def save_obj(self, obj):
        instance = obj.object
        fill_missing_timestamps(instance)
        deferred = {field.name for field in getattr(obj, "deferred_fields", {})}
        try:
            instance.full_clean(exclude=deferred)
        except ValidationError as error:
            problems = "; ".join(
                f"field '{field}': {' '.join(messages)}"
                for field, messages in error.message_dict.items()
            )
            raise FixtureObjectInvalid(f"{describe(instance)}: {problems}") from error
        return super().save_obj(obj)
