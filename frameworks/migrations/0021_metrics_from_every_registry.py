"""Metrics from every language's registry: download figures say what they count.

“PyPI downloads per month” becomes “Downloads per month” (value `monthly_downloads`), which
every registry that counts a month's downloads writes to (PyPI through pypistats, npm,
Packagist); “Downloads in all” and “Downloads in the last 90 days” are new. Every stored PyPI
point, and its history, keeps its value, date and source under the new name. The sources gain
the registries' APIs.

Backwards, the monthly points of PyPI frameworks get their old name back; the points and
refresh states that only the new registries wrote have no place in the old schema and go.
"""

from django.db import migrations, models

OLD_KIND = "pypi_monthly_downloads"
NEW_KIND = "monthly_downloads"
NEW_KINDS = ("total_downloads", "downloads_last_90_days")
OLD_SOURCES = ("pypi", "pypistats", "github", "stackexchange")


def rename_pypi_downloads(apps, schema_editor):
    for model_name in ("Metric", "HistoricalMetric"):
        apps.get_model("frameworks", model_name).objects.filter(kind=OLD_KIND).update(kind=NEW_KIND)


def rename_pypi_downloads_back(apps, schema_editor):
    for model_name in ("Metric", "HistoricalMetric"):
        metrics = apps.get_model("frameworks", model_name).objects
        metrics.filter(kind__in=NEW_KINDS).delete()
        pypi = metrics.filter(kind=NEW_KIND, framework__package_registry="pypi")
        pypi.update(kind=OLD_KIND)
        metrics.filter(kind=NEW_KIND).delete()
    MetricRefresh = apps.get_model("frameworks", "MetricRefresh")
    MetricRefresh.objects.exclude(source__in=OLD_SOURCES).delete()


class Migration(migrations.Migration):
    dependencies = [("frameworks", "0020_rows_for_every_language")]

    operations = [
        migrations.RemoveConstraint(
            model_name="metric",
            name="frameworks_metric_kind_valid",
        ),
        migrations.RemoveConstraint(
            model_name="metricrefresh",
            name="frameworks_metricrefresh_source_valid",
        ),
        migrations.RunPython(rename_pypi_downloads, rename_pypi_downloads_back),
        migrations.AlterField(
            model_name="historicalmetric",
            name="kind",
            field=models.CharField(
                choices=[
                    ("github_stars", "GitHub stars"),
                    ("stackoverflow_questions", "Stack Overflow questions"),
                    ("monthly_downloads", "Downloads per month"),
                    ("total_downloads", "Downloads in all"),
                    ("downloads_last_90_days", "Downloads in the last 90 days"),
                    ("contributors", "Contributors"),
                ],
                max_length=32,
                verbose_name="metric",
            ),
        ),
        migrations.AlterField(
            model_name="metric",
            name="kind",
            field=models.CharField(
                choices=[
                    ("github_stars", "GitHub stars"),
                    ("stackoverflow_questions", "Stack Overflow questions"),
                    ("monthly_downloads", "Downloads per month"),
                    ("total_downloads", "Downloads in all"),
                    ("downloads_last_90_days", "Downloads in the last 90 days"),
                    ("contributors", "Contributors"),
                ],
                max_length=32,
                verbose_name="metric",
            ),
        ),
        migrations.AlterField(
            model_name="metricrefresh",
            name="source",
            field=models.CharField(
                choices=[
                    ("pypi", "PyPI"),
                    ("pypistats", "pypistats"),
                    ("github", "GitHub"),
                    ("stackexchange", "Stack Exchange"),
                    ("npm", "npm registry"),
                    ("npm_downloads", "npm downloads"),
                    ("rubygems", "RubyGems"),
                    ("gem_versions", "RubyGems versions"),
                    ("packagist", "Packagist"),
                    ("maven", "Maven Central"),
                    ("nuget", "NuGet"),
                    ("hex", "Hex"),
                    ("crates", "crates.io"),
                    ("goproxy", "Go module proxy"),
                ],
                max_length=16,
                verbose_name="source",
            ),
        ),
        migrations.AddConstraint(
            model_name="metric",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    (
                        "kind__in",
                        [
                            "github_stars",
                            "stackoverflow_questions",
                            "monthly_downloads",
                            "total_downloads",
                            "downloads_last_90_days",
                            "contributors",
                        ],
                    )
                ),
                name="frameworks_metric_kind_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="metricrefresh",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    (
                        "source__in",
                        [
                            "pypi",
                            "pypistats",
                            "github",
                            "stackexchange",
                            "npm",
                            "npm_downloads",
                            "rubygems",
                            "gem_versions",
                            "packagist",
                            "maven",
                            "nuget",
                            "hex",
                            "crates",
                            "goproxy",
                        ],
                    )
                ),
                name="frameworks_metricrefresh_source_valid",
            ),
        ),
    ]
