"""The project's admin site, and the one room of the editors' site-wide tools.

This module owns the tools' URLs. `ComparatorAdminSite` replaces Django's default site
(`comparator.apps.ComparatorAdminConfig`, as Django's docs override the default admin site)
and serves the tools beside the models:

    /admin/tools/matrix/   admin:matrix_editor   frameworks/admin/matrix.py
    /admin/tools/gaps/     admin:content_gaps    frameworks/admin/gaps.py

Every admin page asks for the second factor first (comparator/secondfactor.py): a staff
user signed in with a password alone is sent to it, or to enrolment, and reaches nothing else.

A tool's view lives in its own module; the reads behind it are selectors
(`frameworks.selectors.gaps`), its writes are services. Links to the tools are in one
include, templates/admin/includes/_tools.html, shown on the admin index and the changelists
of frameworks and feature values.
"""

from django.conf import settings
from django.contrib import admin
from django.contrib.auth.views import LogoutView
from django.shortcuts import redirect
from django.urls import path

from comparator import secondfactor


class ComparatorAdminSite(admin.AdminSite):
    site_header = f"{settings.SITE_NAME} administration"
    site_title = f"{settings.SITE_NAME} admin"
    index_title = "Content and editors"

    def has_permission(self, request):
        return super().has_permission(request) and secondfactor.passed(request)

    def login(self, request, extra_context=None):
        """The password, then the second factor: a staff user whose password was right (now,
        or earlier in this session) goes on to the code, never straight to admin."""
        if request.method == "GET" and secondfactor.awaits_second_factor(request):
            return redirect(secondfactor.step_url(request, request.GET.get("next", "")))
        response = super().login(request, extra_context)
        if request.method == "POST" and secondfactor.awaits_second_factor(request):
            return redirect(secondfactor.step_url(request, request.POST.get("next", "")))
        return response

    def get_urls(self):
        from frameworks.admin import gaps, matrix

        second_factor = [
            path(
                "second-factor/",
                lambda request: secondfactor.verify_view(request, admin_site=self),
                name="second_factor",
            ),
            path(
                "second-factor/enrol/",
                lambda request: secondfactor.enrol_view(request, admin_site=self),
                name="second_factor_enrol",
            ),
            path(
                "second-factor/sign-out/",
                LogoutView.as_view(next_page="admin:login"),
                name="second_factor_sign_out",
            ),
        ]
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
        return second_factor + tools + super().get_urls()
