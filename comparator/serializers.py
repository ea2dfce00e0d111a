"""JSON fixtures that restore what was dumped: Django's format, with two of its losses fixed.

- History rows keep the key of the row they recorded after that row is gone (their foreign
  keys have no database constraint, on purpose: history outlives what it describes). With
  natural keys, Django's serializer looks the gone row up to name it and stops the whole
  dump at the first deleted framework or feature. Here such a reference is written as null:
  no natural key can name a row that no longer exists, and after a restore its id could
  belong to another row. The change log already reads a null as "no longer listed".
- Django writes times to the millisecond; the change log prints them to the microsecond,
  so a restored log would differ from the one dumped. Here they keep every digit.
"""

import datetime

from django.core.exceptions import ObjectDoesNotExist
from django.core.serializers import json
from django.core.serializers.json import DjangoJSONEncoder

Deserializer = json.Deserializer


class ExactTimeEncoder(DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, datetime.datetime):
            text = o.isoformat()
            return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text
        return super().default(o)


class Serializer(json.Serializer):
    def _init_options(self):
        self.options.setdefault("cls", ExactTimeEncoder)
        super()._init_options()

    def handle_fk_field(self, obj, field):
        try:
            super().handle_fk_field(obj, field)
        except ObjectDoesNotExist:
            if field.db_constraint or not field.null:
                raise  # A constrained key cannot dangle: this is a real error.
            self._current[field.name] = None
