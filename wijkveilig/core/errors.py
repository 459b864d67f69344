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


class DomainErrors(DomainError):
    """Several rules refused one request: each error is shown next to its own field, all at once (issue 11)."""

    def __init__(self, errors: list[DomainError]):
        super().__init__(errors[0].message, field=errors[0].field)
        self.errors = errors


def require_all(*checks: tuple[bool, str, str | None]) -> None:
    """Raise every failed (condition, message, field) check together, or nothing when all hold."""
    failed = [DomainError(message, field=field) for condition, message, field in checks if not condition]
    if len(failed) == 1:
        raise failed[0]
    if failed:
        raise DomainErrors(failed)


class ConflictError(DomainError):
    """Someone else saved the record after this user loaded it (version check); `current_version` is the version
    saved now (0: nothing saved yet), so the writer can look at it and save again deliberately."""

    def __init__(self, message, *, field: str | None = None, current_version: int | None = None):
        super().__init__(message, field=field)
        self.current_version = current_version


class AuditUnavailable(Exception):
    """The access log could not be written, so no case data may be returned."""
