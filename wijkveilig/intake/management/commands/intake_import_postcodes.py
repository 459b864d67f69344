"""Import the postcode table that routes an address to a buurt: CSV with postcode_from,postcode_to,number_from,
number_to,buurt_code (lines starting with # are comments)."""

import csv
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from wijkveilig.core.errors import DomainError
from wijkveilig.intake.services import CSV_COLUMNS, postcode_ranges_import

DEMO_TABLE = Path(__file__).resolve().parents[2] / "data" / "gm9999_postcodes.csv"


class Command(BaseCommand):
    help = "Importeer de postcodetabel (postcode + huisnummer → buurt) uit een CSV-bestand."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(DEMO_TABLE))
        parser.add_argument("--replace", action="store_true", help="Vervang de bestaande rijen van dezelfde buurten.")

    def handle(self, *args, path, replace, **options):
        try:
            with open(path, newline="", encoding="utf-8") as handle:
                reader = csv.DictReader(handle)
                if reader.fieldnames != CSV_COLUMNS:
                    raise CommandError(f"Verwachte kolommen: {','.join(CSV_COLUMNS)}")
                count = postcode_ranges_import(rows=list(enumerate(reader, start=2)), replace=replace)
        except OSError as exc:
            raise CommandError(f"Kan het bestand niet lezen: {exc.strerror}") from None
        except DomainError as exc:
            raise CommandError(str(exc.message)) from None
        self.stdout.write(self.style.SUCCESS(f"{count} postcodegebieden geïmporteerd."))
