"""Spanish for the content warnings and topics a new community starts with (in "tú",
plain and person-first). Only where staff kept the shipped English and wrote no Spanish
of their own. Posts keep the English label; readers see it in their language."""

from django.db import migrations

# 0004_default_content_warnings: label → Spanish.
WARNINGS_ES = {
    "suicide": "suicidio",
    "self-harm": "autolesiones",
    "eating difficulties": "dificultades con la comida",
    "abuse": "abuso o maltrato",
    "trauma": "trauma",
    "substance use": "consumo de sustancias",
    "grief and loss": "duelo y pérdida",
}

# 0011_default_topics: slug → (English name as shipped, Spanish name, Spanish description).
TOPICS_ES = {
    "asking-for-advice": (
        "Asking for advice",
        "Pedir consejo",
        "Hilos en los que alguien agradecería ideas de personas que han pasado por lo mismo.",
    ),
    "coping-ideas": (
        "Coping ideas",
        "Ideas para sobrellevarlo",
        "Pequeñas cosas que nos ayudan a atravesar un momento difícil o un día difícil.",
    ),
    "family": (
        "Family",
        "Familia",
        "La vida en familia: el apoyo que da y las preocupaciones que trae.",
    ),
    "first-post": (
        "First post",
        "Primera publicación",
        "Personas que publican por primera vez. Una bienvenida cálida ayuda mucho.",
    ),
    "good-news": (
        "Good news",
        "Buenas noticias",
        "Logros de todos los tamaños, compartidos para celebrarlos en comunidad.",
    ),
    "medication": (
        "Medication",
        "Medicación",
        "Vivir con medicación: experiencias y preguntas. Las dosis son cosa tuya y de "
        "quien te la receta.",
    ),
    "relationships": (
        "Relationships",
        "Relaciones",
        "La pareja, las amistades y las personas que nos rodean, y cómo nos cuidamos con ellas.",
    ),
    "self-care": (
        "Self-care",
        "Autocuidado",
        "Formas de cuidarnos, en los días buenos y en los malos.",
    ),
    "setbacks": (
        "Setbacks",
        "Retrocesos",
        "Semanas más duras y tropiezos. Los retrocesos son parte de la recuperación, no su final.",
    ),
    "sleep": (
        "Sleep",
        "Sueño",
        "Noches en vela, madrugadas y lo que nos ayuda a descansar.",
    ),
    "therapy-and-services": (
        "Therapy and services",
        "Terapia y servicios",
        "Encontrar y usar apoyo: terapias psicológicas, profesionales de la salud, líneas de "
        "ayuda y servicios.",
    ),
    "work-and-study": (
        "Work and study",
        "Trabajo y estudios",
        "El trabajo, los estudios y todo lo que los rodea, desde entrevistas hasta exámenes.",
    ),
}


def add_spanish(apps, schema_editor):
    ContentWarning = apps.get_model("forums", "ContentWarning")
    for warning in ContentWarning.objects.filter(label__in=WARNINGS_ES):
        if not (warning.names or {}).get("es"):
            warning.names = {**(warning.names or {}), "es": WARNINGS_ES[warning.label]}
            warning.save(update_fields=["names"])
    Topic = apps.get_model("forums", "Topic")
    for topic in Topic.objects.filter(slug__in=TOPICS_ES):
        english, name, description = TOPICS_ES[topic.slug]
        names, descriptions = dict(topic.names or {}), dict(topic.descriptions or {})
        if topic.name == english:  # a topic staff renamed keeps their words
            names.setdefault("es", name)
            if topic.description:
                descriptions.setdefault("es", description)
        topic.names, topic.descriptions = names, descriptions
        topic.save(update_fields=["names", "descriptions"])


class Migration(migrations.Migration):
    dependencies = [("forums", "0020_words_in_languages")]
    operations = [migrations.RunPython(add_spanish, migrations.RunPython.noop)]
