"""The shipped check-in questions in Spanish (in "tú"), beside the English ones. Only
for questions still worded as shipped: a question staff reworded keeps their words."""

from django.db import migrations

# members/migrations/0009_default_checkin_questions.py's DEFAULTS → Spanish.
QUESTIONS_ES = {
    "How confident do you feel that you can keep doing the things that matter to you, "
    "even when your mental health makes them harder?": (
        "¿Cuánta confianza sientes en poder seguir haciendo las cosas que te importan, "
        "incluso cuando tu salud mental las hace más difíciles?"
    ),
    "How confident do you feel about looking after your mental health yourself, so you "
    "need fewer visits to a doctor or therapist?": (
        "¿Cuánta confianza sientes en poder cuidar tu salud mental por tu cuenta, de forma "
        "que necesites ir menos al médico o a terapia?"
    ),
    "How confident do you feel about using ways of coping other than medication — like "
    "talking to someone, getting outside or slowing your breathing?": (
        "¿Cuánta confianza sientes en usar formas de sobrellevar las cosas que no sean la "
        "medicación, como hablar con alguien, salir al aire libre o respirar más despacio?"
    ),
    "How confident do you feel that you can make your days enjoyable, or find something "
    "good in them?": (
        "¿Cuánta confianza sientes en poder hacer que tus días sean agradables, o en "
        "encontrar algo bueno en ellos?"
    ),
    "How confident do you feel that you can have stretches of time when your symptoms "
    "leave you alone?": (
        "¿Cuánta confianza sientes en poder tener temporadas en las que los síntomas te dejen "
        "en paz?"
    ),
    "When symptoms do come, how confident do you feel that you can handle them?": (
        "Cuando llegan los síntomas, ¿cuánta confianza sientes en poder manejarlos?"
    ),
}


def add_spanish(apps, schema_editor):
    CheckInItem = apps.get_model("checkins", "CheckInItem")
    for item in CheckInItem.objects.filter(text__in=QUESTIONS_ES):
        if not (item.texts or {}).get("es"):
            item.texts = {**(item.texts or {}), "es": QUESTIONS_ES[item.text]}
            item.save(update_fields=["texts"])


class Migration(migrations.Migration):
    dependencies = [("checkins", "0003_checkinitem_texts")]
    operations = [migrations.RunPython(add_spanish, migrations.RunPython.noop)]
