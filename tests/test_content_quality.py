"""Tests over the content itself: they run on the committed fixtures, as readers get them."""

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
    """Every framework's page, and comparisons (table and JSON) that hold every framework.

    A value is shown the same way in every comparison its framework is in: comparisons of
    four, then of two, holding each framework at least once, show every value of each kind of
    table without rendering all of the pairs (300 of them for 25 frameworks).
    """
    slugs = [framework.slug for framework in published_frameworks()]
    urls = [Framework(slug=slug).get_absolute_url() for slug in slugs]
    groups = [slugs[start : start + 4] for start in range(0, len(slugs), 4)]
    groups += [slugs[start : start + 2] for start in range(0, len(slugs), 2)]
    for group in groups:
        if len(group) < 2:
            group = [slugs[0], *group]
        urls.append(compare_url(group))
        urls.append(compare_url(group).rstrip("/") + ".json")
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
