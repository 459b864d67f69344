"""The Signs of Safety danger statement reads as correct Dutch (issue 11: it said "Wijkteam en school maakt zich
zorgen over Dirk schreeuwt…")."""

import pytest

from wijkveilig.assessment.danger_statement import behaviour_part, compose


@pytest.mark.parametrize(("who", "verb"), [
    ("De school", "maakt zich"),
    ("school", "maakt zich"),
    ("Wijkteam en school", "maken zich"),
    ("de huisarts, de school en het wijkteam", "maken zich"),
    ("De buren", "maken zich"),
    ("de ouders", "maken zich"),
    ("Oma", "maakt zich"),
    ("Ik", "maak me"),
    ("wij", "maken ons"),
    ("Ik en de leerkracht", "maken ons"),
    ("Veilig Thuis", "maakt zich"),
    ("Politie Proefland", "maakt zich"),
    ("zij", "maken zich"),
])
def test_the_verb_agrees_with_who_is_worried(who, verb):
    sentence = compose(who_worried=who, behaviour="het schreeuwen", consequence="iemand raakt gewond")
    assert sentence.startswith(f"{who[:1].upper()}{who[1:]} {verb} zorgen ")


@pytest.mark.parametrize(("behaviour", "part"), [
    ("Dirk schreeuwt tegen zijn moeder", ": Dirk schreeuwt tegen zijn moeder"),  # a main clause: after a colon
    ("het schreeuwen van Dirk", " over het schreeuwen van Dirk"),  # a noun phrase: after 'over'
    ("Het schreeuwen van Dirk.", " over het schreeuwen van Dirk"),
    ("dat Dirk tegen zijn moeder schreeuwt", " dat Dirk tegen zijn moeder schreeuwt"),  # already subordinate
    ("Omdat Dirk slaat", " omdat Dirk slaat"),
    ("over de ruzies thuis", " over de ruzies thuis"),
    ("  Dirk   slaat  ", ": Dirk slaat"),
])
def test_the_behaviour_follows_as_dutch_allows(behaviour, part):
    assert behaviour_part(behaviour) == part


def test_the_whole_sentence():
    assert compose(who_worried="Wijkteam en school", behaviour="Dirk schreeuwt tegen zijn moeder en gooit met "
                   "spullen.", consequence="Moeder of de kinderen raken gewond.") == (
        "Wijkteam en school maken zich zorgen: Dirk schreeuwt tegen zijn moeder en gooit met spullen. "
        "Als er niets verandert, kan dit gebeuren: Moeder of de kinderen raken gewond.")


@pytest.mark.parametrize("missing", ["who_worried", "behaviour", "consequence"])
def test_an_incomplete_statement_gives_no_sentence(missing):
    parts = {"who_worried": "De school", "behaviour": "het slaan", "consequence": "letsel"} | {missing: "  "}
    assert compose(**parts) == ""


def _post(world, as_user, **statement):
    data = {"d1_who_worried": "Wijkteam en school", "d1_behaviour": "Dirk schreeuwt tegen zijn moeder",
            "d1_consequence": "Moeder raakt gewond", "d1_safety_goal": "Drie maanden geen geschreeuw"} | statement
    return as_user(world.worker).post(f"/casussen/{world.case.pk}/beoordeling/signs-of-safety/", data)


def test_the_page_shows_the_composed_sentence_and_keeps_the_workers_own(world, as_user):
    from wijkveilig.assessment.models import DangerStatement

    assert _post(world, as_user).status_code == 302
    composed = ("Wijkteam en school maken zich zorgen: Dirk schreeuwt tegen zijn moeder. Als er niets verandert, kan "
                "dit gebeuren: Moeder raakt gewond.")
    assert DangerStatement.objects.get().statement == composed
    page = as_user(world.worker).get(f"/casussen/{world.case.pk}/beoordeling/signs-of-safety/").content.decode()
    assert composed in page and "maakt zich zorgen over Dirk" not in page

    own = "De school en wij zijn bang dat Dirk zijn moeder pijn doet als hij boos wordt."
    assert _post(world, as_user, d1_statement=own).status_code == 302
    assert DangerStatement.objects.order_by("-pk").first().statement == own
