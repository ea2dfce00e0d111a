"""`make run` loads the fixtures into an empty database only: editors' work survives restarts."""

import io
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from frameworks.models import FeatureValue, Framework

pytestmark = pytest.mark.django_db


def load_initial_content():
    out = io.StringIO()
    call_command("load_initial_content", stdout=out, verbosity=0)
    return out.getvalue()


def make_target(name):
    makefile = Path(settings.BASE_DIR, "Makefile").read_text()
    return re.search(rf"^{name}:.*?\n((?:\t.*\n)+)", makefile, re.MULTILINE).group(1)


@pytest.mark.slow  # loads every committed fixture through the validating loaddata
def test_an_empty_database_gets_the_fixtures():
    load_initial_content()
    assert Framework.objects.filter(slug__in=["django", "flask"]).count() == 2


@pytest.mark.slow  # loads every committed fixture through the validating loaddata
def test_a_second_start_keeps_an_edit_made_between_the_two():
    load_initial_content()
    value = FeatureValue.objects.get(framework__slug="flask", feature__slug="forms")
    value.text = "Edited in admin"
    value.save()

    message = load_initial_content()

    value.refresh_from_db()
    assert value.text == "Edited in admin"
    assert "already loaded" in message


def test_make_run_loads_only_into_an_empty_database():
    run = make_target("run")
    assert "load_initial_content" in run
    assert "loaddata" not in run


def test_make_load_says_it_overwrites_before_reloading():
    load = make_target("load")
    assert load.index("overwritten") < load.index("loaddata")
