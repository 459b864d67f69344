"""The authorisation matrix: every URL pattern of Wijkveilig × persona → the status each method must answer.

Data only; tests/test_authz_matrix.py proves that every URL pattern and every API operation has an entry
here (a new pattern without one fails the suite), that the URL each entry requests resolves to exactly that
pattern (route string and view), that URL names are unique, and exercises every entry for every persona.

Keys (never a URL name: a new pattern that reuses a name must not inherit an entry):
- the full route string of a pattern, as Django's resolver gives it
  (``casussen/<int:case_id>/personen/<int:person_id>/``; the start page is ``""``; the admin's regex patterns
  as their regex). The test fills the parameters with the
  world's objects (``ARGUMENTS`` there); a route it cannot fill gets a URL in its ``PAGE_URLS``;
- ``admin-model:<app>.<model>`` for one model registered in the admin: covers all its URL patterns that have no
  entry of their own (changelist, add, change, history, delete and any extra URLs of that ModelAdmin);
- ``admin-model:*/<path:object_id>/`` for the unnamed redirect to the change page every admin model has;
- ``api:<METHOD> <path>`` for an API operation (path as in /api/v1/openapi.json) or a method the path
  does not offer (those must answer 405).

Rules the numbers follow: a case outside the user's scope is 404 (the same as a missing one); a read-only
grant (a consulted specialist) on a write is 403; a role that may never use a page gets 403; a wrong method
is 405; anonymous gets a redirect to the login page (pages) or 401 (API).
"""

PERSONAS = (
    "worker",                # assigned to the case
    "duo_partner",           # same team, a worker who could be the duo but is not assigned
    "colleague",             # same team, not assigned
    "specialist_consulted",  # aandachtsfunctionaris of the team, consulted on the case (read-only)
    "specialist",            # aandachtsfunctionaris of the team, not consulted
    "coordinator",           # coordinator of the case's team
    "outside_coordinator",   # coordinator of another team
    "outsider",              # worker of another team
    "vt_liaison",
    "policy_officer",
    "admin",                 # functioneel beheerder (staff, superuser)
    "log_officer",
    "partner",               # ketenpartner: shares concerns; added to the case's MDA++, sees only its shared plan
    "anonymous",
)

# Every team member who is in scope of the case may read; only a write grant may write.
#                             wrk  duo  col  spC  spc  crd  oCr  out  vt   pol  adm  log  prt  anon
_NOT_ALLOWED_GET =           (405, 405, 405, 405, 405, 405, 405, 405, 405, 405, 405, 405, 405, 302)
_CASE_READ =                 (200, 404, 404, 200, 404, 200, 404, 404, 404, 404, 404, 404, 404, 302)
_CASE_WRITE_FORM =           (200, 404, 404, 403, 404, 200, 404, 404, 404, 404, 404, 404, 404, 302)
_CASE_WRITE_POST =           (302, 404, 404, 403, 404, 302, 404, 404, 404, 404, 404, 404, 404, 302)
_CASE_WRITE_INVALID =        (400, 404, 404, 403, 404, 400, 404, 404, 404, 404, 404, 404, 404, 302)
_VT_REPORT_READ =            (200, 404, 404, 200, 404, 200, 404, 404, 200, 404, 404, 404, 404, 302)
_TEAM_PAGE =                 (200, 200, 200, 200, 200, 200, 200, 200, 403, 403, 403, 403, 403, 302)
_ADMIN_ONLY =                (302, 302, 302, 302, 302, 302, 302, 302, 302, 302, 200, 302, 302, 302)
_ADMIN_FORBIDDEN =           (302, 302, 302, 302, 302, 302, 302, 302, 302, 302, 403, 302, 302, 302)
_ADMIN_ONLY_POST =           (302, 302, 302, 302, 302, 302, 302, 302, 302, 302, 200, 302, 302, 302)
_REDIRECT_ALL =              (302, 302, 302, 302, 302, 302, 302, 302, 302, 302, 302, 302, 302, 302)
_EVERY_USER =                (200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 302)
_API_CASE_READ =             (200, 404, 404, 200, 404, 200, 404, 404, 404, 404, 404, 404, 404, 401)
_API_CASE_WRITE =            (200, 404, 404, 403, 404, 200, 404, 404, 404, 404, 404, 404, 404, 401)
_API_CASE_CREATE =           (201, 404, 404, 403, 404, 201, 404, 404, 404, 404, 404, 404, 404, 401)
_API_VT_REPORT_READ =        (200, 404, 404, 200, 404, 200, 404, 404, 200, 404, 404, 404, 404, 401)
# Only Veilig Thuis records its feedback: the team's write grants are refused (403, logged), not shown a form error.
_API_VT_FEEDBACK =           (403, 404, 404, 403, 404, 403, 404, 404, 201, 404, 404, 404, 404, 401)
# Only the coordinator of the case's team confirms an outcome (the world's route has none yet: 400 / 422).
_CONFIRM_INVALID =           (403, 404, 404, 403, 404, 400, 404, 404, 404, 404, 404, 404, 404, 302)
_API_CONFIRM_REFUSED =       (403, 404, 404, 403, 404, 422, 404, 404, 404, 404, 404, 404, 404, 401)
# In scope and allowed to write, but the world's meldcode route refuses this step here (a rule, not access): 422.
_API_CASE_REFUSED =          (422, 404, 404, 403, 404, 422, 404, 404, 404, 404, 404, 404, 404, 401)
# Intake concerns are not cases: the team's coordinator works them, the team's VT contact (who transferred the
# world's concern) reads them, everyone else gets 404; a partner only ever sees their own submissions' status.
_CONCERN_READ =              (404, 404, 404, 404, 404, 200, 404, 404, 200, 404, 404, 404, 404, 302)
_CONCERN_WRITE =             (404, 404, 404, 404, 404, 302, 404, 404, 403, 404, 404, 404, 404, 302)
_PARTNER_ONLY =              (403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 200, 302)
_API_CONCERN_READ =          (404, 404, 404, 404, 404, 200, 404, 404, 200, 404, 404, 404, 404, 401)
_API_CONCERN_WRITE =         (404, 404, 404, 404, 404, 200, 404, 404, 403, 404, 404, 404, 404, 401)
_API_CONCERN_CREATE =        (404, 404, 404, 404, 404, 201, 404, 404, 403, 404, 404, 404, 404, 401)
# MDA++: the shared plan is open to the team (in scope) and to the external partner added to the case, nothing more.
_MDA_SHARED =                (200, 404, 404, 200, 404, 200, 404, 404, 404, 404, 404, 404, 200, 302)
_API_MDA_SHARED =            (200, 404, 404, 200, 404, 200, 404, 404, 404, 404, 404, 404, 200, 401)
_MDA_PARTNERS_ONLY =         (403, 403, 403, 403, 403, 403, 403, 403, 200, 403, 403, 403, 200, 302)
_API_MDA_PARTNERS_ONLY =     (403, 403, 403, 403, 403, 403, 403, 403, 200, 403, 403, 403, 200, 401)
# Team pages: the coordinator of the member's team; another team's coordinator gets 404, every other role 403.
_TEAM_MEMBER_FORM =          (403, 403, 403, 403, 403, 200, 404, 403, 403, 403, 403, 403, 403, 302)
_TEAM_MEMBER_POST =          (403, 403, 403, 403, 403, 302, 404, 403, 403, 403, 403, 403, 403, 302)
_COORDINATOR_OWN_TEAM_POST = (403, 403, 403, 403, 403, 302, 400, 403, 403, 403, 403, 403, 403, 302)
_POLICY_ONLY =               (403, 403, 403, 403, 403, 403, 403, 403, 403, 200, 403, 403, 403, 302)
_MUNICIPALITY_AND_ADMIN =    (403, 403, 403, 403, 403, 403, 403, 403, 403, 200, 200, 403, 403, 302)
_ANALYSIS_READERS =          (403, 403, 403, 403, 403, 200, 200, 403, 403, 200, 403, 403, 403, 302)
_API_WRONG_METHOD =          (405, 405, 405, 405, 405, 405, 405, 405, 405, 405, 405, 405, 405, 405)

MATRIX: dict[str, dict[str, tuple[int, ...]]] = {
    # ---- start page and accounts ---------------------------------------------------------------------
    #                             wrk  duo  col  spC  spc  crd  oCr  out  vt   pol  adm  log  prt  anon
    "": {"GET":                  (302, 302, 302, 302, 302, 302, 302, 302, 302, 200, 200, 302, 302, 302),
         "POST":                 _NOT_ALLOWED_GET},
    # health checks for load balancers: open to anyone, they answer no data
    "healthz": {"GET":           (200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
                "POST":          _API_WRONG_METHOD},
    "readyz": {"GET":            (200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
               "POST":           _API_WRONG_METHOD},
    "inloggen/": {"GET":         (200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
                  "POST":        (200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200)},
    "inloggen/controle/": {"GET": _EVERY_USER,
                           "POST": _EVERY_USER},
    "inloggen/koppelen/": {
        "GET":                   (302, 302, 302, 302, 302, 302, 302, 302, 302, 302, 302, 302, 302, 302),
        "POST":                  (302, 302, 302, 302, 302, 302, 302, 302, 302, 302, 302, 302, 302, 302)},
    "uitloggen/": {"GET":        _NOT_ALLOWED_GET,
                   "POST":       (302, 302, 302, 302, 302, 302, 302, 302, 302, 302, 302, 302, 302, 302)},
    "instellingen/": {"GET":     _EVERY_USER,
                      "POST":    (302, 302, 302, 302, 302, 302, 302, 302, 302, 302, 302, 302, 302, 302)},
    "instellingen/tokens/": {"GET": _NOT_ALLOWED_GET,
                             "POST": _EVERY_USER},
    "instellingen/tokens/<int:token_id>/intrekken/": {
        "GET":                   _NOT_ALLOWED_GET,
        "POST":                  (302, 302, 302, 302, 302, 302, 302, 302, 302, 302, 302, 302, 302, 302)},

    # ---- case pages --------------------------------------------------------------------------------------
    #                             wrk  duo  col  spC  spc  crd  oCr  out  vt   pol  adm  log  prt  anon
    # the start page's werkvoorraad: team members see their own (the coordinator the team's), Veilig Thuis its own
    "werkvoorraad/": {"GET":     (200, 200, 200, 200, 200, 200, 200, 200, 200, 302, 302, 302, 302, 302),
                      "POST":    _NOT_ALLOWED_GET},
    "casussen/": {"GET":         _TEAM_PAGE,
                  "POST":        _TEAM_PAGE},
    "casussen/nieuw/": {"GET":   _TEAM_PAGE,
                        "POST":  (302, 302, 302, 302, 302, 302, 302, 302, 403, 403, 403, 403, 403, 302)},
    "casussen/<int:case_id>/": {"GET": _CASE_READ,
                                "POST": _NOT_ALLOWED_GET},
    "casussen/<int:case_id>/aanleiding/": {"GET": _NOT_ALLOWED_GET,
                                           "POST": _CASE_WRITE_POST},
    "casussen/<int:case_id>/sluiten/": {"GET": _CASE_WRITE_FORM,
                                        "POST": _CASE_WRITE_POST},
    "casussen/<int:case_id>/heropenen/": {"GET": _NOT_ALLOWED_GET,
                                          "POST": _CASE_WRITE_POST},
    # Only the coordinator assigns; an assigned worker may write but not assign (403).
    "casussen/<int:case_id>/toewijzen/": {
        "GET":                   (403, 404, 404, 403, 404, 200, 404, 404, 404, 404, 404, 404, 404, 302),
        "POST":                  (403, 404, 404, 403, 404, 302, 404, 404, 404, 404, 404, 404, 404, 302)},
    "casussen/<int:case_id>/personen/nieuw/": {"GET": _CASE_WRITE_FORM,
                                               "POST": _CASE_WRITE_POST},
    "casussen/<int:case_id>/personen/<int:person_id>/": {"GET": _CASE_WRITE_FORM,
                                                         "POST": _CASE_WRITE_POST},
    "casussen/<int:case_id>/relaties/": {"GET": _NOT_ALLOWED_GET,
                                         "POST": _CASE_WRITE_POST},
    "casussen/<int:case_id>/notities/nieuw/": {"GET": _CASE_WRITE_FORM,
                                               "POST": _CASE_WRITE_POST},
    "casussen/<int:case_id>/notities/<int:note_id>/": {"GET": _CASE_WRITE_FORM,
                                                       "POST": _CASE_WRITE_POST},
    "casussen/<int:case_id>/geweldsvormen/": {"GET": _CASE_WRITE_FORM,
                                              "POST": _CASE_WRITE_POST},
    "casussen/<int:case_id>/consulteren/": {"GET": _CASE_WRITE_FORM,
                                            "POST": _CASE_WRITE_POST},
    # The noodknop: only team workers/specialists for a team case they cannot open yet.
    "casussen/<int:case_id>/noodtoegang/": {
        "GET":                   (404, 200, 200, 404, 200, 404, 404, 404, 404, 404, 404, 404, 404, 302),
        "POST":                  (404, 302, 302, 404, 302, 404, 404, 404, 404, 404, 404, 404, 404, 302)},
    "noodtoegang/": {"GET":      (403, 403, 403, 403, 403, 200, 200, 403, 403, 403, 403, 403, 403, 302),
                     "POST":     _NOT_ALLOWED_GET},
    "noodtoegang/<int:emergency_id>/beoordeeld/": {
        "GET":                   _NOT_ALLOWED_GET,
        "POST":                  (403, 403, 403, 403, 403, 302, 404, 403, 403, 403, 403, 403, 403, 302)},

    # ---- meldcode route and Veilig Thuis reports (empty POSTs: allowed personas get the form error, 400) ----
    #                             wrk  duo  col  spC  spc  crd  oCr  out  vt   pol  adm  log  prt  anon
    "casussen/<int:case_id>/meldcode/starten/": {"GET": _NOT_ALLOWED_GET, "POST": _CASE_WRITE_POST},
    "casussen/<int:case_id>/meldcode/<int:route_id>/": {"GET": _CASE_READ, "POST": _NOT_ALLOWED_GET},
    "casussen/<int:case_id>/meldcode/<int:route_id>/signaal/koppelen/": {
        "GET":                   _NOT_ALLOWED_GET, "POST": _CASE_WRITE_INVALID},
    "casussen/<int:case_id>/meldcode/<int:route_id>/signaal/nieuw/": {
        "GET":                   _NOT_ALLOWED_GET, "POST": _CASE_WRITE_INVALID},
    "casussen/<int:case_id>/meldcode/<int:route_id>/kindcheck/": {"GET": _NOT_ALLOWED_GET, "POST": _CASE_WRITE_INVALID},
    "casussen/<int:case_id>/meldcode/<int:route_id>/overleg/": {"GET": _NOT_ALLOWED_GET, "POST": _CASE_WRITE_INVALID},
    "casussen/<int:case_id>/meldcode/<int:route_id>/gesprek/": {"GET": _NOT_ALLOWED_GET, "POST": _CASE_WRITE_INVALID},
    "casussen/<int:case_id>/meldcode/<int:route_id>/weging/": {"GET": _NOT_ALLOWED_GET, "POST": _CASE_WRITE_INVALID},
    "casussen/<int:case_id>/meldcode/<int:route_id>/afweging/": {"GET": _NOT_ALLOWED_GET, "POST": _CASE_WRITE_INVALID},
    "casussen/<int:case_id>/meldcode/<int:route_id>/monitoring/": {
        "GET":                   _NOT_ALLOWED_GET, "POST": _CASE_WRITE_INVALID},
    "casussen/<int:case_id>/meldcode/<int:route_id>/monitoring/controle/": {
        "GET":                   _NOT_ALLOWED_GET, "POST": _CASE_WRITE_INVALID},
    "casussen/<int:case_id>/meldcode/<int:route_id>/stap/<int:step>/afronden/": {
        "GET":                   _NOT_ALLOWED_GET, "POST": _CASE_WRITE_INVALID},
    "casussen/<int:case_id>/meldcode/<int:route_id>/stap/<int:step>/terug/": {
        "GET":                   _NOT_ALLOWED_GET, "POST": _CASE_WRITE_INVALID},
    "casussen/<int:case_id>/meldcode/<int:route_id>/bevestigen/": {
        "GET":                   _NOT_ALLOWED_GET, "POST": _CONFIRM_INVALID},
    "casussen/<int:case_id>/meldcode/<int:route_id>/acuut-gevaar/": {
        "GET":                   _CASE_WRITE_FORM, "POST": _CASE_WRITE_INVALID},
    "casussen/<int:case_id>/meldcode/<int:route_id>/melden/": {"GET": _CASE_WRITE_FORM, "POST": _CASE_WRITE_INVALID},
    "casussen/<int:case_id>/meldcode/<int:route_id>/onveiligheid-keert-terug/": {
        "GET":                   _CASE_WRITE_FORM, "POST": _CASE_WRITE_INVALID},
    "casussen/<int:case_id>/meldcode/<int:route_id>/antwoord-veilig-thuis/": {
        "GET":                   _CASE_WRITE_FORM, "POST": _CASE_WRITE_INVALID},
    # The team's fixed Veilig Thuis contact reads the reports of the case, and nothing else of it.
    "casussen/<int:case_id>/meldingen/<int:report_id>/pdf/": {"GET": _VT_REPORT_READ, "POST": _NOT_ALLOWED_GET},
    "casussen/<int:case_id>/meldingen/<int:report_id>/json/": {"GET": _VT_REPORT_READ, "POST": _NOT_ALLOWED_GET},
    # ---- assessment: Balansmodel, ZRM, Signs of Safety, conversation guide (empty POSTs: the form error, 400) ----
    "casussen/<int:case_id>/beoordeling/": {"GET": _CASE_READ, "POST": _NOT_ALLOWED_GET},
    "casussen/<int:case_id>/beoordeling/balansmodel/": {"GET": _CASE_READ, "POST": _CASE_WRITE_INVALID},
    "casussen/<int:case_id>/beoordeling/zrm/<int:person_id>/": {"GET": _CASE_READ, "POST": _CASE_WRITE_INVALID},
    "casussen/<int:case_id>/beoordeling/signs-of-safety/": {"GET": _CASE_READ, "POST": _CASE_WRITE_INVALID},
    "casussen/<int:case_id>/beoordeling/gespreksleidraad/": {"GET": _CASE_READ, "POST": _CASE_WRITE_INVALID},
    "casussen/<int:case_id>/beoordeling/kindcheck/": {"GET": _CASE_READ, "POST": _CASE_WRITE_INVALID},
    # ---- safety plan (the world has a victim, the mother, but no plan yet; empty POSTs get the form error) ----
    # fields optional, but sent
    "casussen/<int:case_id>/veiligheidsplan/": {"GET": _CASE_READ, "POST": _CASE_WRITE_POST},
    "casussen/<int:case_id>/veiligheidsplan/afspraken/": {"GET": _NOT_ALLOWED_GET, "POST": _CASE_WRITE_INVALID},
    "casussen/<int:case_id>/veiligheidsplan/evaluaties/": {"GET": _NOT_ALLOWED_GET, "POST": _CASE_WRITE_INVALID},
    "casussen/<int:case_id>/veiligheidsplan/veilige-plek/<int:person_id>/": {
        "GET":                   _NOT_ALLOWED_GET, "POST": _CASE_WRITE_INVALID},
    "casussen/<int:case_id>/veiligheidsplan/afspreken/": {
        "GET":                   _NOT_ALLOWED_GET, "POST": _CASE_WRITE_INVALID},  # no agreements yet: refused
    "casussen/<int:case_id>/veiligheidsplan/afspraken/<int:agreement_id>/": {
        "GET":                   _CASE_WRITE_FORM, "POST": _CASE_WRITE_INVALID},
    # No plan yet: readers are sent back to the plan page.
    "casussen/<int:case_id>/veiligheidsplan/gezinsversie/<int:for_person_id>/": {
        "GET":                   (302, 404, 404, 302, 404, 302, 404, 404, 404, 404, 404, 404, 404, 302),
        "POST":                  _NOT_ALLOWED_GET},
    # ---- collaboration: case conferences, decisions (owner: worker), AVE phase (empty POSTs: the form error, 400) ----
    "casussen/<int:case_id>/samenwerking/": {"GET": _CASE_READ, "POST": _NOT_ALLOWED_GET},
    "casussen/<int:case_id>/samenwerking/casusbespreking/": {"GET": _CASE_READ, "POST": _CASE_WRITE_INVALID},
    "casussen/<int:case_id>/samenwerking/ave/": {"GET": _CASE_READ, "POST": _CASE_WRITE_INVALID},
    # Only the decision's owner (the worker) may mark it done; the coordinator may write but is not the owner: 403.
    "casussen/<int:case_id>/samenwerking/besluiten/<int:decision_id>/afgerond/": {
        "GET":                   _NOT_ALLOWED_GET,
        "POST":                  (302, 404, 404, 403, 404, 403, 404, 404, 404, 404, 404, 404, 404, 302)},
    # ---- MDA++ (the world's case is MDA++ with the partner added; empty POSTs: the form error, 400) -------------
    "casussen/<int:case_id>/samenwerking/mda/": {"GET": _CASE_READ, "POST": _CASE_WRITE_INVALID},
    **{f"casussen/<int:case_id>/samenwerking/mda/{suffix}": {"GET": _NOT_ALLOWED_GET, "POST": _CASE_WRITE_INVALID}
       for suffix in ("regisseur/", "partners/", "partners/<int:partner_id>/verwijderen/", "beeindigen/",
                      "aansluiten/")},
    "casussen/<int:case_id>/mda/": {"GET": _MDA_SHARED, "POST": _NOT_ALLOWED_GET},
    "mda/": {"GET":              _MDA_PARTNERS_ONLY, "POST": _NOT_ALLOWED_GET},
    "veilig-thuis/": {"GET":     (403, 403, 403, 403, 403, 403, 403, 403, 200, 403, 403, 403, 403, 302),
                      "POST":    _NOT_ALLOWED_GET},
    "veilig-thuis/casussen/<int:case_id>/meldingen/<int:report_id>/": {
        "GET":                   _VT_REPORT_READ,
        "POST":                  (400, 404, 404, 403, 404, 400, 404, 404, 400, 404, 404, 404, 404, 302)},

    # ---- access log --------------------------------------------------------------------------------------
    "logboek/": {"GET":          (403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 200, 403, 302),
                 "POST":         _NOT_ALLOWED_GET},

    # ---- admin (/beheer/): staff with a verified second factor only ------------------------------------
    #                             wrk  duo  col  spC  spc  crd  oCr  out  vt   pol  adm  log  prt  anon
    "beheer/": {"GET":           _ADMIN_ONLY, "POST": _ADMIN_ONLY_POST},
    # A redirect to the one login page (inloggen/) for everyone; the admin's own login view at this route never
    # answers (SHADOWED in the test).
    "beheer/login/": {"GET":     _REDIRECT_ALL, "POST": _REDIRECT_ALL},
    "beheer/logout/": {"GET":    (302, 302, 302, 302, 302, 302, 302, 302, 302, 302, 405, 302, 302, 302),
                       "POST":   _REDIRECT_ALL},
    "beheer/password_change/": {"GET": _ADMIN_ONLY, "POST": _ADMIN_ONLY_POST},
    "beheer/password_change/done/": {"GET": _ADMIN_ONLY},
    "beheer/autocomplete/": {
        "GET":                   (302, 302, 302, 302, 302, 302, 302, 302, 302, 302, 403, 302, 302, 302)},
    "beheer/jsi18n/": {"GET":    _ADMIN_ONLY},
    "beheer/r/<path:content_type_id>/<path:object_id>/": {
        "GET":                   (302, 302, 302, 302, 302, 302, 302, 302, 302, 302, 404, 302, 302, 302)},
    "beheer/(?P<app_label>auth|axes|areas|accounts|meldcode|teams)/$": {"GET": _ADMIN_ONLY},
    "beheer/(?P<url>.*)$": {
        "GET":                   (302, 302, 302, 302, 302, 302, 302, 302, 302, 302, 404, 302, 302, 302)},
    "admin-model:auth.group": {"GET": _ADMIN_ONLY},
    "admin-model:axes.accessattempt": {"GET": _ADMIN_ONLY},
    "admin-model:axes.accesslog": {"GET": _ADMIN_ONLY},
    "admin-model:axes.accessfailurelog": {"GET": _ADMIN_ONLY},
    "admin-model:areas.municipality": {"GET": _ADMIN_ONLY},
    "admin-model:areas.district": {"GET": _ADMIN_ONLY},
    "admin-model:areas.buurt": {"GET": _ADMIN_ONLY},
    "admin-model:accounts.user": {"GET": _ADMIN_ONLY},
    "admin-model:accounts.team": {"GET": _ADMIN_ONLY},
    "admin-model:accounts.apitoken": {"GET": _ADMIN_ONLY},
    "admin-model:accounts.membership": {"GET": _ADMIN_ONLY},
    "admin-model:meldcode.meldcodesetting": {"GET": _ADMIN_ONLY},
    "admin-model:meldcode.specialistcontact": {"GET": _ADMIN_ONLY},
    "admin-model:teams.selfscantheme": {"GET": _ADMIN_ONLY},
    "admin-model:teams.selfscanstatement": {"GET": _ADMIN_ONLY},
    # Every model's short object URL: the admin is sent on to the change page, everyone else to the login.
    "admin-model:*/<path:object_id>/": {"GET": _REDIRECT_ALL},
    # Records made by the system only: beheer may read them but not add them.
    "beheer/axes/accessattempt/add/": {"GET": _ADMIN_FORBIDDEN},
    "beheer/axes/accesslog/add/": {"GET": _ADMIN_FORBIDDEN},
    "beheer/axes/accessfailurelog/add/": {"GET": _ADMIN_FORBIDDEN},
    "beheer/accounts/apitoken/add/": {"GET": _ADMIN_FORBIDDEN},
    # Its delete page would list the households of the buurt by name.
    "beheer/areas/buurt/<path:object_id>/delete/": {"GET": _ADMIN_FORBIDDEN},

    # ---- API (/api/v1/): a verified session or a personal token; 401 without ---------------------------
    #                             wrk  duo  col  spC  spc  crd  oCr  out  vt   pol  adm  log  prt  anon
    # The API description is for users with a verified login or a token; anonymous gets 401.
    "api/v1/openapi.json": {
        "GET":                   (200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 401)},
    "api/v1/docs": {"GET":       (200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 401)},
    "api/v1/": {"GET":           (404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404)},
    "api:GET /api/v1/cases": {"GET": (200, 200, 200, 200, 200, 200, 200, 200, 403, 403, 403, 403, 403, 401)},
    "api:POST /api/v1/cases": {"POST": (201, 201, 201, 201, 201, 201, 201, 201, 403, 403, 403, 403, 403, 401)},
    "api:POST /api/v1/cases/search": {"POST": (200, 200, 200, 200, 200, 200, 200, 200, 403, 403, 403, 403, 403, 401)},
    "api:GET /api/v1/cases/{case_id}": {"GET": _API_CASE_READ},
    "api:PATCH /api/v1/cases/{case_id}": {"PATCH": _API_CASE_WRITE},
    "api:POST /api/v1/cases/{case_id}/close": {"POST": _API_CASE_WRITE},
    "api:GET /api/v1/cases/{case_id}/persons": {"GET": _API_CASE_READ},
    "api:POST /api/v1/cases/{case_id}/persons": {"POST": _API_CASE_CREATE},
    "api:PUT /api/v1/cases/{case_id}/persons/{person_id}": {"PUT": _API_CASE_WRITE},
    "api:POST /api/v1/cases/{case_id}/relations": {"POST": _API_CASE_CREATE},
    "api:GET /api/v1/cases/{case_id}/notes": {"GET": _API_CASE_READ},
    "api:POST /api/v1/cases/{case_id}/notes": {"POST": _API_CASE_CREATE},
    "api:PUT /api/v1/cases/{case_id}/notes/{note_id}": {"PUT": _API_CASE_WRITE},
    "api:POST /api/v1/cases/{case_id}/meldcode": {"POST": _API_CASE_REFUSED},
    "api:GET /api/v1/cases/{case_id}/meldcode/{route_id}": {"GET": _API_CASE_READ},
    "api:POST /api/v1/cases/{case_id}/meldcode/{route_id}/signals": {"POST": _API_CASE_WRITE},
    "api:POST /api/v1/cases/{case_id}/meldcode/{route_id}/kindcheck": {"POST": _API_CASE_REFUSED},
    # A consultation may be recorded at any moment of an active route (decision record 0011).
    "api:POST /api/v1/cases/{case_id}/meldcode/{route_id}/consultations": {"POST": _API_CASE_WRITE},
    "api:POST /api/v1/cases/{case_id}/meldcode/{route_id}/conversation": {"POST": _API_CASE_REFUSED},
    "api:POST /api/v1/cases/{case_id}/meldcode/{route_id}/weighing": {"POST": _API_CASE_REFUSED},
    "api:POST /api/v1/cases/{case_id}/meldcode/{route_id}/answers": {"POST": _API_CASE_REFUSED},
    "api:GET /api/v1/cases/{case_id}/meldcode/{route_id}/weighing": {"GET": _API_CASE_READ},
    "api:GET /api/v1/cases/{case_id}/meldcode/{route_id}/monitoring": {"GET": _API_CASE_READ},
    "api:POST /api/v1/cases/{case_id}/meldcode/{route_id}/monitoring": {"POST": _API_CASE_REFUSED},
    "api:POST /api/v1/cases/{case_id}/meldcode/{route_id}/monitoring/checks": {"POST": _API_CASE_REFUSED},
    "api:POST /api/v1/cases/{case_id}/meldcode/{route_id}/steps/{step}/complete": {"POST": _API_CASE_REFUSED},
    "api:POST /api/v1/cases/{case_id}/meldcode/{route_id}/steps/{step}/reopen": {"POST": _API_CASE_REFUSED},
    "api:POST /api/v1/cases/{case_id}/meldcode/{route_id}/confirm": {"POST": _API_CONFIRM_REFUSED},
    "api:POST /api/v1/cases/{case_id}/meldcode/{route_id}/acute-danger": {"POST": _API_CASE_WRITE},
    "api:POST /api/v1/cases/{case_id}/meldcode/{route_id}/reports": {"POST": _API_CASE_REFUSED},
    "api:POST /api/v1/cases/{case_id}/meldcode/{route_id}/returning-violence": {"POST": _API_CASE_REFUSED},
    "api:POST /api/v1/cases/{case_id}/meldcode/{route_id}/vt-answer": {"POST": _API_CASE_REFUSED},
    "api:GET /api/v1/cases/{case_id}/reports/{report_id}": {"GET": _API_VT_REPORT_READ},
    "api:GET /api/v1/cases/{case_id}/assessments": {"GET": _API_CASE_READ},
    "api:POST /api/v1/cases/{case_id}/balance": {"POST": _API_CASE_CREATE},
    "api:POST /api/v1/cases/{case_id}/zrm": {"POST": _API_CASE_CREATE},
    "api:POST /api/v1/cases/{case_id}/kindcheck": {"POST": _API_CASE_CREATE},
    "api:POST /api/v1/cases/{case_id}/safety-mappings": {"POST": _API_CASE_CREATE},
    "api:GET /api/v1/cases/{case_id}/safety-plan": {"GET": _API_CASE_READ},
    "api:PUT /api/v1/cases/{case_id}/safety-plan": {"PUT": _API_CASE_WRITE},
    "api:POST /api/v1/cases/{case_id}/safety-plan/agreements": {"POST": _API_CASE_CREATE},
    "api:POST /api/v1/cases/{case_id}/safety-plan/reviews": {"POST": _API_CASE_REFUSED},  # no such agreement
    "api:PUT /api/v1/cases/{case_id}/safety-plan/safe-places/{person_id}": {"PUT": _API_CASE_WRITE},
    "api:PUT /api/v1/cases/{case_id}/safety-plan/agreements/{agreement_id}": {"PUT": _API_CASE_WRITE},
    "api:POST /api/v1/cases/{case_id}/safety-plan/agree": {"POST": _API_CASE_REFUSED},  # no agreements yet
    # No plan yet: every reader in scope hears so (422); outside scope 404 as always.
    "api:GET /api/v1/cases/{case_id}/safety-plan/family-pdf": {
        "GET": (422, 404, 404, 422, 404, 422, 404, 404, 404, 404, 404, 404, 404, 401)},
    "api:GET /api/v1/cases/{case_id}/collaboration": {"GET": _API_CASE_READ},
    "api:POST /api/v1/cases/{case_id}/conferences": {"POST": _API_CASE_CREATE},
    "api:POST /api/v1/cases/{case_id}/ave": {"POST": _API_CASE_CREATE},
    "api:POST /api/v1/cases/{case_id}/decisions/{decision_id}/done": {
        "POST": (200, 404, 404, 403, 404, 403, 404, 404, 404, 404, 404, 404, 404, 401)},
    "api:POST /api/v1/cases/{case_id}/reports/{report_id}/feedback": {"POST": _API_VT_FEEDBACK},
    "api:GET /api/v1/cases/{case_id}/mda": {"GET": _API_CASE_READ},
    "api:POST /api/v1/cases/{case_id}/mda": {"POST": _API_CASE_REFUSED},  # already MDA++: a rule, 422
    "api:POST /api/v1/cases/{case_id}/mda/join": {"POST": _API_CASE_REFUSED},  # already in it: a rule, 422
    "api:PUT /api/v1/cases/{case_id}/mda/director": {"PUT": _API_CASE_WRITE},
    "api:POST /api/v1/cases/{case_id}/mda/partners": {"POST": _API_CASE_CREATE},
    "api:POST /api/v1/cases/{case_id}/mda/partners/{partner_id}/remove": {"POST": _API_CASE_WRITE},
    "api:POST /api/v1/cases/{case_id}/mda/end": {"POST": _API_CASE_WRITE},
    "api:GET /api/v1/cases/{case_id}/mda/shared-plan": {"GET": _API_MDA_SHARED},
    "api:GET /api/v1/mda/cases": {"GET": _API_MDA_PARTNERS_ONLY},
    # ---- intake (the world's concern: triaged, routed to the case's team, transferred by the VT liaison) --------
    #                             wrk  duo  col  spC  spc  crd  oCr  out  vt   pol  adm  log  prt  anon
    "intake/": {"GET":           (403, 403, 403, 403, 403, 200, 200, 403, 403, 403, 403, 403, 403, 302),
                "POST":          _NOT_ALLOWED_GET},
    "intake/nieuw/": {"GET":     (200, 200, 200, 200, 200, 200, 200, 200, 200, 403, 403, 403, 403, 302),
                      "POST":    (302, 302, 302, 302, 302, 302, 302, 302, 400, 403, 403, 403, 403, 302)},
    "intake/<int:concern_id>/": {"GET": _CONCERN_READ,
                                 "POST": _NOT_ALLOWED_GET},
    "intake/<int:concern_id>/triage/": {"GET": _NOT_ALLOWED_GET,
                                        "POST": _CONCERN_WRITE},
    "intake/<int:concern_id>/kleur/": {"GET": _NOT_ALLOWED_GET,
                                       "POST": _CONCERN_WRITE},
    "intake/<int:concern_id>/casus/": {"GET": _NOT_ALLOWED_GET,
                                       "POST": _CONCERN_WRITE},
    # how an oranje/rood concern ends: a report to the team's VT contact (page shows it to that contact), or VT has it
    "intake/<int:concern_id>/melding/": {"GET": _CONCERN_READ,
                                         "POST": _CONCERN_WRITE},
    "intake/<int:concern_id>/veilig-thuis-bekend/": {"GET": _NOT_ALLOWED_GET,
                                                     "POST": _CONCERN_WRITE},
    # the municipal concern (address unknown): every coordinator may take it, but only into their own team
    "intake/<int:concern_id>/overnemen/": {
        "GET":                   _NOT_ALLOWED_GET,
        "POST":                  (404, 404, 404, 404, 404, 302, 400, 404, 403, 404, 404, 404, 404, 302)},
    "zorg-delen/": {"GET":       _PARTNER_ONLY,
                    "POST":      (403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 302, 302)},
    "zorg-delen/mijn-zorgen/": {"GET": _PARTNER_ONLY,
                                "POST": _NOT_ALLOWED_GET},
    "inzicht/zorgen-per-buurt/": {
        "GET":                   (403, 403, 403, 403, 403, 403, 403, 403, 403, 200, 403, 403, 403, 302),
        "POST":                  _NOT_ALLOWED_GET},
    # ---- team profile, reflection, municipality pages (wijkveilig.teams; member_id: the worker's membership) -----
    #                             wrk  duo  col  spC  spc  crd  oCr  out  vt   pol  adm  log  prt  anon
    "team/": {"GET":             (403, 403, 403, 403, 403, 200, 200, 403, 403, 403, 403, 403, 403, 302),
              "POST":            _NOT_ALLOWED_GET},
    # another team's coordinator: the member is outside their scope (404, like a missing one)
    "team/leden/<int:member_id>/": {"GET": _TEAM_MEMBER_FORM, "POST": _TEAM_MEMBER_POST},
    "team/leden/<int:member_id>/trainingen/": {"GET": _NOT_ALLOWED_GET, "POST": _TEAM_MEMBER_POST},
    # no round is open in the world: a member's answer is refused with the form error (400)
    "team/reflectie/": {"GET":   (200, 200, 200, 200, 200, 200, 200, 200, 403, 403, 403, 403, 403, 302),
                        "POST":  (400, 400, 400, 400, 400, 400, 400, 400, 403, 403, 403, 403, 403, 302)},
    # the world's team is not the outside coordinator's: their form error (400)
    "team/reflectie/openen/": {"GET": _NOT_ALLOWED_GET, "POST": _COORDINATOR_OWN_TEAM_POST},
    "team/reflectie/sluiten/": {  # no open round in the world: refused with the reason (400)
        "GET":                   _NOT_ALLOWED_GET,
        "POST":                  (403, 403, 403, 403, 403, 400, 400, 403, 403, 403, 403, 403, 403, 302)},
    "gemeenten/": {"GET":        _MUNICIPALITY_AND_ADMIN, "POST": _NOT_ALLOWED_GET},
    "gemeenten/<int:municipality_id>/teams/": {"GET": _POLICY_ONLY, "POST": _NOT_ALLOWED_GET},
    "gemeenten/<int:municipality_id>/veilig-thuis/": {
        "GET":                   _MUNICIPALITY_AND_ADMIN,
        "POST":                  (403, 403, 403, 403, 403, 403, 403, 403, 403, 302, 302, 403, 403, 302)},
    "gemeenten/<int:municipality_id>/zelfscan/": {"GET": _POLICY_ONLY, "POST": _NOT_ALLOWED_GET},
    "gemeenten/<int:municipality_id>/zelfscan/<int:year>/": {
        "GET":                   _POLICY_ONLY,
        "POST":                  (403, 403, 403, 403, 403, 403, 403, 403, 403, 302, 403, 403, 403, 302)},
    # wijkanalyse: the policy officer and every coordinator read it (aggregates and public figures only); only a
    # coordinator of a team working in the buurt records the team's risk reading.
    "analyse/": {"GET":          _ANALYSIS_READERS,
                 "POST":         _NOT_ALLOWED_GET},
    "analyse/export.csv": {"GET": _ANALYSIS_READERS,
                           "POST": _NOT_ALLOWED_GET},
    "analyse/export.xlsx": {"GET": _ANALYSIS_READERS,
                            "POST": _NOT_ALLOWED_GET},
    "analyse/buurten/<str:buurt_code>/risico/": {
        "GET":                   (403, 403, 403, 403, 403, 200, 403, 403, 403, 403, 403, 403, 403, 302),
        "POST":                  (403, 403, 403, 403, 403, 302, 403, 403, 403, 403, 403, 403, 403, 302)},
    "api:GET /api/v1/intake/concerns": {
        "GET":                   (403, 403, 403, 403, 403, 200, 200, 403, 403, 403, 403, 403, 403, 401)},
    "api:POST /api/v1/intake/concerns": {
        "POST":                  (201, 201, 201, 201, 201, 201, 201, 201, 422, 403, 403, 403, 403, 401)},
    "api:GET /api/v1/intake/concerns/{concern_id}": {"GET": _API_CONCERN_READ},
    "api:POST /api/v1/intake/concerns/{concern_id}/triage": {"POST": _API_CONCERN_WRITE},
    "api:POST /api/v1/intake/concerns/{concern_id}/overrule": {"POST": _API_CONCERN_WRITE},
    "api:POST /api/v1/intake/concerns/{concern_id}/vt-report": {"POST": _API_CONCERN_CREATE},
    "api:POST /api/v1/intake/concerns/{concern_id}/vt-known": {"POST": _API_CONCERN_CREATE},
    "api:GET /api/v1/intake/routing": {
        "GET":                   (200, 200, 200, 200, 200, 200, 200, 200, 200, 403, 403, 403, 403, 401)},
    "api:DELETE /api/v1/intake/concerns/{concern_id}": {"DELETE": _API_WRONG_METHOD},
    # Methods a path does not offer.
    "api:DELETE /api/v1/cases": {"DELETE": _API_WRONG_METHOD},
    "api:DELETE /api/v1/cases/{case_id}": {"DELETE": _API_WRONG_METHOD},
    "api:GET /api/v1/cases/{case_id}/close": {"GET": _API_WRONG_METHOD},
    "api:DELETE /api/v1/cases/{case_id}/persons/{person_id}": {"DELETE": _API_WRONG_METHOD},
    "api:GET /api/v1/cases/{case_id}/relations": {"GET": _API_WRONG_METHOD},
    "api:DELETE /api/v1/cases/{case_id}/notes/{note_id}": {"DELETE": _API_WRONG_METHOD},
}
