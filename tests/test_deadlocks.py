"""Editors never deadlock over the page cache's revision rows (PostgreSQL).

Every content write marks parts of the content as changed (`ContentRevision`). Marked one
statement per saved row, two editors' transactions locked those rows in save order, and
opposite orders deadlocked. They are now gathered and written once, in key order, just
before each commit. SQLite has nothing to test here: its writers take turns for a whole
transaction (`transaction_mode = IMMEDIATE`), so they cannot deadlock.
"""

import json
import subprocess
import sys
import threading

import pytest
from django.db import connection, transaction

from frameworks.models import ContentRevision, Feature, FeatureValue
from tests.servers import BASE_DIR, base_env, manage, throwaway_database

pytestmark = pytest.mark.django_db(transaction=True)

STRESS_SECONDS = 20


def require_postgres():
    if connection.vendor != "postgresql":
        pytest.skip(
            "PostgreSQL only: SQLite writers take turns for the whole transaction "
            "(BEGIN IMMEDIATE), so no two of them ever hold row locks at once"
        )


def edit_value(slug, feature_slug, note):
    value = FeatureValue.objects.get(framework__slug=slug, feature__slug=feature_slug)
    value.note = note
    value.save()  # marks framework:<slug> and the lists


def edit_feature(feature_slug, description):
    feature = Feature.objects.get(slug=feature_slug)
    feature.description = description
    feature.save()  # marks the shared content


def in_thread(steps, barrier, errors):
    """Run the steps in one transaction on a connection of its own, meeting the other
    thread between steps, so the two transactions interleave exactly."""

    def work():
        try:
            with transaction.atomic():
                for number, step in enumerate(steps):
                    if number:
                        barrier.wait(timeout=10)
                    step()
        except Exception as error:
            errors.append(error)
            barrier.abort()
        finally:
            connection.close()

    return threading.Thread(target=work)


def test_two_editors_marking_parts_in_opposite_orders_both_commit(seed):
    require_postgres()
    first, second = Feature.objects.order_by("slug")[:2]
    before = dict(ContentRevision.objects.values_list("key", "token"))
    barrier = threading.Barrier(2)
    errors = []
    # One marks Django's page (and the lists) and then the shared content; the other the
    # shared content and then Django's page: the orders that deadlocked.
    threads = [
        in_thread(
            [
                lambda: edit_value("django", first.slug, "first editor"),
                lambda: edit_feature(first.slug, "Changed by the first editor."),
            ],
            barrier,
            errors,
        ),
        in_thread(
            [
                lambda: edit_feature(second.slug, "Changed by the second editor."),
                lambda: edit_value("django", second.slug, "second editor"),
            ],
            barrier,
            errors,
        ),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert not errors, errors
    after = dict(ContentRevision.objects.values_list("key", "token"))
    for key in (ContentRevision.SHARED, ContentRevision.LISTING, "framework:django"):
        assert after[key] != before.get(key), key


def test_a_transaction_writes_its_revisions_once_in_key_order(seed):
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries, transaction.atomic():
        edit_value("flask", Feature.objects.order_by("slug")[0].slug, "one")
        edit_feature(Feature.objects.order_by("slug")[1].slug, "two")
        edit_value("django", Feature.objects.order_by("slug")[0].slug, "three")
    revision_sql = [q["sql"] for q in queries if "frameworks_contentrevision" in q["sql"]]
    # One locking read in key order and one UPDATE, at the end, for all five parts.
    assert len(revision_sql) == 2, revision_sql
    assert "ORDER BY" in revision_sql[0]
    if connection.vendor == "postgresql":
        assert "FOR UPDATE" in revision_sql[0]


def test_deleting_a_framework_marks_its_parts_without_one_write_per_row(seed):
    from django.test.utils import CaptureQueriesContext

    from frameworks.models import Framework

    before = dict(ContentRevision.objects.values_list("key", "token"))
    with CaptureQueriesContext(connection) as queries, transaction.atomic():
        Framework.objects.get(slug="bottle").delete()
    revision_sql = [q["sql"] for q in queries if "frameworks_contentrevision" in q["sql"]]
    assert len(revision_sql) == 2, revision_sql
    after = dict(ContentRevision.objects.values_list("key", "token"))
    changed = {key for key in after if after[key] != before.get(key)}
    assert changed == {"framework:bottle", ContentRevision.DIRECTORY, ContentRevision.LISTING}


@pytest.mark.slow
def test_editors_at_work_for_20_seconds_never_fail_and_leave_every_page_fresh(tmp_path):
    require_postgres()
    with throwaway_database(tmp_path) as url:
        env = base_env(
            DATABASE_URL=url,
            CACHE_URL=f"filecache://{tmp_path / 'cache'}",
            PYTHONPATH=str(BASE_DIR),
        )
        manage(env, "migrate", "--no-input")
        # The frameworks the editors and the checked pages use: a shorter set-up.
        used = ("01_", "02_", "10_django", "11_flask", "13_pyramid", "15_tornado")
        fixtures = sorted(
            str(path)
            for path in (BASE_DIR / "fixtures").glob("*.json")
            if path.name.startswith(used)
        )
        manage(env, "loaddata", *fixtures)
        roles = [
            "delete",
            "rename",
            "publish",
            "matrix-django-flask",
            "matrix-flask-django",
            "read",
        ]
        editors = [
            subprocess.Popen(
                [sys.executable, "-m", "tests.editor_stress", role, str(STRESS_SECONDS)],
                env=env,
                cwd=BASE_DIR,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for role in roles
        ]
        results = []
        for editor in editors:
            out, err = editor.communicate(timeout=STRESS_SECONDS + 30)
            assert editor.returncode == 0, err
            results.append(json.loads(out.strip().splitlines()[-1]))
        check = subprocess.run(
            [sys.executable, "-m", "tests.editor_stress", "check"],
            env=env,
            cwd=BASE_DIR,
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )

    assert [r for r in results if r["failed"]] == [], results
    assert all(r["done"] > 0 for r in results), results
    assert json.loads(check.stdout.strip().splitlines()[-1]) == {"stale": []}
