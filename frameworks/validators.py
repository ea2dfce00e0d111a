from django.core.exceptions import ValidationError

COMPARE_SEPARATOR = "-vs-"


def validate_framework_slug(value):
    """Compare URLs join slugs with “-vs-”, so a slug may not contain it."""
    if COMPARE_SEPARATOR in value:
        raise ValidationError(
            "A framework slug may not contain “%(separator)s”: compare URLs use it to "
            "separate frameworks.",
            code="slug_contains_separator",
            params={"separator": COMPARE_SEPARATOR},
        )
