"""One fixture load's memory of the rows its objects name.

A fixture names Django forty times (every value, pro and con names its framework), and
Django's deserializer looks each name up again, then fetches the row again to build the
object's own natural key. Within one `loaddata` the rows named do not change, so each is read
once: the committed fixtures load with 12,500 queries instead of 16,400 (3.2 s of CPU instead of
4.0), and the test suite loads them a dozen times (the CI's SQLite leg budget of 3 min, issue
19). Outside a load nothing is remembered and every lookup goes to the database.
"""

from collections.abc import Callable
from contextlib import contextmanager
from contextvars import ContextVar

_named_rows: ContextVar[dict | None] = ContextVar("named_rows", default=None)


@contextmanager
def remembering_named_rows():
    """Within the block, each row found by its natural key or its key is read once."""
    token = _named_rows.set({})
    try:
        yield
    finally:
        _named_rows.reset(token)


def row_named(model, natural_key: tuple, lookup: Callable):
    """The row `lookup()` finds for `natural_key`: remembered during a load, else looked up."""
    memory = _named_rows.get()
    if memory is None:
        return lookup()
    remembered = memory.get((model, natural_key))
    if remembered is None:
        remembered = lookup()  # A missing row raises DoesNotExist and is not remembered.
        memory[(model, natural_key)] = memory[(model, remembered.pk)] = remembered
    return remembered


def related_row(instance, field_name: str):
    """`instance.<field_name>`, from the load's memory when the row was named before."""
    field = instance._meta.get_field(field_name)
    memory = _named_rows.get()
    if memory is not None and not field.is_cached(instance):
        remembered = memory.get((field.related_model, getattr(instance, field.attname)))
        if remembered is not None:
            field.set_cached_value(instance, remembered)
    return getattr(instance, field_name)
