"""`loaddata` that validates: a fixture that breaks a model's rules is refused whole.

Django's own loaddata saves raw rows without validation, so a too-long text, a value outside
its choices or a malformed URL would land in SQLite unnoticed. This one runs `full_clean()`
on every object before it is saved, and any problem (bad JSON, unknown natural key, failed
validation, refused constraint) ends the command with a message naming the file, the object
and the field, inside the one transaction Django's loaddata already uses, so the database is
left exactly as it was.
"""

import json

from django.apps import apps
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.management.base import CommandError
from django.core.management.commands import loaddata
from django.core.serializers.base import DeserializationError
from django.db import transaction
from django.db.models import DateField
from django.utils import timezone
from simple_history.models import HistoricalChanges

from frameworks.loading import remembering_named_rows
from frameworks.services import record_history_baselines

# Rows that describe the running site, not its content: a backup may carry them (a full
# `dumpdata` does), but loading them would put back tokens of pages cached before the restore
# and clash with the rows `flush`/`migrate` made. Skipped; the load marks what it changed.
RUNTIME_STATE = frozenset({"frameworks.contentrevision"})


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


def unresolved_reference(path, using):
    """Why a JSON fixture could not be read: its JSON error, or its first dangling natural key.

    Django's deserializer reports either without naming the object or the field; reading the
    file again (only after a failure) finds them. None when neither explains the failure.
    """
    try:
        with open(path, encoding="utf-8") as fixture:
            entries = json.load(fixture)
    except ValueError as error:
        return f"not valid JSON: {error}"
    for number, entry in enumerate(entries if isinstance(entries, list) else [], start=1):
        try:
            model = apps.get_model(entry["model"])
            fields = [
                (model._meta.get_field(name), value) for name, value in entry["fields"].items()
            ]
        except (KeyError, TypeError, AttributeError, LookupError):
            continue  # Django's own message describes malformed entries well enough.
        for field, value in fields:
            if not field.many_to_one or not isinstance(value, list):
                continue
            related = field.related_model
            try:
                related._default_manager.db_manager(using).get_by_natural_key(*value)
            except (ObjectDoesNotExist, TypeError, ValueError):
                return (
                    f"{model._meta.label_lower} (object {number} of the file): "
                    f"field '{field.name}': "
                    f"no {related._meta.label_lower} has the natural key {value}"
                )
    return None


class Command(loaddata.Command):
    help = (
        "Installs the named fixtures after validating every object with full_clean(); "
        "any invalid object refuses the whole load and leaves the database unchanged."
    )

    loaded_history = False

    def handle(self, *fixture_labels, **options):
        try:
            with remembering_named_rows():
                super().handle(*fixture_labels, **options)
        except CommandError:
            raise
        except Exception as error:  # Every failure is the operator's to read, not a traceback.
            raise CommandError(
                f"{error}\nNothing was loaded: the database is unchanged."
            ) from error
        # Raw saves leave no history: record each loaded value as its change log's baseline,
        # unless the load brought its own history (a backup being restored).
        if not self.loaded_history:
            with transaction.atomic(using=self.using):
                record_history_baselines(using=self.using)

    def save_obj(self, obj):
        instance = obj.object
        if instance._meta.label_lower in RUNTIME_STATE:
            return False
        if isinstance(instance, HistoricalChanges):
            # A snapshot as it was recorded: today's rules may refuse yesterday's valid row.
            self.loaded_history = True
            return super().save_obj(obj)
        if instance.pk is not None:
            # A row found by its natural key is updated, so uniqueness checks must not count it
            # as a second copy of itself (Django's deserializer leaves it marked as new).
            instance._state.adding = (
                not type(instance)._default_manager.filter(pk=instance.pk).exists()
            )
        fill_missing_timestamps(instance)
        deferred_values = getattr(obj, "deferred_fields", None) or {}
        for field, value in deferred_values.items():
            # A reference deferred to the end of the load can only work for a nullable key.
            if field.many_to_one and not field.null:
                raise FixtureObjectInvalid(
                    f"{describe(instance)}: field '{field.name}': no "
                    f"{field.related_model._meta.label_lower} has the natural key {value}"
                )
        deferred = {field.name for field in deferred_values}
        try:
            instance.full_clean(exclude=deferred)
        except ValidationError as error:
            problems = "; ".join(
                f"field '{field}': {' '.join(messages)}"
                for field, messages in error.message_dict.items()
            )
            raise FixtureObjectInvalid(f"{describe(instance)}: {problems}") from error
        return super().save_obj(obj)

    def load_label(self, fixture_label):
        try:
            super().load_label(fixture_label)
        except DeserializationError as error:
            for path, *_ in self.find_fixtures(fixture_label):
                reason = path.endswith(".json") and unresolved_reference(path, self.using)
                if reason:
                    raise CommandError(
                        f"Problem installing fixture '{path}': {reason}\n"
                        "Nothing was loaded: the database is unchanged."
                    ) from error
            raise
