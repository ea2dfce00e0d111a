"""Admin actions on frameworks and curated comparisons: publishing and review stamps."""

from urllib.parse import urlencode

from django.contrib import admin, messages
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.text import capfirst

from frameworks import services


def _counted(queryset, count):
    opts = queryset.model._meta
    return f"{count} {opts.verbose_name if count == 1 else opts.verbose_name_plural}"


@admin.action(description="Publish selected %(verbose_name_plural)s", permissions=["change"])
def publish(modeladmin, request, queryset):
    count = services.publish(items=queryset, user=request.user)
    modeladmin.message_user(
        request, f"{capfirst(_counted(queryset, count))} published.", messages.SUCCESS
    )


@admin.action(
    description="Unpublish selected %(verbose_name_plural)s (back to draft)",
    permissions=["change"],
)
def unpublish(modeladmin, request, queryset):
    count = services.unpublish(items=queryset, user=request.user)
    modeladmin.message_user(
        request, f"{capfirst(_counted(queryset, count))} back to draft.", messages.SUCCESS
    )


@admin.action(description="Mark as reviewed by me", permissions=["change"])
def mark_reviewed(modeladmin, request, queryset):
    count = services.mark_reviewed(items=queryset, user=request.user)
    modeladmin.message_user(
        request,
        f"{capfirst(_counted(queryset, count))} marked as reviewed by "
        f"{services.reviewer_name(request.user)}.",
        messages.SUCCESS,
    )


@admin.action(description="Edit selected in the matrix editor", permissions=["change"])
def open_in_matrix_editor(modeladmin, request, queryset):
    pks = list(queryset.values_list("pk", flat=True))
    if len(pks) < 2:
        modeladmin.message_user(
            request, "Choose at least two frameworks for the matrix editor.", messages.WARNING
        )
        return None
    query = urlencode({"frameworks": pks}, doseq=True)
    return HttpResponseRedirect(f"{reverse('admin:matrix_editor')}?{query}")
