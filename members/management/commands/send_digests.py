"""Queue the daily or weekly summary e-mails. Run from cron (see docs/deploy.md)."""

from django.core.management.base import BaseCommand

from members.mail import members_due_a_digest
from members.models import EmailFrequency
from members.tasks import email_digest


class Command(BaseCommand):
    help = (
        "Queue a summary e-mail for every member on daily (or weekly) e-mails who has "
        "news and hasn't had a summary for a day (or a week). The task worker sends them."
    )

    def add_arguments(self, parser):
        parser.add_argument("frequency", choices=[EmailFrequency.DAILY, EmailFrequency.WEEKLY])

    def handle(self, *, frequency: str, **options) -> None:
        due = members_due_a_digest(frequency)
        for user_id in due:
            email_digest.enqueue(user_id, frequency)
        self.stdout.write(f"Queued {len(due)} {frequency} summar{'y' if len(due) == 1 else 'ies'}.")
