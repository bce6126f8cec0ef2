from django.conf import settings
from django.contrib.auth import logout
from django.shortcuts import redirect, render
from django.utils import translation

from .languages import chosen_language


class MemberLanguageMiddleware:
    """A signed-in member's pages in the language they chose for their account.

    After LocaleMiddleware (a visitor's choice or browser) and the sign-in: the
    choice is on the account row every page loads anyway, so it costs no query.
    Without a choice, LocaleMiddleware's language stands.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        code = chosen_language(getattr(request, "user", None))
        if code:
            translation.activate(code)
            request.LANGUAGE_CODE = code
        return self.get_response(request)


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
                # Who was turned away, for the page's seams (a second look, in moderation).
                request.turned_away = user
                return render(request, "members/suspended.html", {"profile": profile}, status=403)
        return self.get_response(request)


class AdminTwoStepMiddleware:
    """Nobody opens an admin page without two-step sign-in.

    The admin shows what members trust us to keep private (the review queue, who
    wrote an anonymous post), so a password alone must not open it. A signed-in
    person who may use the admin but has no authenticator yet is sent to a page
    that explains why and leads to setting one up. Once they have one, allauth
    asks for a code at every sign-in. There is no setting to turn this off.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or not settings.BOOMITY_TWO_STEP_NAMESPACES & set(match.namespaces):
            return None
        user = request.user
        # Anyone else is turned away by the admin itself (sign in, or 403).
        if not (user.is_authenticated and user.is_active and user.is_staff):
            return None
        if user.has_two_step_sign_in():
            return None
        return redirect("members:two-step-needed")
