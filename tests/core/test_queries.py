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


@pytest.mark.django_db
def test_a_query_with_no_values_is_built_once_and_reads_what_is_there_now():
    built = []

    def build():
        built.append(1)
        return get_user_model().objects.order_by("pk").values_list("profile__display_name")

    compiled = Compiled(build)
    assert compiled.rows() == []
    make_member("Ada")
    assert compiled.rows() == [("Ada",)]
    make_member("Ben")
    assert compiled.rows() == [("Ada",), ("Ben",)]
    assert built == [1]
    with pytest.raises(TypeError):
        compiled.rows(5)


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


@pytest.mark.django_db
def test_a_list_of_ids_is_built_once_for_each_length_and_each_id_goes_in_its_place():
    members = [make_member(name) for name in ("Ada", "Ben", "Cleo", "Dev")]
    lengths = []

    def build(reader_id, member_ids):
        lengths.append(len(member_ids))
        return (
            get_user_model()
            .objects.filter(pk__in=member_ids)
            .exclude(pk=reader_id)
            .order_by("pk")
            .values_list("pk", flat=True)
        )

    compiled = Compiled(build)
    ids = [m.pk for m in members]
    for reader in members:
        for chosen in (ids[:1], ids[1:3], ids[::-1], ids[2:], [ids[0], ids[0], ids[3]]):
            expected = [m for m in sorted(set(chosen)) if m != reader.pk]
            assert compiled.rows(reader.pk, chosen) == [(pk,) for pk in expected]
            assert compiled.rows(reader.pk, set(chosen)) == [(pk,) for pk in expected]
    # One build for each length asked for: 1, 2 and 4 (a repeated id counts once).
    assert sorted(lengths) == [1, 2, 4]
    with pytest.raises(ValueError, match="empty"):
        compiled.rows(ids[0], [])


def test_a_list_the_query_leaves_out_is_refused():
    compiled = Compiled(lambda reader_id, ids: get_user_model().objects.filter(pk=reader_id))
    with pytest.raises(ValueError):
        compiled.rows(1, [2, 3])


@pytest.mark.django_db
def test_columns_make_the_instance_the_orm_makes():
    """Every column, converted as the ORM converts it (a date, a boolean, JSON) on the
    database the suite runs on (CI runs it on SQLite and on PostgreSQL)."""
    from core.queries import Columns
    from members.models import Experience, Profile

    Experience.objects.create(
        name="Grief", slug="grief", names={"es": "Duelo"}, is_official=False, description="Loss"
    )
    make_member("Ada")
    for model in (Experience, Profile):
        columns = Columns(model)
        compiled = Compiled(lambda pk: model.objects.filter(pk=pk).values_list(*columns.names))  # noqa: B023
        for expected in model.objects.all():
            (row,) = compiled.rows(expected.pk)
            made = columns.instance(row)
            assert isinstance(made, model) and made.pk == expected.pk
            assert not made.get_deferred_fields()
            for name in columns.names:
                assert getattr(made, name) == getattr(expected, name), name
                assert type(getattr(made, name)) is type(getattr(expected, name)), name


@pytest.mark.django_db
def test_columns_put_each_joined_row_where_select_related_puts_it(django_assert_num_queries):
    """A thread with its board and group, a post with its author and their profile (a
    reverse one-to-one), and a post whose author was erased (the join finds nothing):
    the same instances, cached in the same places, as select_related makes."""
    from core.queries import Columns
    from forums.models import Post, Thread
    from tests.factories import make_board, make_thread

    def follow(instance, path):
        for step in path.split("__"):
            instance = None if instance is None else getattr(instance, step)
        return instance

    alice = make_member("Alice")
    thread = make_thread(make_board("calm"), alice, title="Evenings", body="Words.")
    orphan = Post.objects.create(thread=thread, number=2, author=None, body="Kept.")
    cases = [
        (Thread, ("board", "board__group"), thread.pk),
        (Post, ("author", "author__profile"), thread.posts.get(number=1).pk),
        (Post, ("author", "author__profile"), orphan.pk),
    ]
    for model, related, pk in cases:
        columns = Columns(model, *related, leave_out=("search_vector",) if model is Post else ())
        compiled = Compiled(lambda pk: model.objects.filter(pk=pk).values_list(*columns.names))  # noqa: B023
        made = columns.instance(compiled.rows(pk)[0])
        expected = model.objects.select_related(*related).get(pk=pk)
        with django_assert_num_queries(0):  # each one in place: nothing asked again
            for path in ("", *related):
                here, there = (
                    (follow(made, path), follow(expected, path)) if path else (made, expected)
                )
                assert here == there, path
                if there is not None:
                    for field in type(there)._meta.concrete_fields:
                        if field.attname != "search_vector":
                            assert getattr(here, field.attname) == getattr(there, field.attname)
            if model is Post and made.author is not None:
                assert made.author.profile.user is made.author  # and back, as the ORM does
        if model is Post:
            assert made.get_deferred_fields() == {"search_vector"}
    with pytest.raises(ValueError, match="columns"):
        Columns(Thread, "board").instance((1, 2))


@pytest.mark.django_db
def test_a_word_is_a_value_too():
    ada = make_member("Ada")
    compiled = Compiled(
        lambda name: get_user_model().objects.filter(profile__display_name=name).values_list("pk")
    )
    assert compiled.rows("Ada") == [(ada.pk,)]
    assert compiled.rows("Nobody") == []
    assert compiled.rows("x' OR '1'='1") == []  # a value, never SQL


@pytest.mark.django_db
def test_columns_read_only_the_columns_named_of_a_joined_row(django_assert_num_queries):
    """`only`, as the ORM's only(): the named columns and the id are read, the others are
    deferred (read if asked for, a query each); a path `only` names must be read."""
    from core.queries import Columns
    from forums.models import Post
    from tests.factories import make_board, make_thread

    alice = make_member("Alice")
    post = make_thread(make_board("calm"), alice, title="Evenings", body="Words.").posts.get()
    columns = Columns(
        Post,
        "author",
        "author__profile",
        leave_out=("search_vector", "body"),
        only={"author": [], "author__profile": ["display_name", "role"]},
    )
    compiled = Compiled(lambda pk: Post.objects.filter(pk=pk).values_list(*columns.names))
    made = columns.instance(compiled.rows(post.pk)[0])
    with django_assert_num_queries(0):
        assert made.author.pk == alice.pk
        assert made.author.profile.display_name == "Alice"
        assert made.author.profile.role == alice.profile.role
        assert made.author.profile.user is made.author
    assert made.author.get_deferred_fields() >= {"email", "password"}
    assert "display_name" not in made.author.profile.get_deferred_fields()
    assert "bio" in made.author.profile.get_deferred_fields()
    with django_assert_num_queries(1):  # a deferred column: read when asked for
        assert made.author.profile.bio == alice.profile.bio
    with pytest.raises(ValueError, match="aren't read"):
        Columns(Post, "author", only={"thread": ["title"]})


@pytest.mark.django_db
def test_a_model_someone_listens_to_is_made_through_its_init():
    """Columns stores a row's values without Model.__init__ where nothing can tell; a
    model with a pre_init or post_init receiver is made the ORM's way, receivers called."""
    from django.db.models.signals import post_init

    from core.queries import Columns
    from members.models import Profile

    make_member("Ada")
    heard = []

    def listen(sender, instance, **kwargs):
        heard.append(instance)

    post_init.connect(listen, sender=Profile)
    try:
        columns = Columns(Profile)
        compiled = Compiled(lambda pk: Profile.objects.filter(pk=pk).values_list(*columns.names))
        profile = Profile.objects.get()
        heard.clear()
        made = columns.instance(compiled.rows(profile.pk)[0])
        assert heard == [made] and made.display_name == "Ada"
    finally:
        post_init.disconnect(listen, sender=Profile)
    made = Columns(Profile).instance(compiled.rows(profile.pk)[0])
    assert len(heard) == 1  # nobody listening now: stored, and nothing heard
    assert made.display_name == "Ada" and made._state.adding is False
    assert made._state.db == "default"


@pytest.mark.django_db
def test_a_model_with_its_own_from_db_is_made_through_it(monkeypatch):
    from django.db.models import Model

    from core.queries import Columns
    from members.models import Profile

    def from_db(cls, db, field_names, values, **kwargs):
        made = Model.from_db.__func__(cls, db, field_names, values, **kwargs)
        made.loaded = True
        return made

    monkeypatch.setattr(Profile, "from_db", classmethod(from_db))
    make_member("Ada")
    columns = Columns(Profile)
    compiled = Compiled(lambda pk: Profile.objects.filter(pk=pk).values_list(*columns.names))
    made = columns.instance(compiled.rows(Profile.objects.get().pk)[0])
    assert made.loaded and made.display_name == "Ada"
