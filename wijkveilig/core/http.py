"""Small request helpers shared by the views."""


def form_data(request):
    """The POST data to bind a form to on POST (even when empty, so an empty submit is an error), else None."""
    return request.POST if request.method == "POST" else None


def parse_id(value) -> int | None:
    """A database id from a URL or a form: a positive integer that fits a bigint, else None (the caller answers 404
    rather than letting the database raise on overflow)."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if 0 < number < 2**63 else None
