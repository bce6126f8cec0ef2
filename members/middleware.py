from django.contrib.auth import logout
from django.shortcuts import render


class MemberStandingMiddleware:
    """A suspended member is signed out, and told plainly why and until when.

    Reads the profile that every signed-in page loads anyway for the header.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            profile = getattr(user, "profile", None)
            if profile is not None and profile.is_suspended:
                logout(request)
                return render(request, "members/suspended.html", {"profile": profile},
                              status=403)
        return self.get_response(request)
