"""Application-log filter: no personal data in application logs."""

import json
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
        if record.name == "django.request" and record.msg == "%s: %s" and len(record.args or ()) == 2:
            # "Not Found: /casussen/12/…": the path holds ids; name the route instead, as the request line does.
            match = getattr(getattr(record, "request", None), "resolver_match", None)
            record.msg, record.args = "%s (%s)", (record.args[0], match.view_name if match else "unresolved")
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


# Attributes every LogRecord has; anything else on a record was passed as `extra` and belongs in the JSON line.
_STANDARD = set(logging.LogRecord("", 0, "", 0, "", (), None).__dict__) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    """One JSON object per line for production log collectors: time, level, logger, message and the `extra` fields
    (request id, user id, route name, status, duration). The scrub filter runs before it."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {"time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"), "level": record.levelname,
                 "logger": record.name, "message": record.getMessage()}
        entry.update({k: v for k, v in record.__dict__.items() if k not in _STANDARD and k != "request"})
        if record.exc_text or record.exc_info:
            entry["exception"] = record.exc_text or self.formatException(record.exc_info)
        return json.dumps(entry, default=str, ensure_ascii=False)
