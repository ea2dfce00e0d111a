import pytest
from django.core.cache import cache
from django.test import override_settings

# Tests make many users and try many passwords; the real hasher is slow on purpose.
FAST_PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


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


@pytest.fixture(scope="module")
def seed_module(django_db_setup, django_db_blocker):
    """The committed fixtures, loaded once for a read-only module and rolled back after it.

    Each test still runs in its own savepoint, so a stray write cannot leak into the next one.
    Use it (`pytestmark = pytest.mark.usefixtures("seed_module")`) where tests only read.
    """
    from django.core.management import call_command
    from django.db import transaction

    from frameworks.management.commands.load_initial_content import fixture_files

    with django_db_blocker.unblock(), transaction.atomic():
        call_command("loaddata", *fixture_files(), verbosity=0)
        yield
        transaction.set_rollback(True)


@pytest.fixture(autouse=True, scope="session")
def _fast_password_hasher():
    """Every test hashes with MD5: the real hasher is slow on purpose, and tests make many
    users and sign in often. Nothing here tests the hasher itself."""
    with override_settings(PASSWORD_HASHERS=FAST_PASSWORD_HASHERS):
        yield


@pytest.fixture
def admin_client(db, admin_user):
    """pytest-django's superuser client, signed in as admin asks: password and second factor."""
    from django.test import Client

    from tests.secondfactor import sign_in

    return sign_in(Client(), admin_user)
