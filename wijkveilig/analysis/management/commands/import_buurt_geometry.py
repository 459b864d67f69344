from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from wijkveilig.analysis import geometry
from wijkveilig.analysis.importer import buurt_shapes_import
from wijkveilig.analysis.management import arguments


class Command(BaseCommand):
    help = ("Load buurt outlines from the CBS Wijk- en Buurtkaart (GeoJSON, or GeoPackage read without GDAL), "
            "converted to WGS84 and simplified for the web map.")

    def add_arguments(self, parser):
        parser.add_argument("file", help="a .geojson/.json or .gpkg file")
        parser.add_argument("--municipality", help="GM + 4 digits: only this municipality's buurten")
        parser.add_argument("--tolerance", type=float, default=geometry.DEFAULT_TOLERANCE,
                            help="simplification tolerance in degrees (default about 10 m)")

    def handle(self, *args, file, municipality=None, tolerance=geometry.DEFAULT_TOLERANCE, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"Bestand niet gevonden: {path}")
        municipality = arguments.municipality_code(municipality)
        try:
            found = geometry.outlines(path, municipality=municipality, tolerance=tolerance)
        except (ValueError, KeyError, OSError) as error:
            raise CommandError(f"Kon {path.name} niet lezen: {error}") from error
        if not found:
            raise CommandError("Geen buurten (BU-codes) gevonden in dit bestand.")
        new, replaced = buurt_shapes_import(found=found, source=path.name)
        self.stdout.write(self.style.SUCCESS(f"{new} buurten nieuw, {replaced} vervangen."))
