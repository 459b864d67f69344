"""The family's printable safety plan, in plain language, made for one recipient.

Left out on purpose: notes, review outcomes, BSN, addresses, Veilig Thuis details, every agreement that is not for
the recipient, every protective agreement when the recipient is a (suspected) perpetrator, and every safe place
except the recipient's own. What the recipient may read is decided by `selectors.plan_for_person` only.
"""

from io import BytesIO

from django.http import HttpResponse
from fpdf import FPDF

from wijkveilig.households.models import Person
from wijkveilig.safety.models import AgreementKind, SafetyPlan
from wijkveilig.safety.selectors import plan_for_person


class _FamilyPdf(FPDF):
    def footer(self):
        self.set_y(-12)
        self.set_font("Helvetica", size=8)
        self.cell(0, 8, _latin1(f"Veiligheidsplan - alleen voor u - pagina {self.page_no()}"), align="C")


def _latin1(text: str) -> str:
    """The PDF core fonts speak Latin-1: keep Dutch accents, replace what they cannot show."""
    return text.encode("latin-1", "replace").decode("latin-1")


def family_content(plan: SafetyPlan, person: Person) -> dict:
    """What the recipient may read: the agreements for them, who helps, when we look back, their own safe place."""
    seen = plan_for_person(plan, person)
    agreements = [row.agreement for row in seen.agreements if not row.is_withheld]
    return {
        "recipient": f"{person.first_name} {person.last_name}".strip(),
        "groups": [(str(label), [{"who": a.who, "what": a.what, "when": a.due_on.strftime("%d-%m-%Y"),
                                  "where": a.where, "network": a.network} for a in agreements if a.kind == kind])
                   for kind, label in ((AgreementKind.IMMEDIATE, "Nu meteen veilig"),
                                       (AgreementKind.LASTING, "Veilig blijven"))],
        "review_on": plan.review_on.strftime("%d-%m-%Y") if plan.review_on else "",
        "safe_place": seen.safe_place,
    }


def family_pdf(plan: SafetyPlan, person: Person) -> bytes:
    content = family_content(plan, person)
    pdf = _FamilyPdf(format="A4")
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    pdf.set_font("Helvetica", style="B", size=16)
    pdf.multi_cell(0, 9, _latin1("Ons veiligheidsplan"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=11)
    pdf.multi_cell(0, 6, _latin1(f"Voor: {content['recipient']}"), new_x="LMARGIN", new_y="NEXT")
    pdf.multi_cell(0, 6, _latin1("Hierin staat wat we samen hebben afgesproken, zodat iedereen thuis veilig is."),
                   new_x="LMARGIN", new_y="NEXT")
    for title, rows in content["groups"]:
        _section(pdf, title, [_agreement_line(row) for row in rows] or ["Nog geen afspraken."])
    if content["safe_place"]:
        _section(pdf, "Waar kan ik heen als het opnieuw gebeurt?", [content["safe_place"]])
    _section(pdf, "Wanneer kijken we samen hoe het gaat?",
             [f"Op {content['review_on']}." if content["review_on"] else "Dat spreken we nog af."])
    _section(pdf, "Direct gevaar?", ["Bel 112."])
    buffer = BytesIO()
    pdf.output(buffer)
    return buffer.getvalue()


def _agreement_line(row: dict) -> str:
    line = f"{row['who']}: {row['what']}. Wanneer: uiterlijk {row['when']}."
    if row["where"]:
        line += f" Waar: {row['where']}."
    if row["network"]:
        line += f" Wie helpt: {row['network']}."
    return line


def _section(pdf: FPDF, title: str, rows: list[str]) -> None:
    pdf.ln(3)
    pdf.set_font("Helvetica", style="B", size=13)
    pdf.multi_cell(0, 7, _latin1(title), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=11)
    for row in rows:
        pdf.multi_cell(0, 6, _latin1(row), new_x="LMARGIN", new_y="NEXT")


def family_pdf_response(plan: SafetyPlan, person: Person) -> HttpResponse:
    """The family version for one recipient as a download that no cache keeps."""
    response = HttpResponse(family_pdf(plan, person), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="veiligheidsplan-{plan.case_id}-{person.pk}.pdf"'
    response["Cache-Control"] = "no-store"
    return response
