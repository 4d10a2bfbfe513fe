from django.apps import AppConfig


class AnnotationsConfig(AppConfig):
    name = "annotations"
    verbose_name = "Annotations"

    def ready(self) -> None:
        from accounts.profile import ProfileSection, register_profile_section
        from annotations.profile import saved_profile_context
        from annotations.receivers import reanchor_on_revision
        from reader.signals import revision_published

        revision_published.connect(reanchor_on_revision, dispatch_uid="annotations.reanchor")
        register_profile_section(
            ProfileSection(
                order=100, template="annotations/_saved.html", context=saved_profile_context
            )
        )
