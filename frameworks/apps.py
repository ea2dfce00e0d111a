from django.apps import AppConfig
from django.db.models.signals import post_migrate


class FrameworksConfig(AppConfig):
    name = "frameworks"
    verbose_name = "Framework content"

    def ready(self):
        from frameworks import signals

        signals.connect_content_signals(self)

        post_migrate.connect(
            signals.create_editors_group_after_migrate,
            sender=self,
            dispatch_uid="frameworks-create-editors-group",
        )
