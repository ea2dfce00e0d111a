from django.apps import AppConfig


class CorrectionsConfig(AppConfig):
    name = "corrections"
    verbose_name = "Corrections and change log"

    def ready(self):
        from corrections import signals

        signals.connect_byline_signals()
