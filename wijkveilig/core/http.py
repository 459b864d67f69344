"""Small request helpers shared by the views."""


def form_data(request):
    """The POST data to bind a form to on POST (even when empty, so an empty submit is an error), else None."""
    return request.POST if request.method == "POST" else None
