"""Step 4 complexity rules, table-driven: what the case suggests, when a situation is complex, when leaving a
suggested kind unticked needs an explanation, and which specialist contacts fit."""

import pytest

from wijkveilig.meldcode.weighing import ComplexityKind as K
from wijkveilig.meldcode.weighing import (
    Contact,
    is_complex,
    matching_contacts,
    suggested_kinds,
    unexplained_omissions,
)


@pytest.mark.parametrize(("forms", "risks", "expected"), [
    ([], [], set()),
    (["partner_violence", "child_abuse"], ["addiction"], set()),
    (["honour_related"], [], {K.HONOUR_RELATED}),
    (["trafficking"], [], {K.TRAFFICKING}),
    (["forced_marriage"], [], {K.FORCED_MARRIAGE}),
    (["fgm"], [], {K.FGM}),
    (["fgm", "forced_marriage", "sexual_violence"], [], {K.FGM, K.FORCED_MARRIAGE}),
    (["partner_violence"], ["psychiatric"], {K.PSYCHIATRY_WITH_VIOLENCE}),
    (["honour_related"], ["psychiatric", "weapon"], {K.HONOUR_RELATED, K.PSYCHIATRY_WITH_VIOLENCE}),
])
def test_suggested_kinds(forms, risks, expected):
    assert suggested_kinds(forms, risks) == expected


@pytest.mark.parametrize(("kinds", "expected"), [
    ([], False),
    (["not_a_kind"], False),
    (["honour_related"], True),
    (["trafficking"], True),
    (["forced_marriage"], True),
    (["fgm"], True),
    (["psychiatry_with_violence"], True),
    (["sexual_abuse_multiple_victims"], True),
    (["not_a_kind", "fgm"], True),
])
def test_is_complex(kinds, expected):
    assert is_complex(kinds) is expected


@pytest.mark.parametrize(("suggested", "ticked", "explanation", "expected"), [
    (set(), [], "", set()),
    ({"honour_related"}, ["honour_related"], "", set()),
    ({"honour_related"}, [], "", {"honour_related"}),
    ({"honour_related", "fgm"}, ["fgm"], "", {"honour_related"}),
    ({"honour_related"}, [], "   ", {"honour_related"}),  # blank is no explanation
    ({"honour_related"}, [], "Eerder geregistreerd; nu geen dreiging (fictief)", set()),
])
def test_unexplained_omissions(suggested, ticked, explanation, expected):
    assert unexplained_omissions(suggested, ticked, explanation) == expected


GENERAL = Contact(1, frozenset())
HONOUR = Contact(2, frozenset({"honour_related"}))
HONOUR_FGM = Contact(3, frozenset({"honour_related", "fgm", "forced_marriage"}))
TRAFFICKING = Contact(4, frozenset({"trafficking"}))
ALL = [GENERAL, HONOUR, HONOUR_FGM, TRAFFICKING]


@pytest.mark.parametrize(("contacts", "kinds", "expected"), [
    (ALL, [], []),                                   # not complex: no specialist list
    (ALL, ["trafficking"], [4, 1]),                  # matching expertise first, then general contacts
    (ALL, ["honour_related"], [2, 3, 1]),
    (ALL, ["honour_related", "fgm"], [3, 2, 1]),     # most overlap first
    (ALL, ["psychiatry_with_violence"], [1]),        # nobody specific: the general contact
    ([HONOUR, TRAFFICKING], ["psychiatry_with_violence"], []),
    ([], ["fgm"], []),
])
def test_matching_contacts(contacts, kinds, expected):
    assert matching_contacts(contacts, kinds) == expected
