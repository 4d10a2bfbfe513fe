from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        from accounts.profile import ProfileSection, register_profile_section
        from accounts.token_views import tokens_profile_context

        # Last on the page: token management is for the few who script against the API.
        register_profile_section(
            ProfileSection(
                order=900, template="accounts/_tokens.html", context=tokens_profile_context
            )
        )
