"""The self-scan's themes and statements as data (decision 0051): Wijkveilig's own wording, taken from the source
texts, because the official VNG statement list was not available. Beheer edits them in the admin afterwards."""

from django.db import migrations

FV = "Factor veiligheid (Movisie)"
KK = "Artikel Kwaliteitskader Werken aan Veiligheid"
THEMES = [
    ("signalling", "Signaleren", [
        ("Elk wijkteam werkt met de Meldcode huiselijk geweld en kindermishandeling en heeft die vastgelegd in een "
         "eigen stappenplan.", f"{FV}, Meldcode"),
        ("De signalering van huiselijk geweld en kindermishandeling is geborgd: wie een signaal opvangt, weet wat de "
         "volgende stap is en wie hij kan raadplegen.", f"{KK}: borgen van signalering"),
        ("Bij volwassen cliënten met problemen die kinderen kunnen schaden, vraagt het team altijd naar kinderen in "
         "het huishouden (kindcheck).", f"{FV}, Meldcode stap 1"),
    ]),
    ("safety", "Veiligheid beoordelen en veiligheidsvoorwaarden", [
        ("Bij signalen van onveiligheid maakt het team een veiligheidsbeoordeling en legt het "
         "veiligheidsvoorwaarden vast.", f"{KK}: veiligheidsbeoordeling en veiligheidsvoorwaarden"),
        ("Bij twijfel raadpleegt het team Veilig Thuis, en dat overleg is vastgelegd.", f"{FV}, afwegingskader"),
        ("Bij acute of structurele onveiligheid meldt het team bij Veilig Thuis.", f"{FV}, afwegingskader"),
        ("Samen met het gezin maakt het team een veiligheidsplan met concrete afspraken.", f"{FV} §5"),
    ]),
    ("cooperation_vt", "Samenwerking met Veilig Thuis", [
        ("De gemeente heeft gekozen welk van de drie VNG-scenario's voor de samenwerking met Veilig Thuis geldt, en "
         "dat vastgelegd in het Wmo-beleidsplan of de regiovisie.", f"{FV} §5, VNG-scenario's"),
        ("Er zijn regionale samenwerkingsafspraken tussen Veilig Thuis en de wijkteams, en elk team heeft een vaste "
         "contactpersoon bij Veilig Thuis.", f"{KK}: basis voor regionale samenwerkingsafspraken"),
        ("Welke bovenwettelijke taken Veilig Thuis uitvoert (zoals voorlichting, monitoring, casusregie), is "
         "uitdrukkelijk afgesproken.", f"{FV} §5"),
    ]),
    ("monitoring", "Monitoring", [
        ("Na afsluiting volgt het team de veiligheid met vastgelegde monitoringsafspraken.", f"{FV}, afwegingskader"),
        ("Er is regie op de samenwerking met en tussen partners, met op- en afschalen als het vastloopt.",
         f"{KK}: regie op samenwerking"),
        ("De gemeente volgt de aanpak met cijfers per wijk en bespreekt die met de teams.", f"{FV} §1"),
    ]),
    ("expertise", "Deskundigheid", [
        ("Elk team heeft een aandachtsfunctionaris huiselijk geweld en kindermishandeling, of kan snel een "
         "specialist inzetten.", f"{FV} §3.2"),
        ("Medewerkers volgen scholing in het signaleren en bespreken van huiselijk geweld en houden die bij.",
         f"{FV} §3.2"),
        ("Waar de veiligheid in het geding is, gaat een ervaren medewerker of gaan twee medewerkers samen.",
         f"{FV} §3.2"),
        ("Managers en bestuur rusten de professionals toe en steunen hen om integraal en systeemgericht te werken.",
         KK),
    ]),
]


def add(apps, schema_editor):
    theme_model = apps.get_model("teams", "SelfScanTheme")
    statement_model = apps.get_model("teams", "SelfScanStatement")
    for order, (code, title, statements) in enumerate(THEMES, start=1):
        theme, _ = theme_model.objects.get_or_create(code=code, defaults={"title": title, "order": order})
        for position, (text, source) in enumerate(statements, start=1):
            statement_model.objects.get_or_create(theme=theme, text=text,
                                                  defaults={"source": source, "order": position})


def remove(apps, schema_editor):
    apps.get_model("teams", "SelfScanStatement").objects.filter(answers__isnull=True).delete()
    apps.get_model("teams", "SelfScanTheme").objects.filter(statements__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("teams", "0001_team_profile_selfscan_vt_agreements_reflection")]
    operations = [migrations.RunPython(add, remove)]
