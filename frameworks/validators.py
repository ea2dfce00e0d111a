from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator

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


validate_github_repo = RegexValidator(
    r"^[A-Za-z0-9][A-Za-z0-9-]{0,38}/[A-Za-z0-9._-]{1,100}$",
    "Enter the repository as owner/name, e.g. pallets/flask.",
    code="invalid_github_repo",
)
