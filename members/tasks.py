"""Background work for members: notification e-mails, run by the task worker."""

from __future__ import annotations

from django.tasks import task

from . import mail


@task
def email_notification(notification_id: int) -> int:
    """E-mail one notification to a member who wants them straight away."""
    return mail.send_notification(notification_id)


@task
def email_digest(user_id: int, frequency: str) -> int:
    """E-mail a member their daily or weekly summary."""
    return mail.send_digest(user_id, frequency)
