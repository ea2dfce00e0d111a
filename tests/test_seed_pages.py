"""The committed content, loaded from fixtures/, as readers see it."""

import pytest
from django.utils.html import escape

from frameworks.models import Comparison, FeatureValue, Framework
from tests.html_audit import assert_page_quality, audit_html

# Every test here only reads the committed content: load it once.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seed_module")]


def test_home_reaches_django_vs_flask_in_one_click(client):
    audit = audit_html(client.get("/").content)

    links = [attrs.get("href") for tag, attrs in audit.tags if tag == "a"]
    assert "/compare/django-vs-flask/" in links[links.index("#main") + 1 :]


def test_django_vs_flask_shows_every_fact_of_the_seed_article(client):
    response = client.get("/compare/django-vs-flask/")

    assert response.status_code == 200
    assert_page_quality(response.content)
    html = response.content.decode()
    frameworks = Framework.objects.filter(slug__in=["django", "flask"])
    expected = []
    for framework in frameworks:
        expected += [framework.original_authors, str(framework.first_release_year)]
        expected += [pro.text for pro in framework.pros.all()]
        expected += [con.text for con in framework.cons.all()]
        expected += [use_case.text for use_case in framework.use_cases.all()]
        expected += [adoption.company.name for adoption in framework.adoptions.all()]
        expected += [f"{metric.value:,}" for metric in framework.metrics.all()]
    for value in FeatureValue.objects.filter(framework__in=frameworks):
        expected += [value.feature.name, value.text, value.note]
    comparison = Comparison.objects.get(slug="flask-vs-django")
    expected += [comparison.author, comparison.fact_checker]
    expected += [entry.question for entry in comparison.faq.all()]
    missing = [text for text in expected if text and escape(text) not in html]
    assert missing == []


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/frameworks/",
        "/frameworks/django/",
        "/frameworks/flask/",
        "/compare/django-vs-flask/?only=differences",
        "/compare/django-vs-fastapi-vs-flask-vs-pyramid/",
    ],
)
def test_seed_pages_pass_the_html_audit(client, url):
    response = client.get(url)

    assert response.status_code == 200
    assert_page_quality(response.content)


def test_every_published_framework_has_a_page(client):
    for framework in Framework.objects.published():
        assert client.get(framework.get_absolute_url()).status_code == 200
