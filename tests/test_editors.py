# ruff: noqa: F811  (pytest fixtures imported from tests.adminforms are parameters here)
"""The Editors group: everything on content, nothing on users, groups or login records."""

from io import StringIO

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.urls import reverse

from frameworks.models import CONTENT_MODELS
from frameworks.services import (
    EDITORS_GROUP_NAME,
    OTHER_EDITOR_PERMISSIONS,
    create_editors_group,
)
from tests.adminforms import (  # noqa: F401  (editor, editor_client: fixtures)
    editor,
    editor_client,
    post_data_from,
)
from tests.factories import make_framework


def codenames(group):
    return set(group.permissions.values_list("content_type__app_label", "codename").order_by())


def expected_codenames():
    expected = set()
    for model in CONTENT_MODELS:
        opts = model._meta
        for action in ("add", "change", "delete", "view"):
            expected.add((opts.app_label, f"{action}_{opts.model_name}"))
        expected.add((opts.app_label, f"view_{model.history.model._meta.model_name}"))
    for app_label, names in OTHER_EDITOR_PERMISSIONS.items():
        expected |= {(app_label, name) for name in names}
    return expected


def test_migrate_alone_leaves_a_ready_editors_group(db):
    Group.objects.filter(name=EDITORS_GROUP_NAME).delete()

    call_command("migrate", verbosity=0, interactive=False)

    assert codenames(Group.objects.get(name=EDITORS_GROUP_NAME)) == expected_codenames()


def test_command_creates_the_group_with_exactly_the_content_permissions(db):
    Group.objects.filter(name=EDITORS_GROUP_NAME).delete()
    out = StringIO()

    call_command("create_editors_group", stdout=out)

    group = Group.objects.get(name=EDITORS_GROUP_NAME)
    assert codenames(group) == expected_codenames()
    assert f"Created the “{EDITORS_GROUP_NAME}” group" in out.getvalue()


def test_command_is_idempotent_and_removes_stray_permissions(db):
    call_command("create_editors_group", stdout=StringIO())
    group = Group.objects.get(name=EDITORS_GROUP_NAME)
    group.permissions.add(Permission.objects.get(codename="change_user"))
    out = StringIO()

    call_command("create_editors_group", stdout=out)
    call_command("create_editors_group", stdout=out)

    assert Group.objects.filter(name=EDITORS_GROUP_NAME).count() == 1
    assert codenames(Group.objects.get(name=EDITORS_GROUP_NAME)) == expected_codenames()
    assert f"Updated the “{EDITORS_GROUP_NAME}” group" in out.getvalue()


def test_editors_have_no_permission_outside_content_reports_and_bylines(db):
    group, _ = create_editors_group()

    apps = set(group.permissions.values_list("content_type__app_label", flat=True))

    assert apps == {"frameworks", "corrections"}
    assert set(
        group.permissions.filter(content_type__app_label="corrections").values_list(
            "codename", flat=True
        )
    ) == {
        "view_readerreport",
        "change_readerreport",
        "view_editorprofile",
        "add_editorprofile",
        "change_editorprofile",
    }
    assert not group.permissions.filter(codename__endswith="contentrevision").exists()
    assert not group.permissions.filter(codename__startswith="change_historical").exists()


def test_an_editor_can_edit_content(editor_client):
    framework = make_framework(tagline="Before")
    url = reverse("admin:frameworks_framework_change", args=[framework.pk])
    data = {**post_data_from(editor_client.get(url)), "tagline": "After"}

    response = editor_client.post(url, data)

    assert response.status_code == 302
    framework.refresh_from_db()
    assert framework.tagline == "After"


def test_an_editor_sees_only_content_and_reports_on_the_admin_index(editor_client):
    response = editor_client.get(reverse("admin:index"))

    app_labels = {app["app_label"] for app in response.context["app_list"]}
    assert app_labels == {"frameworks", "corrections"}


@pytest.mark.parametrize(
    "url_name",
    [
        "admin:auth_user_changelist",
        "admin:auth_user_add",
        "admin:auth_group_changelist",
        "admin:auth_group_add",
        "admin:axes_accessattempt_changelist",
        "admin:axes_accesslog_changelist",
    ],
)
def test_an_editor_cannot_manage_users_groups_or_login_records(editor_client, url_name):
    assert editor_client.get(reverse(url_name)).status_code == 403


def test_an_editor_cannot_change_their_own_account_or_group(editor_client, editor):
    group = Group.objects.get(name=EDITORS_GROUP_NAME)

    user_page = editor_client.get(reverse("admin:auth_user_change", args=[editor.pk]))
    group_page = editor_client.get(reverse("admin:auth_group_change", args=[group.pk]))
    promote = editor_client.post(
        reverse("admin:auth_user_change", args=[editor.pk]),
        {"username": editor.username, "is_superuser": "on", "is_staff": "on"},
    )

    assert user_page.status_code == 403
    assert group_page.status_code == 403
    assert promote.status_code == 403
    editor.refresh_from_db()
    assert not editor.is_superuser


def test_a_user_without_staff_status_is_not_let_into_admin(client, editor):
    editor.is_staff = False
    editor.save()
    client.force_login(editor)

    response = client.get(reverse("admin:frameworks_framework_changelist"))

    assert response.status_code == 302
    assert response.headers["Location"].startswith(reverse("admin:login"))
