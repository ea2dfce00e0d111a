"""The editors' queue of readers' reports, and each editor's public byline.

A report is what a reader sent: editors never edit it, they close it. "Accept" opens the
value the report is about with the reader's source filled in, and saving it links the
change to the report (`services.accept_report`); "Reject" asks for the reason; "Duplicate"
points to the earlier report on the same cell.
"""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db.models import OuterRef, Subquery
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import Resolver404, path, resolve, reverse
from django.utils.html import format_html

from corrections import services
from corrections.forms import AcceptReportForm, CellChoiceForm, RejectForm
from corrections.models import EditorProfile, ReaderReport
from frameworks.comparepaths import compare_slugs
from frameworks.models import FeatureValue, Framework, SupportLevel

REPORT_FIELDS = [
    "page_link",
    "framework",
    "feature",
    "current_value",
    "what_is_wrong",
    "what_is_right",
    "source_link",
    "email",
    "received_at",
]
OUTCOME_FIELDS = [
    "status",
    "closed_at",
    "closed_by",
    "rejection_reason",
    "duplicate_of",
    "resulting_change",
]


def page_title(page, names):
    """A reader's page as editors call it: "Django vs Flask" for /compare/django-vs-flask/,
    a framework's name for its page; any other path as it is."""
    try:
        match = resolve(page.split("?", 1)[0])
    except Resolver404:
        return page
    slugs = compare_slugs(match.kwargs["slugs"]) if "slugs" in match.kwargs else None
    if slugs:
        return " vs ".join(names.get(slug, slug) for slug in slugs)
    if match.url_name == "framework_detail":
        return names.get(match.kwargs["slug"], match.kwargs["slug"])
    return page


def _cell_value(field):
    return Subquery(
        FeatureValue.objects.filter(
            framework=OuterRef("framework"), feature=OuterRef("feature")
        ).values(field)[:1]
    )


@admin.register(ReaderReport)
class ReaderReportAdmin(admin.ModelAdmin):
    list_display = [
        "received_at",
        "status",
        "framework",
        "feature",
        "current_value",
        "readers_claim",
        "page_link",
    ]
    list_display_links = ["received_at"]
    list_filter = ["status", "framework"]
    list_select_related = ["framework", "feature"]
    search_fields = ["what_is_wrong", "what_is_right", "page", "framework__name", "feature__name"]
    date_hierarchy = "received_at"
    fieldsets = [
        ("The reader’s report", {"fields": REPORT_FIELDS}),
        ("What became of it", {"fields": OUTCOME_FIELDS}),
    ]
    readonly_fields = [*REPORT_FIELDS, *OUTCOME_FIELDS]
    actions = ["accept", "reject", "mark_duplicate"]
    change_form_template = "admin/corrections/readerreport/change_form.html"

    def get_queryset(self, request):
        # The cell's current value beside every report, in the list's one query.
        return (
            super()
            .get_queryset(request)
            .annotate(current_support=_cell_value("support"), current_text=_cell_value("text"))
        )

    def get_urls(self):
        own = [
            path(
                "<path:object_id>/accept/",
                self.admin_site.admin_view(self.accept_view),
                name="corrections_readerreport_accept",
            ),
            path(
                "<path:object_id>/reject/",
                self.admin_site.admin_view(self.reject_view),
                name="corrections_readerreport_reject",
            ),
        ]
        return own + super().get_urls()

    def get_list_display(self, request):
        """The page column names the comparison (one query for every row's names)."""
        names = dict(Framework.objects.values_list("slug", "name"))

        @admin.display(description="page")
        def page(obj):
            return format_html('<a href="{}">{}</a>', obj.page, page_title(obj.page, names))

        return [page if name == "page_link" else name for name in super().get_list_display(request)]

    def has_add_permission(self, request):
        return False  # Reports come from readers, through the correction form.

    def has_delete_permission(self, request, obj=None):
        # An accepted report is part of the public record: the log names it.
        if obj is not None and obj.resulting_change_id is not None:
            return False
        return super().has_delete_permission(request, obj)

    @admin.display(description="current value")
    def current_value(self, obj):
        if obj.framework_id is None or obj.feature_id is None:
            return "—"
        support = getattr(obj, "current_support", None)
        if support is None:
            return "No value yet"
        label = SupportLevel(support).label if support in SupportLevel.values else support
        return f"{label}: {obj.current_text}" if obj.current_text else label

    @admin.display(description="reader’s claim")
    def readers_claim(self, obj):
        return format_html(
            "<strong>Wrong:</strong> {}<br><strong>Right:</strong> {}",
            _excerpt(obj.what_is_wrong),
            _excerpt(obj.what_is_right),
        )

    @admin.display(description="page")
    def page_link(self, obj):
        return format_html('<a href="{}">{}</a>', obj.page, obj.page)

    @admin.display(description="reader’s source")
    def source_link(self, obj):
        if not obj.source_url:
            return "—"
        return format_html(
            '<a href="{}" rel="nofollow noopener">{}</a>', obj.source_url, obj.source_url
        )

    # --- Actions ------------------------------------------------------------------------

    @admin.action(description="Accept: correct the value (one report)", permissions=["change"])
    def accept(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, "Accept one report at a time.", messages.WARNING)
            return None
        return HttpResponseRedirect(self._url("accept", queryset.get()))

    @admin.action(description="Reject, with a reason", permissions=["change"])
    def reject(self, request, queryset):
        form = RejectForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            count = services.reject_reports(
                reports=queryset,
                reason=form.cleaned_data["rejection_reason"],
                user=request.user,
            )
            self.message_user(request, f"Rejected {count} report{'s' if count != 1 else ''}.")
            return None
        return self._reject_page(request, form, reports=queryset, as_action=True)

    @admin.action(description="Mark as duplicates", permissions=["change"])
    def mark_duplicate(self, request, queryset):
        count = services.mark_duplicates(reports=queryset, user=request.user)
        self.message_user(request, f"Marked {count} report{'s' if count != 1 else ''} duplicate.")

    # --- Views --------------------------------------------------------------------------

    def _report(self, request, object_id):
        report = self.get_object(request, unquote(object_id))
        if report is None:
            raise Http404("No such report.")
        if not self.has_change_permission(request, report):
            raise PermissionDenied
        return report

    def _url(self, view, report):
        return reverse(f"admin:corrections_readerreport_{view}", args=[report.pk])

    def _closed(self, request, report):
        self.message_user(request, "This report is already closed.", messages.WARNING)
        return HttpResponseRedirect(self._url("change", report))

    def accept_view(self, request, object_id):
        report = self._report(request, object_id)
        if not report.is_open:
            return self._closed(request, report)
        cell = CellChoiceForm(
            request.GET or {"framework": report.framework_id, "feature": report.feature_id}
        )
        form = None
        if cell.is_valid():
            form = self._accept_form(request, report, **cell.cleaned_data)
            if request.method == "POST" and form.is_valid():
                try:
                    services.accept_report(
                        report=report,
                        value=form.instance,
                        user=request.user,
                        reason=form.cleaned_data["change_reason"],
                    )
                except services.ReportClosed:
                    return self._closed(request, report)
                self.message_user(
                    request, "Value corrected; the public change log names the reader’s report."
                )
                return HttpResponseRedirect(reverse("admin:corrections_readerreport_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "title": "Accept the report: correct the value",
            "opts": self.opts,
            "report": report,
            "cell": cell,
            "form": form,
            "current": form.instance if form is not None and form.instance.pk else None,
        }
        return TemplateResponse(request, "admin/corrections/readerreport/accept.html", context)

    def _accept_form(self, request, report, *, framework, feature):
        value = FeatureValue.objects.filter(framework=framework, feature=feature).first()
        needed = "frameworks.change_featurevalue" if value else "frameworks.add_featurevalue"
        if not request.user.has_perm(needed):
            raise PermissionDenied
        initial = {"source_url": report.source_url} if report.source_url else {}
        return AcceptReportForm(
            request.POST if request.method == "POST" else None,
            instance=value or FeatureValue(),
            initial=initial,
            framework=framework,
            feature=feature,
        )

    def reject_view(self, request, object_id):
        report = self._report(request, object_id)
        if not report.is_open:
            return self._closed(request, report)
        form = RejectForm(request.POST or None)
        if form.is_valid():
            services.reject_reports(
                reports=[report], reason=form.cleaned_data["rejection_reason"], user=request.user
            )
            self.message_user(request, "Report rejected.")
            return HttpResponseRedirect(reverse("admin:corrections_readerreport_changelist"))
        return self._reject_page(request, form, reports=[report], as_action=False)

    def _reject_page(self, request, form, *, reports, as_action):
        context = {
            **self.admin_site.each_context(request),
            "title": "Reject reports",
            "opts": self.opts,
            "form": form,
            "reports": list(reports),
            "as_action": as_action,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/corrections/readerreport/reject.html", context)


def _excerpt(text, length=160):
    return text if len(text) <= length else text[: length - 1] + "…"


@admin.register(EditorProfile)
class EditorProfileAdmin(admin.ModelAdmin):
    """Each editor edits their own byline; administrators see everyone's."""

    list_display = ["__str__", "user"]
    search_fields = ["byline", "user__username"]

    def get_queryset(self, request):
        profiles = super().get_queryset(request).select_related("user")
        return profiles if request.user.is_superuser else profiles.filter(user=request.user)

    def get_fields(self, request, obj=None):
        return ["user", "byline"] if request.user.is_superuser else ["byline"]

    def has_add_permission(self, request):
        if not super().has_add_permission(request):
            return False
        return (
            request.user.is_superuser
            or not EditorProfile.objects.filter(user=request.user).exists()
        )

    def save_model(self, request, obj, form, change):
        if not request.user.is_superuser:
            obj.user = request.user
        super().save_model(request, obj, form, change)

    def changelist_view(self, request, extra_context=None):
        """An editor goes straight to their own byline (or to choosing one)."""
        if request.user.is_superuser:
            return super().changelist_view(request, extra_context)
        own = EditorProfile.objects.filter(user=request.user).first()
        if own is None:
            return HttpResponseRedirect(reverse("admin:corrections_editorprofile_add"))
        return HttpResponseRedirect(
            reverse("admin:corrections_editorprofile_change", args=[own.pk])
        )
