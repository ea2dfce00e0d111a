from django.db import models


class MillisecondDateTimeField(models.DateTimeField):
    """A DateTimeField stored to the millisecond.

    Django's JSON fixtures keep milliseconds and drop the rest, so storing no finer keeps a
    dump and its restore exactly equal, down to the sitemap's last-modified times.
    """

    def pre_save(self, model_instance, add):
        value = super().pre_save(model_instance, add)
        if value is not None:
            value = truncate_to_milliseconds(value)
            setattr(model_instance, self.attname, value)
        return value

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        return truncate_to_milliseconds(value) if value is not None else value


def truncate_to_milliseconds(value):
    return value.replace(microsecond=value.microsecond // 1000 * 1000)
