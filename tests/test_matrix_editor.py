# ruff: noqa: F811  (pytest fixtures imported from tests.adminforms are parameters here)
"""The matrix editor: several frameworks x features in one grid, saved all or nothing."""

import datetime
import re

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from frameworks.models import FeatureValue, SupportLevel, compare_url
from tests.adminforms import (  # noqa: F401  (editor, editor_client: fixtures)
    assert_csp_compatible,
    editor,
    editor_client,
    form_data,
    matrix_field,
)
from tests.factories import (
    make_category,
    make_comparison,
    make_feature,
    make_framework,
    make_value,
)
from tests.secondfactor import sign_in

MATRIX = "admin:matrix_editor"


def matrix_url(*frameworks, comparison=None, category=None):
    params = [f"frameworks={framework.pk}" for framework in frameworks]
    if comparison is not None:
        params.append(f"comparison={comparison.pk}")
    if category is not None:
        params.append(f"category={category.pk}")
    return f"{reverse(MATRIX)}?{'&'.join(params)}"


# A changed value must come with the day it was checked again.
CHECKED_TODAY = datetime.date.today().isoformat()


def grid_data(response):
    """What the grid posts back when nothing is touched (the test client needs no CSRF)."""
    data = {}
    for cell in response.context["grid"].cells:
        data.update(form_data(cell))
        data[cell.version_name] = cell.current_version
    return data


def cell_name(framework, feature, field):
    return f"cell-{framework.pk}-{feature.pk}-{field}"


@pytest.fixture
def matrix(db):
    """Django and Flask x three features in two categories; Flask lacks the last one."""
    django_fw = make_framework(name="Django", slug="django")
    flask_fw = make_framework(name="Flask", slug="flask")
    web, data = make_category(name="Web"), make_category(name="Data")
    templates = make_feature(category=web, name="Templates")
    routing = make_feature(category=web, name="Routing")
    orm = make_feature(category=data, name="ORM")
    values = {
        (django_fw, templates): make_value(django_fw, templates, text="DTL"),
        (django_fw, routing): make_value(django_fw, routing, text="URLconf"),
        (django_fw, orm): make_value(django_fw, orm, text="Django ORM"),
        (flask_fw, templates): make_value(flask_fw, templates, text="Jinja2"),
        (flask_fw, routing): make_value(flask_fw, routing, text="Werkzeug routing"),
    }
    return {
        "django": django_fw,
        "flask": flask_fw,
        "web": web,
        "templates": templates,
        "routing": routing,
        "orm": orm,
        "values": values,
    }


def snapshot():
    return sorted(
        FeatureValue.objects.values_list(
            "framework_id", "feature_id", "support", "text", "note", "source_url", "verified_on"
        )
    )


# --- Access -----------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_the_login_page(client, db):
    response = client.get(reverse(MATRIX))

    assert response.status_code == 302
    assert response.headers["Location"].startswith(reverse("admin:login"))


def test_staff_without_change_permission_on_values_is_refused(client, django_user_model):
    viewer = django_user_model.objects.create_user("viewer", password="x", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_featurevalue"))
    sign_in(client, viewer)

    assert client.get(reverse(MATRIX)).status_code == 403


def test_editor_without_add_permission_edits_existing_cells_only(client, django_user_model, matrix):
    user = django_user_model.objects.create_user("changer", password="x", is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(codename__in=["change_featurevalue", "view_featurevalue"])
    )
    sign_in(client, user)

    response = client.get(matrix_url(matrix["django"], matrix["flask"]))

    grid = response.context["grid"]
    assert len(grid.cells) == 5
    assert "No value (you may not add values)" in response.content.decode()


# --- Choosing what to edit ----------------------------------------------------------------


def test_without_a_choice_only_the_selection_form_shows(editor_client, matrix):
    response = editor_client.get(reverse(MATRIX))

    assert response.status_code == 200
    assert response.context["grid"] is None
    assert_csp_compatible(response.content.decode())


def test_one_framework_is_not_enough(editor_client, matrix):
    response = editor_client.get(matrix_url(matrix["django"]))

    assert response.context["grid"] is None
    assert "Choose at least two frameworks, or a curated comparison." in (response.content.decode())


def test_grid_shows_every_framework_x_feature_with_missing_cells_to_fill(editor_client, matrix):
    response = editor_client.get(matrix_url(matrix["django"], matrix["flask"]))

    grid = response.context["grid"]
    assert [framework.name for framework in grid.frameworks] == ["Django", "Flask"]
    assert [(feature.name, len(cells)) for feature, cells in grid] == [
        ("Templates", 2),
        ("Routing", 2),
        ("ORM", 2),
    ]
    missing = [cell for cell in grid.cells if cell.is_new]
    assert [(cell.framework, cell.feature) for cell in missing] == [
        (matrix["flask"], matrix["orm"])
    ]
    assert_csp_compatible(response.content.decode())


def test_every_grid_input_has_a_label(editor_client, matrix):
    html = editor_client.get(matrix_url(matrix["django"], matrix["flask"])).content.decode()
    form = html[html.index('<form method="post"') :]

    input_ids = set(re.findall(r'<(?:input|select|textarea)[^>]*\bid="(id_cell-[^"]+)"', form))
    label_targets = set(re.findall(r'<label for="(id_cell-[^"]+)"', form))

    assert len(input_ids) == 6 * 5
    assert input_ids == label_targets
    label = matrix_field(html, f"id_cell-{matrix['flask'].pk}-{matrix['orm'].pk}-note")
    assert '<span class="visually-hidden">Flask, ORM: </span>Note' in label


def test_a_curated_comparison_chooses_the_frameworks(editor_client, matrix):
    comparison = make_comparison([matrix["flask"], matrix["django"]])

    response = editor_client.get(matrix_url(comparison=comparison))

    assert [framework.name for framework in response.context["grid"].frameworks] == [
        "Django",
        "Flask",
    ]


def test_a_category_narrows_the_grid_to_its_features(editor_client, matrix):
    response = editor_client.get(
        matrix_url(matrix["django"], matrix["flask"], category=matrix["web"])
    )

    assert [feature.name for feature, _ in response.context["grid"]] == ["Templates", "Routing"]


def test_a_grid_too_big_to_post_back_asks_for_a_narrower_choice(editor_client, matrix, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 34  # room for (34 - 10) // 6 = 4 cells

    response = editor_client.get(matrix_url(matrix["django"], matrix["flask"]))

    assert response.context["grid"] is None
    assert "That grid has 6 cells; the editor handles at most 4 at once." in (
        response.content.decode()
    )


def test_grid_queries_do_not_grow_with_its_size(editor_client, db):
    """Frameworks, features and values are read once each, whatever the grid's size."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries_for(framework_count, feature_count):
        frameworks = [make_framework() for _ in range(framework_count)]
        for feature in [make_feature() for _ in range(feature_count)]:
            for framework in frameworks[1:]:
                make_value(framework, feature)
        with CaptureQueriesContext(connection) as queries:
            assert editor_client.get(matrix_url(*frameworks)).status_code == 200
        return len(queries)

    assert queries_for(2, 2) == queries_for(4, 8)


# --- Saving -------------------------------------------------------------------------------


def test_full_save_updates_and_creates_every_cell_in_one_go(editor_client, editor, matrix):
    django_fw, flask_fw, orm = matrix["django"], matrix["flask"], matrix["orm"]
    url = matrix_url(django_fw, flask_fw)
    data = grid_data(editor_client.get(url))
    for (framework, feature), _ in matrix["values"].items():
        data[cell_name(framework, feature, "text")] = f"New {framework.name} {feature.name}"
        data[cell_name(framework, feature, "verified_on")] = CHECKED_TODAY
        data[cell_name(framework, feature, "verified_on")] = "2026-11-20"
    data[cell_name(flask_fw, orm, "support")] = SupportLevel.EXTENSION
    data[cell_name(flask_fw, orm, "text")] = "Flask-SQLAlchemy"
    data[cell_name(flask_fw, orm, "verified_on")] = CHECKED_TODAY
    data[cell_name(flask_fw, orm, "note")] = "Line one\r\nLine two"
    data[cell_name(flask_fw, orm, "source_url")] = "https://flask-sqlalchemy.readthedocs.io/"

    response = editor_client.post(url, data)

    assert response.status_code == 302
    assert response.headers["Location"] == url
    for (framework, feature), value in matrix["values"].items():
        value.refresh_from_db()
        assert value.text == f"New {framework.name} {feature.name}"
        assert value.verified_on == datetime.date(2026, 11, 20)
    created = FeatureValue.objects.get(framework=flask_fw, feature=orm)
    assert created.support == SupportLevel.EXTENSION
    assert created.text == "Flask-SQLAlchemy"
    assert created.note == "Line one\nLine two"
    assert created.source_url == "https://flask-sqlalchemy.readthedocs.io/"
    assert created.history.latest().history_user == editor
    followed = editor_client.get(url)
    assert "Saved 6 values." in followed.content.decode()


def test_untouched_missing_cells_create_nothing(editor_client, matrix):
    url = matrix_url(matrix["django"], matrix["flask"])
    data = grid_data(editor_client.get(url))
    data[cell_name(matrix["django"], matrix["orm"], "text")] = "Changed"
    data[cell_name(matrix["django"], matrix["orm"], "verified_on")] = CHECKED_TODAY

    editor_client.post(url, data)

    assert FeatureValue.objects.count() == 5
    assert not FeatureValue.objects.filter(framework=matrix["flask"], feature=matrix["orm"])


def test_saving_without_changes_saves_nothing(editor_client, matrix):
    url = matrix_url(matrix["django"], matrix["flask"])
    value = matrix["values"][(matrix["django"], matrix["orm"])]
    history_before = value.history.count()

    response = editor_client.post(url, grid_data(editor_client.get(url)), follow=True)

    assert "Nothing was changed." in response.content.decode()
    assert value.history.count() == history_before


def test_an_invalid_cell_saves_nothing_and_shows_its_error_beside_it(editor_client, matrix):
    django_fw, flask_fw = matrix["django"], matrix["flask"]
    url = matrix_url(django_fw, flask_fw)
    data = grid_data(editor_client.get(url))
    before = snapshot()
    for (framework, feature), _ in matrix["values"].items():
        data[cell_name(framework, feature, "text")] = "Would be saved"
        data[cell_name(framework, feature, "verified_on")] = CHECKED_TODAY
    data[cell_name(flask_fw, matrix["orm"], "text")] = "Would be created"
    data[cell_name(flask_fw, matrix["orm"], "verified_on")] = CHECKED_TODAY
    data[cell_name(flask_fw, matrix["routing"], "source_url")] = "not a url"

    response = editor_client.post(url, data)

    assert response.status_code == 200
    assert snapshot() == before
    html = response.content.decode()
    bad = matrix_field(html, f"id_cell-{flask_fw.pk}-{matrix['routing'].pk}-source_url")
    assert '<ul class="errorlist' in bad
    assert "Enter a valid URL." in bad
    assert html.count("Enter a valid URL.") == 1
    assert "Nothing was saved: 1 cell needs correcting." in html
    # What the editor typed is still there to correct.
    assert 'value="Would be created"' in html


def test_too_long_text_is_refused_beside_its_cell(editor_client, matrix):
    django_fw, templates = matrix["django"], matrix["templates"]
    url = matrix_url(django_fw, matrix["flask"])
    data = grid_data(editor_client.get(url))
    data[cell_name(django_fw, templates, "text")] = "x" * 201
    data[cell_name(django_fw, templates, "verified_on")] = CHECKED_TODAY
    before = snapshot()

    response = editor_client.post(url, data)

    field = matrix_field(response.content.decode(), f"id_cell-{django_fw.pk}-{templates.pk}-text")
    assert "Ensure this value has at most 200 characters" in field
    assert snapshot() == before


def test_a_cell_another_editor_filled_meanwhile_is_not_overwritten(editor_client, matrix):
    flask_fw, orm = matrix["flask"], matrix["orm"]
    url = matrix_url(matrix["django"], flask_fw)
    data = grid_data(editor_client.get(url))
    data[cell_name(flask_fw, orm, "text")] = "Mine"
    data[cell_name(flask_fw, orm, "verified_on")] = CHECKED_TODAY
    data[cell_name(matrix["django"], orm, "text")] = "Also mine"
    data[cell_name(matrix["django"], orm, "verified_on")] = CHECKED_TODAY
    make_value(flask_fw, orm, text="Theirs")  # saved by someone else after our GET
    before = snapshot()

    response = editor_client.post(url, data)

    assert response.status_code == 200
    assert snapshot() == before
    html = response.content.decode()
    assert "Another editor saved this cell after you opened the grid; it now reads" in html
    assert "“Yes: Theirs”" in html


def test_a_cell_another_editor_changed_meanwhile_can_be_replaced_knowingly(editor_client, matrix):
    django_fw, orm = matrix["django"], matrix["orm"]
    url = matrix_url(django_fw, matrix["flask"])
    data = grid_data(editor_client.get(url))
    data[cell_name(django_fw, orm, "text")] = "Mine"
    data[cell_name(django_fw, orm, "verified_on")] = CHECKED_TODAY
    FeatureValue.objects.filter(framework=django_fw, feature=orm).update(text="Theirs")
    refused = editor_client.post(url, data)
    assert FeatureValue.objects.get(framework=django_fw, feature=orm).text == "Theirs"

    response = editor_client.post(
        url,
        grid_data(refused)
        | {
            cell_name(django_fw, orm, "text"): "Mine",
            cell_name(django_fw, orm, "verified_on"): CHECKED_TODAY,
        },
    )

    assert response.status_code == 302
    assert FeatureValue.objects.get(framework=django_fw, feature=orm).text == "Mine"


def test_a_cell_posted_without_its_version_is_refused(editor_client, matrix):
    django_fw, orm = matrix["django"], matrix["orm"]
    url = matrix_url(django_fw, matrix["flask"])
    data = grid_data(editor_client.get(url))
    data[cell_name(django_fw, orm, "text")] = "Mine"
    data[cell_name(django_fw, orm, "verified_on")] = CHECKED_TODAY
    del data[f"cell-{django_fw.pk}-{orm.pk}-version"]

    response = editor_client.post(url, data)

    assert response.status_code == 200
    assert FeatureValue.objects.get(framework=django_fw, feature=orm).text == "Django ORM"


def test_a_cell_created_by_a_racing_insert_is_refused_at_save(editor_client, matrix, monkeypatch):
    """The cell was free when validated but taken before our insert: nothing is saved."""
    from frameworks import services

    flask_fw, orm = matrix["flask"], matrix["orm"]
    url = matrix_url(matrix["django"], flask_fw)
    data = grid_data(editor_client.get(url))
    data[cell_name(flask_fw, orm, "text")] = "Mine"
    data[cell_name(flask_fw, orm, "verified_on")] = CHECKED_TODAY
    data[cell_name(matrix["django"], orm, "text")] = "Also mine"
    data[cell_name(matrix["django"], orm, "verified_on")] = CHECKED_TODAY
    real_save_matrix = services.save_matrix

    def racing_save_matrix(*, cells, user):
        make_value(flask_fw, orm, text="Theirs")
        return real_save_matrix(cells=cells, user=user)

    monkeypatch.setattr(services, "save_matrix", racing_save_matrix)
    before = snapshot()

    response = editor_client.post(url, data)

    assert response.status_code == 200
    assert "Feature value with this Framework and Feature already exists." in (
        response.content.decode()
    )
    after = snapshot()
    assert len(after) == len(before) + 1  # only the other editor's value
    assert FeatureValue.objects.get(framework=matrix["django"], feature=orm).text == "Django ORM"


def test_saved_values_show_at_once_on_the_cached_public_comparison(editor_client, matrix):
    django_fw, flask_fw = matrix["django"], matrix["flask"]
    public = Client()
    page_url = compare_url([django_fw.slug, flask_fw.slug])
    assert "Werkzeug routing" in public.get(page_url).content.decode()
    assert "Werkzeug routing" in public.get(page_url).content.decode()  # served from the cache
    url = matrix_url(django_fw, flask_fw)
    data = grid_data(editor_client.get(url))
    data[cell_name(flask_fw, matrix["routing"], "text")] = "Routing by decorators"
    data[cell_name(flask_fw, matrix["routing"], "verified_on")] = CHECKED_TODAY

    editor_client.post(url, data)

    page = public.get(page_url).content.decode()
    assert "Routing by decorators" in page
    assert "Werkzeug routing" not in page


def test_a_database_refusal_at_save_is_reported_and_nothing_is_saved(
    editor_client, matrix, monkeypatch
):
    from django.db import IntegrityError

    from frameworks import services

    url = matrix_url(matrix["django"], matrix["flask"])
    data = grid_data(editor_client.get(url))
    data[cell_name(matrix["flask"], matrix["orm"], "text")] = "Mine"
    data[cell_name(matrix["flask"], matrix["orm"], "verified_on")] = CHECKED_TODAY

    def refused(**kwargs):
        raise IntegrityError("UNIQUE constraint failed")

    monkeypatch.setattr(services, "save_matrix", refused)

    response = editor_client.post(url, data)

    assert response.status_code == 200
    assert "Nothing was saved: check the grid and save again." in response.content.decode()
    assert not FeatureValue.objects.filter(framework=matrix["flask"], feature=matrix["orm"])


def test_save_matrix_saves_all_cells_or_none(db):
    """The service itself: one invalid instance means no instance is written."""
    from frameworks import services

    framework, feature, other = make_framework(), make_feature(), make_feature()
    good = FeatureValue(framework=framework, feature=feature, text="Good")
    bad = FeatureValue(framework=framework, feature=other, support="sometimes")

    with pytest.raises(services.MatrixInvalid) as raised:
        services.save_matrix(cells=[good, bad], user=None)

    assert list(raised.value.errors) == [(framework.pk, other.pk)]
    assert not FeatureValue.objects.exists()


def test_framework_changelist_action_opens_the_selection_in_the_matrix(editor_client, matrix):
    chosen = [matrix["django"], matrix["flask"]]

    response = editor_client.post(
        reverse("admin:frameworks_framework_changelist"),
        {"action": "open_in_matrix_editor", "_selected_action": [f.pk for f in chosen]},
    )

    assert response.status_code == 302
    grid = editor_client.get(response.headers["Location"]).context["grid"]
    assert grid.frameworks == chosen


def test_the_matrix_action_needs_two_frameworks(editor_client, matrix):
    response = editor_client.post(
        reverse("admin:frameworks_framework_changelist"),
        {"action": "open_in_matrix_editor", "_selected_action": [matrix["django"].pk]},
        follow=True,
    )

    assert "Choose at least two frameworks for the matrix editor." in response.content.decode()


def test_the_public_reason_of_a_matrix_save_is_recorded_with_each_change(editor_client, matrix):
    url = matrix_url(matrix["django"], matrix["flask"])
    data = grid_data(editor_client.get(url))
    today = timezone.localdate().isoformat()
    data[cell_name(matrix["flask"], matrix["templates"], "text")] = "Jinja"
    data[cell_name(matrix["flask"], matrix["templates"], "verified_on")] = today
    data[cell_name(matrix["django"], matrix["routing"], "support")] = "partial"
    data[cell_name(matrix["django"], matrix["routing"], "verified_on")] = today
    data["matrix-change_reason"] = "Re-read both projects' docs"

    assert editor_client.post(url, data).status_code == 302

    for key in ((matrix["flask"], matrix["templates"]), (matrix["django"], matrix["routing"])):
        record = matrix["values"][key].history.first()
        assert record.history_change_reason == "Re-read both projects' docs"
