from django.conf import settings

from members.models import CommunitySettings


def community(request):
    # Kept in memory per process for a short while: no query per page.
    current = CommunitySettings.current()
    return {
        "community": current,
        "community_name": current.name,
        "community_tagline": current.tagline,
        "demo": settings.DEMO,  # BOOMITY_DEMO: pages may say what only a demo does
    }
