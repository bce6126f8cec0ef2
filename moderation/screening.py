"""moderation's post screener: watched words, crisis language, new members' first posts.

forums runs it on every new or edited post through BOOMITY_POST_SCREENERS
(see forums/screening.py). Crisis language never blocks a post.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache, partial
from itertools import chain

from django.db.models import Count, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext, gettext_lazy

from core.queries import Compiled
from forums.models import Post, PostStatus
from forums.screening import Screening

from .actions import open_review, open_review_for_message, record
from .models import (
    AuditAction,
    CrisisPhrase,
    CrisisPostBehaviour,
    Flag,
    FlagReason,
    ModerationSettings,
    Priority,
    ReviewItem,
    WatchedWord,
)
from .models.queue import (
    REASON_CRISIS,
    REASON_NEW_MEMBER,
    REASON_NEW_MEMBER_CRISIS,
    REASON_WATCHED_BLOCK_CRISIS,
    REASON_WATCHED_FLAG,
    REASON_WATCHED_HOLD,
    REASON_WATCHED_HOLD_CRISIS,
)

# Phrases that suggest someone may be thinking of ending their life or harming
# themselves, written here so every community starts with them — and gets the
# new ones with each release, since they live in the code, not in the database.
# Staff add their own in the admin (CrisisPhrase). Matched as whole words, any
# case, apostrophes optional ("cant go on"), a hyphen matching a space or nothing
# ("self harm", "selfharm"). A match never blocks or hides a post: the author is
# shown help at once, and the moderators are alerted.
#
# People rarely write "suicidal": they write that they are a burden, that nobody
# would notice if they disappeared. So the list holds the words of passive
# ideation as well as of plans, and each word form people use. It names no
# methods: only the words people write about themselves.
CRISIS_PHRASES_EN = (
    # Ending one's life
    "kill myself",
    "killing myself",
    "unalive myself",
    "unaliving myself",
    "end my life",
    "ending my life",
    "end my own life",
    "take my own life",
    "taking my own life",
    "take my life",
    "end it all",
    "ending it all",
    "end things for good",
    "suicide",
    "suicides",
    "suicidal",
    "suicidality",
    "overdose",
    "overdosed",
    "overdoses",
    "overdosing",
    # Wanting to die, or not to be alive
    "want to die",
    "wanna die",
    "wanting to die",
    "ready to die",
    "want to be dead",
    "wish I was dead",
    "wish I were dead",
    "wish I'd never been born",
    "wish I was never born",
    "wish I wasn't alive",
    "wish I wasn't here",
    "wish I weren't here",
    "better off dead",
    "don't want to live",
    "do not want to live",
    "don't want to be alive",
    "don't want to exist",
    "want to stop existing",
    "don't want to be here anymore",
    "don't want to be here any more",
    "tired of living",
    "tired of being alive",
    "tired of life",
    "done with life",
    "give up on life",
    "giving up on life",
    # Passive ideation: no reason, no way on, a burden, not missed
    "no reason to live",
    "no reason to keep living",
    "no reason to go on",
    "nothing to live for",
    "no point in living",
    "no point living",
    "no point in going on",
    "not worth living",
    "life isn't worth living",
    "can't go on",
    "cannot go on",
    "can't keep going",
    "can't do this anymore",
    "can't do this any more",
    "can't take it anymore",
    "can't take it any more",
    "better off without me",
    "better off if I wasn't here",
    "better off if I weren't here",
    "better off if I was gone",
    "better off if I were gone",
    "I'm a burden",
    "I am a burden",
    "I'm such a burden",
    "I am such a burden",
    "I'm just a burden",
    "I feel like a burden",
    "I feel like such a burden",
    "feel like I'm a burden",
    "feel like I am a burden",
    "being a burden",
    "a burden to everyone",
    "a burden on everyone",
    "nobody would notice if I",
    "no one would notice if I",
    "nobody would care if I",
    "no one would care if I",
    "nobody would miss me",
    "no one would miss me",
    "if I disappeared",
    "if I just disappeared",
    "want to disappear",
    "wanna disappear",
    "wish I could disappear",
    "disappear forever",
    "disappear for good",
    "sleep and never wake up",
    "sleep and not wake up",
    "never wake up again",
    "hope I don't wake up",
    "wish I wouldn't wake up",
    "wish I didn't wake up",
    "don't want to wake up anymore",
    "don't want to wake up any more",
    "don't want to wake up again",
    # Goodbyes
    "say goodbye to everyone",
    "saying goodbye to everyone",
    "this is my goodbye",
    "not be here tomorrow",
    "won't be around much longer",
    # Harming oneself
    "hurt myself",
    "hurting myself",
    "harm myself",
    "harming myself",
    "self-harm",
    "self-harmed",
    "self-harming",
    "self-harms",
    "self-injury",
    "self-injure",
    "self-injured",
    "self-injuring",
    "cut myself",
    "cutting myself",
    "cut myself again",
)

# Everyday sayings that hold a crisis phrase but mean something else; taken out
# before the defaults are looked for (staff's own phrases are looked for in the
# text as written). Someone who writes both still matches on the other words.
ORDINARY_SAYINGS_EN = (
    "cut myself some slack",
    "cut myself a break",
    "cut myself off",
    "cutting myself off",
    "cutting myself some slack",
    "cut myself shaving",
    "cut myself cooking",
    "cut myself chopping",
    "cut myself a slice",
    "cut myself a piece",
    "take my life back",
    "take my life in",
    "hurt myself at the gym",
    "hurt myself lifting",
    "hurt myself running",
    "hurt myself playing",
    "hurt myself falling",
    "killing myself laughing",
    "kill myself laughing",
    "want to die of embarrassment",
    "wanna die of embarrassment",
    "overdosed on coffee",
    "overdosed on caffeine",
    "overdosed on sugar",
    "overdosed on chocolate",
    "overdose on coffee",
    "overdose on caffeine",
    "overdose on sugar",
    "overdose on chocolate",
)

# The same in Spanish, as people write it in Spain and in Latin America when they are
# struggling. Accents are optional ("mas", "autolesion"), "ñ" may be typed as "n"
# ("hacerme dano"), and the short forms of a phone ("q", "k", "xq", "pa", "kiero",
# "toy", "d") count as the words they stand for (see _SPELLINGS); "¿" and "¡" are
# punctuation like any other. Spanish says with a verb's ending what English says
# with "myself" ("matarme", "cortarme"), so word forms carry more weight here, and
# "muerto" and "muerta", "vivo" and "viva" are both written out.
CRISIS_PHRASES_ES = (
    # Quitarse la vida
    "matarme",
    "me quiero matar",
    "me voy a matar",
    "matándome",
    "suicidarme",
    "me quiero suicidar",
    "me voy a suicidar",
    "me suicido",
    "suicidándome",
    "suicidio",
    "suicidios",
    "suicida",
    "suicidas",
    "autoeliminarme",
    "quitarme la vida",
    "me quiero quitar la vida",
    "me voy a quitar la vida",
    "quitándome la vida",
    "acabar con mi vida",
    "terminar con mi vida",
    "poner fin a mi vida",
    "ponerle fin a mi vida",
    "acabar con todo",
    "terminar con todo",
    "sobredosis",
    # Querer morir, no querer vivir
    "quiero morir",
    "quiero morirme",
    "me quiero morir",
    "quisiera morir",
    "quisiera morirme",
    "me quisiera morir",
    "ganas de morir",
    "ganas de morirme",
    "deseo morir",
    "deseo morirme",
    "quiero estar muerto",
    "quiero estar muerta",
    "ojalá estuviera muerto",
    "ojalá estuviera muerta",
    "ojalá me muriera",
    "ojalá me muera",
    "ojalá morirme",
    "prefiero estar muerto",
    "prefiero estar muerta",
    "preferiría estar muerto",
    "preferiría estar muerta",
    "desearía estar muerto",
    "desearía estar muerta",
    "estaría mejor muerto",
    "estaría mejor muerta",
    "mejor estar muerto",
    "mejor estar muerta",
    "ojalá no hubiera nacido",
    "ojalá nunca hubiera nacido",
    "desearía no haber nacido",
    "no debí nacer",
    "no debería haber nacido",
    "no quiero vivir",
    "no quiero seguir viviendo",
    "no quiero seguir vivo",
    "no quiero seguir viva",
    "no quiero estar vivo",
    "no quiero estar viva",
    "no quiero existir",
    "no quiero seguir existiendo",
    "quiero dejar de existir",
    "quisiera dejar de existir",
    "ya no quiero estar aquí",
    "no quiero seguir en este mundo",
    "no quiero estar en este mundo",
    "cansado de vivir",
    "cansada de vivir",
    "harto de vivir",
    "harta de vivir",
    "cansado de estar vivo",
    "cansada de estar viva",
    "cansado de la vida",
    "cansada de la vida",
    "harto de la vida",
    "harta de la vida",
    # Ideación pasiva: sin razones, sin sentido, sin fuerzas
    "no tengo razones para vivir",
    "no tengo razón para vivir",
    "no tengo motivos para vivir",
    "ninguna razón para vivir",
    "ningún motivo para vivir",
    "nada por lo que vivir",
    "nada por lo que seguir",
    "no tiene sentido vivir",
    "no tiene sentido seguir viviendo",
    "la vida no tiene sentido",
    "mi vida no tiene sentido",
    "no le veo sentido a la vida",
    "no le encuentro sentido a la vida",
    "no le veo sentido a vivir",
    "no le encuentro sentido a vivir",
    "para qué vivir",
    "para qué seguir viviendo",
    "qué sentido tiene vivir",
    "qué sentido tiene seguir viviendo",
    "no vale la pena vivir",
    "no merece la pena vivir",
    "la vida no vale la pena",
    "la vida no merece la pena",
    "no vale la pena seguir viviendo",
    "no merece la pena seguir viviendo",
    "por qué sigo vivo",
    "por qué sigo viva",
    "no aguanto más",
    "ya no aguanto más",
    "no puedo más",
    "ya no puedo más",
    "no puedo seguir así",
    "no aguanto seguir así",
    "no soporto más esta vida",
    "no aguanto esta vida",
    "no soporto vivir",
    "no aguanto vivir",
    # Una carga; nadie me echaría de menos
    "soy una carga",
    "soy un estorbo",
    "me siento una carga",
    "me siento un estorbo",
    "ser una carga para todos",
    "ser una carga para todo el mundo",
    "ser una carga para mi familia",
    "estarían mejor sin mí",
    "estaríais mejor sin mí",
    "estaría mejor sin mí",
    "están mejor sin mí",
    "estarán mejor sin mí",
    "sería mejor si no estuviera",
    "sería mejor si yo no estuviera",
    "sería mejor que no estuviera",
    "sería mejor si no existiera",
    "sería mejor si desapareciera",
    "nadie me echaría de menos",
    "nadie me echará de menos",
    "nadie me va a echar de menos",
    "nadie me extrañaría",
    "nadie me extrañará",
    "nadie me va a extrañar",
    "nadie notaría si",
    "nadie se daría cuenta si",
    "a nadie le importaría si",
    "a nadie le importaría que me",
    "a nadie le importa si vivo o muero",
    "si yo desapareciera",
    "si me muriera nadie",
    "si me muero nadie",
    "si desaparezco nadie",
    "si desapareciera nadie",
    "quiero desaparecer",
    "quisiera desaparecer",
    "ojalá desapareciera",
    "ojalá pudiera desaparecer",
    "desaparecer para siempre",
    # Dormir y no despertar
    "dormir y no despertar",
    "dormirme y no despertar",
    "dormir y no volver a despertar",
    "dormirme y no volver a despertar",
    "dormir para siempre",
    "dormirme para siempre",
    "no despertar nunca",
    "no despertarme nunca",
    "no volver a despertar",
    "no volver a despertarme",
    "ojalá no despertar",
    "ojalá no despertara",
    "ojalá no me despertara",
    "ojalá no despierte",
    "ojalá no me despierte",
    "no quiero despertar más",
    "no quiero despertarme más",
    "no quiero despertar nunca",
    "no quiero despertarme nunca",
    # Despedidas
    "esta es mi despedida",
    "me despido para siempre",
    "despedirme para siempre",
    "adiós para siempre",
    # Hacerse daño
    "hacerme daño",
    "me hago daño",
    "haciéndome daño",
    "me hice daño a propósito",
    "dañarme",
    "lastimarme",
    "lastimándome",
    "me lastimé a propósito",
    "auto-lesión",
    "auto-lesiones",
    "auto-lesionarme",
    "auto-lesionarse",
    "auto-lesionándome",
    "me auto-lesiono",
    "me auto-lesioné",
    "me auto-lesionaba",
    "me he auto-lesionado",
    "cortarme",
    "cortándome",
    "me volví a cortar",
    "me he vuelto a cortar",
    "volví a cortarme",
    "me sigo cortando",
    "me corto a propósito",
    "me corté a propósito",
    "hacerme cortes",
    "me hago cortes",
    "me hice cortes",
    "me hacía cortes",
    "hacer cutting",
    "hago cutting",
    "hacía cutting",
    "hice cutting",
)


def _each(starts: tuple[str, ...], ends: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(f"{start} {end}" for start in starts for end in ends)


# Not listed: "me mato" and "me lastimo", which without their accents are "me mató"
# (it killed me: "ese chiste me mató") and "me lastimó" (someone hurt me).
#
# Everyday Spanish that holds a phrase above: "matarme a estudiar" (to work myself to
# the bone), "cortarme el pelo", "me quiero morir de vergüenza", "no aguanto más este
# calor", "sobredosis de azúcar". Sayings with nothing of the above in them ("me muero
# de risa", "me mata el calor", "estoy muerto de cansancio", "matar el tiempo") need no
# entry: they never match.
ORDINARY_SAYINGS_ES = (
    *_each(
        ("matarme", "matándome", "me voy a matar"),
        (
            "a trabajar",
            "a estudiar",
            "a entrenar",
            "a correr",
            "a reír",
            "trabajando",
            "estudiando",
            "entrenando",
            "en el gimnasio",
            "en el gym",
            "de risa",
            "de la risa",
        ),
    ),
    *_each(
        ("quiero morir", "quiero morirme", "me quiero morir", "ganas de morir", "ganas de morirme"),
        ("de vergüenza", "de la vergüenza", "de risa", "de la risa", "de amor", "de envidia"),
    ),
    *_each(
        (
            "cortarme",
            "cortándome",
            "me volví a cortar",
            "me he vuelto a cortar",
            "volví a cortarme",
        ),
        (
            "el pelo",
            "las uñas",
            "el flequillo",
            "la barba",
            "las puntas",
            "el cabello",
            "la melena",
            "un pelo",
            "un trozo",
            "una porción",
            "con un papel",
            "con el papel",
            "cocinando",
            "pelando",
            "picando",
            "afeitándome",
            "al afeitarme",
            "al cocinar",
            "la luz",
            "el agua",
            "el gas",
            "internet",
            "el teléfono",
            "el rollo",
        ),
    ),
    *_each(
        ("hacerme daño", "me hago daño", "lastimarme", "dañarme"),
        (
            "en la espalda",
            "la espalda",
            "en la rodilla",
            "la rodilla",
            "en el tobillo",
            "el tobillo",
            "en el hombro",
            "el hombro",
            "entrenando",
            "jugando",
            "corriendo",
            "en el gimnasio",
            "en el gym",
            "la vista",
            "los ojos",
            "el pelo",
        ),
    ),
    *_each(
        ("quiero desaparecer", "quisiera desaparecer"),
        (
            "del grupo",
            "de las redes",
            "de redes",
            "de twitter",
            "de instagram",
            "unos días",
            "un fin de semana",
            "una semana",
            "de vacaciones",
            "a la playa",
            "a la montaña",
        ),
    ),
    *_each(
        ("ojalá no despertara", "ojalá no despierte"),
        (
            "al bebé",
            "al niño",
            "a la niña",
            "a los niños",
            "a los vecinos",
            "a nadie",
            "a mi pareja",
            "a mi marido",
            "a mi mujer",
        ),
    ),
    *_each(
        ("ojalá no me despierte", "ojalá no me despertara"),
        ("el ruido", "el vecino", "la alarma", "el perro", "el bebé", "el gato", "la obra"),
    ),
    *_each(
        ("no quiero vivir",),
        (
            "en esta ciudad",
            "en la ciudad",
            "en el centro",
            "en el campo",
            "en otro país",
            "en otra ciudad",
            "en un piso",
            "con mis padres",
            "con mi suegra",
            "con compañeros de piso",
            "de alquiler",
            "aquí",
            "allí",
            "ahí",
            "lejos de",
        ),
    ),
    *_each(
        ("ya no quiero estar aquí",),
        ("en este trabajo", "en esta empresa", "en esta ciudad", "en este piso"),
    ),
    *_each(
        ("no aguanto más",),
        ("este calor", "el calor", "la espera", "las ganas", "a mi jefe", "este ruido", "el ruido"),
    ),
    *_each(
        ("no puedo más",),
        (
            "con este calor",
            "con el calor",
            "de la risa",
            "de risa",
            "de comer",
            "con la intriga",
            "con las ganas",
            "con este ruido",
        ),
    ),
    *_each(
        ("sobredosis",),
        (
            "de azúcar",
            "de café",
            "de cafeína",
            "de chocolate",
            "de dulces",
            "de series",
            "de información",
            "de trabajo",
            "de memes",
            "de ternura",
            "de amor",
            "de realidad",
            "de fútbol",
            "de pantallas",
        ),
    ),
    *_each(
        ("acabar con todo", "terminar con todo"),
        ("el trabajo", "lo pendiente", "lo que tengo pendiente", "el papeleo", "el chocolate"),
    ),
    *_each(
        ("cansado de la vida", "cansada de la vida", "harto de la vida", "harta de la vida"),
        ("de ciudad", "nocturna", "de oficina"),
    ),
    *_each(
        ("sería mejor si no estuviera",),
        ("lloviendo", "nublado", "tan cansado", "tan cansada", "tan lejos", "cerrado", "cerrada"),
    ),
    *_each(
        ("adiós para siempre", "me despido para siempre", "despedirme para siempre"),
        ("al tabaco", "del tabaco", "de este trabajo", "de twitter"),
    ),
    # Accents are optional, so "sin mí" (without me) is also "sin mi" (without my).
    *_each(
        ("estaría mejor sin mí", "estarían mejor sin mí", "están mejor sin mí"),
        ("ex", "trabajo", "jefe", "coche", "móvil", "ayuda", "permiso", "mal humor"),
    ),
    *_each(("quiero morir", "quiero morirme"), ("de viejo", "de vieja")),
    "no quiero morir sin",
    "no quiero morirme sin",
    "escuadrón suicida",
    "misión suicida",
    "maniobra suicida",
    "adelantamiento suicida",
    "suicidio político",
    "suicidio profesional",
    "sería un suicidio",
    "podría dormir para siempre",
    "no soy una carga",
    "no soy un estorbo",
)

# Every post is looked at for every language's phrases, whatever the language of the
# community, of the page or of the author: a person reaches out in their own language
# even in a community that speaks another, and a missed cry for help costs far more
# than a look at one more phrase. Each language's phrases are its own words, so one
# language's list doesn't catch another's everyday sentences (the corpora in
# tests/moderation check both lists against both languages' sentences).
DEFAULT_CRISIS_PHRASES_BY_LANGUAGE = {"en": CRISIS_PHRASES_EN, "es": CRISIS_PHRASES_ES}
ORDINARY_SAYINGS_BY_LANGUAGE = {"en": ORDINARY_SAYINGS_EN, "es": ORDINARY_SAYINGS_ES}
DEFAULT_CRISIS_PHRASES = tuple(chain.from_iterable(DEFAULT_CRISIS_PHRASES_BY_LANGUAGE.values()))
ORDINARY_SAYINGS = tuple(chain.from_iterable(ORDINARY_SAYINGS_BY_LANGUAGE.values()))

DEFAULT_REFUSAL = gettext_lazy(
    "We couldn't post this, because it includes something our community guidelines don't "
    "allow here. Your text is still below — you could change that part and try again."
)


# Apostrophes and hyphens as phones and word processors type them.
_LOOK_ALIKES = str.maketrans(
    {"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2010": "-", "\u2011": "-", "\u2013": "-"}
)
# An accent on a Latin letter (á, é, ü, ç), after splitting letters from their marks;
# "ñ" keeps its tilde (see _letter_without_accent). Other scripts' marks are letters'
# own and stay.
_LATIN_ACCENTS = re.compile(r"([A-Za-z])([\u0300-\u036f]+)")
# A letter typed three times or more ("quierooo", "dieee") counts once.
_DRAWN_OUT = re.compile(r"([^\W\d_])\1{2,}", re.IGNORECASE)

# The short forms of a phone, each standing for the word (accents taken off) of a
# phrase it may replace: "q sentido tiene vivir", "kiero morirme", "pa q vivir",
# "no se xq sigo vivo". Used only inside phrases, so a lone "q" or "x" matches nothing.
_SPELLINGS = {
    "que": r"(?:que|q|k|ke)",
    "porque": r"(?:por[\s-]?que|porq|xq|pq|xk|pk|x[\s-]?q|x[\s-]?que)",
    "por": r"(?:por|x)",
    "para": r"(?:para|pa)",
    "quiero": r"(?:quiero|kiero|qiero)",
    "quisiera": r"(?:quisiera|kisiera)",
    "estoy": r"(?:estoy|toy)",
    "de": r"(?:de|d)",
}


def _letter_without_accent(match: re.Match) -> str:
    letter, marks = match.group(1), match.group(2)
    return letter + "\u0303" if letter in "nN" and "\u0303" in marks else letter


def normalize(text: str) -> str:
    """Text as the phrases are looked for in it: curly apostrophes straight, runs of
    spaces one, accents off ("más" = "mas"; "ñ" stays "ñ", however it was typed) and
    drawn-out letters once ("maaas" = "mas")."""
    text = text.translate(_LOOK_ALIKES)
    if not text.isascii():
        text = unicodedata.normalize("NFD", text)
        text = unicodedata.normalize("NFC", _LATIN_ACCENTS.sub(_letter_without_accent, text))
    return re.sub(r"\s+", " ", _DRAWN_OUT.sub(r"\1", text))


def _words(phrase: str) -> list[str]:
    words = normalize(phrase).split()
    # "por qué" and "porque" are one word on a phone ("xq").
    merged: list[str] = []
    for word in words:
        if merged and merged[-1].lower() == "por" and word.lower() == "que":
            merged[-1] = "porque"
        else:
            merged.append(word)
    return merged


@lru_cache(maxsize=4096)
def phrase_pattern(phrase: str) -> re.Pattern:
    """A whole-word, any-case, any-accent pattern: spaces, line breaks or hyphens
    between the words ("no-one"), apostrophes optional, a hyphen in the phrase matching
    a space or nothing ("self harm", "selfharm", "auto lesión"), an "ñ" matching an "n"
    typed instead ("hacerme dano"), a phone's short forms for Spanish words (_SPELLINGS)
    and symbols at either end allowed ("$$$"). Match it against normalize()d text."""
    words = [
        _SPELLINGS.get(word.lower())
        or re.escape(word).replace("'", "'?").replace(r"\-", r"[-\s]?").replace("ñ", "[ñn]")
        for word in _words(phrase)
    ]
    return re.compile(r"(?<!\w)" + r"[\s-]+".join(words) + r"(?!\w)", re.IGNORECASE)


_ANCHOR_FORM = str.maketrans({"ñ": "n"})


@lru_cache(maxsize=4096)
def _anchor(phrase: str) -> frozenset[str]:
    """Words of which the text must hold one, whole, for the phrase to be there: the
    phrase's longest word written only one way ("self-harm": "self" or "selfharm").
    Empty when every word has other spellings."""
    words = [word.lower().translate(_ANCHOR_FORM) for word in _words(phrase)]
    plain = [w for w in words if w.replace("-", "").isalpha() and w not in _SPELLINGS]
    if not plain:
        return frozenset()
    longest = max(plain, key=len)
    return frozenset({longest.replace("-", ""), longest.split("-")[0]})


def _text_words(text: str) -> frozenset[str]:
    return frozenset(re.findall(r"[^\W\d_]+", text.lower().translate(_ANCHOR_FORM)))


def _may_hold(phrase: str, words: frozenset[str]) -> bool:
    # Hundreds of defaults, every post: a set lookup spares the regex for nearly all.
    anchor = _anchor(phrase)
    return not anchor or not anchor.isdisjoint(words)


def _without_ordinary_sayings(text: str, words: frozenset[str]) -> str:
    for saying in ORDINARY_SAYINGS:
        if _may_hold(saying, words):
            text = phrase_pattern(saying).sub(" ", text)
    return text


def find_crisis_language(*texts: str, staff_phrases: list[str] | None = None) -> list[str]:
    """The crisis phrases (defaults first, then staff's) found in these texts. Pass
    staff's phrases when checking many texts, so they are read once (see crisis_words)."""
    found: dict[str, str] = {}
    written = normalize("\n".join(t for t in texts if t))
    written_words = _text_words(written)
    plain = _without_ordinary_sayings(written, written_words)
    if staff_phrases is None:
        staff_phrases = list(CrisisPhrase.objects.values_list("phrase", flat=True))
    plain_words = written_words if plain == written else _text_words(plain)
    looks = [(phrase, plain) for phrase in DEFAULT_CRISIS_PHRASES if _may_hold(phrase, plain_words)]
    looks += [(phrase, written) for phrase in staff_phrases]
    for phrase, haystack in looks:
        # One report for one phrase, whichever accents, apostrophes or hyphens it has.
        key = normalize(phrase).lower().replace("'", "").replace("-", "")
        if key not in found and phrase_pattern(phrase).search(haystack):
            found[key] = phrase
    return list(found.values())


def crisis_words():
    """A checker for many texts (a page of the admin): staff's phrases read once."""
    staff_phrases = list(CrisisPhrase.objects.values_list("phrase", flat=True))
    return lambda *texts: find_crisis_language(*texts, staff_phrases=staff_phrases)


# Why a post's words may distress a moderator, in their language (forums' seam,
# `distressing`); lazy, so a page compares and shows them in its own.
CRISIS_LANGUAGE = gettext_lazy("crisis language")
SAFETY_FLAG = gettext_lazy("a member is worried about the author's safety")


class ModerationScreener:
    def screen(self, screening: Screening) -> None:
        config = ModerationSettings.load()
        # The author's own words only: quoting a person in crisis is support, not crisis.
        crisis = find_crisis_language(screening.title or "", screening.own_body)
        if crisis:
            screening.crisis = True
            screening.reasons.append(REASON_CRISIS % {"phrases": ", ".join(crisis)})
            # The crisis setting alone decides (forums.screening.settle): no first-post
            # hold or watched word hides a person at risk.
            screening.hold_crisis = config.crisis_post_behaviour == CrisisPostBehaviour.HOLD
        self._watched_words(screening)
        if screening.post is None and self._is_new(screening.author, config):
            screening.hold = True
            screening.reasons.append(
                REASON_NEW_MEMBER_CRISIS if screening.crisis else REASON_NEW_MEMBER
            )

    def _watched_words(self, screening: Screening) -> None:
        for word in WatchedWord.objects.all():
            pattern = word.compiled()
            # Own words only: nobody is refused or held for words they quote.
            fields = [screening.own_body] + ([screening.title] if screening.title else [])
            if not any(pattern.search(text) for text in fields):
                continue
            if word.action == "block" and screening.crisis:
                # Crisis language never turns a person away: the post goes through as
                # the crisis setting says, and the moderators see the word.
                screening.reasons.append(REASON_WATCHED_BLOCK_CRISIS % {"pattern": word.pattern})
            elif word.action == "block":
                screening.refusal = (
                    gettext("We couldn't post this. %(explanation)s Your text is still below.")
                    % {"explanation": word.explanation}
                    if word.explanation
                    else str(DEFAULT_REFUSAL)
                )
                return
            if word.action == "replace":
                self._replace(screening, word, pattern)
            elif word.action == "hold":
                screening.hold = True
                line = REASON_WATCHED_HOLD_CRISIS if screening.crisis else REASON_WATCHED_HOLD
                screening.reasons.append(line % {"pattern": word.pattern})
            elif word.action == "flag":
                screening.flag = True
                screening.reasons.append(REASON_WATCHED_FLAG % {"pattern": word.pattern})

    def rewrite(self, screening: Screening) -> None:
        """The words as `screen` would leave them, and nothing else: replaced words are
        replaced; nothing is refused, held, flagged or called crisis (a preview, through
        forums.screening.as_saved). Only replacing changes text, so this is the text a
        post that isn't refused is saved with."""
        for word in WatchedWord.objects.filter(action="replace"):
            self._replace(screening, word, word.compiled())

    @staticmethod
    def _replace(screening: Screening, word: WatchedWord, pattern: re.Pattern) -> None:
        # A function, so the replacement is used as written (no \1 or \o).
        replacement = lambda match, text=word.replacement: text  # noqa: E731
        screening.rewrite_own(partial(pattern.sub, replacement))
        if screening.title:
            screening.title = pattern.sub(replacement, screening.title)

    def holds_first_posts(self, author) -> bool:
        """_is_new without saving anything, in one query compiled once: the thread page
        asks it for its reply box, on every visit."""
        if author is None or author.is_staff:
            return False
        rows = _HOLD_AND_PUBLISHED.rows(author.pk)
        if not rows:  # no settings saved yet: the defaults apply
            return self._is_new(author, ModerationSettings.load())
        held, count = rows[0]
        if count >= COUNTED_AT_MOST and held > COUNTED_AT_MOST:
            return self._is_new(author, ModerationSettings.load())
        return count < held

    def distressing(self, posts: list[Post]) -> dict[int, list[str]]:
        """Posts whose words moderators should open only when ready (forums' seam):
        crisis language, now or when screened, and posts a member flagged out of worry
        for the author's safety (dismissed or not: the words are the same)."""
        ids = [post.pk for post in posts]
        crisis_items = set(
            ReviewItem.objects.filter(post__in=ids, crisis=True).values_list("post_id", flat=True)
        )
        safety = set(
            Flag.objects.filter(post__in=ids, reason=FlagReason.SAFETY).values_list(
                "post_id", flat=True
            )
        )
        words = crisis_words()
        found: dict[int, list[str]] = {}
        for post in posts:
            title = post.thread.title if post.is_opening else ""
            why = []
            if post.pk in crisis_items or words(title, post.body):
                why.append(str(CRISIS_LANGUAGE))
            if post.pk in safety:
                why.append(str(SAFETY_FLAG))
            if why:
                found[post.pk] = why
        return found

    def at_risk(self, posts: list[Post]) -> set[int]:
        """Posts with an urgent review item for crisis language, open or done: the
        moderators know about them (forums' seam; the thread page tells other members
        how to respond). One query, built once per process (core.queries)."""
        if not posts:
            return set()
        return {post_id for (post_id,) in _URGENT_CRISIS.rows([post.pk for post in posts])}

    @staticmethod
    def _is_new(author, config: ModerationSettings) -> bool:
        held = config.new_member_hold_count
        if held == 0 or author is None or author.is_staff:
            return False
        # Counted up to the hold only: every post by every member asks, and a member with
        # years of posts shouldn't cost a count of them all.
        return ModerationScreener._posts_that_count(author)[:held].count() < held

    @staticmethod
    def _posts_that_count(author):
        # A post no moderator has looked at yet doesn't count, even if it was published
        # (crisis language is published unheld), so writing crisis words can't be a
        # way round the hold for the posts after it.
        return (
            Post.objects.filter(author=author)
            .exclude(status=PostStatus.PENDING)
            .exclude(review_items__in=ReviewItem.objects.open())
        )

    def after_save(self, post, screening: Screening) -> None:
        if not screening.needs_review:
            return
        priority = (
            Priority.URGENT
            if screening.crisis
            else Priority.FLAGGED
            if screening.flag and not screening.hold
            else Priority.HELD
        )
        # An item that becomes urgent alerts the on-call moderators (open_review).
        open_review(
            post,
            priority=priority,
            reasons=screening.reasons,
            crisis=screening.crisis,
            held=screening.hold,
        )

    def turned_away(self, post, screening: Screening, because: str) -> None:
        """Crisis language in an edit that couldn't be saved: an urgent item with the
        words, so a moderator reads them (the author was shown help and kept them)."""
        open_review(
            post,
            priority=Priority.URGENT,
            reasons=[*screening.reasons, because],
            crisis=True,
            held=post.is_pending,
            words=(
                screening.title or (post.thread.title if post.is_opening else ""),
                screening.body,
            ),
        )


# The notice counts a member's published posts up to this many (a hold longer than this
# is counted in full, as screening counts it): a member with years of posts costs no
# more than a new one.
COUNTED_AT_MOST = 100


def _hold_and_published(author_id: int):
    """The hold staff set, and how many of this member's posts count towards it."""
    counted = ModerationScreener._posts_that_count(author_id).order_by().values("pk")
    counted = counted[:COUNTED_AT_MOST]
    published = (
        Post.objects.filter(pk__in=counted)
        .order_by()
        .values("author")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        ModerationSettings.objects.filter(pk=1)
        .annotate(published=Coalesce(Subquery(published), 0))
        .values_list("new_member_hold_count", "published")
        .order_by()[:1]
    )


_HOLD_AND_PUBLISHED = Compiled(_hold_and_published)
_URGENT_CRISIS = Compiled(
    lambda post_ids: ReviewItem.objects.filter(
        post__in=post_ids, crisis=True, priority=Priority.URGENT
    ).values_list("post_id")
)


class MessageScreener:
    """members tells it of every message a member writes in a conversation
    (BOOMITY_MESSAGE_SCREENERS, members/conversations.py), inside the transaction that
    saves it: each one goes in the audit log (by number, never its words), and crisis
    language opens an urgent review item about the message, as a post's would. Nothing
    is refused or held: a person writing to the team is always heard."""

    def screen_message(self, message) -> bool:
        crisis = find_crisis_language(message.body)
        if not message.conversation.team:
            # Between members: not the team's to read or record; the writer still
            # sees help first.
            return bool(crisis)
        record(
            message.author,
            AuditAction.MESSAGE_MEMBER,
            message,
            detail=gettext("From member %(member)s") % {"member": message.author_id}
            if message.author_id
            else "",
        )
        if crisis:
            open_review_for_message(
                message, reasons=[REASON_CRISIS % {"phrases": ", ".join(crisis)}]
            )
        return bool(crisis)
