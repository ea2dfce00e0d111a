"""What the refresh_metrics tests share: a recorded backoff and readers of what a refresh wrote.

The fixtures built on them (`fake_apis`, `api`, `sleeps`, `command_sleeps`, `release_rows`)
are in conftest.py.
"""

from django.utils import timezone

from frameworks.models import FeatureValue, Metric
from frameworks.refresh import refresh_framework

# Every base URL refresh_metrics reads: the tests point them all at the loopback fake.
BASE_URL_SETTINGS = (
    "PYPI_URL",
    "PYPISTATS_URL",
    "GITHUB_API_URL",
    "STACKEXCHANGE_API_URL",
    "NPM_REGISTRY_URL",
    "NPM_DOWNLOADS_URL",
    "RUBYGEMS_URL",
    "PACKAGIST_URL",
    "MAVEN_SEARCH_URL",
    "NUGET_SEARCH_URL",
    "HEX_URL",
    "CRATES_URL",
    "GO_PROXY_URL",
)


class Sleeps(list):
    """Records the backoff instead of waiting for it."""

    def __call__(self, seconds):
        self.append(seconds)


def refresh(framework, client, *, today=None, dry_run=False):
    """{source: Outcome} of one framework's refresh."""
    return {
        outcome.source: outcome
        for outcome in refresh_framework(
            framework=framework, client=client, today=today or timezone.localdate(), dry_run=dry_run
        )
    }


def metric_values(framework):
    return {
        (metric.kind, metric.as_of): metric.value
        for metric in Metric.objects.filter(framework=framework)
    }


def value_of(framework, slug):
    return FeatureValue.objects.get(framework=framework, feature__slug=slug)
