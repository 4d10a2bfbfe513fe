from django.apps import AppConfig


class ReaderConfig(AppConfig):
    name = "reader"
    verbose_name = "Reader"

    def ready(self) -> None:
        from reader.progress import receivers  # noqa: F401  (connects signal receivers)
