"""Drop months of the access log past the retention period: the only way rows leave the log (decision 0030).

Names the administrator who does it (`--by`); every dropped month is itself recorded in the log. Refuses any month
with rows inside ACCESS_LOG_RETENTION_MONTHS. Without `--yes` it only lists what it would drop.
"""

from datetime import UTC, date, datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from wijkveilig.audit import partitions
from wijkveilig.audit.services import Actor, WithinRetention, access_log_drop_month


def _month(text: str) -> date:
    try:
        return datetime.strptime(text, "%Y-%m").date()
    except ValueError as exc:
        raise CommandError(f"not a month (YYYY-MM): {text!r}") from exc


class Command(BaseCommand):
    help = "Drop access-log months older than the retention period (audited; administrators only)."

    def add_arguments(self, parser):
        parser.add_argument("--by", required=True, help="username of the administrator who drops them")
        parser.add_argument("--month", action="append", type=_month, default=[],
                            help="one month YYYY-MM (repeatable); default: every expired month")
        parser.add_argument("--yes", action="store_true", help="really drop (otherwise: list only)")

    def handle(self, *args, **options):
        if not partitions.is_partitioned():
            raise CommandError("the access log is one table on this database: there are no months to drop")
        user = get_user_model().objects.filter(username=options["by"], is_active=True).first()
        if user is None:
            raise CommandError(f"no active user {options['by']!r}")
        today = datetime.now(UTC).date()
        retention = settings.ACCESS_LOG_RETENTION_MONTHS
        months = options["month"] or [p.month for p in partitions.expired_partitions(today=today,
                                                                                     retention_months=retention)]
        if not months:
            self.stdout.write("no month past the retention period")
            return
        refused = [m for m in months if not partitions.droppable(m, today=today, retention_months=retention)]
        if refused and not options["yes"]:
            raise CommandError(f"within the retention period of {retention} months, kept: "
                               + ", ".join(f"{m:%Y-%m}" for m in refused))
        if not options["yes"]:
            self.stdout.write("would drop: " + ", ".join(f"{m:%Y-%m}" for m in months) + " (add --yes)")
            return
        actor = Actor(user=user, request_id="command")
        for month in months:
            try:
                count = access_log_drop_month(actor=actor, month=month, today=today)
            except PermissionDenied as exc:
                raise CommandError(f"{user.get_username()} may not drop access-log months") from exc
            except WithinRetention as exc:  # the service refuses and logs the attempt
                raise CommandError(f"{month:%Y-%m} is within the retention period of {retention} months, kept") \
                    from exc
            self.stdout.write(f"dropped {month:%Y-%m}: {count} rows")
