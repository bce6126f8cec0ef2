"""Per-member limits on writing, so one account can't flood the community.

Counted in the shared cache (database or Redis), so every app process and
server sees the same count. Rates come from settings.BOOMITY_RATE_LIMITS.
"""

from django.conf import settings
from django.http import HttpRequest
from django_ratelimit.core import is_ratelimited


def rate_for(user, action: str) -> str:
    rates = settings.BOOMITY_RATE_LIMITS[action]
    return rates["new"] if user.is_new_member else rates["member"]


def over_limit(request: HttpRequest, action: str) -> bool:
    """Count one `action` by the signed-in member; True once past their rate."""
    return is_ratelimited(
        request,
        group=f"boomity.{action}",
        key="user",
        rate=rate_for(request.user, action),
        method="POST",
        increment=True,
    )
