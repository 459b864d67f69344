"""Liveness and readiness: open to the load balancer, no data, no log rows; not ready without a writable log."""

import json
import logging

from django.db import DatabaseError
from django.test import Client

from wijkveilig.audit.models import AccessLogEntry


def test_healthz_answers_without_login_and_without_data(db):
    response = Client().get("/healthz")
    assert response.status_code == 200 and response.json() == {"status": "ok"}


def test_readyz_writes_nothing_to_the_log(db):
    before = AccessLogEntry.objects.count()
    response = Client().get("/readyz")
    assert response.status_code == 200 and response.json() == {"status": "ok"}
    assert AccessLogEntry.objects.count() == before


def test_readyz_is_unavailable_when_the_log_cannot_be_written(db, monkeypatch):
    def refuse(*args, **kwargs):
        raise DatabaseError("log table not writable")

    monkeypatch.setattr(AccessLogEntry.objects, "create", refuse)
    response = Client().get("/readyz")
    assert response.status_code == 503 and response.json() == {"status": "unavailable"}


def test_request_log_line_has_ids_and_timing_but_no_path_or_name(world, as_user, caplog):
    """The production JSON line: request id, user id, route name, status, duration; never the path or a name."""
    from wijkveilig.core.logging import JsonFormatter

    with caplog.at_level(logging.INFO, logger="wijkveilig.request"):
        response = as_user(world.worker).get(f"/casussen/{world.case.pk}/?q=Testerink")
    record = next(r for r in caplog.records if r.name == "wijkveilig.request")
    line = json.loads(JsonFormatter().format(record))
    assert line["request_id"] == response["X-Request-ID"]
    assert line["user_id"] == world.worker.pk and line["route"] == "cases:detail" and line["status"] == 200
    assert isinstance(line["duration_ms"], float)
    text = json.dumps(line)
    assert "Testerink" not in text and "/casussen/" not in text and world.worker.username not in text
