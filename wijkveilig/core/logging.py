"""Application-log filter: no personal data in application logs."""

import logging
import re

_BSN_LIKE = re.compile(r"\b\d{9}\b")
_QUERY = re.compile(r"\?[^\s\"']*")


def scrub(text: str) -> str:
    """The text without query strings (search terms, names) and nine-digit numbers (BSN-like)."""
    return _BSN_LIKE.sub("[getal]", _QUERY.sub("?[...]", text))


class ScrubPersonalDataFilter(logging.Filter):
    """Drops query strings and nine-digit numbers (BSN-like) from log messages and tracebacks."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        scrubbed = scrub(message)
        if scrubbed != message:
            record.msg, record.args = scrubbed, None
        if record.exc_info and not record.exc_text:
            # An exception message can quote a value (a database error names the duplicate key, say).
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = scrub(record.exc_text)
        if hasattr(record, "request"):
            record.request = None  # the request can carry form data; never log it
        return True
