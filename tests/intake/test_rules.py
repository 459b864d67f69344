"""The intake rules as tables: colour from the three triage answers, routing, assignment suggestion, suppression."""

from itertools import product

import pytest

from wijkveilig.intake import routing
from wijkveilig.intake.routing import Destination, PostcodeRange
from wijkveilig.intake.triage import Colour, TriageAnswers, colour_for, is_acute

# (A direct danger, B structural unsafety, C multi-problem) → colour: every one of the 8 combinations.
COLOURS = {
    (True, True, True): Colour.RED,
    (True, True, False): Colour.RED,
    (True, False, True): Colour.RED,
    (True, False, False): Colour.RED,
    (False, True, True): Colour.ORANGE,
    (False, True, False): Colour.ORANGE,
    (False, False, True): Colour.YELLOW,
    (False, False, False): Colour.GREEN,
}


def test_colour_table_covers_every_combination():
    assert set(COLOURS) == set(product([True, False], repeat=3))


@pytest.mark.parametrize(("answers", "colour"), COLOURS.items())
def test_colour_follows_the_most_serious_yes(answers, colour):
    assert colour_for(TriageAnswers(*answers)) == colour


@pytest.mark.parametrize(("colour", "acute"), [("rood", True), ("oranje", False), ("geel", False), ("groen", False),
                                               ("", False)])
def test_only_rood_is_acute(colour, acute):
    assert is_acute(colour) is acute


# (colour, has a team) → (destination, specialist support, team stays involved): every routing branch.
ROUTES = [
    ("groen", True, Destination.TEAM_INTAKE, False, False),
    ("geel", True, Destination.TEAM_INTAKE, True, False),
    ("oranje", True, Destination.SPECIALIST, True, True),
    ("rood", True, Destination.SPECIALIST, True, True),
    ("", True, Destination.AWAITING_TRIAGE, False, False),
    ("groen", False, Destination.MUNICIPAL, False, False),
    ("geel", False, Destination.MUNICIPAL, True, False),
    ("oranje", False, Destination.MUNICIPAL, True, True),
    ("rood", False, Destination.MUNICIPAL, True, True),
    ("", False, Destination.MUNICIPAL, False, False),
]


@pytest.mark.parametrize(("colour", "has_team", "destination", "support", "involved"), ROUTES)
def test_route_for_colour_and_team(colour, has_team, destination, support, involved):
    route = routing.route_for(colour, has_team=has_team)
    assert (route.destination, route.needs_specialist_support, route.team_stays_involved) == \
        (destination, support, involved)


TABLE = [
    PostcodeRange("9900AA", "9900ZZ", 1, 99, "BU99990101"),
    PostcodeRange("9900AA", "9900ZZ", 100, 200, "BU99990102"),
    PostcodeRange("9910AA", "9919ZZ", 1, 9999, "BU99990301"),
]


@pytest.mark.parametrize(("postcode", "number", "buurt"), [
    ("9900 AB", "12", "BU99990101"),      # with a space, lower number range
    ("9900ab", "150a", "BU99990102"),     # lower case, addition after the number
    ("9900AA", "99", "BU99990101"),       # inclusive upper bound
    ("9900ZZ", "100", "BU99990102"),      # inclusive lower bound of the next range
    ("9915KL", "7-2", "BU99990301"),      # inside a postcode range
    ("9900AB", "201", None),              # number outside every range
    ("9920AA", "1", None),                # postcode not in the table
    ("99AB", "1", None),                  # not a postcode
    ("9900AB", "", None),                 # no house number
    ("9900AB", "bis", None),              # no leading number
])
def test_buurt_for_address(postcode, number, buurt):
    assert routing.buurt_code_for(postcode, number, TABLE) == buurt


# The assignment suggestion is tested with the team facts it reads: tests/teams/test_rules.py.
