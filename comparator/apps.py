from django.contrib.admin.apps import AdminConfig


class ComparatorAdminConfig(AdminConfig):
    """Django's admin with our site, which serves the editors' tools (comparator/admin.py)."""

    default_site = "comparator.admin.ComparatorAdminSite"

    def ready(self):
        super().ready()
        from comparator import secondfactor  # noqa: F401 (connects its signal receivers)
