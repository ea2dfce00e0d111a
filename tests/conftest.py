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
    from django.core.management import call_command

    from frameworks.management.commands.load_initial_content import fixture_files

    call_command("loaddata", *fixture_files(), verbosity=0)
