"""Rows that mean the same in every language, and a package on any language's registry.

"Supported Python versions" becomes "Runtime versions" (its Python values now name Python),
"Type hints" becomes "Static typing"; every value stays on its row. A framework's PyPI
project becomes a package on a named registry.
"""

from django.db import migrations, models

RENAMED_FEATURES = {
    # old slug: (new slug, new name, description)
    "python-versions": (
        "runtime-versions",
        "Runtime versions",
        "The versions of the language runtime (Python, Ruby, PHP, Node.js, Java, .NET, "
        "Elixir, Go, Rust…) that the latest release supports, from its package metadata.",
    ),
    "type-hints": (
        "static-typing",
        "Static typing",
        "Whether a type checker can check your code against the framework’s API: a statically "
        "typed language, or types the framework ships for a dynamic one (a py.typed package, "
        "TypeScript declarations).",
    ),
}


def rename_rows(apps, schema_editor):
    Feature = apps.get_model("frameworks", "Feature")
    FeatureValue = apps.get_model("frameworks", "FeatureValue")
    for old_slug, (slug, name, description) in RENAMED_FEATURES.items():
        Feature.objects.filter(slug=old_slug).update(slug=slug, name=name, description=description)
    for value in FeatureValue.objects.filter(feature__slug="runtime-versions"):
        if value.text and not value.text.startswith("Python"):
            value.text = f"Python {value.text}"
            value.save(update_fields=["text"])


def rename_rows_back(apps, schema_editor):
    Feature = apps.get_model("frameworks", "Feature")
    FeatureValue = apps.get_model("frameworks", "FeatureValue")
    for old_slug, (slug, _name, _description) in RENAMED_FEATURES.items():
        old_name = {"python-versions": "Supported Python versions", "type-hints": "Type hints"}
        Feature.objects.filter(slug=slug).update(slug=old_slug, name=old_name[old_slug])
    for value in FeatureValue.objects.filter(feature__slug="python-versions"):
        value.text = value.text.removeprefix("Python ")
        value.save(update_fields=["text"])


def pypi_projects_to_packages(apps, schema_editor):
    for model_name in ("Framework", "HistoricalFramework"):
        apps.get_model("frameworks", model_name).objects.exclude(pypi_project="").update(
            package_registry="pypi", package_name=models.F("pypi_project")
        )


def packages_to_pypi_projects(apps, schema_editor):
    for model_name in ("Framework", "HistoricalFramework"):
        apps.get_model("frameworks", model_name).objects.filter(package_registry="pypi").update(
            pypi_project=models.F("package_name")
        )


class Migration(migrations.Migration):
    dependencies = [("frameworks", "0019_names_sort_whatever_their_case")]

    operations = [
        migrations.AddField(
            model_name="framework",
            name="package_name",
            field=models.CharField(
                blank=True,
                help_text="As the registry names it: flask, express, laravel/framework, org.springframework.boot:spring-boot, github.com/gin-gonic/gin.",
                max_length=140,
                verbose_name="package",
            ),
        ),
        migrations.AddField(
            model_name="framework",
            name="package_registry",
            field=models.CharField(
                blank=True,
                choices=[
                    ("pypi", "PyPI (Python)"),
                    ("npm", "npm (JavaScript, TypeScript)"),
                    ("rubygems", "RubyGems (Ruby)"),
                    ("packagist", "Packagist (PHP)"),
                    ("maven", "Maven Central (Java, Kotlin)"),
                    ("nuget", "NuGet (.NET)"),
                    ("hex", "Hex (Elixir, Erlang)"),
                    ("crates", "crates.io (Rust)"),
                    ("go", "Go modules"),
                ],
                help_text="Where its releases are published.",
                max_length=10,
                verbose_name="package registry",
            ),
        ),
        migrations.AddField(
            model_name="historicalframework",
            name="package_name",
            field=models.CharField(
                blank=True,
                help_text="As the registry names it: flask, express, laravel/framework, org.springframework.boot:spring-boot, github.com/gin-gonic/gin.",
                max_length=140,
                verbose_name="package",
            ),
        ),
        migrations.AddField(
            model_name="historicalframework",
            name="package_registry",
            field=models.CharField(
                blank=True,
                choices=[
                    ("pypi", "PyPI (Python)"),
                    ("npm", "npm (JavaScript, TypeScript)"),
                    ("rubygems", "RubyGems (Ruby)"),
                    ("packagist", "Packagist (PHP)"),
                    ("maven", "Maven Central (Java, Kotlin)"),
                    ("nuget", "NuGet (.NET)"),
                    ("hex", "Hex (Elixir, Erlang)"),
                    ("crates", "crates.io (Rust)"),
                    ("go", "Go modules"),
                ],
                help_text="Where its releases are published.",
                max_length=10,
                verbose_name="package registry",
            ),
        ),
        migrations.RunPython(pypi_projects_to_packages, packages_to_pypi_projects),
        migrations.RemoveField(
            model_name="framework",
            name="pypi_project",
        ),
        migrations.RemoveField(
            model_name="historicalframework",
            name="pypi_project",
        ),
        migrations.AddConstraint(
            model_name="framework",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("package_name", ""),
                    models.Q(("package_registry", ""), _negated=True),
                    _connector="OR",
                ),
                name="frameworks_framework_package_names_its_registry",
            ),
        ),
        migrations.AddConstraint(
            model_name="framework",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("package_registry", ""),
                    (
                        "package_registry__in",
                        [
                            "pypi",
                            "npm",
                            "rubygems",
                            "packagist",
                            "maven",
                            "nuget",
                            "hex",
                            "crates",
                            "go",
                        ],
                    ),
                    _connector="OR",
                ),
                name="frameworks_framework_package_registry_valid",
            ),
        ),
        migrations.RunPython(rename_rows, rename_rows_back),
    ]
