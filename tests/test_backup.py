"""Backups that restore: dump, flush, load gives back exactly the same public pages."""

import json

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from frameworks.management.commands.loaddata import RUNTIME_STATE
from frameworks.models import CONTENT_MODELS, ContentRevision, Framework

pytestmark = pytest.mark.django_db(transaction=True)


def public_urls():
    urls = ["/", "/frameworks/", "/sitemap.xml", "/feed/", "/compare/django-vs-flask/"]
    urls += [framework.get_absolute_url() for framework in Framework.objects.published()]
    urls += ["/compare/django-vs-flask.json", "/compare/bottle-vs-fastapi-vs-pyramid-vs-tornado/"]
    return urls


def snapshot(urls):
    client = Client()
    pages = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        pages[url] = response.content
    return pages


@pytest.mark.slow  # loads every committed fixture through the validating loaddata
def test_dump_flush_load_restores_the_same_public_pages(seed, tmp_path):
    urls = public_urls()
    before = snapshot(urls)
    counts = {model: model.objects.count() for model in CONTENT_MODELS}
    backup = tmp_path / "backup.json"
    call_command("dump_content", output=str(backup))
    assert json.loads(backup.read_text()), "the backup is empty"

    call_command("flush", interactive=False, verbosity=0)
    assert Framework.objects.count() == 0
    call_command("loaddata", str(backup), verbosity=0)

    assert {model: model.objects.count() for model in CONTENT_MODELS} == counts
    assert snapshot(urls) == before


# The whole-database backup the README documents: everything but what `migrate` re-creates.
DOCUMENTED_EXCLUDES = ["contenttypes", "auth.permission", "admin.logentry", "sessions"]


def documented_dump(path):
    call_command(
        "dumpdata",
        natural_foreign=True,
        natural_primary=True,
        exclude=DOCUMENTED_EXCLUDES,
        indent=2,
        output=str(path),
        verbosity=0,
    )


def edit_history(seed_fixtures):
    """An editor's work: values edited (history), a framework deleted and made again."""
    from django.contrib.auth import get_user_model
    from simple_history.utils import update_change_reason

    from corrections.models import EditorProfile
    from frameworks.models import FeatureValue, MetricRefresh

    editor = get_user_model().objects.create_user("ada", password="a-long-password-123")
    EditorProfile.objects.create(user=editor, byline="Ada L.")
    value = FeatureValue.objects.filter(framework__slug="django").order_by("pk").first()
    value.text = "Edited before the backup"
    value._history_user = editor
    value.save()
    update_change_reason(value, "a public reason")

    Framework.objects.get(slug="sanic").delete()  # its values' history stays behind
    call_command("loaddata", seed_fixtures["sanic"], verbosity=0)
    again = FeatureValue.objects.filter(framework__slug="sanic").order_by("pk").first()
    again.text = "Edited after it came back"
    again.save()
    MetricRefresh.objects.create(
        framework=Framework.objects.get(slug="flask"),
        source="pypi",
        status="failed",
        message="HTTP 503",
        refreshed_at=timezone.now(),
    )


@pytest.mark.slow  # dumps, flushes and loads the whole content
def test_documented_dumpdata_restores_the_same_pages_after_deletes_and_history(seed, tmp_path):
    from frameworks.management.commands.load_initial_content import fixture_files

    edit_history({"sanic": next(path for path in fixture_files() if "sanic" in str(path))})
    urls = [
        *public_urls(),
        "/compare/django-vs-flask/changes/",
        "/compare/django-vs-flask/changes/feed/",
        "/frameworks/sanic/changes/",
        "/frameworks/django/changes/",
    ]
    before = snapshot(urls)
    backup = tmp_path / "backup.json"
    documented_dump(backup)

    call_command("flush", interactive=False, verbosity=0)
    call_command("loaddata", str(backup), verbosity=0)

    assert snapshot(urls) == before
    dumped_tokens = {
        row["fields"]["token"]
        for row in json.loads(backup.read_text())
        if row["model"] == "frameworks.contentrevision"
    }
    assert dumped_tokens, "a full dump carries the revision rows"
    # Never loaded: a token from before the restore could find pages cached before it.
    assert not dumped_tokens & set(ContentRevision.objects.values_list("token", flat=True))
    # A second backup of the restored site is the same backup: nothing was lost or doubled.
    again = tmp_path / "again.json"
    documented_dump(again)
    assert without_runtime_state(again) == without_runtime_state(backup)


def without_runtime_state(path):
    return [row for row in json.loads(path.read_text()) if row["model"] not in RUNTIME_STATE]
