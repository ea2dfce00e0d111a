"""A framework's admin page as an editor works on it: one line per feature, grouped by category,
errors named and beside their field, every part reachable from the top."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from frameworks.models import MetricRefresh, MetricSource, RefreshStatus
from tests.adminforms import post_data_from, value_field, value_row
from tests.factories import make_category, make_editor, make_feature, make_framework, make_value
from tests.secondfactor import sign_in


@pytest.fixture
def editor_client(client, db):
    """An editor of the Editors group, signed in."""
    return sign_in(client, make_editor())


@pytest.fixture
def page(db):
    """Flask with two categories of features: one valued, one still to fill."""
    flask = make_framework(name="Flask", slug="flask")
    realtime = make_category(name="Real time", slug="real-time", order=1)
    data = make_category(name="Data", slug="data", order=2)
    websockets = make_feature(category=realtime, name="WebSockets", slug="websockets", order=1)
    orm = make_feature(category=data, name="Database support (ORM)", slug="orm", order=1)
    admin_ui = make_feature(category=data, name="Admin interface", slug="admin", order=2)
    make_value(flask, websockets, support="extension", text="Flask-Sock")
    make_value(flask, orm, support="extension", text="Flask-SQLAlchemy")
    return {"flask": flask, "websockets": websockets, "orm": orm, "admin": admin_ui}


def change_url(framework):
    return reverse("admin:frameworks_framework_change", args=[framework.pk])


def prefix_of(html, feature_name):
    """The formset prefix of the row that shows `feature_name` (`values-0`…)."""
    match = re.search(
        rf'<div class="value-row[^"]*" id="(values-\d+)"[^>]*>(?:(?!class="value-row).)*?'
        rf"<strong[^>]*>{re.escape(feature_name)}</strong>",
        html,
        re.S,
    )
    return match.group(1)


def test_values_are_grouped_by_category_in_the_sites_order(editor_client, page):
    html = editor_client.get(change_url(page["flask"])).content.decode()

    headings = re.findall(r'<h3 id="values-[^"]+-title">([^<]+)</h3>', html)
    assert headings == ["Real time", "Data"]
    names = re.findall(r'<strong id="values-\d+-name">([^<]+)</strong>', html)
    assert names == ["WebSockets", "Database support (ORM)", "Admin interface"]
    # A feature without a value is there to fill, and says so.
    admin_row = value_row(html, "values", int(prefix_of(html, "Admin interface").split("-")[1]))
    assert "no value yet" in admin_row


def test_a_row_holds_support_value_and_date_and_the_rest_one_click_away(editor_client, page):
    html = editor_client.get(change_url(page["flask"])).content.decode()
    index = int(prefix_of(html, "WebSockets").split("-")[1])
    row = value_row(html, "values", index)

    main, more = row.split('<details class="value-more"', 1)
    for name in ("support", "text", "verified_on"):
        assert f'name="values-{index}-{name}"' in main
    for name in ("note", "source_url", "provenance", "pinned", "editor_note", "change_reason"):
        assert f'name="values-{index}-{name}"' in more
    assert f'<textarea name="values-{index}-text"' in main  # the value is read whole
    assert "How to rate it" in main  # the feature's rating guide, beside the support
    assert "Flask-Sock</textarea>" in main
    assert 'name="values-0-feature"' in html and 'type="hidden"' in html
    assert "Claims, history and the whole value on its own page" in more


def test_a_jump_list_leads_to_each_category_and_each_other_part(editor_client, page):
    html = editor_client.get(change_url(page["flask"])).content.decode()

    jump = re.search(r'<nav class="framework-jump".*?</nav>', html, re.S).group(0)
    targets = re.findall(r'href="#([^"]+)"', jump)
    assert targets[:2] == ["values-real-time", "values-data"]
    assert "pros-group" in targets and "metrics-group" in targets
    for target in targets:
        assert f'id="{target}"' in html


def test_a_change_without_a_new_date_is_refused_beside_the_date_naming_the_feature(
    editor_client, page
):
    url = change_url(page["flask"])
    data = post_data_from(editor_client.get(url))
    html = editor_client.get(url).content.decode()
    index = int(prefix_of(html, "WebSockets").split("-")[1])
    data[f"values-{index}-text"] = "Flask-Sock and Flask-SocketIO"

    response = editor_client.post(url, data)

    html = response.content.decode()
    assert response.status_code == 200
    date_field = value_field(html, "values", index, "verified_on")
    assert "WebSockets: You changed the value" in date_field
    summary = re.search(r'<div class="errornote values-in-error".*?</div>', html, re.S).group(0)
    assert f'<a href="#values-{index}">WebSockets</a>' in summary
    assert "Database support (ORM)" not in summary
    assert f'<div class="value-row has-errors" id="values-{index}"' in html
    assert page["flask"].values.get(feature=page["websockets"]).text == "Flask-Sock"


def test_an_error_under_the_fold_opens_its_details(editor_client, page):
    url = change_url(page["flask"])
    html = editor_client.get(url).content.decode()
    index = int(prefix_of(html, "Database support (ORM)").split("-")[1])
    data = post_data_from(editor_client.get(url))
    data[f"values-{index}-source_url"] = "not a url"

    html = editor_client.post(url, data).content.decode()

    row = value_row(html, "values", index)
    assert '<details class="value-more" open>' in row
    assert "Database support (ORM): Enter a valid URL." in value_field(
        html, "values", index, "source_url"
    )


def test_a_value_for_a_new_feature_is_saved_from_its_row(editor_client, page):
    url = change_url(page["flask"])
    html = editor_client.get(url).content.decode()
    index = int(prefix_of(html, "Admin interface").split("-")[1])
    data = post_data_from(editor_client.get(url))
    data.update(
        {
            f"values-{index}-support": "no",
            f"values-{index}-text": "No admin",
            f"values-{index}-source_url": "https://flask.palletsprojects.com/",
            f"values-{index}-verified_on": timezone.localdate().isoformat(),
        }
    )

    response = editor_client.post(url, data)

    assert response.status_code == 302
    assert page["flask"].values.get(feature=page["admin"]).text == "No admin"


def test_the_page_loads_its_filter_script_and_the_filter_is_hidden_without_it(editor_client, page):
    html = editor_client.get(change_url(page["flask"])).content.decode()

    assert re.search(r'<script src="/static/js/feature-values\.js"', html)
    assert '<p class="values-filter" hidden>' in html
    assert '<label for="values-filter">Find a feature</label>' in html


def test_reports_name_their_comparison_with_a_link(editor_client, db):
    from corrections.models import ReaderReport

    flask = make_framework(name="Flask", slug="flask")
    make_framework(name="Django", slug="django")
    feature = make_feature(name="WebSockets")
    ReaderReport.objects.create(
        page="/compare/django-vs-flask/",
        framework=flask,
        feature=feature,
        what_is_wrong="Wrong",
        what_is_right="Right",
    )
    ReaderReport.objects.create(
        page="/frameworks/flask/", framework=flask, what_is_wrong="W", what_is_right="R"
    )

    html = editor_client.get(reverse("admin:corrections_readerreport_changelist")).content.decode()

    assert '<a href="/compare/django-vs-flask/">Django vs Flask</a>' in html
    assert '<a href="/frameworks/flask/">Flask</a>' in html
    assert re.search(r'<td class="field-feature[^"]*">WebSockets</td>', html)
    assert re.search(r'<td class="field-framework[^"]*">Flask</td>', html)


def failed_refresh(framework):
    return MetricRefresh.objects.create(
        framework=framework,
        source=MetricSource.GITHUB,
        status=RefreshStatus.FAILED,
        message="HTTP 404 from the API",
        refreshed_at=timezone.now(),
    )


def test_editors_read_refresh_outcomes_with_filters_and_cannot_change_them(editor_client, db):
    refresh = failed_refresh(make_framework(name="Flask", slug="flask", github_repo="x/y"))
    make_framework(name="Django", slug="django")  # a filter shows with two to choose from
    changelist = reverse("admin:frameworks_metricrefresh_changelist")

    html = editor_client.get(changelist + "?status__exact=failed").content.decode()

    assert "HTTP 404 from the API" in html
    for title in ("status", "source", "framework"):
        assert re.search(rf"By\s+{title}", html), title
    detail = editor_client.get(reverse("admin:frameworks_metricrefresh_change", args=[refresh.pk]))
    assert detail.status_code == 200
    assert 'name="_save"' not in detail.content.decode()
    post = editor_client.post(
        reverse("admin:frameworks_metricrefresh_change", args=[refresh.pk]), {"status": "updated"}
    )
    assert post.status_code == 403
    assert editor_client.get(reverse("admin:frameworks_metricrefresh_add")).status_code == 403
    refresh.refresh_from_db()
    assert refresh.status == RefreshStatus.FAILED


def test_content_gaps_link_a_failed_refresh_to_its_outcomes(editor_client, db):
    framework = make_framework(name="Flask", slug="flask", github_repo="x/y")
    failed_refresh(framework)

    html = editor_client.get(reverse("admin:content_gaps")).content.decode()

    link = (
        f"{reverse('admin:frameworks_metricrefresh_changelist')}"
        f"?framework__id__exact={framework.pk}&amp;status__exact=failed"
    )
    assert f'<a href="{link}">Refresh outcomes</a>' in html


@pytest.mark.parametrize("refused", [False, True])
def test_the_framework_page_nests_properly_with_unique_ids_and_no_inline_code(
    editor_client, page, refused
):
    from tests.html_audit import audit_html

    url = change_url(page["flask"])
    response = editor_client.get(url)
    if refused:  # the page in its error state too
        data = post_data_from(response)
        data["values-0-source_url"] = "not a url"
        response = editor_client.post(url, data)

    audit = audit_html(response.content)
    assert audit.nesting_errors == []
    assert audit.duplicate_ids == []
    assert audit.inline_scripts == []
    assert audit.event_handlers == []
