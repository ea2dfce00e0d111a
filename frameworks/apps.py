from django.apps import AppConfig


class FrameworksConfig(AppConfig):
    name = "frameworks"
    verbose_name = "Framework content"

    def ready(self):
        from frameworks import signals

        signals.connect_content_signals()
