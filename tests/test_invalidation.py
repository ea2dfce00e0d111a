"""An edit makes fresh exactly the pages that show what it changed; the others stay cached.

Renders are counted from the page cache's own log line, on the real pages of the site.
"""

import logging
from pathlib import Path

import pytest
from django.apps import apps as global_apps
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

from frameworks import signals
from frameworks.models import (
    CONTENT_MODELS,
    Company,
    ContentRevision,
    Feature,
    FeatureValue,
    Framework,
)
from tests.factories import (
    make_adoption,
    make_claim,
    make_company,
    make_comparison,
    make_feature,
    make_framework,
    make_lists,
    make_metric,
    make_value,
)

pytestmark = pytest.mark.django_db

DJANGO_VS_FLASK = "/compare/django-vs-flask/"
DJANGO_VS_FASTAPI = "/compare/django-vs-fastapi/"


@pytest.fixture
def renders(caplog):
    caplog.set_level(logging.INFO, logger="frameworks.pagecache")

    def count(path):
        line = f"Page cache miss: rendered {path}"
        return sum(record.getMessage() == line for record in caplog.records)

    return count


@pytest.fixture
def trio():
    feature = make_feature(name="Async views")
    make_company(name="Acme")
    frameworks = {}
    for name in ("Django", "Flask", "FastAPI"):
        framework = make_framework(name=name, slug=name.lower())
        make_value(framework, feature, text=f"{name} async")
        make_lists(framework, count=1)
        frameworks[name.lower()] = framework
    return frameworks


def get_twice(client, *paths):
    """Each page requested, then requested again: the second is the cached copy."""
    for path in paths:
        assert client.get(path).status_code == 200
        assert client.get(path).status_code == 200


def edit_value(framework):
    value = FeatureValue.objects.get(framework=framework)
    value.text = "Edited value"
    value.save()


def edit_pro(framework):
    pro = framework.pros.get()
    pro.text = "Edited value"
    pro.save()


def add_metric(framework):
    make_metric(framework, note="Edited value")


def add_adoption(framework):
    make_adoption(framework, company=Company.objects.get())  # A new company is shared content.


def add_claim(framework):
    make_claim(FeatureValue.objects.get(framework=framework))


def edit_summary(framework):
    framework.summary = "Edited value"
    framework.save()


def delete_use_case(framework):
    framework.use_cases.get().delete()


@pytest.mark.parametrize(
    "edit",
    [edit_value, edit_pro, add_metric, add_adoption, add_claim, edit_summary, delete_use_case],
)
def test_edit_to_flask_leaves_django_vs_fastapi_cached_and_refreshes_django_vs_flask(
    client, trio, renders, edit
):
    get_twice(client, DJANGO_VS_FLASK, DJANGO_VS_FASTAPI)
    edit(trio["flask"])
    fresh = client.get(DJANGO_VS_FLASK)
    cached = client.get(DJANGO_VS_FASTAPI)
    assert fresh.status_code == cached.status_code == 200
    assert renders(DJANGO_VS_FLASK) == 2
    assert renders(DJANGO_VS_FASTAPI) == 1


def test_edited_value_shows_on_the_next_request(client, trio):
    get_twice(client, DJANGO_VS_FLASK)
    edit_value(trio["flask"])
    assert "Edited value" in client.get(DJANGO_VS_FLASK).text
    assert "Edited value" in client.get(f"{DJANGO_VS_FLASK[:-1]}.json").text


def test_revalidation_of_an_untouched_page_still_gets_304(client, trio):
    untouched = client.get(DJANGO_VS_FASTAPI)["ETag"]
    touched = client.get(DJANGO_VS_FLASK)["ETag"]
    edit_value(trio["flask"])
    assert client.get(DJANGO_VS_FASTAPI, headers={"if-none-match": untouched}).status_code == 304
    response = client.get(DJANGO_VS_FLASK, headers={"if-none-match": touched})
    assert response.status_code == 200
    assert response["ETag"] != touched


def test_edit_to_a_feature_refreshes_every_page(client, trio, renders):
    paths = [DJANGO_VS_FLASK, DJANGO_VS_FASTAPI, "/frameworks/django/", "/"]
    get_twice(client, *paths)
    feature = Feature.objects.get()
    feature.name = "Asynchronous views"
    feature.save()
    for path in paths:
        assert client.get(path).status_code == 200
        assert renders(path) == 2
    assert "Asynchronous views" in client.get(DJANGO_VS_FLASK).text


def test_curated_comparison_change_refreshes_the_compared_page(client, trio):
    get_twice(client, DJANGO_VS_FLASK)
    make_comparison([trio["django"], trio["flask"]], verdict="Pick by size.")
    assert "Pick by size." in client.get(DJANGO_VS_FLASK).text


def test_value_edit_leaves_other_framework_pages_cached(client, trio, renders):
    get_twice(client, "/frameworks/django/", "/frameworks/flask/")
    edit_value(trio["flask"])
    get_twice(client, "/frameworks/django/", "/frameworks/flask/")
    assert renders("/frameworks/django/") == 1
    assert renders("/frameworks/flask/") == 2


def test_renamed_framework_is_renamed_on_the_other_framework_pages(client, trio):
    assert "Flask" in client.get("/frameworks/django/").text
    flask = trio["flask"]
    flask.name = "Flasky"
    flask.save()
    assert "Flasky" in client.get("/frameworks/django/").text


def test_lists_follow_any_framework_change(client, trio):
    assert "A framework for tests" in client.get("/frameworks/").text
    flask = trio["flask"]
    flask.tagline = "Micro and proud"
    flask.save()
    assert "Micro and proud" in client.get("/frameworks/").text


# Where each page links to Flask: the lists to its page, Django's page to the comparison.
LINKS_TO_FLASK = [
    ("/", "/frameworks/flask/"),
    ("/frameworks/", "/frameworks/flask/"),
    ("/sitemap-frameworks.xml", "/frameworks/flask/"),
    ("/frameworks/django/", DJANGO_VS_FLASK),
]


@pytest.mark.parametrize(("path", "link"), LINKS_TO_FLASK)
def test_withdrawn_framework_leaves_no_stale_link(client, trio, path, link):
    assert link in client.get(path).text
    flask = trio["flask"]
    flask.is_published = False
    flask.save()
    assert link not in client.get(path).text
    assert client.get("/frameworks/flask/").status_code == 404
    assert client.get(DJANGO_VS_FLASK).status_code == 404


@pytest.mark.parametrize(("path", "link"), LINKS_TO_FLASK)
def test_deleted_framework_leaves_no_stale_link(client, trio, path, link):
    assert link in client.get(path).text
    get_twice(client, "/frameworks/flask/", DJANGO_VS_FLASK)
    trio["flask"].delete()
    assert link not in client.get(path).text
    assert client.get("/frameworks/flask/").status_code == 404
    assert client.get(DJANGO_VS_FLASK).status_code == 404


def test_new_slug_retires_the_pages_of_the_old_one(client, trio):
    get_twice(client, "/frameworks/flask/", DJANGO_VS_FLASK, "/frameworks/django/")
    flask = trio["flask"]
    flask.slug = "flask-web"
    flask.save()
    assert client.get("/frameworks/flask/").status_code == 404
    assert client.get(DJANGO_VS_FLASK).status_code == 404
    assert "/compare/django-vs-flask-web/" in client.get("/frameworks/django/").text


@pytest.mark.parametrize(
    "path",
    [
        "/compare/nope-vs-never/",
        "/compare/a-vs-b-vs-c-vs-d-vs-e/",
        "/frameworks/nope/",
        "/no/such/page/",
        "/compare/nope-vs-never.json",
    ],
)
def test_unknown_urls_create_no_revision_rows(client, trio, path):
    rows = ContentRevision.objects.count()
    client.get(path)
    client.get(path)
    assert ContentRevision.objects.count() == rows


def test_cached_comparison_costs_one_query(client, trio, django_assert_num_queries):
    """The revisions of the page's parts are read in one query, whatever their number."""
    client.get(DJANGO_VS_FLASK)
    client.get("/compare/django-vs-fastapi-vs-flask/")
    client.get("/frameworks/django/")
    with django_assert_num_queries(1):
        assert client.get(DJANGO_VS_FLASK).status_code == 200
    with django_assert_num_queries(1):
        assert client.get("/compare/django-vs-fastapi-vs-flask/").status_code == 200
    with django_assert_num_queries(1):
        assert client.get("/frameworks/django/").status_code == 200


def test_a_value_moved_to_another_framework_leaves_both_pages(client, trio):
    get_twice(client, DJANGO_VS_FLASK, DJANGO_VS_FASTAPI)
    pro = trio["flask"].pros.get()
    pro.framework = trio["fastapi"]
    pro.save()
    assert pro.text not in client.get(DJANGO_VS_FLASK).text
    assert pro.text in client.get(DJANGO_VS_FASTAPI).text


def test_a_write_replaces_its_framework_revision_and_the_listing_only(trio):
    before = dict(ContentRevision.objects.values_list("key", "token"))
    edit_value(trio["flask"])
    after = dict(ContentRevision.objects.values_list("key", "token"))
    changed = {key for key in after if before.get(key) != after[key]}
    assert changed == {"framework:flask", ContentRevision.LISTING}


# --- Imports and migrations ------------------------------------------------------------------


def fixture(name):
    return str(Path(settings.BASE_DIR, "fixtures", name))


def test_loading_one_frameworks_fixture_touches_that_framework_only(client, seed, renders):
    get_twice(client, DJANGO_VS_FLASK, DJANGO_VS_FASTAPI, "/frameworks/django/")
    call_command("loaddata", fixture("11_flask.json"), verbosity=0)
    get_twice(client, DJANGO_VS_FLASK, DJANGO_VS_FASTAPI, "/frameworks/django/")
    assert renders(DJANGO_VS_FLASK) == 2
    assert renders(DJANGO_VS_FASTAPI) == 1
    assert renders("/frameworks/django/") == 1


def test_loading_shared_content_touches_everything(client, seed, renders):
    get_twice(client, DJANGO_VS_FASTAPI, "/frameworks/django/")
    call_command("loaddata", fixture("01_features.json"), verbosity=0)
    get_twice(client, DJANGO_VS_FASTAPI, "/frameworks/django/")
    assert renders(DJANGO_VS_FASTAPI) == 2
    assert renders("/frameworks/django/") == 2


def shared_token():
    return ContentRevision.objects.get(key=ContentRevision.SHARED).token


def test_applied_migrations_touch_everything():
    token = shared_token()
    signals.mark_everything_changed_after_migrate(
        None, plan=[("a migration", False)], apps=global_apps, using="default"
    )
    assert shared_token() != token


def test_migrate_with_nothing_to_do_keeps_the_cache():
    token = shared_token()
    signals.mark_everything_changed_after_migrate(None, plan=[], apps=global_apps, using="default")
    assert shared_token() == token


# --- The registry ----------------------------------------------------------------------------


def test_every_content_model_says_which_pages_it_shows_on():
    assert set(signals.REVISION_SCOPES) == set(CONTENT_MODELS)


def test_a_content_model_without_a_scope_stops_start_up(monkeypatch):
    scopes = dict(signals.REVISION_SCOPES)
    del scopes[FeatureValue]
    monkeypatch.setattr(signals, "REVISION_SCOPES", scopes)
    with pytest.raises(ImproperlyConfigured, match="frameworks.FeatureValue"):
        signals.connect_content_signals(global_apps.get_app_config("frameworks"))


def test_framework_scopes_lead_to_a_framework(trio):
    """Each path in the registry, followed from a real row, ends at its framework."""
    flask = trio["flask"]
    make_metric(flask)
    make_adoption(flask, company=Company.objects.get())
    make_claim(FeatureValue.objects.get(framework=flask))
    for model, path in signals.REVISION_SCOPES.items():
        if path == signals.SHARED or model is Framework:
            continue
        row = model.objects.filter(**{path: flask}).first()
        assert row is not None, model
        assert signals.framework_of(row, path) == flask
