from django.apps import AppConfig
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


class StudyConfig(AppConfig):
    name = "study"
    verbose_name = "Study"

    def ready(self) -> None:
        from study import (
            receivers,  # noqa: F401  (connects signal receivers)
            tasks,
        )
        from study.review import receivers as review_receivers
        from study.review.progress import register as register_review_progress

        review_receivers.connect()
        register_review_progress()  # the study-progress part of the profile page

        name = settings.READMARK_TASK_BACKEND
        if name not in tasks.BACKENDS and "." not in name:
            raise ImproperlyConfigured(
                f"READMARK_TASK_BACKEND={name!r} is not one of: {', '.join(tasks.BACKENDS)}."
            )
        if tasks.serving():
            tasks.start_embedded_worker()
