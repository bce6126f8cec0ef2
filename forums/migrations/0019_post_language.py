"""A post remembers the language it was written in, and search stems it by that language.

Every post written before is taken to be in the site's language (LANGUAGE_CODE). On
PostgreSQL, the vector of every findable post is written again as forums/search.py
now writes it: stemmed by its language's configuration, then word for word (`simple`).
"""

from django.conf import settings
from django.db import migrations, models

import forums.models

# Frozen copy of forums/search.py: CONFIGS, INDEXED and SIMPLE, as they are now.
CONFIGS = {"en": "english", "es": "spanish"}
SIMPLE = "simple"
INDEXED = ("visible", "pending")


def backfill_language(apps, schema_editor):
    language = settings.LANGUAGE_CODE
    Post = apps.get_model("forums", "Post")
    Post.objects.using(schema_editor.connection.alias).update(language=language)
    if schema_editor.connection.vendor != "postgresql":
        return
    config = CONFIGS.get(language.lower().split("-")[0], SIMPLE)
    # Stemmed by the language, then as written; word for word alone without a stemmer.
    configs = [SIMPLE] if config == SIMPLE else [config, SIMPLE]
    vector = " || ".join(
        """setweight(to_tsvector(%s::regconfig,
                     CASE WHEN p.number = 1 THEN COALESCE(t.title, '') ELSE '' END), 'A')
           || setweight(to_tsvector(%s::regconfig, COALESCE(p.body, '')), 'B')"""
        for _ in configs
    )
    schema_editor.execute(
        "UPDATE forums_post AS p SET search_vector = "  # noqa: S608 - only placeholders joined
        + vector
        + " FROM forums_thread AS t WHERE t.id = p.thread_id AND p.status IN (%s, %s)",
        [*(c for c in configs for _ in "AB"), *INDEXED],
    )


class Migration(migrations.Migration):
    dependencies = [
        ("forums", "0018_post_versions"),
    ]

    operations = [
        migrations.AddField(
            model_name="post",
            name="language",
            field=models.CharField(
                default=forums.models.writers_language, editable=False, max_length=15
            ),
        ),
        migrations.RunPython(backfill_language, migrations.RunPython.noop, elidable=False),
    ]
