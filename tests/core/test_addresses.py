"""core.addresses: many addresses of one kind for the price of one reverse()."""

import pytest
from django.urls import reverse

from core import addresses


@pytest.mark.parametrize(
    ("viewname", "args"),
    [
        ("forums:thread-detail", [4312, "sleepless-nights"]),
        ("forums:thread-detail", [1, "thread"]),
        ("forums:post-permalink", [99]),
        ("forums:board-detail", ["anxiety"]),
        ("forums:topic-detail", ["self-care"]),
        ("forums:member-profile", ["Sam T"]),  # quoted as reverse() quotes it
        ("forums:member-profile", ["100%"]),
    ],
)
def test_makes_what_reverse_makes(viewname, args):
    assert addresses.maker(viewname, len(args))(*args) == reverse(viewname, args=args)


def test_a_script_prefix_is_kept(settings):
    from django.urls import set_script_prefix

    set_script_prefix("/community/")
    try:
        assert addresses.maker("forums:post-permalink")(7) == "/community/p/7/"
    finally:
        set_script_prefix("/")


def test_the_wrong_number_of_arguments_is_refused():
    with pytest.raises(ValueError):
        addresses.maker("forums:thread-detail", 0)
    with pytest.raises(TypeError):
        addresses.maker("forums:thread-detail", 2)(1)


def test_fixed_addresses_follow_the_script_prefix_they_are_asked_under():
    from django.urls import set_script_prefix

    pages = {"home": "forums:home", "latest": "forums:latest"}
    assert addresses.fixed(pages) == {"home": reverse("forums:home"), "latest": "/latest/"}
    set_script_prefix("/community/")
    try:
        # Kept once per prefix: the first prefix's addresses never serve the second.
        assert addresses.fixed(pages) == {"home": "/community/", "latest": "/community/latest/"}
    finally:
        set_script_prefix("/")
    assert addresses.fixed(pages)["latest"] == "/latest/"
