"""The application's URLs plus one bare view, for the benchmark's floor only (never installed in the application).

The bare view is what every signed-in page costs before it reads its own rows: the middleware (session, user,
second factor, the request's municipality scope), one access-log row, and the site's layout with an empty main.
Issue 12's ratio is a page's time above this floor against the raw SQL time of the page's own SELECTs.
"""

from django.shortcuts import render
from django.urls import path
from django.views.decorators.http import require_GET

from config.urls import *  # noqa: F403 - the application's own patterns and error handlers
from config.urls import urlpatterns as application_patterns
from wijkveilig.audit.models import Action
from wijkveilig.audit.services import Actor, access_log_write

BARE_PATH = "/meting/kaal/"


@require_GET
def bare_view(request):
    access_log_write(actor=Actor.from_request(request), event="case.listed", action=Action.READ, section="bench")
    return render(request, "base.html", {})


urlpatterns = [path(BARE_PATH.strip("/") + "/", bare_view, name="bench-bare"), *application_patterns]
