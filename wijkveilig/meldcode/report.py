"""The report (melding) to Veilig Thuis: only what Veilig Thuis needs (data minimisation), as JSON and as PDF."""

import copy
from datetime import date, datetime
from io import BytesIO

from django.utils import timezone
from fpdf import FPDF

from wijkveilig.cases.models import Participant, ParticipantRole, StatementKind, ViolenceForm
from wijkveilig.meldcode import texts
from wijkveilig.meldcode.afwegingskader import Outcome, Question
from wijkveilig.meldcode.models import MeldcodeRoute, MinorsAnswer, Severity
from wijkveilig.meldcode.state import route_state

REPORT_VERSION = 1


def report_content(route: MeldcodeRoute, *, informed_whom: str, informed_reaction: str, not_informed_reason: str,
                   reporter) -> dict:
    """The structured report. Left out on purpose: notes not on the route, consultation details, other cases."""
    case = route.case
    household = case.household
    state = route_state(route)
    participants = Participant.objects.filter(case=case).select_related("person").order_by("person__last_name", "pk")
    kindcheck = route.kindchecks.first()
    weighing = route.weighings.first()
    return {
        "version": REPORT_VERSION,
        "case_reference": case.reference,
        "team": case.team.name,
        "reporter": {"name": reporter.get_full_name() or reporter.get_username(), "role": reporter.get_role_display()},
        "address": {"street": household.street, "house_number": household.house_number, "postcode": household.postcode,
                    "city": household.city, "buurt": household.buurt.code if household.buurt else ""},
        "persons": [{"name": f"{p.person.first_name} {p.person.last_name}",
                     "birth_date": p.person.birth_date.isoformat() if p.person.birth_date else "",
                     "bsn": p.person.bsn, "role": p.role} for p in participants],
        "violence_forms": [vf.form for vf in case.violence_forms.all()],
        "signals": [{"occurred_at": s.note.occurred_at.isoformat(), "statement_kind": s.note.statement_kind,
                     "supports_suspicion": s.supports_suspicion, "text": s.note.body, "source": s.note.source}
                    for s in route.signals.select_related("note").order_by("note__occurred_at")],
        "kindcheck": {"minors": kindcheck.minors, "not_applicable_reason": kindcheck.not_applicable_reason,
                      "pregnancy": kindcheck.pregnancy, "action_taken": kindcheck.action_taken} if kindcheck else None,
        "weighing": {"nature": weighing.nature, "severity": weighing.severity, "risk": weighing.risk,
                     "in_doubt": weighing.is_in_doubt} if weighing else None,
        "afwegingskader": [{"question": q, "answer": a.answer, "justification": a.justification}
                           for q, a in state.latest_answers.items()],
        "outcome": state.decision.outcome.value if state.decision.outcome else "",
        "acute_danger": [{"police_called_at": a.police_called_at.isoformat(), "called_by": a.called_by}
                         for a in route.acute_dangers.all()],
        "returning_violence": [{"occurred_on": r.occurred_on.isoformat(), "description": r.description}
                               for r in route.returning_violence.all()],
        "informed": {"whom": informed_whom, "reaction": informed_reaction, "not_informed_reason": not_informed_reason},
    }


def _label(choices, value: str) -> str:
    return str(dict(choices).get(value, value))


def _local(stamp: str) -> str:
    """An ISO timestamp as Dutch local time, the way a reader expects it."""
    return timezone.localtime(datetime.fromisoformat(stamp)).strftime("%d-%m-%Y %H:%M") if stamp else ""


def readable(content: dict) -> dict:
    """The same report with codes replaced by their Dutch labels and times in local time (for PDF and pages)."""
    out = copy.deepcopy(content)
    for person in out["persons"]:
        person["role"] = _label(ParticipantRole.choices, person["role"])
    out["violence_forms"] = [_label(ViolenceForm.choices, form) for form in out["violence_forms"]]
    for signal in out["signals"]:
        signal["occurred_at"] = _local(signal["occurred_at"])
        signal["statement_kind"] = _label(StatementKind.choices, signal["statement_kind"])
    if out["kindcheck"]:
        out["kindcheck"]["minors"] = _label(MinorsAnswer.choices, out["kindcheck"]["minors"]) or "-"
    if out["weighing"]:
        out["weighing"]["severity"] = _label(Severity.choices, out["weighing"]["severity"])
    for answer in out["afwegingskader"]:
        answer["question"] = str(texts.QUESTIONS.get(Question(answer["question"]), answer["question"]))
    out["outcome"] = str(texts.OUTCOMES[Outcome(out["outcome"])]) if out["outcome"] else ""
    for danger in out["acute_danger"]:
        danger["police_called_at"] = _local(danger["police_called_at"])
    return out


class _ReportPdf(FPDF):
    def footer(self):
        self.set_y(-12)
        self.set_font("Helvetica", size=8)
        self.cell(0, 8, _latin1(f"Vertrouwelijk - melding aan Veilig Thuis - pagina {self.page_no()}"), align="C")


def _latin1(text: str) -> str:
    """The PDF core fonts speak Latin-1: keep Dutch accents, replace what they cannot show."""
    return text.encode("latin-1", "replace").decode("latin-1")


def report_pdf(content: dict, *, sent_on: date, due_on: date) -> bytes:
    content = readable(content)
    pdf = _ReportPdf(format="A4")
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    pdf.set_font("Helvetica", style="B", size=16)
    pdf.multi_cell(0, 9, _latin1(f"Melding aan Veilig Thuis - {content['case_reference']}"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=10)
    lines = [
        ("Verzonden op", sent_on.isoformat()), ("Veiligheidsbeoordeling uiterlijk", due_on.isoformat()),
        ("Team", content["team"]), ("Melder", f"{content['reporter']['name']} ({content['reporter']['role']})"),
        ("Adres", " ".join(v for v in content["address"].values() if v)),
        ("Vormen van geweld", ", ".join(content["violence_forms"]) or "-"),
        ("Uitkomst afwegingskader", content["outcome"] or "acuut gevaar"),
    ]
    for label, value in lines:
        pdf.multi_cell(0, 6, _latin1(f"{label}: {value}"), new_x="LMARGIN", new_y="NEXT")
    _section(pdf, "Betrokkenen", [f"{p['name']} ({p['role']}) {p['birth_date']} BSN {p['bsn'] or '-'}" for p in content["persons"]])
    _section(pdf, "Signalen", [f"{s['occurred_at']} [{'ondersteunt' if s['supports_suspicion'] else 'ontkracht'}, "
                               f"{s['statement_kind']}] {s['text']}" for s in content["signals"]])
    if content["kindcheck"]:
        k = content["kindcheck"]
        reason = f" ({k['not_applicable_reason']})" if k.get("not_applicable_reason") else ""
        _section(pdf, "Kindcheck", [f"Minderjarigen: {k['minors']}{reason}; zwanger: {'ja' if k['pregnancy'] else 'nee'}; "
                                    f"gedaan: {k['action_taken']}"])
    if content["weighing"]:
        w = content["weighing"]
        _section(pdf, "Weging", [f"Aard: {w['nature']}", f"Ernst: {w['severity']}", f"Risico: {w['risk']}"])
    _section(pdf, "Afwegingskader", [f"{a['question']}: {'ja' if a['answer'] else 'nee'} - {a['justification']}"
                                     for a in content["afwegingskader"]])
    _section(pdf, "Acuut gevaar", [f"112 gebeld op {a['police_called_at']} door {a['called_by']}"
                                   for a in content["acute_danger"]] or ["-"])
    _section(pdf, "Onveiligheid keert terug (meldnorm 3)", [f"{r['occurred_on']}: {r['description']}"
                                                            for r in content.get("returning_violence", [])] or ["-"])
    informed = content["informed"]
    _section(pdf, "Geinformeerd over de melding", [f"Wie: {informed['whom'] or '-'}", f"Reactie: {informed['reaction'] or '-'}",
                                                   f"Niet geinformeerd omdat: {informed['not_informed_reason'] or '-'}"])
    buffer = BytesIO()
    pdf.output(buffer)
    return buffer.getvalue()


def _section(pdf: FPDF, title: str, rows: list[str]) -> None:
    pdf.ln(3)
    pdf.set_font("Helvetica", style="B", size=12)
    pdf.multi_cell(0, 7, _latin1(title), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=10)
    for row in rows or ["-"]:
        pdf.multi_cell(0, 5, _latin1(row), new_x="LMARGIN", new_y="NEXT")
