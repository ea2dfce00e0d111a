"""How each framework's last metric refresh went, per source: read-only, for editors to see
why a figure is old (Content gaps links here where a refresh failed)."""

from django.contrib import admin

from frameworks.models import MetricRefresh


@admin.register(MetricRefresh)
class MetricRefreshAdmin(admin.ModelAdmin):
    list_display = ["framework", "source", "status", "refreshed_at", "succeeded_at", "message"]
    list_filter = ["status", "source", "framework"]
    list_select_related = ["framework"]
    search_fields = ["framework__name", "message"]
    date_hierarchy = "refreshed_at"
    fields = ["framework", "source", "status", "message", "refreshed_at", "succeeded_at", "etag"]
    readonly_fields = fields

    # Written by refresh_metrics only: what it found is not for editing.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
