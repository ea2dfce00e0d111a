"""Backups that restore: dump, flush, load gives back exactly the same public pages."""

import json

import pytest
from django.core.management import call_command
from django.test import Client

from frameworks.models import CONTENT_MODELS, Framework

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
