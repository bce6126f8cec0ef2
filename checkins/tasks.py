"""Background work for check-ins, run by the task worker."""

from __future__ import annotations

from django.tasks import task

from . import mail


@task
def email_check_in_reminder(user_id: int) -> int:
    """E-mail one member that their next check-in is ready."""
    return mail.send_reminder(user_id)
