"""Print the code the demo's moderator and staff accounts sign in with right now.

Their authenticator key is published (README, seed_demo), like their password:
this only saves reaching for a phone while trying the demo.
"""

from __future__ import annotations

import time

from allauth.mfa import app_settings
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core.management.base import BaseCommand

from boomity.management.commands.seed_demo import DEMO_TOTP_SECRET


class Command(BaseCommand):
    help = "Print the demo moderator's and staff member's current two-step sign-in code."

    def handle(self, *args, **options):
        now, period = int(time.time()), app_settings.TOTP_PERIOD
        code = format_hotp_value(hotp_value(DEMO_TOTP_SECRET, now // period))
        self.stdout.write(
            f"{code}  (for moderator@example.org and staff@example.org; "
            f"a new one in {period - now % period} s)"
        )
