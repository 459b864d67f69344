"""The report (melding) to Veilig Thuis: only what Veilig Thuis needs (data minimisation), as JSON and as PDF."""

import copy
from datetime import date

from django.utils.translation import gettext as _

from wijkveilig.cases.models import Participant, ParticipantRole, StatementKind, ViolenceForm
from wijkveilig.core.pdf import DocumentPdf, joined, long_date, sentence
from wijkveilig.meldcode import texts
from wijkveilig.meldcode.afwegingskader import Outcome, Question
from wijkveilig.meldcode.models import MeldcodeRoute, MinorsAnswer, RiskSituation, Severity
from wijkveilig.meldcode.state import route_state

REPORT_VERSION = 2  # 2: the kindcheck carries its risk situations


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
        "kindcheck": {"risk_situations": list(kindcheck.risk_situations), "minors": kindcheck.minors,
                      "not_applicable_reason": kindcheck.not_applicable_reason,
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


def readable(content: dict) -> dict:
    """The same report with codes replaced by their labels and times as people write them, in the active language
    (for the pages; the PDF and the Veilig Thuis page use `report_document`, built from this)."""
    out = copy.deepcopy(content)
    for person in out["persons"]:
        person["role"] = _label(ParticipantRole.choices, person["role"])
        person["birth_date"] = long_date(person["birth_date"])
    out["violence_forms"] = [_label(ViolenceForm.choices, form) for form in out["violence_forms"]]
    for signal in out["signals"]:
        signal["occurred_at"] = long_date(signal["occurred_at"])
        signal["statement_kind"] = _label(StatementKind.choices, signal["statement_kind"])
    if out["kindcheck"]:
        out["kindcheck"]["minors"] = _label(MinorsAnswer.choices, out["kindcheck"]["minors"]) or "—"
        out["kindcheck"]["risk_situations"] = [_label(RiskSituation.choices, risk) for risk in
                                               out["kindcheck"].get("risk_situations", [])]
    if out["weighing"]:
        out["weighing"]["severity"] = _label(Severity.choices, out["weighing"]["severity"])
    for answer in out["afwegingskader"]:
        answer["question"] = str(texts.QUESTIONS.get(Question(answer["question"]), answer["question"]))
    out["outcome"] = str(texts.OUTCOMES[Outcome(out["outcome"])]) if out["outcome"] else ""
    for danger in out["acute_danger"]:
        danger["police_called_at"] = long_date(danger["police_called_at"])
    for returning in out.get("returning_violence", []):
        returning["occurred_on"] = long_date(returning["occurred_on"])
    return out


def _yes_no(value: bool) -> str:
    return _("ja") if value else _("nee")


def _person(p: dict) -> str:
    return joined(p["name"], p["role"], _("geboren %(date)s") % {"date": p["birth_date"]} if p["birth_date"] else "",
                  f"BSN {p['bsn']}" if p["bsn"] else "")


def _signal(s: dict) -> str:
    supports = _("ondersteunt het vermoeden") if s["supports_suspicion"] else _("ontkracht het vermoeden")
    source = _("bron: %(source)s") % {"source": s["source"]} if s.get("source") else ""
    return f"{joined(s['occurred_at'], s['statement_kind'], supports, source)} — {sentence(s['text'])}"


def _kindcheck(k: dict) -> list[str]:
    minors = joined(k["minors"], k.get("not_applicable_reason", ""), separator=" — ")
    return [row for row in [
        _("Risicosituatie: %(risks)s") % {"risks": ", ".join(k["risk_situations"])} if k["risk_situations"] else "",
        _("Minderjarigen: %(answer)s") % {"answer": minors},
        _("Zwanger: %(answer)s") % {"answer": _yes_no(k["pregnancy"])},
        _("Wat is gedaan: %(action)s") % {"action": sentence(k["action_taken"])} if k.get("action_taken") else "",
    ] if row]


def _informed(informed: dict) -> list[str]:
    return [row for row in [
        _("Wie: %(whom)s") % {"whom": informed["whom"]} if informed["whom"] else "",
        _("Reactie: %(reaction)s") % {"reaction": sentence(informed["reaction"])} if informed["reaction"] else "",
        _("Niet geïnformeerd omdat: %(reason)s") % {"reason": sentence(informed["not_informed_reason"])}
        if informed["not_informed_reason"] else "",
    ] if row]


def report_document(content: dict, *, sent_on: date, due_on: date) -> dict:
    """The report as a title, facts and sections in the active language: the one source for the PDF and for the
    Veilig Thuis page, so Veilig Thuis sees on screen everything the PDF holds."""
    c = readable(content)
    weighing, kindcheck = c["weighing"], c["kindcheck"]
    facts = [
        (_("Verzonden op"), long_date(sent_on)), (_("Veiligheidsbeoordeling uiterlijk"), long_date(due_on)),
        (_("Team"), c["team"]), (_("Melder"), joined(c["reporter"]["name"], c["reporter"]["role"], separator=", ")),
        (_("Adres"), " ".join(v for v in c["address"].values() if v) or "—"),
        (_("Vormen van geweld"), ", ".join(c["violence_forms"]) or "—"),
        (_("Uitkomst afwegingskader"), c["outcome"] or _("acuut gevaar")),
    ]
    sections = [
        (_("Betrokkenen"), [_person(p) for p in c["persons"]]),
        (_("Signalen"), [_signal(s) for s in c["signals"]]),
        (_("Kindcheck"), _kindcheck(kindcheck) if kindcheck else []),
        (_("Weging"), [_("Aard: %(nature)s") % {"nature": sentence(weighing["nature"])},
                       _("Ernst: %(severity)s") % {"severity": weighing["severity"]},
                       _("Risico: %(risk)s") % {"risk": sentence(weighing["risk"])},
                       _("Twijfel: %(answer)s") % {"answer": _yes_no(weighing["in_doubt"])}] if weighing else []),
        (_("Afwegingskader"), [f"{a['question']} {_yes_no(a['answer'])} — {sentence(a['justification'])}"
                               for a in c["afwegingskader"]]),
        (_("Acuut gevaar"), [_("112 gebeld op %(at)s door %(by)s.") % {"at": a["police_called_at"],
                                                                        "by": a["called_by"].rstrip(".")}
                             for a in c["acute_danger"]]),
        (_("Onveiligheid keert terug (meldnorm 3)"), [f"{r['occurred_on']}: {sentence(r['description'])}"
                                                      for r in c.get("returning_violence", [])]),
        (_("Geïnformeerd over de melding"), _informed(c["informed"])),
    ]
    return {"title": _("Melding aan Veilig Thuis — %(ref)s") % {"ref": c["case_reference"]}, "facts": facts,
            "sections": sections}


def report_pdf(content: dict, *, sent_on: date, due_on: date) -> bytes:
    document = report_document(content, sent_on=sent_on, due_on=due_on)
    pdf = DocumentPdf(footer=_("Vertrouwelijk — melding aan Veilig Thuis — pagina"))
    pdf.heading(document["title"])
    for label, value in document["facts"]:
        pdf.paragraph(f"{label}: {value}")
    for title, rows in document["sections"]:
        pdf.section(title, rows)
    return pdf.as_bytes()


def report_sent_message(team) -> str:
    """What the worker reads after reporting: it matches how the team's region works (the team's setting)."""
    if team.worker_sends_vt_pdf:
        return _("De melding is geregistreerd. Download de PDF en stuur die naar Veilig Thuis.")
    contact = team.vt_contact
    return _("De melding is verstuurd: %(contact)s van Veilig Thuis ontvangt die in Wijkveilig. U hoeft de PDF niet "
             "zelf te versturen.") % {"contact": contact.get_full_name() or contact.get_username()}
