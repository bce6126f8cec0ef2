"""The pages that ask "are you sure?" before something that can't be undone: each has
one button that does it (red where it takes something away) and a link back that
changes nothing. They share one form (templates/_confirm_form.html)."""

from __future__ import annotations

import re

import pytest

from tests.factories import PASSWORD


def form_of(response) -> str:
    """The page's form, with its white space folded."""
    html = re.sub(r"\s+", " ", response.content.decode())
    return html[html.index('<form method="post"', html.index("<main")) :].split("</form>")[0]


@pytest.mark.django_db
def test_deleting_the_account_asks_for_the_password_and_offers_a_way_back(client, alice):
    client.force_login(alice)
    form = form_of(client.get("/account/privacy/erase/"))
    assert form.startswith('<form method="post" class="stack-form" novalidate>')
    assert 'type="password"' in form
    assert form.endswith(
        '<div class="form-actions"> <button type="submit" class="button button--danger">'
        'Delete my account</button> <a href="/account/privacy/">No, keep my account</a> </div> '
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url, button, back",
    [
        (
            "/accounts/2fa/recovery-codes/generate/",
            '<button type="submit" class="button">Make new codes</button>',
            "Keep my codes",
        ),
        (
            "/accounts/2fa/totp/deactivate/",
            '<button type="submit" class="button button--danger">Turn it off</button>',
            "Keep it on",
        ),
    ],
)
def test_changing_two_step_sign_in_offers_a_way_back(client, moderator, url, button, back):
    client.force_login(moderator)
    client.post(f"/accounts/reauthenticate/?next={url}", {"password": PASSWORD})
    form = form_of(client.get(url))
    assert form.startswith(f'<form method="post" action="{url}" class="stack-form">')
    assert form.endswith(
        f'<div class="form-actions"> {button} <a href="/accounts/2fa/">{back}</a> </div> '
    )


@pytest.mark.django_db
def test_removing_a_post_offers_a_way_back_to_it(client, thread, alice):
    opening = thread.posts.get()
    client.force_login(alice)
    form = form_of(client.get(f"/p/{opening.pk}/delete/"))
    assert form.startswith('<form method="post" class="stack-form">')
    assert "<input" not in form.replace('<input type="hidden" name="csrfmiddlewaretoken"', "")
    assert form.endswith(
        '<div class="form-actions"> <button type="submit" class="button button--danger">'
        f'Yes, remove my post</button> <a href="/p/{opening.pk}/">No, keep it</a> </div> '
    )
