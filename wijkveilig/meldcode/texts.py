"""What the afwegingskader questions and outcomes say to the user (domain-facts.md §1.4), translatable."""

from django.utils.translation import gettext_lazy as _

from wijkveilig.meldcode.afwegingskader import Outcome, Phase, Question

QUESTIONS = {
    Question.SUSPICION: _("1. Vermoeden: heb ik op basis van de stappen 1 tot en met 4 een vermoeden van "
                          "(dreiging van) huiselijk geweld en/of kindermishandeling?"),
    Question.UNSAFETY: _("2. Acute of structurele onveiligheid: schat ik in dat er sprake is van acute en/of "
                         "structurele onveiligheid?"),
    Question.CAN_HELP: _("3. Zelf hulp bieden of organiseren: ben ik, gezien mijn competenties, "
                         "verantwoordelijkheden en professionele grenzen, in staat om effectieve hulp te bieden of te "
                         "organiseren om het (risico op) geweld af te wenden?"),
    Question.HELP_ACCEPTED: _("4. Aanvaarden van hulp: aanvaarden de betrokkenen de hulp en zijn zij bereid zich in te "
                              "zetten?"),
    Question.RESULT_ACHIEVED: _("5. Gewenst resultaat: leidt de hulp binnen de gewenste termijn (de "
                                "evaluatiedatum) tot de noodzakelijke resultaten ten aanzien van de veiligheid en/of "
                                "het herstel van alle betrokkenen?"),
}

OUTCOMES = {
    Outcome.CLOSE_AND_RECORD: _("Sluit de Meldcode-route af en leg in het dossier vast waarom er geen vermoeden is."),
    Outcome.REPORT: _("Meld bij Veilig Thuis."),
    Outcome.ORGANISE_HELP: _("Bied of organiseer hulp. Beantwoord vraag 5 op de evaluatiedatum."),
    Outcome.CLOSE_WITH_MONITORING: _("Sluit de hulp af met afspraken met het gezin en ketenpartners over het volgen "
                                     "van (on)veiligheid."),
    Outcome.REPORT_AGAIN: _("Meld (opnieuw) bij Veilig Thuis."),
}

NORMS = {
    1: _("Meldnorm 1: in alle gevallen van acute en/of structurele onveiligheid wordt gemeld. Vragen 3 tot en met 5 "
         "beantwoordt u daarna samen met Veilig Thuis."),
    2: _("Meldnorm 2: melden als u, gezien uw competenties, verantwoordelijkheden en professionele grenzen, geen "
         "passende hulp kunt bieden of organiseren (of de hulp niet wordt aanvaard)."),
    3: _("Meldnorm 3: melden als de geboden of georganiseerde hulp de onveiligheid niet stopt, of als de "
         "onveiligheid terugkeert."),
}

STEP_TITLES = {
    "1": _("Stap 1: signalen in kaart brengen (met kindcheck)"),
    "2": _("Stap 2: collegiale consultatie en zo nodig Veilig Thuis raadplegen"),
    "3": _("Stap 3: gesprek met de cliënt"),
    "4": _("Stap 4: wegen van het geweld"),
    "5": _("Stap 5: beslissen met het afwegingskader"),
}

PHASES = {
    Phase.DECIDING: _("stappen 1 tot en met 5"),
    Phase.HELP: _("hulpperiode (tot de evaluatiedatum)"),
    Phase.REPORT_DUE: _("melden bij Veilig Thuis"),
    Phase.AWAITING_VT_ANSWER: _("gemeld; vraag 3 tot en met 5 samen met Veilig Thuis"),
    Phase.HELP_UNDER_VT_CONDITIONS: _("hulp onder voorwaarden van Veilig Thuis"),
    Phase.WITH_VT: _("gemeld; zicht op veiligheid ligt bij Veilig Thuis"),
    Phase.CLOSED: _("afgesloten"),
}
