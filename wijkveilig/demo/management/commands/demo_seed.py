from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from wijkveilig.demo.seed import demo_seed


class Command(BaseCommand):
    help = "Load the synthetic demo data (Gemeente Voorbeeld) once; idempotent."

    def add_arguments(self, parser):
        parser.add_argument("--allow-demo", action="store_true", help="Allow demo accounts while DEBUG is off.")
        parser.add_argument("--households", type=int, default=40)
        parser.add_argument("--volume", action="store_true",
                            help="Also three years of synthetic concerns and cases for the wijkanalyse.")

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["allow_demo"]:
            raise CommandError("Demo data with known passwords is refused when DEBUG is off; pass --allow-demo.")
        result = demo_seed(households=options["households"], volume=options["volume"])
        self.stdout.write(f"Demo data ready ({result['created_cases']} new cases).")
        if options["volume"]:
            self.stdout.write(f"Volume for the wijkanalyse: {result['concerns']} concerns, {result['cases']} cases.")
