"""The one parser of compare paths: 2 to 4 framework slugs joined by "-vs-", in any letter case.

The comparison, its JSON, its change log and the log's feed, the correction form and the page
cache all read a compare path here. The canonical path is lower case with the slugs in
alphabetical order (`frameworks.models.canonical_compare_path`); every other spelling of the
same frameworks answers a 301 to it (`is_canonical`).
"""

import re

from django.http import Http404

from frameworks.models import MAX_COMPARED, MIN_COMPARED
from frameworks.readers import ReaderNotFound
from frameworks.validators import COMPARE_SEPARATOR

# What Django's SlugField accepts; anything else in a compare path is malformed.
SLUG = re.compile(r"[-a-zA-Z0-9_]+")
SEPARATOR = re.compile(re.escape(COMPARE_SEPARATOR), re.IGNORECASE)


def parse_compare_path(slugs):
    """The lower-case slugs of a compare path, or a 404 that says what is wrong with it.

    Letter case does not matter (`DJANGO-VS-Flask` is Django vs Flask); the caller
    redirects to the canonical lower-case path.
    """
    parts = [part.lower() for part in SEPARATOR.split(slugs)]
    if not MIN_COMPARED <= len(parts) <= MAX_COMPARED:
        raise ReaderNotFound(
            f"A comparison shows 2 to 4 frameworks, joined by “{COMPARE_SEPARATOR}”; "
            f"this address names {len(parts)}."
        )
    if not all(SLUG.fullmatch(part) for part in parts):
        raise ReaderNotFound(
            "A comparison address names frameworks by their short names, which use only "
            "letters, digits and hyphens."
        )
    repeated = sorted({part for part in parts if parts.count(part) > 1})
    if repeated:
        raise ReaderNotFound(
            f"A comparison names each framework once; this address repeats "
            f"“{'”, “'.join(repeated)}”."
        )
    return parts


def compare_slugs(slugs):
    """The lower-case slugs of a compare path, or None when it is not one."""
    try:
        return parse_compare_path(slugs)
    except Http404:
        return None


def is_canonical(slugs, parts):
    """Whether `slugs`, as written in the address, is the canonical spelling of `parts`: lower
    case, in alphabetical order."""
    return COMPARE_SEPARATOR.join(parts) == slugs and parts == sorted(parts)
