from django.conf import settings
from django.utils.translation import gettext

from members.models import CommunitySettings


def community(request):
    # Kept in memory per process for a short while: no query per page.
    current = CommunitySettings.current()
    return {
        "community": current,
        "community_name": current.name,
        # Staff's own words for the reader's language first (CommunitySettings.taglines);
        # else the tagline as kept. The shipped one (settings.BOOMITY_TAGLINE) is in the
        # catalogue: shown in the reader's language; staff's own is shown as written.
        "community_tagline": gettext(current.local_tagline) if current.tagline else "",
        "demo": settings.DEMO,  # BOOMITY_DEMO: pages may say what only a demo does
        # (code, its name in itself) for the footer's switch: as staff set them, never
        # translated ("English" stays English on a Spanish page).
        "offered_languages": settings.LANGUAGES,
    }


def limits(request):
    # The page's script warns before sending a form the server would refuse unread.
    return {"post_limit": settings.DATA_UPLOAD_MAX_MEMORY_SIZE}
