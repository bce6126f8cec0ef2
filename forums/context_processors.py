from django.urls import reverse_lazy


def links(request):
    """The forums' pages that the templates of the apps below link to: they may not name
    them (tests/boomity/test_layers.py), so forums hands them over (boomity/settings.py)."""
    return {
        "home_url": reverse_lazy("forums:home"),
        "needs_reply_url": reverse_lazy("forums:needs-reply"),
    }
