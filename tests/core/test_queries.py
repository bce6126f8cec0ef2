"""core.queries.Compiled: a query built by the ORM once, asked again with another value."""

import pytest
from django.contrib.auth import get_user_model

from core.queries import STAND_INS, Compiled
from tests.factories import make_member


@pytest.mark.django_db
def test_each_value_gets_what_the_orm_would_give_and_the_query_is_built_once():
    members = [make_member(name) for name in ("Ada", "Ben", "Cleo")]
    built = []

    def build(member_id):
        built.append(member_id)
        return (
            get_user_model().objects.filter(pk=member_id).values_list("pk", "profile__display_name")
        )

    compiled = Compiled(build)
    for member in [*members, *members]:
        expected = list(build(member.pk))
        assert compiled.rows(member.pk) == [tuple(row) for row in expected]
    assert compiled.rows(-1) == []
    # Built once for the SQL (every other call above was the test's own, to compare).
    assert built.count(STAND_INS[0]) == 1


def test_a_query_that_does_not_use_its_value_is_refused():
    compiled = Compiled(lambda value: get_user_model().objects.filter(pk=1))
    with pytest.raises(ValueError):
        compiled.rows(5)


@pytest.mark.django_db
def test_two_values_each_go_where_they_belong():
    ada, ben = make_member("Ada"), make_member("Ben")
    compiled = Compiled(
        lambda first, second: (
            get_user_model()
            .objects.filter(pk__in=[first, second])
            .exclude(pk=second)
            .values_list("pk", flat=True)
        )
    )
    assert compiled.rows(ada.pk, ben.pk) == [(ada.pk,)]
    assert compiled.rows(ben.pk, ada.pk) == [(ben.pk,)]
    assert compiled.exists(ada.pk, ada.pk) is False
    with pytest.raises(TypeError):
        compiled.rows(ada.pk)
