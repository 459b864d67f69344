import re

import httpx
from django.core.management.base import BaseCommand, CommandError

from wijkveilig.analysis import cbs
from wijkveilig.analysis.importer import cbs_table_import
from wijkveilig.analysis.management import arguments
from wijkveilig.analysis.progress import ProgressBar


class Command(BaseCommand):
    help = ("Load CBS Kerncijfers wijken en buurten (e.g. 85984NED for 2024) for the country, a municipality and its "
            "wijken and buurten; importing the same table again updates it.")

    def add_arguments(self, parser):
        parser.add_argument("table_id", help="CBS table id, e.g. 85984NED")
        parser.add_argument("--municipality", help="GM + 4 digits; without it every region of the table is loaded")
        parser.add_argument("--timeout", type=float, default=60.0)

    def handle(self, *args, table_id, municipality=None, timeout=60.0, **options):
        if not re.fullmatch(r"\d{5}[A-Z]{3}", table_id):
            raise CommandError("Een CBS-tabel heet vijf cijfers en drie letters, bijvoorbeeld 85984NED.")
        municipality = arguments.municipality_code(municipality)
        with httpx.Client(timeout=timeout, headers={"Accept": "application/json"}, follow_redirects=True) as client:
            self.stdout.write(f"CBS-tabel {table_id} ophalen…")
            try:
                fetched = cbs.fetch_table(client, table_id, municipality=municipality,
                                          on_page=lambda n: self.stdout.write(f"  {n} rijen ontvangen"))
            except cbs.CbsError as error:
                raise CommandError(str(error)) from error
        bar = ProgressBar(self.stdout, label="opslaan")
        result = cbs_table_import(table_id=table_id, fetched=fetched, progress=bar.update)
        bar.finish()
        self.stdout.write(self.style.SUCCESS(
            f"{result.table}: {result.created} regio's nieuw, {result.updated} bijgewerkt, "
            f"{result.unknown_values} waarden onbekend (door CBS niet gepubliceerd)."))
