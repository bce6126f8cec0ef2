from django.urls import reverse_lazy


def links(request):
    """The moderation pages that the templates of the apps below link to: they may not
    name them (tests/boomity/test_layers.py), so moderation hands them over
    (boomity/settings.py). A post's flag page needs the post, so forums gets its URL's
    name for `{% url flag_post_url_name post.pk %}`."""
    return {
        "help_url": reverse_lazy("moderation:help"),
        "flag_post_url_name": "moderation:flag-post",
    }
