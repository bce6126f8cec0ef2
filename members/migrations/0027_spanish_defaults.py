"""Spanish for the words a new community starts with: the lived experiences (plain, warm
and person-first, in "tú", as a peer would speak), and the home page's welcome in each
language the catalogues have it in. Only where staff kept the shipped English and wrote
none of their own."""

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

# The welcome as shipped in English (members/defaults.py WELCOME): its other languages
# come from the catalogues, as for a new community (defaults.welcome_translations).
WELCOME_EN = (
    "Here, people who have lived through similar things support each other. You can share "
    "what you're going through, read how others cope, and reply when you feel able to. You "
    "choose the name others see; your e-mail address is never shown."
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

    from django.conf import settings
    from django.utils import translation

    from core.markup import render_markdown

    CommunitySettings = apps.get_model("members", "CommunitySettings")
    for row in CommunitySettings.objects.filter(welcome=WELCOME_EN):
        welcomes, welcomes_html = dict(row.welcomes or {}), dict(row.welcomes_html or {})
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                text = translation.gettext(WELCOME_EN)
            if text != WELCOME_EN and not welcomes.get(code):
                welcomes[code], welcomes_html[code] = text, render_markdown(text)
        row.welcomes, row.welcomes_html = welcomes, welcomes_html
        row.save(update_fields=["welcomes", "welcomes_html"])


class Migration(migrations.Migration):
    dependencies = [("members", "0026_words_in_languages")]
    operations = [migrations.RunPython(add_spanish, migrations.RunPython.noop)]
