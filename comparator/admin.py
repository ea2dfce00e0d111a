"""The project's admin site, and the one room of the editors' site-wide tools.

This module owns the tools' URLs. `ComparatorAdminSite` replaces Django's default site
(`comparator.apps.ComparatorAdminConfig`, as Django's docs override the default admin site)
and serves the tools beside the models:

    /admin/tools/matrix/   admin:matrix_editor   frameworks/admin/matrix.py
    /admin/tools/gaps/     admin:content_gaps    frameworks/admin/gaps.py

A tool's view lives in its own module; the reads behind it are selectors
(`frameworks.selectors.gaps`), its writes are services. Links to the tools are in one
include, templates/admin/includes/_tools.html, shown on the admin index and the changelists
of frameworks and feature values.
"""

from django.conf import settings
from django.contrib import admin
from django.urls import path


class ComparatorAdminSite(admin.AdminSite):
    site_header = f"{settings.SITE_NAME} administration"
    site_title = f"{settings.SITE_NAME} admin"
    index_title = "Content and editors"

    def get_urls(self):
        from frameworks.admin import gaps, matrix

        tools = [
            path(
                "tools/matrix/",
                self.admin_view(lambda request: matrix.matrix_editor(request, admin_site=self)),
                name="matrix_editor",
            ),
            path(
                "tools/gaps/",
                self.admin_view(lambda request: gaps.content_gaps_view(request, admin_site=self)),
                name="content_gaps",
            ),
        ]
        return tools + super().get_urls()
