"""The wijkanalyse of Gemeente Voorbeeld: a synthetic CBS table in CBS's own OData shape, read through the same
importer as the real one, and synthetic buurt outlines (RD coordinates, like the CBS Wijk- en Buurtkaart)."""

from pathlib import Path

import httpx

from wijkveilig.analysis import cbs, geometry
from wijkveilig.analysis.importer import buurt_shapes_import, cbs_table_import
from wijkveilig.analysis.models import BuurtShape, CbsTable

DATA = Path(__file__).resolve().parent / "data"
DEMO_TABLE = "85984NED"
DEMO_SHAPES = DATA / "buurten_gm9999.geojson"
SYNTHETIC_SOURCE = "https://synthetisch.invalid/ODataApi/odata"  # says where the figures come from: nowhere real


def analysis_demo(municipality: str) -> None:
    """Load the synthetic figures and outlines once (a real import later replaces them)."""
    if not CbsTable.objects.filter(table_id=DEMO_TABLE).exists():
        with httpx.Client(transport=cbs.recorded_transport(DATA / "cbs")) as client:
            fetched = cbs.fetch_table(client, DEMO_TABLE, municipality=municipality, base_url=SYNTHETIC_SOURCE)
        cbs_table_import(table_id=DEMO_TABLE, fetched=fetched)
    if not BuurtShape.objects.filter(code__startswith="BU" + municipality[2:]).exists():
        buurt_shapes_import(found=geometry.outlines(DEMO_SHAPES, municipality=municipality),
                            source=f"{DEMO_SHAPES.name} (synthetisch)")
