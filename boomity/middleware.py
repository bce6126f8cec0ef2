from django.utils.cache import patch_cache_control


class PrivatePagesMiddleware:
    """Pages are private unless a view says otherwise.

    A view marks a page public with `request.indexable = True` (the home page, a
    public board). Everything else tells search engines not to index it, and
    anything shown to a signed-in member is never stored by a shared cache or
    the browser's back-forward cache on a shared computer.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not getattr(request, "indexable", False):
            response.headers.setdefault("X-Robots-Tag", "noindex, nofollow")
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
        return response
