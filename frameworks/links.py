"""The correction form's address, the one place it is built.

It lives in the lower app, frameworks, because the comparison table's cells (printed by
frameworks/templatetags/comparison_matrix.py) link to it and frameworks never imports the
corrections app: the form is named by its URL name only. Templates call it through the
`report_mistake_url` tag of corrections_tags.
"""

from urllib.parse import urlencode

from django.urls import reverse


def report_url(page, *, feature="", framework=""):
    """The correction form for `page` (a path), pre-filled with a cell when given one.

    `feature` and `framework` are slugs.
    """
    params = {"page": page}
    if feature:
        params["feature"] = feature
    if framework:
        params["framework"] = framework
    return f"{reverse('corrections:report_new')}?{urlencode(params)}"
