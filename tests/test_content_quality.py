"""Tests over the content itself: they run on the committed fixtures, as readers get them."""

import itertools
import json

import pytest
from django.utils import timezone

from frameworks.models import FeatureValue, Framework, SupportLevel, compare_url

# The committed fixtures, loaded once for this read-only module and rolled back after it.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seed_module")]

KNOWN_SHARE_REQUIRED = 0.9


def published_frameworks():
    return list(Framework.objects.published().order_by("slug"))


def test_every_known_value_has_an_https_source_and_a_check_date_not_in_the_future():
    today = timezone.localdate()
    for value in FeatureValue.objects.exclude(support=SupportLevel.UNKNOWN):
        assert value.source_url.startswith("https://"), value
        assert value.verified_on is not None, value
        assert value.verified_on <= today, value


def test_the_site_publishes_at_least_twelve_frameworks():
    assert len(published_frameworks()) >= 12


def test_every_published_framework_knows_at_least_nine_values_in_ten():
    for framework in published_frameworks():
        values = framework.values.all()
        known = values.exclude(support=SupportLevel.UNKNOWN).count()
        assert known >= KNOWN_SHARE_REQUIRED * values.count(), (framework, known)


def public_urls():
    frameworks = published_frameworks()
    urls = [framework.get_absolute_url() for framework in frameworks]
    for pair in itertools.combinations([framework.slug for framework in frameworks], 2):
        urls.append(compare_url(pair))
        urls.append(compare_url(pair).rstrip("/") + ".json")
    return urls


def test_no_editors_note_reaches_a_public_page_or_the_json(client):
    notes = list(FeatureValue.objects.exclude(editor_note="").values_list("editor_note", flat=True))
    assert notes, "the fixtures hold editors' notes, so this test can fail"
    for url in public_urls():
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        if url.endswith(".json"):
            body = json.dumps(response.json(), ensure_ascii=False)
        for note in notes:
            assert note[:60] not in body, (url, note)
