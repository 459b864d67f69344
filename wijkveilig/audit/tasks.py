"""Background work on the access log, run by the django-tasks database worker (`manage.py db_worker`)."""

from django_tasks import task

from wijkveilig.audit import partitions


@task()
def ensure_log_partitions_task() -> dict:
    """Make this month's partition and the next ones (decision 0030). A timer enqueues it daily
    (`manage.py ensure_log_partitions --enqueue`) or runs the command directly; both are idempotent."""
    result = partitions.ensure_log_partitions()
    return {"created": result.created, "default_has_rows": result.default_has_rows}
