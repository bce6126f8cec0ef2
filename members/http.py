"""The request a view behind @login_required gets: its user is a member's account.

Only for type annotations (Django hands every view a plain HttpRequest); a view that
also lets visitors in keeps HttpRequest and checks `request.user.is_authenticated`.
"""

from django.http import HttpRequest

from .models import User


class SignedInRequest(HttpRequest):
    user: User
