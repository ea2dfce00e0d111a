"""History: every change records who, when and what; another editor can revert it."""

import pytest
from django.test import Client
from django.urls import reverse

from frameworks.models import Pro
from tests.adminforms import assert_csp_compatible, post_data_from
from tests.factories import make_editor, make_framework
from tests.secondfactor import sign_in


def logged_in(user):
    return sign_in(Client(), user)


@pytest.fixture
def editors(db):
    ada = make_editor("ada", first_name="Ada", last_name="Lovelace")
    bob = make_editor("bob")
    return logged_in(ada), logged_in(bob)


@pytest.fixture
def framework(db):
    framework = make_framework(name="Django", slug="django")
    Pro.objects.create(framework=framework, text="Batteries included", order=0)
    return framework


def change_pro_on_framework_page(client, framework, text):
    url = reverse("admin:frameworks_framework_change", args=[framework.pk])
    data = post_data_from(client.get(url))
    data["pros-0-text"] = text
    assert client.post(url, data).status_code == 302


def revert_to(client, pro, history_id):
    url = reverse("admin:frameworks_pro_simple_history", args=[pro.pk, history_id])
    page = client.get(url)
    assert page.status_code == 200
    assert_csp_compatible(page.content.decode())
    return client.post(url, post_data_from(page))


def test_framework_history_shows_who_changed_a_pro_and_what(editors, framework):
    ada, bob = editors
    change_pro_on_framework_page(ada, framework, "Batteries excluded")

    response = bob.get(reverse("admin:frameworks_framework_history", args=[framework.pk]))

    assert response.status_code == 200
    changes = response.context["related_changes"]
    latest = changes[0]
    assert (latest.kind, latest.label, latest.type) == ("pro", "Batteries excluded", "Changed")
    assert latest.user.username == "ada"
    assert latest.fields == [("text", "Batteries included", "Batteries excluded")]
    html = response.content.decode()
    assert "Ada Lovelace" in html
    assert "Batteries included &rarr; Batteries excluded" in html
    assert_csp_compatible(html)


def test_pro_history_lists_each_version_with_its_editor(editors, framework):
    ada, bob = editors
    pro = framework.pros.get()
    change_pro_on_framework_page(ada, framework, "Batteries excluded")

    response = bob.get(reverse("admin:frameworks_pro_history", args=[pro.pk]))

    html = response.content.decode()
    assert "<td>Ada Lovelace</td>" in html
    assert "Batteries included &rarr; Batteries excluded" in html
    assert_csp_compatible(html)


def test_another_editor_reverts_a_change_and_readers_see_the_old_text_at_once(editors, framework):
    ada, bob = editors
    pro = framework.pros.get()
    public = Client()
    page_url = framework.get_absolute_url()
    assert "Batteries included" in public.get(page_url).content.decode()
    change_pro_on_framework_page(ada, framework, "Batteries excluded")
    assert "Batteries excluded" in public.get(page_url).content.decode()
    assert "Batteries excluded" in public.get(page_url).content.decode()  # now cached
    original = pro.history.earliest()

    response = revert_to(bob, pro, original.history_id)

    assert response.status_code == 302
    pro.refresh_from_db()
    assert pro.text == "Batteries included"
    assert pro.history.latest().history_user.username == "bob"
    page = public.get(page_url).content.decode()
    assert "Batteries included" in page
    assert "Batteries excluded" not in page


def test_a_deleted_pro_can_be_restored_from_the_framework_history(editors, framework):
    ada, bob = editors
    pro = framework.pros.get()
    url = reverse("admin:frameworks_framework_change", args=[framework.pk])
    data = post_data_from(ada.get(url))
    data["pros-0-DELETE"] = "on"
    ada.post(url, data)
    assert not framework.pros.exists()

    history = bob.get(reverse("admin:frameworks_framework_history", args=[framework.pk]))
    deleted = history.context["related_changes"][0]
    assert (deleted.type, deleted.user.username) == ("Deleted", "ada")
    before_deletion = pro.history.filter(history_type="+").get()
    response = revert_to(bob, pro, before_deletion.history_id)

    assert response.status_code == 302
    assert list(framework.pros.values_list("text", flat=True)) == ["Batteries included"]


def test_framework_history_records_its_own_field_changes(editors, framework):
    ada, bob = editors
    url = reverse("admin:frameworks_framework_change", args=[framework.pk])
    ada.post(url, {**post_data_from(ada.get(url)), "tagline": "The web framework"})

    response = bob.get(reverse("admin:frameworks_framework_history", args=[framework.pk]))

    html = response.content.decode()
    assert "Ada Lovelace" in html
    assert "A framework for tests &rarr; The web framework" in html


def test_history_of_an_unknown_framework_is_not_found(editors):
    _, bob = editors

    response = bob.get(reverse("admin:frameworks_framework_history", args=["999999"]))

    assert response.status_code == 404
