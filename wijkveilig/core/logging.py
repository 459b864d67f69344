"""Application-log filter: no personal data in application logs."""

import logging
import re

_BSN_LIKE = re.compile(r"\b\d{9}\b")
_QUERY = re.compile(r"\?[^\s\"']*")


class ScrubPersonalDataFilter(logging.Filter):
    """Drops query strings and nine-digit numbers (BSN-like) from log messages."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        scrubbed = _BSN_LIKE.sub("[getal]", _QUERY.sub("?[...]", message))
        if scrubbed != message:
            record.msg, record.args = scrubbed, None
        if hasattr(record, "request"):
            record.request = None  # the request can carry form data; never log it
        return True
