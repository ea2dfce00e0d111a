"""The Content gaps page (/admin/tools/gaps/): what is missing and what is stale.

The reads are `frameworks.selectors.content_gaps`; the staleness rules are QuerySet methods
of the models. The URL is served by `comparator.admin`.
"""

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse

from frameworks import selectors
from frameworks.models import REFRESH_MAX_AGE, REVIEW_INTERVAL, Framework
from frameworks.selectors.gaps import SHOWN_VALUES_LIMIT


def content_gaps_view(request, *, admin_site):
    if not request.user.has_perm("frameworks.view_framework"):
        raise PermissionDenied
    context = {
        **admin_site.each_context(request),
        "title": "Content gaps",
        "opts": Framework._meta,
        "gaps": selectors.content_gaps(),
        "review_days": REVIEW_INTERVAL.days,
        "metrics_max_age_days": REFRESH_MAX_AGE.days,
        "shown_values_limit": SHOWN_VALUES_LIMIT,
        "can_edit_matrix": request.user.has_perm("frameworks.change_featurevalue"),
    }
    return TemplateResponse(request, "admin/frameworks/content_gaps.html", context)
