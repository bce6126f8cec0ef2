from django.conf import settings
from django.utils.translation import gettext

from members.models import CommunitySettings


def community(request):
    # Kept in memory per process for a short while: no query per page.
    current = CommunitySettings.current()
    return {
        "community": current,
        "community_name": current.name,
        # The shipped tagline (settings.BOOMITY_TAGLINE) is in the catalogue: shown in the
        # reader's language until staff write their own, which is shown as written.
        "community_tagline": gettext(current.tagline) if current.tagline else "",
        "demo": settings.DEMO,  # BOOMITY_DEMO: pages may say what only a demo does
        # (code, its name in itself) for the footer's switch: as staff set them, never
        # translated ("English" stays English on a Spanish page).
        "offered_languages": settings.LANGUAGES,
    }


def limits(request):
    # The page's script warns before sending a form the server would refuse unread.
    return {"post_limit": settings.DATA_UPLOAD_MAX_MEMORY_SIZE}
