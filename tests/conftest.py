import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache, so no page leaks from one test into another."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def seed(db):
    """The committed fixtures, loaded with the project's validating loaddata."""
    from pathlib import Path

    from django.conf import settings
    from django.core.management import call_command

    files = sorted(str(path) for path in Path(settings.BASE_DIR, "fixtures").glob("*.json"))
    call_command("loaddata", *files, verbosity=0)
