"""Reads that span several models, each in a fixed number of SQL queries.

One module per page or tool; import them from here (`from frameworks import selectors`):

- `comparison.py`  `comparison_page`: the matrix of 2-4 frameworks, their curated comparison
- `framework.py`   `framework_page`: one framework, its column of the matrix, what to compare
- `lists.py`       `home_page`, `framework_list`, `published_comparisons` (feed, sitemap)
- `profiles.py`    what the comparison and framework pages share: profiles and charts
- `gaps.py`        `content_gaps`: the editors' to-do list (admin → Content gaps)

Every function takes keyword-only, annotated arguments (HackSoft's `user_list(*, filters)`)
and hands back the frozen objects of `frameworks/pages.py`, so templates only print. Rows
are read by name (`values_list(..., named=True)`), never by position. Each page's query
count is fixed whatever the number of frameworks, features and values:
tests/test_selectors.py and tests/test_query_budgets.py hold the budgets.
"""

from frameworks.models import MAX_COMPARED, MIN_COMPARED
from frameworks.selectors.comparison import comparison_page
from frameworks.selectors.framework import COMPARE_LINKS, framework_page
from frameworks.selectors.gaps import content_gaps
from frameworks.selectors.lists import framework_list, home_page, published_comparisons

__all__ = [
    "COMPARE_LINKS",
    "MAX_COMPARED",
    "MIN_COMPARED",
    "comparison_page",
    "content_gaps",
    "framework_list",
    "framework_page",
    "home_page",
    "published_comparisons",
]
