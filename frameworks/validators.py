from django.core.exceptions import ValidationError

COMPARE_SEPARATOR = "-vs-"
SEPARATOR_WORD = COMPARE_SEPARATOR.strip("-")


def slug_breaks_compare_urls(value):
    """Compare URLs join slugs with “-vs-”: a slug holding it, or “vs” at either end, would
    make a path such as “foo-vs-vs-bar” split in more than one way."""
    return (
        COMPARE_SEPARATOR in value
        or value == SEPARATOR_WORD
        or value.startswith(f"{SEPARATOR_WORD}-")
        or value.endswith(f"-{SEPARATOR_WORD}")
    )


def validate_framework_slug(value):
    if slug_breaks_compare_urls(value):
        raise ValidationError(
            "A framework slug may not contain “%(separator)s” nor begin or end with "
            "“%(word)s”: compare URLs use it to separate frameworks.",
            code="slug_contains_separator",
            params={"separator": COMPARE_SEPARATOR, "word": SEPARATOR_WORD},
        )
