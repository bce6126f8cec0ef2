"""Page again about every urgent item nobody has acknowledged, where a page is due.

Run it every minute (cron, a systemd timer) when tasks run in-process
(BOOMITY_TASKS=immediate): that backend can't wait, so it can't schedule the next page
itself. With BOOMITY_TASKS=database the worker schedules each page (run_after); running
this as well does no harm — a page that is not due, or has just gone, is never sent twice.
"""

from django.core.management.base import BaseCommand
from django.utils import timezone

from moderation import claims, tasks


class Command(BaseCommand):
    help = "Page again about urgent review items nobody has opened or claimed, where due."

    def handle(self, *args, **options) -> None:
        due = claims.items_due(timezone.now())
        for item_id, number in due:
            tasks.page_unacknowledged.enqueue(item_id, number)
        if options["verbosity"] > 1:
            self.stdout.write(f"{len(due)} urgent item(s) due to be paged again.")
