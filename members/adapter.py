from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings


class AccountAdapter(DefaultAccountAdapter):
    """Kinder words than allauth's defaults, and the community's name in e-mails."""

    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "email_password_mismatch": (
            "That e-mail address and password don't match an account. Please check them "
            "and try again, or reset your password if you've forgotten it."
        ),
        "too_many_login_attempts": (
            "There have been too many sign-in attempts for now. Please wait a few minutes "
            "and try again, or reset your password."
        ),
    }

    def format_email_subject(self, subject: str) -> str:
        return f"{settings.BOOMITY_COMMUNITY_NAME}: {subject}"

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        # E-mails are rendered without context processors; give them the name.
        super().send_mail(
            template_prefix, email, {"community_name": settings.BOOMITY_COMMUNITY_NAME, **context}
        )
