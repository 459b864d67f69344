"""The Signs of Safety danger statement as one Dutch sentence, composed from its parts (issue 11 part 2).

Pure rules over plain text, table-tested in tests/assessment/test_danger_statement.py. The worker may rewrite the
sentence; this only gives a correct starting point. The sentence is stored in Dutch (it goes into the plan the family
reads), whatever the worker's interface language.

- The verb agrees with who is worried: "De school maakt zich zorgen", "Wijkteam en school maken zich zorgen",
  "Ik maak me zorgen", "Wij maken ons zorgen".
- The behaviour follows as Dutch allows: a noun phrase after "over" ("over het schreeuwen van Dirk"), a clause that
  already starts with "dat"/"omdat"/... as it is, and a main clause ("Dirk schreeuwt tegen zijn moeder") after a colon
  (its word order cannot follow "over").
"""

import re

# (verb, reflexive pronoun) per grammatical person of the subject.
FIRST_SINGULAR, FIRST_PLURAL, SECOND, POLITE, THIRD_SINGULAR, THIRD_PLURAL = range(6)
VERB = {FIRST_SINGULAR: "maak me", FIRST_PLURAL: "maken ons", SECOND: "maakt je", POLITE: "maakt zich",
        THIRD_SINGULAR: "maakt zich", THIRD_PLURAL: "maken zich"}
PRONOUNS = {"ik": FIRST_SINGULAR, "wij": FIRST_PLURAL, "we": FIRST_PLURAL, "jij": SECOND, "je": SECOND,
            "u": POLITE, "hij": THIRD_SINGULAR, "zij": THIRD_PLURAL, "ze": THIRD_PLURAL, "jullie": THIRD_PLURAL,
            "men": THIRD_SINGULAR}
# Head nouns that are plural although they do not look it, and singular ones that look plural.
PLURAL_NOUNS = {"ouders", "buren", "kinderen", "grootouders", "leerkrachten", "hulpverleners", "partners", "broers",
                "zussen", "familieleden", "collega's", "medewerkers", "betrokkenen", "mensen"}
SINGULAR_NOUNS = {"politie", "school", "huisarts", "wijkteam", "moeder", "vader", "oma", "opa", "leerkracht",
                  "buurvrouw", "buurman", "familie", "gemeente", "jeugdarts", "kinderopvang", "veilig thuis"}
JOINERS = re.compile(r"\s*(?:,|\ben\b|\bals ook\b|\bsamen met\b|&|\+)\s*", re.IGNORECASE)
SUBORDINATORS = ("dat ", "omdat ", "doordat ", "wanneer ", "als ", "hoe ", "of ")
NOUN_PHRASE_STARTS = ("de ", "het ", "een ", "zijn ", "haar ", "hun ", "deze ", "dit ", "die ", "mijn ", "onze ",
                      "ons ", "jullie ", "veel ", "ernstige ", "herhaald ", "herhaalde ")


def subject_person(who: str) -> int:
    """The grammatical person of who is worried: several parties (joined by 'en' or commas) are plural."""
    text = " ".join(who.split()).strip().lower()
    parts = [part for part in JOINERS.split(text) if part]
    if len(parts) > 1:
        return FIRST_PLURAL if any(PRONOUNS.get(part) in {FIRST_SINGULAR, FIRST_PLURAL} for part in parts) \
            else THIRD_PLURAL
    if text in PRONOUNS:
        return PRONOUNS[text]
    head = text.split()[-1] if text else ""
    if text in SINGULAR_NOUNS or head in SINGULAR_NOUNS:
        return THIRD_SINGULAR
    return THIRD_PLURAL if head in PLURAL_NOUNS else THIRD_SINGULAR


def _sentence_start(text: str) -> str:
    return text[:1].upper() + text[1:]


def _clause(text: str) -> str:
    return " ".join(text.split()).rstrip(" .!?;:")


def behaviour_part(behaviour: str) -> str:
    """What follows 'zorgen': 'over' + a noun phrase, a subordinate clause as it is, or a main clause after a colon."""
    text = _clause(behaviour)
    lower = text.lower() + " "
    if lower.startswith("over "):
        return " " + text
    if lower.startswith(SUBORDINATORS):
        return " " + text[:1].lower() + text[1:]
    if lower.startswith(NOUN_PHRASE_STARTS):
        return " over " + text[:1].lower() + text[1:]
    return ": " + text


def compose(*, who_worried: str, behaviour: str, consequence: str) -> str:
    """'Wijkteam en school maken zich zorgen: Dirk schreeuwt tegen zijn moeder. Als er niets verandert, kan dit
    gebeuren: zij raakt gewond.' Empty parts give an empty sentence (the service refuses an incomplete statement)."""
    who, what, then = _clause(who_worried), _clause(behaviour), _clause(consequence)
    if not (who and what and then):
        return ""
    first = f"{_sentence_start(who)} {VERB[subject_person(who)]} zorgen{behaviour_part(what)}."
    return f"{first} Als er niets verandert, kan dit gebeuren: {then}."
