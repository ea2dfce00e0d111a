"""Production static files: hashed names from collectstatic, a year's immutable lifetime."""

import re

import pytest

from tests.servers import base_env, fetch, gunicorn, manage

pytestmark = pytest.mark.slow

ONE_YEAR = 365 * 24 * 60 * 60


def test_hashed_static_files_are_served_immutable_for_a_year(tmp_path, migrated_templates):
    env = base_env(
        DATABASE_URL=migrated_templates.sqlite_database(tmp_path),
        DJANGO_STATIC_ROOT=str(tmp_path / "static"),
        DJANGO_STATICFILES_STORAGE="whitenoise.storage.CompressedManifestStaticFilesStorage",
    )
    manage(env, "collectstatic", "--no-input")
    with gunicorn(env) as url:
        status, _, page = fetch(f"{url}/")
        assert status == 200
        stylesheet = re.search(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"', page)
        assert stylesheet, "the page links the hashed stylesheet"
        status, headers, _ = fetch(url + stylesheet.group(1), {"Accept-Encoding": "gzip"})
        assert status == 200
        assert headers["Cache-Control"] == f"max-age={ONE_YEAR}, public, immutable"
        assert headers.get("Content-Encoding") == "gzip"
