"""Choropleth classes: which of five colour steps a buurt's value falls in. Pure functions."""

PALETTE = ("#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c")  # ColorBrewer Blues: ordered, colour-blind safe
UNKNOWN_COLOUR = "#bdbdbd"  # grey: not a step of the blue scale


def breaks(values: list, steps: int = len(PALETTE)) -> list:
    """Upper bounds of up to `steps` classes of (about) equal counts over the known values; unknowns are ignored."""
    known = sorted(v for v in values if v is not None)
    if not known:
        return []
    bounds = []
    for k in range(1, steps + 1):
        bound = known[min(len(known) - 1, (k * len(known) - 1) // steps)]
        if not bounds or bound > bounds[-1]:
            bounds.append(bound)
    return bounds


def class_of(value, bounds: list) -> int | None:
    """The index of the class the value falls in, None for unknown."""
    if value is None or not bounds:
        return None
    return next((k for k, bound in enumerate(bounds) if value <= bound), len(bounds) - 1)


def swatch(index: int | None, bounds: list) -> str:
    """The palette step of a class ("unknown" for no value): the classes that exist are spread over the palette,
    so three classes still run from light to dark. The page's CSS has one class per step (no inline styles)."""
    if index is None:
        return "unknown"
    if len(bounds) == 1:
        return str(len(PALETTE) - 1)
    return str(round(index * (len(PALETTE) - 1) / (len(bounds) - 1)))


def colour(index: int | None, bounds: list) -> str:
    step = swatch(index, bounds)
    return UNKNOWN_COLOUR if step == "unknown" else PALETTE[int(step)]
