from django import template
from django.utils.safestring import SafeString

from ..fragments import post_view, render_post

register = template.Library()


@register.simple_tag(takes_context=True)
def post_html(context, post) -> SafeString:
    """`post` on the thread page, as its reader sees it (forums/fragments.py)."""
    user = context["user"]
    view = post_view(
        post,
        thread=context["thread"],
        reader_pk=user.pk if user.is_authenticated else None,
        blocked=context["blocked"],
        can_post=context["can_post"],
        flag_url_name=context["flag_post_url_name"],
    )
    if view is None:
        return SafeString("")
    return render_post(view, str(context["csrf_token"]))
