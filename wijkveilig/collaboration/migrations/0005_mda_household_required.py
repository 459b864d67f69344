import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0001_initial'),
        ('households', '0001_initial'),
        ('collaboration', '0004_mda_per_household_data'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='mdaenrolment',
            name='collaboration_one_active_mda_per_case',
        ),
        migrations.RemoveField(
            model_name='mdaenrolment',
            name='case',
        ),
        migrations.AlterField(
            model_name='mdaenrolment',
            name='household',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='mda_enrolments', to='households.household'),
        ),
        migrations.AlterField(
            model_name='mdaenrolment',
            name='contact_person',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='vast contactpersoon voor het gezin'),
        ),
        migrations.AddField(
            model_name='mdaenrolment',
            name='cases',
            field=models.ManyToManyField(related_name='mda_enrolments', through='collaboration.MdaCase', to='cases.case'),
        ),
        migrations.AddConstraint(
            model_name='mdaenrolment',
            constraint=models.UniqueConstraint(condition=models.Q(('ended_at__isnull', True)), fields=('household',), name='collaboration_one_active_mda_per_household'),
        ),
    ]
