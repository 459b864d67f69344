"""Reading CBS Open Data (OData v3, opendata.cbs.nl/ODataApi) over httpx: the table's description, the region
names and its rows, page by page. Decision 0045 says why httpx and not the cbsodata package."""

from collections.abc import Callable, Iterator

import httpx

BASE_URL = "https://opendata.cbs.nl/ODataApi/odata"
PAGE_SIZE = 10_000  # CBS answers at most 10,000 rows per request


class CbsError(Exception):
    """CBS could not be read (network, an unknown table, an answer we do not understand)."""


def region_filter(field: str, municipality: str | None) -> str | None:
    """The OData filter for the country, one municipality and its wijken and buurten (None: every region).

    `startswith`, not `eq`: CBS pads its codes with spaces ("GM0363    ")."""
    if not municipality:
        return None
    digits = municipality[2:]
    return " or ".join(f"startswith({field},'{prefix}')" for prefix in ("NL", f"GM{digits}", f"WK{digits}",
                                                                        f"BU{digits}"))


def _pages(client: httpx.Client, url: str, params: dict) -> Iterator[list[dict]]:
    """Every page of one entity set: CBS's next link when it gives one, else $skip until a page is not full."""
    skip = 0
    while url:
        query = {**params, "$top": PAGE_SIZE, "$skip": skip} if params is not None else None
        try:
            response = client.get(url, params=query)
            response.raise_for_status()
            payload = response.json()
        except (httpx.HTTPError, ValueError) as error:
            raise CbsError(f"CBS gaf geen bruikbaar antwoord op {url}: {error}") from error
        rows = payload.get("value")
        if not isinstance(rows, list):
            raise CbsError(f"CBS-antwoord zonder 'value' op {url}")
        yield rows
        next_link = payload.get("odata.nextLink")
        if next_link:
            url, params = next_link, None
        elif params is not None and len(rows) == PAGE_SIZE:
            skip += PAGE_SIZE
        else:
            url = ""


def fetch_table(client: httpx.Client, table_id: str, *, municipality: str | None = None,
                on_page: Callable[[int], None] = lambda n: None, base_url: str = BASE_URL) -> dict:
    """The table's description, region names and data rows (as CBS sends them) for the chosen regions."""
    base = f"{base_url}/{table_id}"
    info_rows = next(_pages(client, f"{base}/TableInfos", {"$format": "json"}))
    if not info_rows:
        raise CbsError(f"CBS kent tabel {table_id} niet")
    names, rows = {}, []
    key_filter = region_filter("Key", municipality)
    for page in _pages(client, f"{base}/WijkenEnBuurten", _with_filter({"$format": "json"}, key_filter)):
        names.update({str(r.get("Key", "")).strip(): str(r.get("Title", "")).strip() for r in page})
    data_filter = region_filter("WijkenEnBuurten", municipality)
    for page in _pages(client, f"{base}/TypedDataSet", _with_filter({"$format": "json"}, data_filter)):
        rows.extend(page)
        on_page(len(rows))
    return {"info": info_rows[0], "names": names, "rows": rows, "source_url": base}


def _with_filter(params: dict, expression: str | None) -> dict:
    return {**params, "$filter": expression} if expression else params


def recorded_transport(directory) -> httpx.MockTransport:
    """Answers from recorded CBS responses in `directory`/<table>/<entity set>.json (a later page of $skip=N in
    <entity set>.skipN.json): the tests and the demo read CBS's exact shape without the internet."""
    from pathlib import Path

    root = Path(directory)

    def answer(request: httpx.Request) -> httpx.Response:
        table, entity_set = request.url.path.rstrip("/").split("/")[-2:]
        skip = request.url.params.get("$skip", "0")
        path = root / table / (f"{entity_set}.json" if skip in ("", "0") else f"{entity_set}.skip{skip}.json")
        if not path.is_file():
            return httpx.Response(404, json={"odata.error": {"message": {"value": "Resource not found"}}})
        return httpx.Response(200, content=path.read_bytes(), headers={"Content-Type": "application/json"})

    return httpx.MockTransport(answer)
