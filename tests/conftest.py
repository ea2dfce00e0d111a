import os

import pytest
from django.core.cache import cache
from django.test import override_settings
from hypothesis import settings as hypothesis_settings

# Property tests: thorough in CI (at least as many examples as any of them ever asked for),
# quick on a developer's machine. HYPOTHESIS_PROFILE picks one by hand.
hypothesis_settings.register_profile("ci", max_examples=150, deadline=None)
hypothesis_settings.register_profile("dev", max_examples=15, deadline=None)
hypothesis_settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") == "true" else "dev")
)

# Tests make many users and try many passwords; the real hasher is slow on purpose.
FAST_PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Browser tests run last, after pytest-randomly's and pytest-django's ordering.

    They share one Chromium per test process, and Playwright keeps an asyncio loop running in
    the thread for as long as it lives (see tests/browser/conftest.py); run last, no other test
    ever runs beside that loop, in one process or in each xdist worker (which takes its tests
    in this order).
    """
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache, so no page leaks from one test into another, and
    with the page cache in use: a test that made the cache fail left it off for a few seconds
    in its process (`pagecache.guarded_cache`), which the next test must not inherit."""
    from frameworks.pagecache import guarded_cache

    cache.clear()
    guarded_cache._down_until = 0.0
    yield
    cache.clear()
    guarded_cache._down_until = 0.0


@pytest.fixture
def seed(db):
    """The committed fixtures, loaded with the project's validating loaddata (the first time in
    a test process; replayed from its rows after, see tests/seeding.py)."""
    from tests.seeding import load_seed

    load_seed()


@pytest.fixture(scope="module")
def seed_module(django_db_setup, django_db_blocker):
    """The committed fixtures, loaded once for a read-only module and rolled back after it.

    Each test still runs in its own savepoint, so a stray write cannot leak into the next one.
    Use it (`pytestmark = pytest.mark.usefixtures("seed_module")`) where tests only read.
    """
    from django.db import transaction

    from tests.seeding import load_seed

    with django_db_blocker.unblock(), transaction.atomic():
        load_seed()
        yield
        transaction.set_rollback(True)


@pytest.fixture(scope="session")
def migrated_templates(tmp_path_factory):
    """Databases migrated once per test process for the tests that start processes."""
    from tests.servers import MigratedTemplates

    # Test processes of one xdist run share the parent of their temporary directories.
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    run_directory = tmp_path_factory.getbasetemp()
    templates = MigratedTemplates(
        tmp_path_factory.mktemp("migrated"),
        shared_directory=run_directory.parent if worker else run_directory,
    )
    yield templates
    templates.close()


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


# --- refresh_metrics: the loopback fake of the APIs and a client that does not sleep --------


@pytest.fixture
def fake_apis(settings):
    """The fake of every API refresh_metrics reads, started, with every base URL pointed at it."""
    from tests.fake_apis import FakeApis
    from tests.refreshing import BASE_URL_SETTINGS

    fake = FakeApis()
    fake.start()
    for name in BASE_URL_SETTINGS:
        setattr(settings, name, fake.url)
    settings.GITHUB_TOKEN = ""
    settings.METRICS_CONTACT = ""
    yield fake
    fake.stop()


@pytest.fixture
def sleeps():
    from tests.refreshing import Sleeps

    return Sleeps()


@pytest.fixture
def api(sleeps):
    from frameworks.sources import ApiClient

    with ApiClient(sleep=sleeps, timeout=0.5) as api_client:
        yield api_client


@pytest.fixture
def command_sleeps(monkeypatch):
    """The command's client, with a recorded instead of a real backoff."""
    import functools

    from frameworks.management.commands import refresh_metrics
    from frameworks.sources import ApiClient
    from tests.refreshing import Sleeps

    recorded = Sleeps()
    client_class = functools.partial(ApiClient, sleep=recorded, timeout=0.5)
    monkeypatch.setattr(refresh_metrics.Command, "client_class", client_class)
    return recorded


@pytest.fixture
def release_rows(db):
    """The two rows a refresh writes releases to."""
    from frameworks.models import FeatureKind
    from tests.factories import make_feature

    latest = make_feature(
        name="Latest release", slug="latest-release", kind=FeatureKind.DESCRIPTION
    )
    versions = make_feature(
        name="Runtime versions", slug="runtime-versions", kind=FeatureKind.DESCRIPTION
    )
    return latest, versions
