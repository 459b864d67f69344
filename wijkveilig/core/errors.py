"""Errors that carry a message meant for the user (Dutch via gettext)."""


class DomainError(Exception):
    """A business rule refused the change; the message is safe to show to the user."""

    def __init__(self, message, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class ConflictError(DomainError):
    """Someone else saved the record after this user loaded it (version check)."""


class AuditUnavailable(Exception):
    """The access log could not be written, so no case data may be returned."""
