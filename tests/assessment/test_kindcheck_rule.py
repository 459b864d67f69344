"""The kindcheck prompt outside a Meldcode route (issue 9.5): a pure rule over plain data, table-tested."""

from datetime import UTC, date, datetime

import pytest

from wijkveilig.assessment import balansmodel, zrm
from wijkveilig.assessment.kindcheck import (
    TRIGGER_TABLE,
    KindcheckPicture,
    ZrmPhoto,
    kindcheck_prompt,
)
from wijkveilig.cases.minors import age_on, is_minor
from wijkveilig.cases.models import ViolenceForm
from wijkveilig.meldcode.models import RiskSituation

T1 = datetime(2026, 3, 1, 10, 0, tzinfo=UTC)
T2 = datetime(2026, 3, 8, 10, 0, tzinfo=UTC)
T0 = datetime(2026, 2, 1, 10, 0, tzinfo=UTC)


def adult_zrm(at=T1, **scores) -> ZrmPhoto:
    return ZrmPhoto(is_adult=True, scores=scores, assessed_at=at)


def picture(**kwargs) -> KindcheckPicture:
    return KindcheckPicture(**({"has_adult": True, "minor_count": 1} | kwargs))


@pytest.mark.parametrize("name, facts, triggers", [
    # one row per entry of the table
    ("ZRM geestelijke gezondheid 1", picture(zrm_photos=(adult_zrm(mental_health=1),)), ("psychiatric",)),
    ("ZRM middelengebruik 1", picture(zrm_photos=(adult_zrm(substance_use=1),)), ("addiction",)),
    ("ZRM middelengebruik 2", picture(zrm_photos=(adult_zrm(substance_use=2),)), ("addiction",)),
    ("ZRM huiselijke relaties 2", picture(zrm_photos=(adult_zrm(domestic_relations=2),)), ("violent_partner",)),
    ("ZRM financiën 2", picture(zrm_photos=(adult_zrm(finances=2),)), ("debts",)),
    ("ZRM huisvesting 1", picture(zrm_photos=(adult_zrm(housing=1),)), ("eviction",)),
    ("Balansmodel psychiatrie", picture(balance_codes=frozenset({"r_micro_psychiatric"}), balance_at=T1),
     ("psychiatric",)),
    ("Balansmodel verslaving", picture(balance_codes=frozenset({"r_micro_addiction"}), balance_at=T1),
     ("addiction",)),
    ("Balansmodel armoede", picture(balance_codes=frozenset({"r_meso_poverty"}), balance_at=T1), ("debts",)),
    ("partnergeweld op de casus", picture(violence_forms=frozenset({"partner_violence"})), ("violent_partner",)),
    ("several at once, in the table's order",
     picture(zrm_photos=(adult_zrm(substance_use=1, mental_health=2),), violence_forms=frozenset({"partner_violence"})),
     ("psychiatric", "addiction", "violent_partner")),
    # no trigger
    ("ZRM 3 is beperkt zelfredzaam: no trigger", picture(zrm_photos=(adult_zrm(substance_use=3, finances=3),)), ()),
    ("another Balansmodel factor", picture(balance_codes=frozenset({"r_meso_conflicts"}), balance_at=T1), ()),
    ("child abuse alone is the Meldcode's, not this prompt's",
     picture(violence_forms=frozenset({"child_abuse"})), ()),
    ("nothing assessed", picture(), ()),
    # not an adult client
    ("the ZRM of a minor", picture(zrm_photos=(ZrmPhoto(is_adult=False, scores={"substance_use": 1},
                                                        assessed_at=T1),)), ()),
    ("no adult in the household", picture(has_adult=False, balance_codes=frozenset({"r_micro_addiction"}),
                                          balance_at=T1, violence_forms=frozenset({"partner_violence"})), ()),
    # no minors
    ("no minors", picture(minor_count=0, zrm_photos=(adult_zrm(substance_use=1),)), ()),
])
def test_which_answers_prompt_the_kindcheck(name, facts, triggers):
    prompt = kindcheck_prompt(facts)
    assert (prompt.triggers if prompt else ()) == triggers, name


@pytest.mark.parametrize("name, facts, prompts", [
    ("no kindcheck yet", picture(zrm_photos=(adult_zrm(T1, substance_use=1),)), True),
    ("kindcheck after the ZRM: done", picture(zrm_photos=(adult_zrm(T1, substance_use=1),), last_kindcheck_at=T2),
     False),
    ("kindcheck at the same moment counts", picture(zrm_photos=(adult_zrm(T1, substance_use=1),),
                                                    last_kindcheck_at=T1), False),
    ("kindcheck before the ZRM: prompt stays", picture(zrm_photos=(adult_zrm(T2, substance_use=1),),
                                                       last_kindcheck_at=T1), True),
    ("a newer assessment showing a trigger asks again",
     picture(zrm_photos=(adult_zrm(T0, substance_use=1),), balance_codes=frozenset({"r_micro_addiction"}),
             balance_at=T2, last_kindcheck_at=T1), True),
    ("only the violence form (no date): any kindcheck counts",
     picture(violence_forms=frozenset({"partner_violence"}), last_kindcheck_at=T0), False),
])
def test_the_prompt_stays_until_a_kindcheck_after_the_trigger(name, facts, prompts):
    assert (kindcheck_prompt(facts) is not None) == prompts, name


def test_the_prompt_says_since_when():
    prompt = kindcheck_prompt(picture(zrm_photos=(adult_zrm(T1, substance_use=1),),
                                      balance_codes=frozenset({"r_micro_psychiatric"}), balance_at=T2))
    assert prompt.since == T2


def test_the_table_uses_real_codes_and_the_kindcheck_risk_situations():
    known = {"zrm": set(zrm.DOMAIN_CODES), "balansmodel": set(balansmodel.BY_CODE),
             "violence_form": set(ViolenceForm.values)}
    for instrument, key, trigger in TRIGGER_TABLE:
        assert key in known[instrument], (instrument, key)
        assert trigger in RiskSituation.values, trigger


@pytest.mark.parametrize("birth_date, is_child, today, minor", [
    (date(2010, 6, 1), False, date(2026, 5, 31), True),  # 15
    (date(2008, 6, 1), False, date(2026, 5, 31), True),  # 17, the day before the 18th birthday
    (date(2008, 6, 1), False, date(2026, 6, 1), False),  # 18 today
    (date(1985, 1, 1), False, date(2026, 6, 1), False),
    (None, False, date(2026, 6, 1), False),  # unknown birth date and no role child: not counted as a minor
    (None, True, date(2026, 6, 1), True),  # the role child in the case counts
    (date(1990, 1, 1), True, date(2026, 6, 1), True),  # the role counts even when the birth date says adult
])
def test_who_is_a_minor(birth_date, is_child, today, minor):
    assert is_minor(birth_date=birth_date, is_child_participant=is_child, today=today) == minor


def test_age_on_a_leap_day_birthday():
    assert age_on(date(2008, 2, 29), date(2026, 2, 28)) == 17
    assert age_on(date(2008, 2, 29), date(2026, 3, 1)) == 18
