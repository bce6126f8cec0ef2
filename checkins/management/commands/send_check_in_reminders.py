"""Queue the e-mails that say a check-in is ready. Run from cron (see docs/deploy.md)."""

from django.core.management.base import BaseCommand

from checkins.mail import members_due_a_reminder
from checkins.tasks import email_check_in_reminder


class Command(BaseCommand):
    help = (
        "Queue an e-mail for every member who opted in to check-ins and has one due, "
        "once per check-in. The task worker sends them."
    )

    def handle(self, **options) -> None:
        due = members_due_a_reminder()
        for user_id in due:
            email_check_in_reminder.enqueue(user_id)
        self.stdout.write(f"Queued {len(due)} check-in reminder{'' if len(due) == 1 else 's'}.")
