from django.db import migrations
from django.utils import timezone

MERGED = "Samengevoegd met de lopende MDA++ van hetzelfde huishouden (één gezin, één plan, één regisseur)."


def forwards(apps, schema_editor):
    """Each enrolment gets its case's household, its director as fixed contact person and a link to its case.
    Two open enrolments on one household are merged into the oldest: its director stays, the other cases join
    it, partners move over (once per account) and the newer enrolment is ended with a reason."""
    MdaEnrolment = apps.get_model("collaboration", "MdaEnrolment")
    MdaCase = apps.get_model("collaboration", "MdaCase")
    MdaPartner = apps.get_model("collaboration", "MdaPartner")
    for enrolment in MdaEnrolment.objects.select_related("case").order_by("started_at", "id"):
        enrolment.household_id = enrolment.case.household_id
        enrolment.contact_person_id = enrolment.case_director_id
        enrolment.save(update_fields=["household", "contact_person"])
        MdaCase.objects.create(enrolment=enrolment, case_id=enrolment.case_id, joined_at=enrolment.started_at,
                               joined_by_id=enrolment.started_by_id)
    kept: dict[int, object] = {}
    for enrolment in MdaEnrolment.objects.filter(ended_at__isnull=True).order_by("started_at", "id"):
        keeper = kept.setdefault(enrolment.household_id, enrolment)
        if keeper.pk == enrolment.pk:
            continue
        MdaCase.objects.get_or_create(enrolment=keeper, case_id=enrolment.case_id,
                                      defaults={"joined_at": enrolment.started_at,
                                                "joined_by_id": enrolment.started_by_id})
        now = timezone.now()
        for partner in MdaPartner.objects.filter(enrolment=enrolment, removed_at__isnull=True):
            if MdaPartner.objects.filter(enrolment=keeper, user_id=partner.user_id, removed_at__isnull=True).exists():
                partner.removed_at, partner.removal_reason = now, MERGED
                partner.save(update_fields=["removed_at", "removal_reason"])
            else:
                partner.enrolment = keeper
                partner.save(update_fields=["enrolment"])
        enrolment.ended_at, enrolment.end_reason = now, MERGED
        enrolment.save(update_fields=["ended_at", "end_reason"])


class Migration(migrations.Migration):

    dependencies = [
        ('collaboration', '0003_mda_household_ave_responsibility'),
    ]

    operations = [
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
