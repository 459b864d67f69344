"""Errors that carry a message meant for the user (Dutch via gettext)."""


class DomainError(Exception):
    """A business rule refused the change; the message is safe to show to the user."""

    def __init__(self, message, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


def require(condition: bool, message, field: str | None = None) -> None:
    """Refuse with `message` (on `field`) unless `condition` holds."""
    if not condition:
        raise DomainError(message, field=field)


class ConflictError(DomainError):
    """Someone else saved the record after this user loaded it (version check); `current_version` is the version
    saved now (0: nothing saved yet), so the writer can look at it and save again deliberately."""

    def __init__(self, message, *, field: str | None = None, current_version: int | None = None):
        super().__init__(message, field=field)
        self.current_version = current_version


class AuditUnavailable(Exception):
    """The access log could not be written, so no case data may be returned."""
