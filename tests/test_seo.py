"""What search engines and feed readers get: sitemaps, robots.txt, the Atom feed, metadata."""

import datetime
import math
import xml.etree.ElementTree as ET

import pytest

from frameworks import sitemaps
from frameworks.sitemaps import FrameworkPairs
from tests.factories import make_comparison, make_framework
from tests.html_audit import audit_html

pytestmark = pytest.mark.django_db

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
ATOM_NS = {"a": "http://www.w3.org/2005/Atom"}


@pytest.fixture
def frameworks():
    django = make_framework(name="Django", slug="django")
    flask = make_framework(name="Flask", slug="flask")
    bottle = make_framework(name="Bottle", slug="bottle")
    make_framework(name="Secret", slug="secret", is_published=False)
    return django, flask, bottle


def locations(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/xml")
    return [node.text for node in ET.fromstring(response.content).findall(".//s:loc", SITEMAP_NS)]


# --- Sitemaps ------------------------------------------------------------------------------


def test_sitemap_index_lists_every_section(client, frameworks):
    sections = locations(client, "/sitemap.xml")

    assert sections == [
        "http://testserver/sitemap-pages.xml",
        "http://testserver/sitemap-languages.xml",
        "http://testserver/sitemap-frameworks.xml",
        "http://testserver/sitemap-features.xml",
        "http://testserver/sitemap-comparisons.xml",
        "http://testserver/sitemap-pairs.xml",
    ]


def test_sitemap_lists_published_frameworks(client, frameworks):
    assert locations(client, "/sitemap-frameworks.xml") == [
        "http://testserver/frameworks/bottle/",
        "http://testserver/frameworks/django/",
        "http://testserver/frameworks/flask/",
    ]


def test_sitemap_lists_each_published_languages_list_once(client, frameworks):
    make_framework(name="Rails", slug="rails", language="Ruby")
    make_framework(name="Sinatra", slug="sinatra", language="Ruby")
    make_framework(name="Secret Go", slug="secret-go", language="Go", is_published=False)

    assert locations(client, "/sitemap-languages.xml") == [
        "http://testserver/frameworks/?language=Python",
        "http://testserver/frameworks/?language=Ruby",
    ]


def test_sitemap_lists_published_curated_comparisons(client, frameworks):
    django, flask, bottle = frameworks
    make_comparison([flask, django], title="Shown")
    make_comparison([bottle, django], title="Draft", is_published=False)

    assert locations(client, "/sitemap-comparisons.xml") == [
        "http://testserver/compare/django-vs-flask/"
    ]


def test_sitemap_lists_every_pair_of_published_frameworks_by_canonical_url(client, frameworks):
    assert locations(client, "/sitemap-pairs.xml") == [
        "http://testserver/compare/bottle-vs-django/",
        "http://testserver/compare/bottle-vs-flask/",
        "http://testserver/compare/django-vs-flask/",
    ]


def test_pairs_sitemap_is_split_into_pages(client, frameworks, monkeypatch):
    monkeypatch.setattr(sitemaps.PairSitemap, "limit", 2)

    index = locations(client, "/sitemap.xml")

    assert "http://testserver/sitemap-pairs.xml?p=2" in index
    assert len(locations(client, "/sitemap-pairs.xml?p=1")) == 2
    assert locations(client, "/sitemap-pairs.xml?p=2") == [
        "http://testserver/compare/django-vs-flask/"
    ]
    assert client.get("/sitemap-pairs.xml?p=3").status_code == 404
    assert client.get("/sitemap-pairs.xml?p=abc").status_code == 404
    assert client.get("/sitemap-nope.xml").status_code == 404


def test_pairs_of_500_frameworks_are_sliced_without_building_the_whole_list():
    updated = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    pairs = FrameworkPairs((f"f{n:03d}", updated) for n in range(500))

    assert len(pairs) == math.comb(500, 2) == 124_750
    pages = math.ceil(len(pairs) / sitemaps.PAIRS_PER_PAGE)
    last = pairs[(pages - 1) * sitemaps.PAIRS_PER_PAGE : len(pairs)]
    assert last[-1] == ("/compare/f498-vs-f499/", updated)
    assert pairs[0:1] == [("/compare/f000-vs-f001/", updated)]


# --- robots.txt and feed -------------------------------------------------------------------


def test_robots_txt_points_at_the_sitemap(client):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


def test_feed_is_atom_with_curated_comparisons_newest_update_first(client, frameworks):
    django, flask, bottle = frameworks
    make_comparison([django, flask], title="Older", updated_on=datetime.date(2026, 2, 1))
    make_comparison([bottle, flask], title="Newer", updated_on=datetime.date(2026, 5, 1))
    make_comparison([bottle, django], title="Draft", is_published=False)

    response = client.get("/feed/")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    entries = feed.findall("a:entry", ATOM_NS)
    assert [entry.find("a:title", ATOM_NS).text for entry in entries] == ["Newer", "Older"]
    assert entries[0].find("a:link", ATOM_NS).get("href") == (
        "http://testserver/compare/bottle-vs-flask/"
    )
    assert entries[0].find("a:updated", ATOM_NS).text.startswith("2026-05-01")
    assert feed.find("a:updated", ATOM_NS).text.startswith("2026-05-01")


def test_feed_leaves_out_comparisons_with_draft_frameworks(client, frameworks):
    django, _, _ = frameworks
    secret = make_framework(name="Hidden", slug="hidden", is_published=False)
    make_comparison([django, secret], title="Includes a draft")

    assert b"Includes a draft" not in client.get("/feed/").content


def test_feed_summary_escapes_editors_text(client, frameworks):
    django, flask, _ = frameworks
    make_comparison([django, flask], intro="<script>alert(1)</script>")

    feed = ET.fromstring(client.get("/feed/").content)

    summary = feed.find("a:entry/a:summary", ATOM_NS)
    assert summary.get("type") == "html"
    assert summary.text == "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"


def test_every_page_links_the_feed(client, frameworks):
    audit = audit_html(client.get("/").content)

    assert any(
        link.get("rel") == "alternate" and link.get("type") == "application/atom+xml"
        for link in audit.links
    )


# --- Page metadata -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        ("/", "http://testserver/"),
        ("/frameworks/", "http://testserver/frameworks/"),
        ("/frameworks/?q=dj", "http://testserver/frameworks/"),
        ("/frameworks/django/", "http://testserver/frameworks/django/"),
        ("/compare/django-vs-flask/", "http://testserver/compare/django-vs-flask/"),
    ],
)
def test_pages_name_their_canonical_url_and_open_graph_data(client, frameworks, url, canonical):
    audit = audit_html(client.get(url).content)

    assert audit.link_href("canonical") == canonical
    assert audit.meta["og:url"] == canonical
    assert audit.meta["og:site_name"] == "Comparator"
    assert audit.meta["og:title"] == audit.title
    assert audit.meta["og:description"] == audit.meta["description"]


def test_comparison_description_sums_up_the_page(client, frameworks):
    audit = audit_html(client.get("/compare/django-vs-flask/").content)

    assert audit.meta["description"].startswith("Django and Flask compared side by side")


def test_curated_comparison_description_is_its_intro_cut_short(client, frameworks):
    django, flask, _ = frameworks
    make_comparison([django, flask], intro="A long introduction. " * 20)

    description = audit_html(client.get("/compare/django-vs-flask/").content).meta["description"]

    assert description.startswith("A long introduction.")
    assert len(description) <= 160


def test_json_ld_of_the_framework_page_describes_the_software(client, frameworks):
    audit = audit_html(client.get("/frameworks/django/").content)

    (data,) = audit.json_ld
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "SoftwareApplication"
    assert data["url"] == "http://testserver/frameworks/django/"
