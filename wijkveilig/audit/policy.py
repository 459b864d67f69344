"""Who may read the access log: the log officer (functionaris gegevensbescherming / logbeheerder), nobody else.

Reading the log is itself logged (`access_log_search`); every refused attempt is logged by ReadLogMiddleware.
"""

from wijkveilig.accounts import policy as roles


def may_read_log(user) -> bool:
    return roles.can_read_access_log(user)
