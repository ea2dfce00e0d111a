"""The public change log: built from history, readers' words only, a fixed query count."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from corrections.changelog import HistoricalFeatureValue
from corrections.models import EditorProfile
from frameworks.models import ContentRevision, FeatureKind, SupportLevel
from tests.factories import make_feature, make_framework, make_value
from tests.html_audit import assert_page_quality

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def no_page_cache(settings):
    settings.PAGE_CACHE_ENABLED = False


@pytest.fixture
def cell():
    django = make_framework(name="Django", slug="django")
    flask = make_framework(name="Flask", slug="flask")
    feature = make_feature(name="Multi-page apps", slug="multi-page-apps")
    value = make_value(flask, feature, support=SupportLevel.PARTIAL, text="With Jinja")
    make_value(django, feature, support=SupportLevel.YES, text="Yes")
    return value


def edit(value, *, user=None, reason=None, **fields):
    for name, new in fields.items():
        setattr(value, name, new)
    if user is not None:
        value._history_user = user
    if reason is not None:
        value._change_reason = reason
    value.save()


def test_log_shows_an_orm_edit_with_its_date_and_before_and_after(client, cell):
    edit(cell, support=SupportLevel.YES, text="Built in", reason="The docs say so")

    response = client.get("/compare/django-vs-flask/changes/")

    assert response.status_code == 200
    change = response.context["changes"][0]
    assert change.kind == "changed"
    assert (change.before.badge.label, change.before.text) == ("Partial", "With Jinja")
    assert (change.after.badge.label, change.after.text) == ("Yes", "Built in")
    assert change.changed_at.date() == timezone.now().date()
    assert change.reason == "The docs say so"
    html = response.content.decode()
    assert "With Jinja" in html and "Built in" in html
    assert f'datetime="{change.changed_iso}"' in html
    assert "The docs say so" in html


def test_log_and_feed_show_the_byline_never_the_username_email_or_working_note(client, cell):
    user = get_user_model().objects.create_user(
        username="ada_login", email="ada@private.example", password="x", is_staff=True
    )
    EditorProfile.objects.create(user=user, byline="Ada L.")
    edit(cell, user=user, text="Built in", editor_note="Secret working note: ask Bob")
    anonymous = get_user_model().objects.create_user(username="bob_login", email="bob@x.example")
    edit(cell, user=anonymous, support=SupportLevel.YES, editor_note="Another secret")

    page = client.get("/compare/django-vs-flask/changes/").content.decode()
    feed = client.get("/compare/django-vs-flask/changes/feed/").content.decode()

    for body in (page, feed):
        assert "Ada L." in body
        assert "the editors" in body  # bob chose no byline
        for private in ("ada_login", "ada@private.example", "bob_login", "bob@x.example"):
            assert private not in body
        assert "Secret working note" not in body and "Another secret" not in body


def test_a_change_to_the_working_note_or_check_date_alone_is_not_in_the_log(client, cell):
    before = client.get("/compare/django-vs-flask/changes/").context["changes"]
    edit(cell, editor_note="Check again in spring")
    edit(cell, verified_on=datetime.date(2026, 11, 30))

    after = client.get("/compare/django-vs-flask/changes/").context["changes"]

    assert [change.kind for change in before] == ["added", "added"]
    assert after == before


def test_a_log_without_changes_says_so(client, cell):
    HistoricalFeatureValue.objects.all().delete()  # values loaded by fixtures have no history

    response = client.get("/compare/django-vs-flask/changes/")

    assert response.context["changes"] == ()
    assert "No change to these facts has been recorded yet." in response.content.decode()


def test_added_and_removed_values_and_description_rows_without_badge(client, cell):
    flask = cell.framework
    year = make_feature(name="Launch year", slug="launch-year", kind=FeatureKind.DESCRIPTION)
    launched = make_value(flask, year, support=SupportLevel.YES, text="2010")
    launched.delete()

    changes = client.get("/frameworks/flask/changes/").context["changes"]

    removed, added = changes[0], changes[1]
    assert (removed.kind, removed.after, removed.before.text) == ("removed", None, "2010")
    assert (added.kind, added.before, added.after.text) == ("added", None, "2010")
    assert added.after.badge is None  # a description row shows its value alone


def test_compare_and_framework_pages_link_to_what_changed_with_the_latest_date(
    client, cell, no_page_cache
):
    edit(cell, support=SupportLevel.YES)
    today = timezone.now().date().isoformat()

    for path, log in (
        ("/compare/django-vs-flask/", "/compare/django-vs-flask/changes/"),
        ("/frameworks/flask/", "/frameworks/flask/changes/"),
    ):
        html = client.get(path).content.decode()
        assert f'href="{log}"' in html
        assert f'datetime="{today}"' in html
        assert "/corrections/new/?page=" in html


def test_reversed_slugs_redirect_to_the_canonical_log_and_feed(client, cell):
    response = client.get("/compare/flask-vs-django/changes/?page=2")
    assert response.status_code == 301
    assert response["Location"] == "/compare/django-vs-flask/changes/?page=2"
    feed = client.get("/compare/flask-vs-django/changes/feed/")
    assert (feed.status_code, feed["Location"]) == (301, "/compare/django-vs-flask/changes/feed/")


@pytest.mark.parametrize(
    ("path", "canonical"),
    [
        ("/compare/DJANGO-vs-flask/changes/", "/compare/django-vs-flask/changes/"),
        ("/compare/Flask-VS-Django/changes/?page=2", "/compare/django-vs-flask/changes/?page=2"),
        ("/compare/DJANGO-vs-flask/changes/feed/", "/compare/django-vs-flask/changes/feed/"),
        ("/frameworks/Flask/changes/", "/frameworks/flask/changes/"),
    ],
)
def test_other_letter_cases_redirect_to_the_canonical_log_and_feed(client, cell, path, canonical):
    """One log, one address: a log answered under another spelling would be cached under
    revisions no edit ever changes, and go stale."""
    response = client.get(path)
    assert (response.status_code, response["Location"]) == (301, canonical)


@pytest.mark.parametrize(
    "path",
    [
        "/compare/django-vs-nothing/changes/",
        "/compare/django/changes/",
        "/compare/django-vs-flask/changes/?page=2",
        "/compare/django-vs-flask/changes/?page=0",
        "/compare/django-vs-flask/changes/?page=x",
        "/frameworks/nothing/changes/",
    ],
)
def test_unknown_logs_and_pages_are_not_found(client, cell, path):
    assert client.get(path).status_code == 404


def test_drafts_have_no_public_log(client, cell):
    cell.framework.is_published = False
    cell.framework.save()

    assert client.get("/compare/django-vs-flask/changes/").status_code == 404
    assert client.get("/frameworks/flask/changes/").status_code == 404


def test_feed_is_atom_with_one_entry_per_change(client, cell):
    edit(cell, support=SupportLevel.YES, text="Built in", reason="Checked the docs")

    response = client.get("/compare/django-vs-flask/changes/feed/")

    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == 3  # the edit, newest first, then the two values' creation
    assert "Flask · Multi-page apps" in entries[0].find(f"{ATOM}title").text
    assert "Checked the docs" in entries[0].find(f"{ATOM}summary").text


def make_history(value, count):
    """`count` recorded edits of `value`, alternating its support, written in bulk."""
    start = timezone.now() - datetime.timedelta(days=count)
    levels = [SupportLevel.YES, SupportLevel.NO]
    HistoricalFeatureValue.objects.bulk_create(
        HistoricalFeatureValue(
            id=value.pk,
            framework_id=value.framework_id,
            feature_id=value.feature_id,
            support=levels[i % 2],
            text=f"Edit {i}",
            note="",
            editor_note="",
            source_url="https://example.com/",
            provenance=value.provenance,
            pinned=False,
            history_date=start + datetime.timedelta(minutes=i),
            history_type="~",
        )
        for i in range(count)
    )


LOGS = ["/compare/django-vs-flask/changes/", "/frameworks/flask/changes/"]


@pytest.mark.parametrize("path", LOGS)
def test_log_queries_are_the_same_for_ten_and_ten_thousand_records(
    client, cell, no_page_cache, path, django_assert_max_num_queries
):
    """Prevents a query per record (bylines, reports, the value before) and reading the
    whole history to paginate it: 10,000 records cost what 10 do."""
    make_history(cell, 10)
    with django_assert_max_num_queries(5) as small:
        assert client.get(path).status_code == 200
    make_history(cell, 10_000)

    with django_assert_max_num_queries(len(small)):
        response = client.get(path + "?page=3")

    assert response.status_code == 200
    assert len(response.context["changes"]) == 50
    assert response.context["page_obj"].paginator.count >= 10_000


def test_feed_queries_are_fixed_at_ten_thousand_records(
    client, cell, django_assert_max_num_queries
):
    """Prevents the feed from reading the whole history or a byline per entry."""
    make_history(cell, 10_000)
    # What the history's commit would write (revisions are written just before a commit).
    ContentRevision.write_pending(connection)
    with django_assert_max_num_queries(5):
        response = client.get("/compare/django-vs-flask/changes/feed/")
    assert response.content.count(b"<entry>") == 50


@pytest.mark.parametrize("path", LOGS)
def test_logs_pass_the_html_audit(client, cell, path):
    edit(cell, support=SupportLevel.YES, reason="Checked")

    response = client.get(path)

    assert_page_quality(response.content)


@hypothesis_settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    slugs=st.one_of(st.text(max_size=60), st.sampled_from(["django-vs-flask", "flask-vs-django"])),
    number=st.one_of(st.text(max_size=12), st.sampled_from(["1", "²", "٣", "99999999999999999"])),
)
def test_hostile_log_addresses_never_give_a_server_error(client, cell, slugs, number):
    for path in (f"/compare/{slugs}/changes/", f"/frameworks/{slugs}/changes/"):
        response = client.get(path, {"page": number})
        assert response.status_code < 500, (path, number)


def test_cached_logs_and_pages_show_an_edit_at_the_next_request(client, cell, settings):
    settings.PAGE_CACHE_ENABLED = True
    paths = [*LOGS, "/compare/django-vs-flask/changes/feed/", "/compare/django-vs-flask/"]
    for path in paths:
        assert "Rewritten in Rust" not in client.get(path).content.decode()  # now cached

    edit(cell, text="Rewritten in Rust", reason="A test edit")

    for path in paths[:3]:
        assert "Rewritten in Rust" in client.get(path).content.decode(), path
    latest = timezone.now().date().isoformat()
    assert f'datetime="{latest}"' in client.get("/compare/django-vs-flask/").content.decode()


# --- A log with a beginning: the loaded content is every value's baseline ----------------


@pytest.mark.usefixtures("seed")
def test_every_loaded_value_has_a_baseline_and_the_first_edit_shows_from_what(client):
    from frameworks.models import FeatureValue
    from frameworks.services import HISTORY_BASELINE_REASON

    values = FeatureValue.objects.count()
    baselines = HistoricalFeatureValue.objects.filter(history_change_reason=HISTORY_BASELINE_REASON)
    assert baselines.values("id").distinct().count() == values
    # The baselines are the "from" of an edit, never an entry of their own.
    before = client.get("/compare/django-vs-flask/changes/")
    assert before.context["changes"] == ()

    from frameworks.cells import BADGES

    value = FeatureValue.objects.get(framework__slug="flask", feature__slug="websockets")
    old = (BADGES[value.support].label, value.text)
    edit(value, support=SupportLevel.YES, text="Built in at last", reason="A test")

    change = client.get("/compare/django-vs-flask/changes/").context["changes"][0]
    assert change.kind == "changed"
    assert (change.before.badge.label, change.before.text) == old
    assert (change.after.badge.label, change.after.text) == ("Yes", "Built in at last")


@pytest.mark.slow  # loads every committed fixture through the validating loaddata
@pytest.mark.usefixtures("seed")
def test_loading_the_same_content_again_records_no_second_baseline():
    from django.core.management import call_command

    from frameworks.management.commands.load_initial_content import fixture_files

    count = HistoricalFeatureValue.objects.count()
    call_command("loaddata", *fixture_files(), verbosity=0)

    assert HistoricalFeatureValue.objects.count() == count


@pytest.mark.usefixtures("seed")
def test_the_log_lists_the_articles_corrected_claims_with_their_dates(client):
    from frameworks.models import Claim, ClaimStatus

    corrected = Claim.objects.filter(
        value__framework__slug__in=["django", "flask"],
        status__in=[ClaimStatus.CORRECTED, ClaimStatus.OUTDATED],
    )
    html = client.get("/compare/django-vs-flask/changes/").content.decode()

    assert corrected.count() >= 5
    assert "Corrections of the article" in html
    for claim in corrected:
        assert f"said “{claim.text}”" in html.replace("&quot;", '"').replace("&#x27;", "'"), claim
    assert f'<time datetime="{corrected.first().reviewed_on.isoformat()}">' in html
    assert_page_quality(html, indexable=False)
