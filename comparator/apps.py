from django.contrib.admin.apps import AdminConfig


class ComparatorAdminConfig(AdminConfig):
    """Django's admin with our site, which serves the editors' tools (comparator/admin.py)."""

    default_site = "comparator.admin.ComparatorAdminSite"
