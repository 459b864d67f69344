"""The report to Veilig Thuis made from an intake concern: only what the intake knows (data minimisation)."""

import json

from wijkveilig.cases.models import ParticipantRole
from wijkveilig.intake import closure, triage
from wijkveilig.intake.models import Concern

REPORT_VERSION = 1


def report_content(concern: Concern, *, observation: str, informed_whom: str, informed_reaction: str,
                   not_informed_reason: str, reporter) -> dict:
    """The report made from a concern: what the intake knows, nothing from other files (data minimisation)."""
    return {
        "version": REPORT_VERSION,
        "concern_reference": concern.reference,
        "team": concern.team.name if concern.team_id else "",
        "reporter": {"name": reporter.get_full_name() or reporter.get_username(), "role": reporter.get_role_display()},
        "source": concern.get_source_display(),
        "received_at": concern.received_at.isoformat(),
        "household_name": concern.household_name,
        "address": {"street": concern.street, "house_number": concern.house_number, "postcode": concern.postcode,
                    "city": concern.city, "buurt": concern.buurt.code if concern.buurt_id else ""},
        "colour": concern.final_colour,
        "triage": [{"question": q, "answer": getattr(concern, q), "reason": getattr(concern, f"{q}_reason")}
                   for q, _colour in triage.QUESTIONS],
        "observation": observation,
        "persons": [{"name": str(p), "birth_date": p.birth_date.isoformat() if p.birth_date else "", "bsn": p.bsn,
                     "role": p.role} for p in concern.persons.all()],
        "informed": {"whom": informed_whom, "reaction": informed_reaction, "not_informed_reason": not_informed_reason},
    }


def readable(content: dict, question_labels: dict) -> dict:
    """The stored or previewed report with the triage questions and person roles as Dutch labels."""
    roles = dict(ParticipantRole.choices)
    return {**content, "triage": [{**t, "question": question_labels.get(t["question"], t["question"])}
                                  for t in content["triage"]],
            "persons": [{**p, "role": roles.get(p["role"], p["role"])} for p in content["persons"]]}


def report_page(concern: Concern, *, can_write: bool, user) -> dict:
    """The report made from this concern (as sent), or, while it may still be made, a preview of what it will carry."""
    handling = concern.handling if hasattr(concern, "handling") else None
    report = handling if handling and handling.outcome == closure.Outcome.REPORTED else None
    may_report = (can_write and handling is None and concern.case_id is None
                  and closure.may_end_with(concern.final_colour, closure.Outcome.REPORTED))
    content = json.loads(report.content) if report else report_content(
        concern, observation=concern.observation, informed_whom="", informed_reaction="", not_informed_reason="",
        reporter=user)
    return {"report": report, "may_report": may_report, "content": content}
