"""Make the access log's monthly partitions ahead of time (PostgreSQL; nothing to do on SQLite).

Run daily from a systemd timer or cron (`manage.py ensure_log_partitions`), or hand it to the task worker with
`--enqueue`. Rows of a month without its partition land in the default partition and are never lost, but that month's
partition can then not be made until they are moved: the command fails loudly when the default partition has rows.
"""

from django.core.management.base import BaseCommand, CommandError

from wijkveilig.audit import partitions
from wijkveilig.audit.tasks import ensure_log_partitions_task


class Command(BaseCommand):
    help = "Create the access log's partitions for this month and the next months (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--months-ahead", type=int, default=partitions.MONTHS_AHEAD)
        parser.add_argument("--enqueue", action="store_true", help="hand the work to the task worker instead")

    def handle(self, *args, **options):
        if options["enqueue"]:
            result = ensure_log_partitions_task.enqueue()
            self.stdout.write(f"enqueued task {result.id}")
            return
        if not partitions.is_partitioned():
            self.stdout.write("the access log is not partitioned on this database: nothing to do")
            return
        result = partitions.ensure_log_partitions(months_ahead=max(0, options["months_ahead"]))
        for name in result.created:
            self.stdout.write(f"created {name}")
        if not result.created:
            self.stdout.write("all partitions present")
        if result.default_has_rows:
            raise CommandError(f"{partitions.DEFAULT_PARTITION} holds rows outside every month partition: "
                               "check the server clock, then move them into their month (decision 0030)")
