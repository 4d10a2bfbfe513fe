from django.apps import AppConfig


class ExportsConfig(AppConfig):
    name = "exports"
    verbose_name = "Exports and imports"

    def ready(self) -> None:
        from exports.profile import register

        register()
