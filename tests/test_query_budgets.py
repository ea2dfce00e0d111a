"""Every public page runs the same number of queries on the seed as on a generated dataset.

Guards against N+1 queries that only show at scale: a per-framework, per-feature or per-value
query would make the generated dataset's counts grow past the seed's.
"""

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db

SEED_PAGES = [
    "/",
    "/frameworks/",
    "/frameworks/django/",
    "/compare/django-vs-flask/",
    "/compare/django-vs-flask/?only=differences",
    "/compare/django-vs-flask-vs-pyramid/",
    "/compare/bottle-vs-django-vs-flask-vs-tornado/",
    "/compare/django-vs-flask.json",
]
DEMO_PAGES = {
    "/frameworks/django/": "/frameworks/demo-0001/",
    "/compare/django-vs-flask/": "/compare/demo-0001-vs-demo-0002/",
    "/compare/django-vs-flask-vs-pyramid/": "/compare/demo-0001-vs-demo-0002-vs-demo-0003/",
    "/compare/bottle-vs-django-vs-flask-vs-tornado/": (
        "/compare/demo-0001-vs-demo-0002-vs-demo-0003-vs-demo-0004/"
    ),
}
# The most any public page may run, the page cache's revision lookup included.
PAGE_BUDGET = 12


def queries_of(client, path):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(captured)


@pytest.fixture
def generated(seed):
    call_command("generate_demo_data", frameworks=40, features=60, seed=1, verbosity=0)


def test_pages_stay_within_budget_on_the_seed(client, seed, settings):
    settings.PAGE_CACHE_ENABLED = False
    for path in SEED_PAGES:
        assert queries_of(client, path) <= PAGE_BUDGET, path


def test_generated_dataset_costs_the_same_queries_as_the_seed(client, seed, settings):
    settings.PAGE_CACHE_ENABLED = False
    on_seed = {path: queries_of(client, path) for path in SEED_PAGES}
    call_command("generate_demo_data", frameworks=40, features=60, seed=1, verbosity=0)
    on_generated = {path: queries_of(client, path) for path in SEED_PAGES}
    assert on_generated == on_seed
    for seed_path, demo_path in DEMO_PAGES.items():
        assert queries_of(client, demo_path) == on_seed[seed_path], demo_path


def test_two_three_and_four_generated_frameworks_cost_the_same(client, generated, settings):
    settings.PAGE_CACHE_ENABLED = False
    counts = {
        path.count("-vs-") + 1: queries_of(client, path) for path in list(DEMO_PAGES.values())[1:]
    }
    assert len(set(counts.values())) == 1, counts
