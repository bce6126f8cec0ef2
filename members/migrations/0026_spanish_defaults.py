"""Spanish for the words a new community starts with: the lived experiences, and the
home page's tagline and welcome. Only where staff kept the shipped English and wrote no
Spanish of their own; plain, warm and person-first, in "tú", as a peer would speak."""

from django.db import migrations

# English name as shipped (0006_default_experiences): (Spanish name, Spanish description).
EXPERIENCES_ES = {
    "Anxiety": ("Ansiedad", "Vivir con preocupación, pánico o miedo que cuesta apagar."),
    "Depression": ("Depresión", "Ánimo bajo, vacío o pesadez que se quedan durante un tiempo."),
    "Bipolar disorder": (
        "Trastorno bipolar",
        "Vivir con subidas y bajadas del ánimo, la energía y el sueño.",
    ),
    "Grief and loss": (
        "Duelo y pérdida",
        "Echar de menos a alguien que ha muerto, o vivir con otra pérdida que cambió tu vida.",
    ),
    "Psychosis": (
        "Psicosis",
        "Oír, ver o creer cosas que los demás no, y encontrar tu manera de atravesarlo.",
    ),
    "Eating disorders": (
        "Trastornos de la conducta alimentaria",
        "Una relación difícil con la comida o con tu cuerpo, y el camino hacia la recuperación.",
    ),
    "Self-harm (recovery)": (
        "Autolesiones (recuperación)",
        "Encontrar otras formas de afrontar las ganas de hacerte daño, y sanar.",
    ),
    "Trauma and PTSD": (
        "Trauma y TEPT",
        "Vivir con los efectos de algo aterrador o dañino que te pasó.",
    ),
    "OCD": (
        "TOC",
        "Vivir con pensamientos intrusivos y con los impulsos o rutinas que pueden acompañarlos.",
    ),
    "Postnatal mental health": (
        "Salud mental en el embarazo y el posparto",
        "Tu salud mental durante el embarazo o después de la llegada de un bebé.",
    ),
    "Caring for someone": (
        "Cuidar de alguien",
        "Apoyar a un familiar o a una amistad que lo está pasando mal.",
    ),
    "Burnout and stress": (
        "Agotamiento y estrés",
        "Quedarte sin fuerzas por el trabajo, los estudios o todo lo que la vida te exige.",
    ),
    "Loneliness": ("Soledad", "Sentir soledad o desconexión, incluso con gente alrededor."),
    "Substance use recovery": (
        "Recuperación del consumo de sustancias",
        "Vivir con el consumo de alcohol u otras drogas, o recuperarte de él.",
    ),
}

# The welcome as shipped in English (members/defaults.py WELCOME) and in Spanish.
WELCOME_EN = (
    "Here, people who have lived through similar things support each other. You can share "
    "what you're going through, read how others cope, and reply when you feel able to. You "
    "choose the name others see; your e-mail address is never shown."
)
WELCOME_ES = (
    "Aquí, personas que han vivido cosas parecidas se apoyan entre sí. Puedes contar lo "
    "que estás viviendo, leer cómo lo llevan otras personas y responder cuando te sientas "
    "con fuerzas. Tú eliges el nombre que ven los demás; tu dirección de correo nunca se "
    "muestra."
)


# BOOMITY_TAGLINE's default, and in Spanish.
TAGLINE_EN = (
    "A peer-support community for people living with mental-health difficulties, "
    "and the people who care about them."
)
TAGLINE_ES = (
    "Una comunidad de apoyo entre pares para personas que viven con dificultades de "
    "salud mental, y para quienes las cuidan."
)


def add_spanish(apps, schema_editor):
    Experience = apps.get_model("members", "Experience")
    for experience in Experience.objects.filter(name__in=EXPERIENCES_ES):
        name, description = EXPERIENCES_ES[experience.name]
        names, descriptions = dict(experience.names or {}), dict(experience.descriptions or {})
        names.setdefault("es", name)
        if experience.description:
            descriptions.setdefault("es", description)
        experience.names, experience.descriptions = names, descriptions
        experience.save(update_fields=["names", "descriptions"])

    from core.markup import render_markdown

    CommunitySettings = apps.get_model("members", "CommunitySettings")
    for row in CommunitySettings.objects.filter(welcome=WELCOME_EN):
        if not (row.welcomes or {}).get("es"):
            row.welcomes = {**(row.welcomes or {}), "es": WELCOME_ES}
            row.welcomes_html = {**(row.welcomes_html or {}), "es": render_markdown(WELCOME_ES)}
            row.save(update_fields=["welcomes", "welcomes_html"])
    for row in CommunitySettings.objects.filter(tagline=TAGLINE_EN):
        if not (row.taglines or {}).get("es"):
            row.taglines = {**(row.taglines or {}), "es": TAGLINE_ES}
            row.save(update_fields=["taglines"])


class Migration(migrations.Migration):
    dependencies = [("members", "0025_words_in_languages")]
    operations = [migrations.RunPython(add_spanish, migrations.RunPython.noop)]
