"""The authorisation matrix: every route of Wijkveilig × persona → the status each method must answer.

Data only; tests/test_authz_matrix.py proves that every URL pattern and every API operation has an entry
here (a new route without one fails the suite) and exercises every entry for every persona.

Keys:
- a URL name (``cases:detail``) for pages, the access log, account pages and admin site views;
- ``admin-model:<app>.<model>`` for one model registered in the admin: covers all its URL patterns
  (changelist, add, change, history, delete, the object redirect and any extra URLs of that ModelAdmin);
- ``admin:catch_all`` for the admin's unnamed catch-all pattern;
- ``route:<pattern>`` for any other pattern without a name;
- ``api:<METHOD> <path>`` for an API operation (path as in /api/v1/openapi.json) or a method the path
  does not offer (those must answer 405);
- ``api:openapi-json``, ``api:openapi-view``, ``api:api-root`` for the API's own URLs.

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
_API_VT_FEEDBACK =           (422, 404, 404, 403, 404, 422, 404, 404, 201, 404, 404, 404, 404, 401)
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
_API_WRONG_METHOD =          (405, 405, 405, 405, 405, 405, 405, 405, 405, 405, 405, 405, 405, 405)

MATRIX: dict[str, dict[str, tuple[int, ...]]] = {
    # ---- start page and accounts ---------------------------------------------------------------------
    #                             wrk  duo  col  spC  spc  crd  oCr  out  vt   pol  adm  log  prt  anon
    "home": {"GET":              (302, 302, 302, 302, 302, 302, 302, 302, 302, 200, 200, 302, 302, 302),
             "POST":             _NOT_ALLOWED_GET},
    # health checks for load balancers: open to anyone, they answer no data
    "healthz": {"GET":           (200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
                "POST":          _API_WRONG_METHOD},
    "readyz": {"GET":            (200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
               "POST":           _API_WRONG_METHOD},
    "accounts:login": {"GET":    (200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
                       "POST":   (200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200)},
    "accounts:verify": {"GET":   _EVERY_USER,
                        "POST":  _EVERY_USER},
    "accounts:enrol": {"GET":    (302, 302, 302, 302, 302, 302, 302, 302, 302, 302, 302, 302, 302, 302),
                       "POST":   (302, 302, 302, 302, 302, 302, 302, 302, 302, 302, 302, 302, 302, 302)},
    "accounts:logout": {"GET":   _NOT_ALLOWED_GET,
                        "POST":  (302, 302, 302, 302, 302, 302, 302, 302, 302, 302, 302, 302, 302, 302)},
    "accounts:settings": {"GET": _EVERY_USER,
                          "POST": (302, 302, 302, 302, 302, 302, 302, 302, 302, 302, 302, 302, 302, 302)},
    "accounts:token_create": {"GET": _NOT_ALLOWED_GET,
                              "POST": _EVERY_USER},
    "accounts:token_revoke": {"GET": _NOT_ALLOWED_GET,
                              "POST": (302, 302, 302, 302, 302, 302, 302, 302, 302, 302, 302, 302, 302, 302)},

    # ---- case pages --------------------------------------------------------------------------------------
    #                             wrk  duo  col  spC  spc  crd  oCr  out  vt   pol  adm  log  prt  anon
    "cases:caseload": {"GET":    (200, 200, 200, 200, 200, 200, 200, 200, 302, 302, 302, 302, 302, 302),
                       "POST":   _NOT_ALLOWED_GET},
    "cases:list": {"GET":        _TEAM_PAGE,
                   "POST":       _TEAM_PAGE},
    "cases:new": {"GET":         _TEAM_PAGE,
                  "POST":        (302, 302, 302, 302, 302, 302, 302, 302, 403, 403, 403, 403, 403, 302)},
    "cases:detail": {"GET":      _CASE_READ,
                     "POST":     _NOT_ALLOWED_GET},
    "cases:summary": {"GET":     _NOT_ALLOWED_GET,
                      "POST":    _CASE_WRITE_POST},
    "cases:close": {"GET":       _CASE_WRITE_FORM,
                    "POST":      _CASE_WRITE_POST},
    "cases:reopen": {"GET":      _NOT_ALLOWED_GET,
                     "POST":     _CASE_WRITE_POST},
    # Only the coordinator assigns; an assigned worker may write but not assign (403).
    "cases:assign": {"GET":      (403, 404, 404, 403, 404, 200, 404, 404, 404, 404, 404, 404, 404, 302),
                     "POST":     (403, 404, 404, 403, 404, 302, 404, 404, 404, 404, 404, 404, 404, 302)},
    "cases:person_add": {"GET":  _CASE_WRITE_FORM,
                         "POST": _CASE_WRITE_POST},
    "cases:person_edit": {"GET": _CASE_WRITE_FORM,
                          "POST": _CASE_WRITE_POST},
    "cases:relation_add": {"GET": _NOT_ALLOWED_GET,
                           "POST": _CASE_WRITE_POST},
    "cases:note_add": {"GET":    _CASE_WRITE_FORM,
                       "POST":   _CASE_WRITE_POST},
    "cases:note_edit": {"GET":   _CASE_WRITE_FORM,
                        "POST":  _CASE_WRITE_POST},
    "cases:violence_forms": {"GET": _CASE_WRITE_FORM,
                             "POST": _CASE_WRITE_POST},
    "cases:consult": {"GET":     _CASE_WRITE_FORM,
                      "POST":    _CASE_WRITE_POST},
    # The noodknop: only team workers/specialists for a team case they cannot open yet.
    "cases:emergency": {"GET":   (404, 200, 200, 404, 200, 404, 404, 404, 404, 404, 404, 404, 404, 302),
                        "POST":  (404, 302, 302, 404, 302, 404, 404, 404, 404, 404, 404, 404, 404, 302)},
    "cases:emergency_review_list": {"GET": (403, 403, 403, 403, 403, 200, 200, 403, 403, 403, 403, 403, 403, 302),
                                    "POST": _NOT_ALLOWED_GET},
    "cases:emergency_review": {"GET": _NOT_ALLOWED_GET,
                               "POST": (403, 403, 403, 403, 403, 302, 404, 403, 403, 403, 403, 403, 403, 302)},

    # ---- meldcode route and Veilig Thuis reports (empty POSTs: allowed personas get the form error, 400) ----
    #                             wrk  duo  col  spC  spc  crd  oCr  out  vt   pol  adm  log  prt  anon
    "meldcode:start": {"GET":    _NOT_ALLOWED_GET, "POST": _CASE_WRITE_POST},
    "meldcode:route": {"GET":    _CASE_READ, "POST": _NOT_ALLOWED_GET},
    "meldcode:signal_link": {"GET": _NOT_ALLOWED_GET, "POST": _CASE_WRITE_INVALID},
    "meldcode:signal_add": {"GET": _NOT_ALLOWED_GET, "POST": _CASE_WRITE_INVALID},
    "meldcode:kindcheck": {"GET": _NOT_ALLOWED_GET, "POST": _CASE_WRITE_INVALID},
    "meldcode:consultation": {"GET": _NOT_ALLOWED_GET, "POST": _CASE_WRITE_INVALID},
    "meldcode:conversation": {"GET": _NOT_ALLOWED_GET, "POST": _CASE_WRITE_INVALID},
    "meldcode:weighing": {"GET": _NOT_ALLOWED_GET, "POST": _CASE_WRITE_INVALID},
    "meldcode:answer": {"GET":   _NOT_ALLOWED_GET, "POST": _CASE_WRITE_INVALID},
    "meldcode:monitoring_add": {"GET": _NOT_ALLOWED_GET, "POST": _CASE_WRITE_INVALID},
    "meldcode:monitoring_check": {"GET": _NOT_ALLOWED_GET, "POST": _CASE_WRITE_INVALID},
    "meldcode:step_complete": {"GET": _NOT_ALLOWED_GET, "POST": _CASE_WRITE_INVALID},
    "meldcode:step_reopen": {"GET": _NOT_ALLOWED_GET, "POST": _CASE_WRITE_INVALID},
    "meldcode:confirm": {"GET":  _NOT_ALLOWED_GET, "POST": _CASE_WRITE_INVALID},
    "meldcode:acute": {"GET":    _CASE_WRITE_FORM, "POST": _CASE_WRITE_INVALID},
    "meldcode:report": {"GET":   _CASE_WRITE_FORM, "POST": _CASE_WRITE_INVALID},
    "meldcode:returning_violence": {"GET": _CASE_WRITE_FORM, "POST": _CASE_WRITE_INVALID},
    "meldcode:vt_answer": {"GET": _CASE_WRITE_FORM, "POST": _CASE_WRITE_INVALID},
    # The team's fixed Veilig Thuis contact reads the reports of the case, and nothing else of it.
    "meldcode:report_pdf": {"GET": _VT_REPORT_READ, "POST": _NOT_ALLOWED_GET},
    "meldcode:report_json": {"GET": _VT_REPORT_READ, "POST": _NOT_ALLOWED_GET},
    # ---- assessment: Balansmodel, ZRM, Signs of Safety, conversation guide (empty POSTs: the form error, 400) ----
    "assessment:overview": {"GET": _CASE_READ, "POST": _NOT_ALLOWED_GET},
    "assessment:balance": {"GET": _CASE_READ, "POST": _CASE_WRITE_INVALID},
    "assessment:zrm": {"GET": _CASE_READ, "POST": _CASE_WRITE_INVALID},
    "assessment:safety": {"GET": _CASE_READ, "POST": _CASE_WRITE_INVALID},
    "assessment:conversation": {"GET": _CASE_READ, "POST": _CASE_WRITE_INVALID},
    "assessment:kindcheck": {"GET": _CASE_READ, "POST": _CASE_WRITE_INVALID},
    # ---- safety plan (the world has a victim, the mother, but no plan yet; empty POSTs get the form error) ----
    "safety:plan": {"GET": _CASE_READ, "POST": _CASE_WRITE_POST},  # every field is optional, but must be sent
    "safety:agreement_add": {"GET": _NOT_ALLOWED_GET, "POST": _CASE_WRITE_INVALID},
    "safety:review_add": {"GET": _NOT_ALLOWED_GET, "POST": _CASE_WRITE_INVALID},
    "safety:safe_place": {"GET": _NOT_ALLOWED_GET, "POST": _CASE_WRITE_INVALID},
    "safety:agree": {"GET": _NOT_ALLOWED_GET, "POST": _CASE_WRITE_INVALID},  # no agreements yet: refused
    "safety:agreement_edit": {"GET": _CASE_WRITE_FORM, "POST": _CASE_WRITE_INVALID},
    # No plan yet: readers are sent back to the plan page.
    "safety:family_pdf": {"GET": (302, 404, 404, 302, 404, 302, 404, 404, 404, 404, 404, 404, 404, 302),
                          "POST": _NOT_ALLOWED_GET},
    # ---- collaboration: case conferences, decisions (owner: worker), AVE phase (empty POSTs: the form error, 400) ----
    "collaboration:overview": {"GET": _CASE_READ, "POST": _NOT_ALLOWED_GET},
    "collaboration:conference": {"GET": _CASE_READ, "POST": _CASE_WRITE_INVALID},
    "collaboration:ave": {"GET": _CASE_READ, "POST": _CASE_WRITE_INVALID},
    # Only the decision's owner (the worker) may mark it done; the coordinator may write but is not the owner: 403.
    "collaboration:decision_done": {"GET": _NOT_ALLOWED_GET,
                                    "POST": (302, 404, 404, 403, 404, 403, 404, 404, 404, 404, 404, 404, 404, 302)},
    # ---- MDA++ (the world's case is MDA++ with the partner added; empty POSTs: the form error, 400) -------------
    "collaboration:mda": {"GET": _CASE_READ, "POST": _CASE_WRITE_INVALID},
    **{f"collaboration:{name}": {"GET": _NOT_ALLOWED_GET, "POST": _CASE_WRITE_INVALID}
       for name in ("mda_director", "mda_partner_add", "mda_partner_remove", "mda_end", "mda_join")},
    "collaboration:shared": {"GET": _MDA_SHARED, "POST": _NOT_ALLOWED_GET},
    "collaboration:partner_cases": {"GET": _MDA_PARTNERS_ONLY, "POST": _NOT_ALLOWED_GET},
    "meldcode:vt_inbox": {"GET": (403, 403, 403, 403, 403, 403, 403, 403, 200, 403, 403, 403, 403, 302),
                          "POST": _NOT_ALLOWED_GET},
    "meldcode:vt_report": {"GET": _VT_REPORT_READ,
                           "POST":   (400, 404, 404, 403, 404, 400, 404, 404, 400, 404, 404, 404, 404, 302)},

    # ---- access log --------------------------------------------------------------------------------------
    "audit:log": {"GET":         (403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 200, 403, 302),
                  "POST":        _NOT_ALLOWED_GET},

    # ---- admin (/beheer/): staff with a verified second factor only ------------------------------------
    #                             wrk  duo  col  spC  spc  crd  oCr  out  vt   pol  adm  log  prt  anon
    "admin:index": {"GET":       _ADMIN_ONLY, "POST": _ADMIN_ONLY_POST},
    # /beheer/login/ is shadowed by a redirect to the one login page (accounts:login) for everyone.
    "admin:login": {"GET":       _REDIRECT_ALL, "POST": _REDIRECT_ALL},
    "route:beheer/login/": {"GET": _REDIRECT_ALL, "POST": _REDIRECT_ALL},
    "admin:logout": {"GET":      (302, 302, 302, 302, 302, 302, 302, 302, 302, 302, 405, 302, 302, 302),
                     "POST":     _REDIRECT_ALL},
    "admin:password_change": {"GET": _ADMIN_ONLY, "POST": _ADMIN_ONLY_POST},
    "admin:password_change_done": {"GET": _ADMIN_ONLY},
    "admin:autocomplete": {"GET": (302, 302, 302, 302, 302, 302, 302, 302, 302, 302, 403, 302, 302, 302)},
    "admin:jsi18n": {"GET":      _ADMIN_ONLY},
    "admin:view_on_site": {"GET": (302, 302, 302, 302, 302, 302, 302, 302, 302, 302, 404, 302, 302, 302)},
    "admin:app_list": {"GET":    _ADMIN_ONLY},
    "admin:catch_all": {"GET":   (302, 302, 302, 302, 302, 302, 302, 302, 302, 302, 404, 302, 302, 302)},
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
    # Records made by the system only: beheer may read them but not add them.
    "admin:axes_accessattempt_add": {"GET": _ADMIN_FORBIDDEN},
    "admin:axes_accesslog_add": {"GET": _ADMIN_FORBIDDEN},
    "admin:axes_accessfailurelog_add": {"GET": _ADMIN_FORBIDDEN},
    "admin:accounts_apitoken_add": {"GET": _ADMIN_FORBIDDEN},
    # Its delete page would list the households of the buurt by name.
    "admin:areas_buurt_delete": {"GET": _ADMIN_FORBIDDEN},

    # ---- API (/api/v1/): a verified session or a personal token; 401 without ---------------------------
    #                             wrk  duo  col  spC  spc  crd  oCr  out  vt   pol  adm  log  prt  anon
    # The API description is for users with a verified login or a token; anonymous gets 401.
    "api:openapi-json": {"GET":  (200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 401)},
    "api:openapi-view": {"GET":  (200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 401)},
    "api:api-root": {"GET":      (404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404)},
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
    "api:POST /api/v1/cases/{case_id}/meldcode/{route_id}/confirm": {"POST": _API_CASE_REFUSED},
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
    "intake:queue": {"GET":      (403, 403, 403, 403, 403, 200, 200, 403, 403, 403, 403, 403, 403, 302),
                     "POST":     _NOT_ALLOWED_GET},
    "intake:new": {"GET":        (200, 200, 200, 200, 200, 200, 200, 200, 200, 403, 403, 403, 403, 302),
                   "POST":       (302, 302, 302, 302, 302, 302, 302, 302, 400, 403, 403, 403, 403, 302)},
    "intake:detail": {"GET":     _CONCERN_READ,
                      "POST":    _NOT_ALLOWED_GET},
    "intake:triage": {"GET":     _NOT_ALLOWED_GET,
                      "POST":    _CONCERN_WRITE},
    "intake:overrule": {"GET":   _NOT_ALLOWED_GET,
                        "POST":  _CONCERN_WRITE},
    "intake:case_open": {"GET":  _NOT_ALLOWED_GET,
                         "POST": _CONCERN_WRITE},
    # how an oranje/rood concern ends: a report to the team's VT contact (page shows it to that contact), or VT has it
    "intake:vt_report": {"GET":  _CONCERN_READ,
                         "POST": _CONCERN_WRITE},
    "intake:vt_known": {"GET":   _NOT_ALLOWED_GET,
                        "POST":  _CONCERN_WRITE},
    # the municipal concern (address unknown): every coordinator may take it, but only into their own team
    "intake:claim": {"GET":      _NOT_ALLOWED_GET,
                     "POST":     (404, 404, 404, 404, 404, 302, 400, 404, 403, 404, 404, 404, 404, 302)},
    "intake:share": {"GET":      _PARTNER_ONLY,
                     "POST":     (403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 302, 302)},
    "intake:shared": {"GET":     _PARTNER_ONLY,
                      "POST":    _NOT_ALLOWED_GET},
    "insight:concerns_overview": {
        "GET":                   (403, 403, 403, 403, 403, 403, 403, 403, 403, 200, 403, 403, 403, 302),
        "POST":                  _NOT_ALLOWED_GET},
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
