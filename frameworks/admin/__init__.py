"""Django admin for Comparator's editors.

- `matrix.py`, `gaps.py`  the views of the editors' tools, whose URLs (/admin/tools/…) the
  admin site in comparator/admin.py owns
- `content.py`  a ModelAdmin per content model; `inlines.py`, `filters.py`, `actions.py`,
  `history.py` their parts
- `refreshes.py`  the metric refreshes' outcomes, read-only

Importing the package registers every ModelAdmin with the admin site.
"""

from frameworks.admin import content, refreshes  # noqa: F401  (registers the ModelAdmins)
