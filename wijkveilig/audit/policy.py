"""Who may read the access log: the log officer (functionaris gegevensbescherming / logbeheerder), nobody else.

Reading the log is itself logged (`access_log_search`); every refused attempt is logged by ReadLogMiddleware.
"""

from django.db.models import Q

from wijkveilig.accounts import policy as roles


def may_read_log(user) -> bool:
    return roles.can_read_access_log(user)


def log_scope(user, rows):
    """The rows a log officer reads: those about cases of their own municipalities, and the installation's rows
    without a case (logins, refusals without a case). Nothing for anyone else."""
    municipalities = roles.municipality_lookup(user)  # a subquery: no query of its own
    if not may_read_log(user) or municipalities is None:
        return rows.none()
    return rows.filter(Q(municipality_id__in=municipalities) | Q(municipality_id__isnull=True))
