"""Buurt outlines for the map: RD to WGS84, simplification, GeoJSON and GeoPackage (without GDAL), the command."""

import json
import sqlite3
import struct
from io import StringIO

import pytest
import shapely
from django.core.management import CommandError, call_command
from shapely.geometry import Polygon

from wijkveilig.analysis import geometry
from wijkveilig.analysis.models import BuurtShape
from wijkveilig.demo.analysis_data import DEMO_SHAPES


@pytest.mark.parametrize(("x", "y", "lon", "lat"), [
    (155000, 463000, 5.387206, 52.155170),   # Amersfoort, the origin of the RD grid
    (136700, 455850, 5.121, 52.0907),        # the Dom tower, Utrecht (about)
    (121200, 487400, 4.892, 52.373),         # the Dam, Amsterdam (about)
])
def test_rd_coordinates_land_where_they_should(x, y, lon, lat):
    got_lon, got_lat = geometry.rd_to_wgs84(x, y)
    assert got_lon == pytest.approx(lon, abs=0.002) and got_lat == pytest.approx(lat, abs=0.002)


def test_simplifying_keeps_the_shape_and_drops_most_points():
    found = {o.code: o for o in geometry.outlines(DEMO_SHAPES)}
    original = json.loads(DEMO_SHAPES.read_text())["features"]
    assert set(found) == {f["properties"]["buurtcode"] for f in original}
    for feature in original:
        outline = found[feature["properties"]["buurtcode"]]
        before = len(feature["geometry"]["coordinates"][0])
        assert geometry.coordinate_count(outline.geometry) < before / 1.8
        lon, lat = outline.geometry["coordinates"][0][0]
        assert 5.2 < lon < 5.4 and 52.0 < lat < 52.2  # WGS84, in the Netherlands
        assert shapely.geometry.shape(outline.geometry).is_valid


def test_only_buurten_of_the_chosen_municipality_are_read(tmp_path):
    path = tmp_path / "kaart.geojson"
    square = [[5.0, 52.0], [5.01, 52.0], [5.01, 52.01], [5.0, 52.01], [5.0, 52.0]]
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"buurtcode": code, "buurtnaam": "Fictief"},
         "geometry": {"type": "Polygon", "coordinates": [square]}}
        for code in ("BU99990101", "BU99980101", "WK999901")]}))
    assert [o.code for o in geometry.outlines(path, municipality="GM9999")] == ["BU99990101"]
    assert [o.code for o in geometry.outlines(path)] == ["BU99990101", "BU99980101"]  # a wijk is never a buurt


def _gpkg_blob(polygon, srs_id=28992) -> bytes:
    """A GeoPackage geometry: 'GP', version 0, flags (little-endian, no envelope), SRS id, then WKB."""
    return b"GP" + bytes([0, 1]) + struct.pack("<i", srs_id) + shapely.to_wkb(polygon)


def test_a_geopackage_is_read_without_gdal(tmp_path):
    path = tmp_path / "wijkenbuurten.gpkg"
    with sqlite3.connect(path) as db:
        db.execute("create table gpkg_contents (table_name text, data_type text)")
        db.execute("create table gpkg_geometry_columns (table_name text, column_name text)")
        db.execute("insert into gpkg_contents values ('gemeenten', 'features'), ('buurten', 'features')")
        db.execute("insert into gpkg_geometry_columns values ('buurten', 'geom')")
        db.execute("create table buurten (fid integer, buurtcode text, buurtnaam text, geom blob)")
        square = Polygon([(155000, 463000), (155500, 463000), (155500, 463500), (155000, 463500)])
        db.execute("insert into buurten values (1, 'BU99990101', 'Oude Kern', ?)", (_gpkg_blob(square),))
    [outline] = geometry.outlines(path)
    assert outline.code == "BU99990101" and outline.name == "Oude Kern"
    assert outline.geometry["coordinates"][0][0] == pytest.approx((5.387206, 52.15517), abs=1e-5)


@pytest.mark.django_db
def test_the_command_stores_outlines_and_replaces_them_on_a_second_import():
    out = StringIO()
    call_command("import_buurt_geometry", str(DEMO_SHAPES), "--municipality", "GM9999", stdout=out)
    assert "8 buurten nieuw, 0 vervangen" in out.getvalue()
    call_command("import_buurt_geometry", str(DEMO_SHAPES), stdout=out)
    assert "0 buurten nieuw, 8 vervangen" in out.getvalue()
    assert BuurtShape.objects.count() == 8


@pytest.mark.django_db
def test_the_command_explains_what_is_wrong(tmp_path):
    with pytest.raises(CommandError, match="niet gevonden"):
        call_command("import_buurt_geometry", str(tmp_path / "missing.geojson"))
    broken = tmp_path / "kapot.geojson"
    broken.write_text('{"type": "Feature"}')
    with pytest.raises(CommandError, match="FeatureCollection"):
        call_command("import_buurt_geometry", str(broken))
    empty = tmp_path / "leeg.geojson"
    empty.write_text('{"type": "FeatureCollection", "features": []}')
    with pytest.raises(CommandError, match="Geen buurten"):
        call_command("import_buurt_geometry", str(empty))


def test_an_invalid_ring_is_repaired_not_passed_to_the_browser():
    bow_tie = Polygon([(5.0, 52.0), (5.01, 52.01), (5.01, 52.0), (5.0, 52.01)])
    assert not bow_tie.is_valid
    repaired = shapely.geometry.shape(geometry.web_geometry(bow_tie, srid=4326))
    assert repaired.is_valid and repaired.geom_type == "MultiPolygon"  # the two triangles of the bow tie
    assert repaired.area == pytest.approx(0.01 * 0.01 / 2, rel=0.05)
