from django.apps import AppConfig


class ReadmarkConfig(AppConfig):
    name = "readmark"
    verbose_name = "Readmark"
