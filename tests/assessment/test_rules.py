"""The assessment rules, table-driven: the balance, stale ZRM information and the partner-violence prompt."""

from datetime import date

import pytest

from wijkveilig.assessment import balansmodel, rules, zrm
from wijkveilig.assessment.balansmodel import Level, Side
from wijkveilig.assessment.rules import RiskPicture

RISK_MICRO = ["r_micro_addiction", "r_micro_psychiatric", "r_micro_childhood_trauma"]
RISK_MESO = ["r_meso_isolation", "r_meso_poverty"]
PROT_MESO = ["p_meso_social_support"]
PROT_MACRO = ["p_macro_stable_climate", "p_macro_gender_equality"]


def test_balansmodel_holds_every_factor_of_the_source_once():
    counts = {(side, level): len(balansmodel.factors_of(side, level)) for side in Side for level in Level}
    assert counts == {(Side.RISK, Level.MICRO): 5, (Side.RISK, Level.MESO): 12, (Side.RISK, Level.MACRO): 5,
                      (Side.PROTECTIVE, Level.MICRO): 4, (Side.PROTECTIVE, Level.MESO): 8,
                      (Side.PROTECTIVE, Level.MACRO): 4}
    assert len(balansmodel.BY_CODE) == len(balansmodel.FACTORS) == 38
    labels = [str(f.label) for f in balansmodel.FACTORS]
    assert "Afhankelijkheid (bv afhankelijke verblijfsstatus)" in labels
    assert labels.count("Werkloosheid") == 2  # meso and macro level both name it


def test_zrm_has_the_13_domains_and_official_labels():
    assert len(zrm.DOMAINS) == 13
    assert str(zrm.DOMAIN_LABELS["domestic_relations"]) == "Huiselijke relaties"
    assert [str(label) for _n, label in zrm.SCORES] == [
        "Acute problematiek", "Niet zelfredzaam", "Beperkt zelfredzaam", "Voldoende zelfredzaam",
        "Volledig zelfredzaam"]


@pytest.mark.parametrize(("codes", "per_level", "verdict"), [
    ([], {"micro": (0, 0), "meso": (0, 0), "macro": (0, 0)}, "even"),
    (RISK_MICRO, {"micro": (3, 0), "meso": (0, 0), "macro": (0, 0)}, "risk"),
    (RISK_MICRO + PROT_MESO, {"micro": (3, 0), "meso": (0, 1), "macro": (0, 0)}, "even"),
    (RISK_MICRO + RISK_MESO + PROT_MACRO, {"micro": (3, 0), "meso": (2, 0), "macro": (0, 2)}, "risk"),
    (PROT_MESO + PROT_MACRO, {"micro": (0, 0), "meso": (0, 1), "macro": (0, 2)}, "protective"),
    ([*RISK_MICRO, "no_such_factor"], {"micro": (3, 0), "meso": (0, 0), "macro": (0, 0)}, "risk"),
])
def test_balance_compute(codes, per_level, verdict):
    balance = rules.balance_compute(codes)
    assert {lb.level.value: (lb.risk, lb.protective) for lb in balance.levels} == per_level
    assert balance.verdict == verdict
    assert balance.risk_outweighs is (verdict == "risk")


def test_balance_change_per_level():
    before = rules.balance_compute(RISK_MICRO + PROT_MESO)
    after = rules.balance_compute(RISK_MICRO[:1] + PROT_MESO + PROT_MACRO)
    changes = {c.level.value: (c.risk_change, c.protective_change) for c in rules.balance_change(before, after)}
    assert changes == {"micro": (-2, 0), "meso": (0, 0), "macro": (0, 2)}
    assert rules.balance_change(None, after) == []


@pytest.mark.parametrize(("information_on", "today", "is_stale"), [
    (date(2025, 3, 1), date(2025, 3, 1), False),
    (date(2025, 3, 1), date(2025, 3, 31), False),  # exactly 30 days: still usable
    (date(2025, 3, 1), date(2025, 4, 1), True),    # 31 days
    (date(2024, 1, 1), date(2025, 3, 1), True),
])
def test_zrm_is_stale(information_on, today, is_stale):
    assert rules.zrm_is_stale(information_on, today) is is_stale


@pytest.mark.parametrize(("score", "suggests"), [(1, True), (2, False), (5, False)])
def test_zrm_domestic_relations_one_suggests_meldcode(score, suggests):
    assert rules.zrm_suggests_meldcode({"domestic_relations": score, "finances": 1}) is suggests


HIGH = rules.balance_compute(RISK_MICRO + RISK_MESO)
EVEN = rules.balance_compute(RISK_MICRO + PROT_MESO)


@pytest.mark.parametrize(("partner", "route", "balance", "scales", "prompt"), [
    (True, False, HIGH, (), True),           # risk clearly outweighs protection
    (True, False, EVEN, (), False),
    (True, False, None, (3,), True),          # scale at 3 is high risk
    (True, False, None, (4,), False),
    (True, False, EVEN, (8, 2), True),        # any party at or below 3
    (True, True, HIGH, (1,), False),          # a Meldcode route is already running
    (False, False, HIGH, (1,), False),        # no partner violence: this rule does not apply
    (True, False, None, (), False),           # nothing assessed yet
])
def test_partner_violence_prompt(partner, route, balance, scales, prompt):
    picture = RiskPicture(has_partner_violence=partner, has_active_meldcode_route=route, balance=balance,
                          latest_safety_scales=scales)
    assert rules.partner_violence_prompt(picture) is prompt


def test_no_partner_violence_prompt_once_the_case_was_reported_to_veilig_thuis():
    """After the report the route may close; 'doorloop de Meldcode' would then ask for what was just done."""
    high_risk = {"has_partner_violence": True, "has_active_meldcode_route": False, "balance": None,
                 "latest_safety_scales": (2,)}
    assert rules.partner_violence_prompt(RiskPicture(**high_risk)) is True
    assert rules.partner_violence_prompt(RiskPicture(**high_risk, is_reported_to_vt=True)) is False
