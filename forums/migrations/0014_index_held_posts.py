"""Search lets a member find their own posts that wait for a moderator.

Held posts are now indexed as visible ones are (forums/search.py: INDEXED);
`findable_posts` lets only their author find them. This fills the vector of
the posts already waiting, as the app would write it (PostgreSQL only).
"""

from django.db import migrations

SEARCH_CONFIG = "english"


def index_held_posts(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        """
        UPDATE forums_post AS p SET search_vector =
            setweight(to_tsvector(%s::regconfig,
                      CASE WHEN p.number = 1 THEN COALESCE(t.title, '') ELSE '' END), 'A')
            || setweight(to_tsvector(%s::regconfig, COALESCE(p.body, '')), 'B')
        FROM forums_thread AS t
        WHERE t.id = p.thread_id AND p.status = 'pending'
        """,
        [SEARCH_CONFIG, SEARCH_CONFIG],
    )


class Migration(migrations.Migration):
    dependencies = [
        ("forums", "0013_anonymity_in_counts"),
    ]

    operations = [
        migrations.RunPython(index_held_posts, migrations.RunPython.noop, elidable=True),
    ]
