"""The readers' reports count on the admin home (admin templates only)."""

from django import template
from django.db.models import Count, Q

from corrections.models import ReaderReport, ReportStatus

register = template.Library()


@register.inclusion_tag("admin/corrections/_queue_link.html", takes_context=True)
def reports_queue_link(context):
    """A link to the queue with its counts: one query, for editors who may see reports."""
    user = context["request"].user
    if not user.has_perm("corrections.view_readerreport"):
        return {"visible": False}
    counts = ReaderReport.objects.aggregate(
        new=Count("pk", filter=Q(status=ReportStatus.NEW)),
        accepted=Count("pk", filter=Q(status=ReportStatus.ACCEPTED)),
    )
    return {"visible": True, **counts}
