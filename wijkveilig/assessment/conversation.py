"""Conversation support as data: the basic questions about consequences and the QueZ main questions."""

from django.utils.translation import gettext_lazy as _

# Basisvragen huiselijk geweld: ask about consequences, not causes (Movisie, §3.1 Gespreksvoering).
BASIC_QUESTIONS: tuple[tuple[str, str], ...] = (
    ("basic_tension", _("Levert dat spanningen op bij jou en/of de andere gezinsleden?")),
    ("basic_reaction", _("Hoe reageren jullie onderling op de problemen?")),
    ("basic_conflicts", _("Zijn er wel eens meningsverschillen, conflicten, ruzies?")),
    ("basic_course", _("Hoe verlopen die? Lopen ze wel eens uit de hand?")),
    ("basic_escalation", _("Hoe lopen ze dan uit de hand? Wat moet ik me daarbij voorstellen?")),
    ("basic_views", _("Kijken jij en je partner daar verschillend naar?")),
    ("basic_children", _("Wat is het effect op de kinderen?")),
)

# QueZ: the main questions on the four areas of self-direction (Movisie, §3.3).
QUEZ_AREAS: tuple[tuple[str, str, tuple[tuple[str, str], ...]], ...] = (
    ("ownership", _("Eigenaarschap"), (
        ("quez_change", _("Wat wilt u veranderen?")),
        ("quez_need", _("Wat heeft u hierbij nodig?")),
        ("quez_influence", _("Wie of wat heeft invloed op de keuzes die u maakt?")),
    )),
    ("strength", _("Kracht"), (
        ("quez_good_at", _("Waar bent u goed in?")),
        ("quez_stay_upright", _("Wat doet u om overeind te blijven in moeilijke periodes?")),
        ("quez_use_strengths", _("Hoe kunt u uw sterke kanten in deze situatie inzetten?")),
    )),
    ("motivation", _("Motivatie"), (
        ("quez_enjoy", _("Wat vindt u leuk om te doen?")),
        ("quez_most_important", _("Wat vindt u het belangrijkste in het leven?")),
        ("quez_achieve", _("Wat zou u willen bereiken?")),
    )),
    ("contacts", _("Contacten"), (
        ("quez_important_people", _("Welke mensen zijn belangrijk voor u?")),
        ("quez_involved", _("Wie is betrokken bij uw situatie?")),
        ("quez_want_involved", _("Wie wilt u betrekken bij uw situatie?")),
    )),
)

QUESTIONS: dict[str, str] = dict(BASIC_QUESTIONS) | {code: text for _a, _l, rows in QUEZ_AREAS for code, text in rows}
QUESTION_GROUP: dict[str, str] = {code: "basic" for code, _t in BASIC_QUESTIONS} | {
    code: area for area, _l, rows in QUEZ_AREAS for code, _t in rows}
