"""Loading the committed fixtures with the validating `loaddata`: repeatable, all or nothing."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from frameworks.models import (
    CONTENT_MODELS,
    Company,
    ContentRevision,
    Feature,
    FeatureValue,
    Framework,
    SupportLevel,
)
from tests.factories import make_comparison, make_feature, make_framework, make_lists, make_value
from tests.seeding import ARTICLE_FIXTURES, load_seed

pytestmark = pytest.mark.django_db

FIXTURES = sorted(Path(settings.BASE_DIR, "fixtures").glob("*.json"))


def load(*paths):
    call_command("loaddata", *(str(path) for path in paths), verbosity=0)


# Where the committed fixtures are only the starting point, `load_seed()` leaves the same rows
# as load(*FIXTURES) in a fraction of its time (tests/seeding.py checks that they are the same).


def snapshot():
    """Every row of every content table (and the revisions), in primary-key order."""
    tables = {
        model._meta.label: list(model._default_manager.order_by("pk").values())
        for model in CONTENT_MODELS
    }
    tables["revision"] = list(ContentRevision.objects.order_by("pk").values())
    return tables


def fixture_objects(paths=FIXTURES):
    return [entry for path in paths for entry in json.loads(path.read_text("utf-8"))]


def fixture(name):
    return next(path for path in FIXTURES if path.name == name)


# Where what is tested is how a load treats what it finds, not the whole content.
SOME_FIXTURES = [fixture(name) for name in ARTICLE_FIXTURES]


def write_fixture(directory, name, objects):
    path = directory / name
    path.write_text(json.dumps(objects), encoding="utf-8")
    return path


# --- The committed fixtures -----------------------------------------------------------------


# The natural keys one object can name in another, by the field that names them.
REFERENCED = {
    "framework": "frameworks.framework",
    "company": "frameworks.company",
    "comparison": "frameworks.comparison",
}


def test_fixture_files_are_named_so_the_shell_glob_loads_dependencies_first():
    names = [path.name for path in FIXTURES]
    assert names[:2] == ["01_features.json", "02_companies.json"]
    assert {"10_django.json", "11_flask.json", "30_comparisons.json"} <= set(names)
    # Frameworks of other languages (40_… and on) may follow the comparisons, so the rule is
    # the one loaddata needs: whatever an object names is defined in its file or an earlier one.
    defined = set()
    for path in FIXTURES:
        entries = json.loads(path.read_text("utf-8"))
        defined |= {
            (entry["model"], entry["fields"]["slug"])
            for entry in entries
            if entry["model"] in REFERENCED.values()
        }
        for entry in entries:
            for field, model in REFERENCED.items():
                key = entry["fields"].get(field)
                if isinstance(key, list):
                    assert (model, key[0]) in defined, (path.name, entry)


def test_fixtures_use_natural_keys_without_primary_keys_or_timestamps():
    for entry in fixture_objects():
        assert "pk" not in entry, entry
        assert not {"created_at", "updated_at"} & set(entry["fields"]), entry


@pytest.mark.slow  # loads every committed fixture through the validating loaddata
def test_all_fixtures_load_in_one_call_and_every_object_becomes_one_row():
    load(*FIXTURES)
    rows = sum(model._default_manager.count() for model in CONTENT_MODELS)
    assert rows == len(fixture_objects())
    assert Framework.objects.published().count() == Framework.objects.count() >= 6


@pytest.mark.slow  # loads every committed fixture through the validating loaddata
def test_loading_the_fixtures_twice_leaves_identical_rows():
    load_seed()
    first = snapshot()
    load(*FIXTURES)
    second = snapshot()
    del first["revision"], second["revision"]  # A load is a write: the token moves on.
    assert second == first


def test_loading_again_restores_a_row_edited_since():
    load_seed()
    FeatureValue.objects.filter(framework__slug="django", feature__slug="template-engine").update(
        text="Edited"
    )
    load(fixture("10_django.json"))
    cell = FeatureValue.objects.get(framework__slug="django", feature__slug="template-engine")
    assert cell.text == "Django Template Language; Jinja2 backend too"


def test_loading_into_a_database_with_other_content_keeps_that_content():
    framework = make_framework(slug="web2py", name="web2py")
    feature = make_feature(slug="my-own-row", name="My own row")
    make_value(framework, feature)
    make_lists(framework)
    make_comparison([framework], slug="web2py-alone")
    before = snapshot()
    del before["revision"]

    load(*SOME_FIXTURES)

    after = snapshot()
    for label, rows in before.items():
        kept = [row for row in after[label] if row["id"] in {r["id"] for r in rows}]
        assert kept == rows, label
    assert sum(len(rows) for rows in before.values()) + len(fixture_objects(SOME_FIXTURES)) == sum(
        model._default_manager.count() for model in CONTENT_MODELS
    )


def shared_token():
    return ContentRevision.objects.get(key=ContentRevision.SHARED).token


def test_loading_changes_the_content_revision_so_cached_pages_expire():
    ContentRevision.bump_everything()
    token = shared_token()
    load(fixture("01_features.json"))
    assert shared_token() != token


# --- Broken fixtures are refused whole, with a message naming file, object and field --------

VALID_NEW_COMPANY = {
    "model": "frameworks.company",
    "fields": {"name": "Added Before The Error", "slug": "added-before-the-error"},
}


def cell(**fields):
    return {
        "model": "frameworks.featurevalue",
        "fields": {
            "framework": ["django"],
            "feature": ["forms"],
            "support": "yes",
            "text": "Django forms",
            "source_url": "https://docs.djangoproject.com/en/stable/topics/forms/",
            "verified_on": "2026-11-25",
            **fields,
        },
    }


BROKEN = {
    "text longer than its field": (
        [cell(text="x" * 201)],
        "frameworks.featurevalue ['django', 'forms']",
        "field 'text'",
    ),
    "support outside the choices": (
        [cell(support="maybe")],
        "frameworks.featurevalue ['django', 'forms']",
        "field 'support'",
    ),
    "invalid URL": (
        [cell(source_url="docs.djangoproject.com without a scheme")],
        "frameworks.featurevalue ['django', 'forms']",
        "field 'source_url'",
    ),
    "unknown natural key in the object's own key": (
        [cell(framework=["no-such-framework"])],
        "frameworks.featurevalue",
        "field 'framework'",
    ),
    "unknown natural key outside the object's key": (
        [
            {
                "model": "frameworks.feature",
                "fields": {"category": ["no-such-category"], "name": "New", "slug": "new"},
            }
        ],
        "frameworks.feature ['new']",
        "field 'category'",
    ),
    "negative metric": (
        [
            {
                "model": "frameworks.metric",
                "fields": {
                    "framework": ["django"],
                    "kind": "github_stars",
                    "value": -1,
                    "as_of": "2026-11-25",
                    "source_url": "https://github.com/django/django",
                },
            }
        ],
        "frameworks.metric ['django', 'github_stars', '2026-11-25']",
        "field 'value'",
    ),
}


@pytest.mark.parametrize(("objects", "names_object", "names_field"), BROKEN.values(), ids=BROKEN)
def test_broken_fixture_is_refused_whole_with_file_object_and_field_named(
    tmp_path, objects, names_object, names_field
):
    load_seed()
    path = write_fixture(tmp_path, "broken.json", [VALID_NEW_COMPANY, *objects])
    before = snapshot()

    with pytest.raises(CommandError) as error:
        load(path)

    message = str(error.value)
    assert str(path) in message
    assert names_object in message
    assert names_field in message
    assert snapshot() == before
    assert not Company.objects.filter(slug="added-before-the-error").exists()


def test_malformed_json_is_refused_with_the_file_and_position_named(tmp_path):
    load_seed()
    path = tmp_path / "malformed.json"
    path.write_text('[{"model": "frameworks.company", "fields": {"name": "X"}', encoding="utf-8")
    before = snapshot()

    with pytest.raises(CommandError) as error:
        load(path)

    assert str(path) in str(error.value)
    assert "not valid JSON" in str(error.value)
    assert "line 1 column" in str(error.value)
    assert snapshot() == before


def test_one_broken_file_among_good_ones_loads_nothing_at_all(tmp_path):
    broken = write_fixture(tmp_path, "99_broken.json", [cell(support="maybe")])
    before = snapshot()

    with pytest.raises(CommandError):
        load(*SOME_FIXTURES, broken)

    assert snapshot() == before
    assert not Framework.objects.exists()


def test_a_valid_new_fixture_loads_next_to_the_committed_ones(tmp_path):
    load_seed()
    path = write_fixture(tmp_path, "extra.json", [VALID_NEW_COMPANY, cell()])
    load(path)
    assert Company.objects.filter(slug="added-before-the-error").exists()
    added = FeatureValue.objects.get(framework__slug="django", feature__slug="forms")
    assert added.support == SupportLevel.YES


# --- dump_content writes what loaddata reads back -------------------------------------------


@pytest.mark.slow  # loads every committed fixture through the validating loaddata
def test_dump_content_output_loads_back_into_an_empty_database_unchanged(tmp_path):
    load_seed()
    dump = tmp_path / "content.json"
    call_command("dump_content", output=str(dump), verbosity=0)
    counts = {model: model._default_manager.count() for model in CONTENT_MODELS}
    delete_all_content()

    load(dump)

    assert {model: model._default_manager.count() for model in CONTENT_MODELS} == counts
    again = tmp_path / "again.json"
    call_command("dump_content", output=str(again), verbosity=0)
    assert json.loads(again.read_text("utf-8")) == json.loads(dump.read_text("utf-8"))


def test_dump_content_writes_natural_keys_without_primary_keys():
    load_seed()
    out = StringIO()
    call_command("dump_content", stdout=out)
    entries = json.loads(out.getvalue())
    assert entries
    assert all("pk" not in entry for entry in entries)


def delete_all_content():
    # Protected relations first: comparisons hold frameworks, features hold categories.
    for model in CONTENT_MODELS[::-1]:
        model._default_manager.all().delete()
    assert not Feature.objects.exists()
