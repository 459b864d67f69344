"""The family's printable safety plan, in plain language, made for one recipient.

Left out on purpose: notes, review outcomes, BSN, addresses, Veilig Thuis details, every agreement that is not for
the recipient, every protective agreement when the recipient is a (suspected) perpetrator, and every safe place
except the recipient's own. What the recipient may read is decided by `selectors.plan_for_person` only.
"""

from django.http import HttpResponse
from django.utils.translation import gettext as _

from wijkveilig.core.pdf import DocumentPdf, long_date, sentence
from wijkveilig.households.models import Person
from wijkveilig.safety.models import AgreementKind, SafetyPlan
from wijkveilig.safety.selectors import plan_for_person


def family_content(plan: SafetyPlan, person: Person) -> dict:
    """What the recipient may read: the agreements for them, who helps, when we look back, their own safe place."""
    seen = plan_for_person(plan, person)
    agreements = [row.agreement for row in seen.agreements if not row.is_withheld]
    return {
        "recipient": f"{person.first_name} {person.last_name}".strip(),
        "groups": [(label, [{"who": a.who, "what": a.what, "when": long_date(a.due_on),
                             "where": a.where, "network": a.network} for a in agreements if a.kind == kind])
                   for kind, label in ((AgreementKind.IMMEDIATE, _("Nu meteen veilig")),
                                       (AgreementKind.LASTING, _("Veilig blijven")))],
        "review_on": long_date(plan.review_on),
        "safe_place": seen.safe_place,
    }


def family_pdf(plan: SafetyPlan, person: Person) -> bytes:
    """The plain-language plan in the active language (the worker's), in the embedded Unicode font."""
    content = family_content(plan, person)
    pdf = DocumentPdf(footer=_("Veiligheidsplan — alleen voor u — pagina"))
    pdf.heading(_("Ons veiligheidsplan"))
    pdf.paragraph(_("Voor: %(name)s") % {"name": content["recipient"]}, size=11)
    pdf.paragraph(_("Hierin staat wat we samen hebben afgesproken, zodat iedereen thuis veilig is."), size=11)
    for title, rows in content["groups"]:
        pdf.section(title, [_agreement_line(row) for row in rows] or [_("Nog geen afspraken.")], size=11)
    if content["safe_place"]:
        pdf.section(_("Waar kan ik heen als het opnieuw gebeurt?"), [sentence(content["safe_place"])], size=11)
    pdf.section(_("Wanneer kijken we samen hoe het gaat?"),
                [_("Op %(date)s.") % {"date": content["review_on"]} if content["review_on"]
                 else _("Dat spreken we nog af.")], size=11)
    pdf.section(_("Direct gevaar?"), [_("Bel 112.")], size=11)
    return pdf.as_bytes()


def _agreement_line(row: dict) -> str:
    parts = [f"{row['who'].strip()}: {sentence(row['what'])}",
             _("Wanneer: uiterlijk %(date)s.") % {"date": row["when"]}]
    if row["where"].strip():
        parts.append(_("Waar: %(where)s") % {"where": sentence(row["where"])})
    if row["network"].strip():
        parts.append(_("Wie helpt: %(who)s") % {"who": sentence(row["network"])})
    return " ".join(parts)


def family_pdf_response(plan: SafetyPlan, person: Person) -> HttpResponse:
    """The family version for one recipient as a download that no cache keeps."""
    response = HttpResponse(family_pdf(plan, person), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="veiligheidsplan-{plan.case_id}-{person.pk}.pdf"'
    response["Cache-Control"] = "no-store"
    return response
