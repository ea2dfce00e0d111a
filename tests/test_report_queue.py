# ruff: noqa: F811  (pytest fixtures imported from tests.adminforms are parameters here)
"""The editors' queue: readers' reports beside the values, accepted into the public log."""

import datetime
from io import StringIO

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from corrections.models import EditorProfile, ReaderReport, ReportStatus
from frameworks.models import ContentRevision, FeatureValue, SupportLevel
from tests.adminforms import (  # noqa: F401  (editor, editor_client: fixtures)
    assert_csp_compatible,
    editor,
    editor_client,
    post_data_from,
)
from tests.factories import make_editor, make_feature, make_framework, make_value
from tests.secondfactor import sign_in

pytestmark = pytest.mark.django_db

QUEUE = "/admin/corrections/readerreport/"
TODAY = timezone.localdate().isoformat()


@pytest.fixture
def cell():
    django = make_framework(name="Django", slug="django")
    flask = make_framework(name="Flask", slug="flask")
    feature = make_feature(name="Multi-page apps", slug="multi-page-apps")
    make_value(django, feature)
    return make_value(flask, feature, support=SupportLevel.NO, text="Single page only")


def make_report(cell=None, **fields):
    defaults = {
        "page": "/compare/django-vs-flask/",
        "framework": cell.framework if cell else None,
        "feature": cell.feature if cell else None,
        "what_is_wrong": "Says Flask cannot serve several pages.",
        "what_is_right": "Flask routes any number of pages.",
        "source_url": "https://flask.palletsprojects.com/en/stable/quickstart/#routing",
        "email": "reader@example.com",
    }
    return ReaderReport.objects.create(**{**defaults, **fields})


def accept_url(report):
    return reverse("admin:corrections_readerreport_accept", args=[report.pk])


def test_queue_lists_new_reports_with_the_current_value_beside_the_claim(editor_client, cell):
    make_report(cell)

    response = editor_client.get(QUEUE + "?status__exact=new")

    html = response.content.decode()
    assert response.status_code == 200
    for shown in (
        "/compare/django-vs-flask/",
        "Multi-page apps",
        "Flask",
        "No: Single page only",
        "Says Flask cannot serve several pages.",
        "Flask routes any number of pages.",
    ):
        assert shown in html
    assert_csp_compatible(html)


def test_admin_home_counts_the_new_reports(editor_client, cell):
    make_report(cell)
    make_report(cell, status=ReportStatus.DUPLICATE, closed_at=timezone.now())

    html = editor_client.get(reverse("admin:index")).content.decode()

    assert "Readers’ reports</a>: 1 new, 0 accepted so far." in html


def test_accept_opens_the_value_with_the_readers_source_and_the_log_names_the_report(
    editor_client, cell, client
):
    report = make_report(cell)
    editor = make_editor("ada_login", email="ada@private.example")
    sign_in(editor_client, editor)
    EditorProfile.objects.create(user=editor, byline="Ada L.")

    page = editor_client.get(accept_url(report))
    form = page.context["form"]
    assert form.initial["source_url"] == report.source_url
    assert "Single page only" in page.content.decode()  # the value now, beside the claim
    assert_csp_compatible(page.content.decode())
    data = {
        "support": SupportLevel.YES,
        "text": "Any number of routes",
        "note": "",
        "source_url": report.source_url,
        "verified_on": TODAY,
        "provenance": "checked",
        "change_reason": "The quickstart routes several pages",
    }
    response = editor_client.post(accept_url(report), data)

    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.ACCEPTED
    assert report.closed_by == editor and report.closed_at is not None
    record = report.resulting_change
    assert record.id == cell.pk and record.support == SupportLevel.YES
    assert record.history_change_reason == "The quickstart routes several pages"
    log = client.get("/compare/django-vs-flask/changes/")
    change = log.context["changes"][0]
    assert change.reader_report_on == report.received_at.date()
    html = log.content.decode()
    assert "Corrected after a reader’s report" in html
    assert "The quickstart routes several pages" in html
    assert "Ada L." in html
    for private in ("reader@example.com", "ada_login", "ada@private.example"):
        assert private not in html


def test_accepting_changes_the_page_cache_revision_in_the_same_save(editor_client, cell):
    report = make_report(cell)
    key = ContentRevision.framework_key("flask")
    ContentRevision.bump([key])
    before = ContentRevision.objects.get(key=key).token

    editor_client.post(
        accept_url(report),
        {
            "support": "yes",
            "text": "Yes",
            "source_url": "https://example.com/",
            "verified_on": TODAY,
            "provenance": "checked",
        },
    )

    assert ContentRevision.objects.get(key=key).token != before


def test_accepting_without_changing_what_readers_see_is_refused(editor_client, cell):
    report = make_report(cell, source_url="")
    data = {
        "support": cell.support,
        "text": cell.text,
        "note": cell.note,
        "source_url": cell.source_url,
        "verified_on": TODAY,
        "provenance": "checked",
    }

    response = editor_client.post(accept_url(report), data)

    assert response.status_code == 200
    assert "Nothing readers see has changed" in response.content.decode()
    report.refresh_from_db()
    assert report.is_open and report.resulting_change is None


def test_a_report_without_a_cell_is_accepted_into_the_cell_the_editor_chooses(editor_client, cell):
    report = make_report(None, page="/frameworks/flask/")

    page = editor_client.get(accept_url(report))
    assert page.context["form"] is None
    query = f"?framework={cell.framework_id}&feature={cell.feature_id}"
    response = editor_client.post(
        accept_url(report) + query,
        {
            "support": "yes",
            "text": "Yes",
            "source_url": "https://example.com/",
            "verified_on": TODAY,
            "provenance": "checked",
        },
    )

    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.framework, report.feature) == (cell.framework, cell.feature)
    assert report.resulting_change.id == cell.pk


def test_accepting_a_report_on_a_cell_without_a_value_adds_it(editor_client, cell):
    feature = make_feature(name="WebSockets", slug="websockets")
    report = make_report(None, framework=cell.framework, feature=feature)

    editor_client.post(
        accept_url(report),
        {"support": "partial", "text": "Via Flask-Sock", "source_url": "", "provenance": "checked"},
    )

    value = FeatureValue.objects.get(framework=cell.framework, feature=feature)
    report.refresh_from_db()
    assert report.resulting_change.id == value.pk


def test_reject_asks_for_a_reason_then_closes_the_reports(editor_client, cell):
    reports = [make_report(cell), make_report(cell)]
    action = {"action": "reject", ACTION_CHECKBOX_NAME: [str(r.pk) for r in reports]}

    asked = editor_client.post(QUEUE, action)
    assert asked.status_code == 200
    assert "Why is it rejected?" in asked.content.decode()
    without_reason = editor_client.post(QUEUE, {**action, "apply": "1", "rejection_reason": ""})
    assert without_reason.status_code == 200
    assert ReaderReport.objects.open().count() == 2

    done = editor_client.post(
        QUEUE, {**action, "apply": "1", "rejection_reason": "The article is about Flask 0.x"}
    )

    assert done.status_code == 302
    assert set(ReaderReport.objects.values_list("status", "rejection_reason")) == {
        (ReportStatus.REJECTED, "The article is about Flask 0.x")
    }


def test_reject_from_the_report_page(editor_client, cell):
    report = make_report(cell)
    url = reverse("admin:corrections_readerreport_reject", args=[report.pk])

    editor_client.post(url, {"rejection_reason": "Already right"})

    report.refresh_from_db()
    assert (report.status, report.rejection_reason) == (ReportStatus.REJECTED, "Already right")


def test_duplicates_point_to_the_earlier_report_on_the_same_cell(editor_client, cell):
    first = make_report(cell, received_at=timezone.now() - datetime.timedelta(hours=1))
    second = make_report(cell)

    editor_client.post(QUEUE, {"action": "mark_duplicate", ACTION_CHECKBOX_NAME: [second.pk]})

    second.refresh_from_db()
    assert (second.status, second.duplicate_of) == (ReportStatus.DUPLICATE, first)
    first.refresh_from_db()
    assert first.is_open


def test_editors_cannot_add_or_delete_reports_nor_edit_what_readers_wrote(editor_client, cell):
    report = make_report(cell)

    assert editor_client.get(QUEUE + "add/").status_code == 403
    assert editor_client.get(QUEUE + f"{report.pk}/delete/").status_code == 403
    page = editor_client.get(QUEUE + f"{report.pk}/change/")
    assert page.status_code == 200
    assert 'name="what_is_wrong"' not in page.content.decode()
    assert "reader@example.com" in page.content.decode()  # editors see it, to reply


def test_an_accepted_report_cannot_be_deleted_even_by_an_administrator(admin_client, cell):
    report = make_report(cell)
    report.status = ReportStatus.ACCEPTED
    report.closed_at = timezone.now()
    report.resulting_change = cell.history.first()
    report.save()

    assert admin_client.get(QUEUE + f"{report.pk}/delete/").status_code == 403


def test_closed_reports_cannot_be_accepted_again(editor_client, cell):
    report = make_report(cell, status=ReportStatus.DUPLICATE, closed_at=timezone.now())

    response = editor_client.get(accept_url(report))

    assert response.status_code == 302
    assert response["Location"].endswith(f"/{report.pk}/change/")


def test_purge_erases_emails_90_days_after_closing_only(cell):
    now = timezone.now()
    old = make_report(cell, status=ReportStatus.REJECTED, rejection_reason="No", closed_at=now)
    recent = make_report(cell, status=ReportStatus.DUPLICATE, closed_at=now)
    still_open = make_report(cell, received_at=now - datetime.timedelta(days=400))
    ReaderReport.objects.filter(pk=old.pk).update(closed_at=now - datetime.timedelta(days=91))
    ReaderReport.objects.filter(pk=recent.pk).update(closed_at=now - datetime.timedelta(days=89))
    out = StringIO()

    call_command("purge_report_emails", stdout=out)

    emails = dict(ReaderReport.objects.values_list("pk", "email"))
    assert emails == {
        old.pk: "",
        recent.pk: "reader@example.com",
        still_open.pk: "reader@example.com",
    }
    assert "Erased 1 e-mail address." in out.getvalue()


def test_an_editor_sets_their_own_byline_and_sees_no_one_elses(editor_client, editor, cell):
    other = make_editor("bob")
    EditorProfile.objects.create(user=other, byline="Bob B.")
    url = "/admin/corrections/editorprofile/"

    assert editor_client.get(url)["Location"].endswith("/editorprofile/add/")
    add = editor_client.get(url + "add/")
    assert 'name="user"' not in add.content.decode()
    assert editor_client.post(url + "add/", {"byline": "Ada L."}).status_code == 302

    mine = EditorProfile.objects.get(byline="Ada L.")
    assert mine.user == editor
    assert editor_client.get(url)["Location"].endswith(f"/editorprofile/{mine.pk}/change/")
    theirs = EditorProfile.objects.get(user=other)
    assert editor_client.get(url + f"{theirs.pk}/change/").status_code == 302  # not found


def test_changing_a_byline_changes_the_page_cache_revision(editor):
    profile = EditorProfile.objects.create(user=editor, byline="Ada")
    shared = ContentRevision.objects.get(key=ContentRevision.SHARED)
    before = shared.token

    profile.byline = "Ada L."
    profile.save()

    # Read through the manager: it writes what this (test) transaction gathered first.
    shared = ContentRevision.objects.get(key=ContentRevision.SHARED)
    assert shared.token != before


def test_the_public_reason_on_the_value_form_reaches_the_log(editor_client, cell, client):
    url = reverse("admin:frameworks_featurevalue_change", args=[cell.pk])
    data = post_data_from(editor_client.get(url))
    data.update(
        {"support": "partial", "verified_on": TODAY, "change_reason": "Blueprints cover it"}
    )

    assert editor_client.post(url, data).status_code == 302

    assert cell.history.first().history_change_reason == "Blueprints cover it"
    assert "Blueprints cover it" in client.get("/frameworks/flask/changes/").content.decode()


def test_the_public_reason_on_the_framework_pages_values_reaches_the_history(editor_client, cell):
    url = reverse("admin:frameworks_framework_change", args=[cell.framework_id])
    data = post_data_from(editor_client.get(url))
    row = next(
        key.removesuffix("-id")
        for key, value in data.items()
        if key.startswith("values-") and key.endswith("-id") and value == str(cell.pk)
    )
    data.update(
        {
            f"{row}-support": "yes",
            f"{row}-verified_on": TODAY,
            f"{row}-change_reason": "Checked the docs",
        }
    )

    assert editor_client.post(url, data).status_code == 302

    assert cell.history.first().history_change_reason == "Checked the docs"


@pytest.mark.parametrize(
    "url",
    [
        QUEUE,
        QUEUE + "?q=flask",
        QUEUE + "?status__exact=new",
        "/admin/corrections/editorprofile/",
        "/admin/corrections/editorprofile/?q=ada",
        "/admin/corrections/editorprofile/add/",
    ],
)
def test_admin_pages_of_reports_and_bylines_answer(admin_client, cell, url):
    make_report(cell)
    assert admin_client.get(url).status_code == 200


def test_accepting_a_new_value_asks_for_the_day_it_was_checked(editor_client, cell):
    report = make_report(cell)
    data = {
        "support": "yes",
        "text": "Yes",
        "source_url": report.source_url,
        "verified_on": cell.verified_on.isoformat(),
        "provenance": "checked",
    }

    response = editor_client.post(accept_url(report), data)

    assert "enter the day you checked it" in response.content.decode()
    report.refresh_from_db()
    assert report.is_open
