"""Helpers for admin tests: post what a browser would post, check pages suit the strict CSP."""

import re

import pytest

from tests.factories import make_editor
from tests.secondfactor import sign_in

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/ld\+json)[^>]*>", re.I)
INLINE_STYLE = re.compile(r"<style\b|\sstyle=\"", re.I)
EVENT_HANDLER = re.compile(r"<[^>]+\son[a-z]+=\"", re.I)


def form_data(form):
    """A bound or unbound form's current values, as the browser would submit them."""
    data = {}
    for bound in form:
        value = bound.value()
        if value is None:
            continue
        if isinstance(value, bool):
            if value:
                data[bound.html_name] = "on"
        elif isinstance(value, list | tuple):
            data[bound.html_name] = [str(item) for item in value]
        else:
            data[bound.html_name] = str(value)
    return data


def post_data_from(response):
    """Everything an admin add/change page would post back unchanged: form and inlines."""
    context = response.context
    data = form_data(context["adminform"].form)
    for inline in context.get("inline_admin_formsets", []):
        formset = inline.formset
        data.update(form_data(formset.management_form))
        for form in formset.forms:
            data.update(form_data(form))
    return data


def assert_csp_compatible(html: str):
    """No inline script, style or event handler: the strict CSP would block them."""
    assert not INLINE_SCRIPT.search(html), INLINE_SCRIPT.search(html).group(0)
    assert not INLINE_STYLE.search(html), INLINE_STYLE.search(html).group(0)
    assert not EVENT_HANDLER.search(html), EVENT_HANDLER.search(html).group(0)


def field_row(html: str, name: str) -> str:
    """The admin change form's row of field `name`: its label, input and errors."""
    match = re.search(rf'<div class="form-row[^"]*\bfield-{re.escape(name)}\b[^"]*">', html)
    assert match, f"no form row for {name}"
    end = re.compile(r'<div class="form-row|</fieldset>').search(html, match.end())
    return html[match.start() : end.start()]


def value_row(html: str, prefix: str, index: int) -> str:
    """A row of the framework page's feature values: its fields, their errors, its details."""
    start = html.index(f'id="{prefix}-{index}"')
    end = re.compile(r'<div class="value-row|</section>').search(html, start)
    return html[start : end.start()]


def value_field(html: str, prefix: str, index: int, name: str) -> str:
    """One field of a feature value's row: its input and the errors printed beside it."""
    row = value_row(html, prefix, index)
    start = row.index(f'<div class="value-field value-{name}')
    end = re.compile(r'<div class="value-field|</details>').search(row, start + 1)
    return row[start : end.start() if end else len(row)]


def matrix_field(html: str, input_id: str) -> str:
    """A matrix editor field: its label, its input and the errors printed beside it."""
    start = html.rindex('<div class="matrix-field', 0, html.index(f'id="{input_id}"'))
    return html[start : html.index("</div>", start)]


@pytest.fixture
def editor(db):
    return make_editor()


@pytest.fixture
def editor_client(client, editor):
    return sign_in(client, editor)
