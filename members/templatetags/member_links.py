from django import template

register = template.Library()


@register.filter
def member_link(user, anonymous=False) -> str:
    """{{ post.author|member_link }}, or {{ post.author|member_link:post.is_anonymous }}:
    the name, linked to the moderators' page about the member (members.admin.member_link)."""
    # The admin's modules register models when imported: not when templates load.
    from members.admin import member_link as link

    return link(user, anonymous=bool(anonymous))
