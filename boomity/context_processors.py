from django.conf import settings


def community(request):
    return {
        "community_name": settings.BOOMITY_COMMUNITY_NAME,
        "community_tagline": settings.BOOMITY_TAGLINE,
    }
