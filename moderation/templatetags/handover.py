from django import template

register = template.Library()


@register.inclusion_tag("admin/moderation/_handover_notes.html", takes_context=True)
def handover_notes(context, compact: bool = False):
    """The notes box on the admin's front page and the queue: what the last shift left
    for this one, each with a button to dismiss it, and a form to leave one. Only for
    those who work the queue. `compact` (above the queue, which must stay in view) folds
    the form away and says nothing when there is no note."""
    # The admin's modules register models when imported: not when templates load.
    from moderation.admin.handover import open_handover_notes
    from moderation.forms import HandoverNoteForm

    request = context["request"]
    if not request.user.has_perm("moderation.work_queue"):
        return {"shown": False}
    notes, count = open_handover_notes()
    return {
        "shown": True,
        "compact": compact,
        "notes": notes,
        "count": count,
        "form": HandoverNoteForm(),
        "next": request.get_full_path(),
        "csrf_token": context.get("csrf_token"),
    }
