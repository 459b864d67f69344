"""The hole of issue 10 item 3, for tests/test_authz_matrix.py only: the project's URLs plus a new case page that
reuses the URL name `cases:detail` and checks no access at all. Name-keyed coverage used to pass it."""

from django.http import HttpResponse
from django.urls import include, path

from config import urls as project
from wijkveilig.cases import urls as case_urls


def case_export_view(request, case_id):
    return HttpResponse(f"export {case_id}")  # deliberately no access_case(): what the meta-tests must catch


_cases = ([*case_urls.urlpatterns, path("casussen/<int:case_id>/export/", case_export_view, name="detail")],
          case_urls.app_name)
urlpatterns = [path("", include(_cases)) if getattr(pattern, "app_name", None) == case_urls.app_name else pattern
               for pattern in project.urlpatterns]
