"""Buurt outlines for the web map: read the CBS Wijk- en Buurtkaart (GeoJSON, or GeoPackage without GDAL), bring
the coordinates to WGS84 and simplify them with shapely. Pure functions over plain data and files; no Django models.
"""

import json
import sqlite3
import struct
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import shapely
from shapely.geometry import mapping, shape

RD_NEW = 28992
WGS84 = 4326
DEFAULT_TOLERANCE = 0.0001  # degrees, about 7–11 m in the Netherlands: invisible at buurt scale, a tenth of the bytes
CODE_FIELDS = ("buurtcode", "statcode", "BU_CODE", "code")
NAME_FIELDS = ("buurtnaam", "statnaam", "BU_NAAM", "naam", "name")


@dataclass(frozen=True)
class Outline:
    code: str
    name: str
    geometry: dict  # GeoJSON geometry, WGS84


def rd_to_wgs84(x: float, y: float) -> tuple[float, float]:
    """Rijksdriehoeksmeting (EPSG:28992) to (longitude, latitude), by the polynomial approximation of Schreutelkamp
    and Strang van Hees (about a metre across the Netherlands: enough for a choropleth, no PROJ needed)."""
    dx, dy = (x - 155000) * 1e-5, (y - 463000) * 1e-5
    north = (3235.65389 * dy - 32.58297 * dx ** 2 - 0.2475 * dy ** 2 - 0.84978 * dx ** 2 * dy - 0.0655 * dy ** 3
             - 0.01709 * dx ** 2 * dy ** 2 - 0.00738 * dx + 0.0053 * dx ** 4 - 0.00039 * dx ** 2 * dy ** 3
             + 0.00033 * dx ** 4 * dy - 0.00012 * dx * dy)
    east = (5260.52916 * dx + 105.94684 * dx * dy + 2.45656 * dx * dy ** 2 - 0.81885 * dx ** 3
            + 0.05594 * dx * dy ** 3 - 0.05607 * dx ** 3 * dy + 0.01199 * dy - 0.00256 * dx ** 3 * dy ** 2
            + 0.00128 * dx * dy ** 4 + 0.00022 * dy ** 2 - 0.00022 * dx ** 2 + 0.00026 * dx ** 5)
    return 5.387206 + east / 3600, 52.15517 + north / 3600


def _is_rd(srid: int | None, geometry) -> bool:
    """RD New when the file says so, or when the coordinates cannot be degrees."""
    if srid is not None:
        return srid == RD_NEW
    minx, miny, maxx, maxy = geometry.bounds
    return max(abs(minx), abs(maxx)) > 180 or max(abs(miny), abs(maxy)) > 90


def web_geometry(geometry, *, srid: int | None = None, tolerance: float = DEFAULT_TOLERANCE) -> dict:
    """A shapely polygon as simplified WGS84 GeoJSON (coordinates rounded to 6 decimals, about 10 cm)."""
    if _is_rd(srid, geometry):
        geometry = shapely.transform(geometry, _rd_array)
    if not geometry.is_valid:  # a ring that touches itself: repair it, keeping only the areas
        geometry = _areas(shapely.make_valid(geometry))
    geometry = geometry.simplify(tolerance, preserve_topology=True)
    geometry = shapely.transform(geometry, lambda points: points.round(6))
    return mapping(geometry)


def _areas(geometry):
    if geometry.geom_type in ("Polygon", "MultiPolygon"):
        return geometry
    parts = [part for part in getattr(geometry, "geoms", []) if part.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(parts)


def _rd_array(coordinates):
    import numpy as np

    lon, lat = rd_to_wgs84(coordinates[:, 0], coordinates[:, 1])
    return np.column_stack([lon, lat])


def _pick(properties: dict, fields: tuple) -> str:
    return next((str(properties[f]).strip() for f in fields if properties.get(f) not in (None, "")), "")


def _geojson_srid(document: dict) -> int | None:
    name = str(((document.get("crs") or {}).get("properties") or {}).get("name") or "")
    if not name:
        return None
    digits = name.rsplit(":", 1)[-1]
    return WGS84 if digits in ("CRS84", "4326") else int(digits) if digits.isdigit() else None


def read_geojson(path: Path) -> Iterator[tuple[dict, object, int | None]]:
    document = json.loads(Path(path).read_text(encoding="utf-8"))
    if document.get("type") != "FeatureCollection":
        raise ValueError("geen GeoJSON FeatureCollection")
    srid = _geojson_srid(document)
    for feature in document.get("features") or []:
        if feature.get("geometry"):
            yield feature.get("properties") or {}, shape(feature["geometry"]), srid


def _gpkg_wkb(blob: bytes) -> tuple[bytes, int]:
    """The WKB inside a GeoPackage geometry blob, and its SRS id (GeoPackage 1.x, §2.1.3)."""
    if blob[:2] != b"GP":
        raise ValueError("geen GeoPackage-geometrie")
    flags = blob[3]
    order = "<" if flags & 1 else ">"
    srs_id = struct.unpack(f"{order}i", blob[4:8])[0]
    envelope = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}[(flags >> 1) & 7]
    return blob[8 + envelope:], srs_id


def read_geopackage(path: Path, layer: str | None = None) -> Iterator[tuple[dict, object, int | None]]:
    """Features of the buurt layer of a GeoPackage, read with sqlite3 and shapely (no GDAL)."""
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        layers = [row[0] for row in db.execute("select table_name from gpkg_contents where data_type='features'")]
        chosen = layer or next((name for name in layers if "buurt" in name.lower()), layers[0] if layers else None)
        if chosen not in layers:
            raise ValueError(f"laag niet gevonden; lagen: {', '.join(layers)}")
        column = db.execute("select column_name from gpkg_geometry_columns where table_name=?", (chosen,)).fetchone()[0]
        # The layer name comes from the file's own catalogue (checked above); quoted as an identifier all the same.
        quoted = '"' + chosen.replace('"', '""') + '"'
        cursor = db.execute(f"select * from {quoted}")  # noqa: S608 - identifier from the catalogue, quoted
        fields = [d[0] for d in cursor.description]
        for values in cursor:
            properties = dict(zip(fields, values))
            blob = properties.pop(column)
            if blob:
                wkb, srs_id = _gpkg_wkb(blob)
                yield properties, shapely.from_wkb(wkb), srs_id


def outlines(path: Path, *, municipality: str | None = None, tolerance: float = DEFAULT_TOLERANCE) -> list[Outline]:
    """The buurt outlines in a Wijk- en Buurtkaart file (GeoJSON or .gpkg), of one municipality if given."""
    path = Path(path)
    reader = read_geopackage if path.suffix.lower() == ".gpkg" else read_geojson
    found = []
    for properties, geometry, srid in reader(path):
        code = _pick(properties, CODE_FIELDS)
        if not code.startswith("BU") or (municipality and code[2:6] != municipality[2:6]):
            continue
        if geometry.is_empty or geometry.geom_type not in ("Polygon", "MultiPolygon"):
            continue
        found.append(Outline(code=code, name=_pick(properties, NAME_FIELDS) or code,
                             geometry=web_geometry(geometry, srid=srid, tolerance=tolerance)))
    return found


def coordinate_count(geometry: dict) -> int:
    """How many points a GeoJSON polygon or multipolygon holds (what simplifying reduces)."""
    rings = geometry["coordinates"] if geometry["type"] == "Polygon" else [
        ring for polygon in geometry["coordinates"] for ring in polygon]
    return sum(len(ring) for ring in rings)

