import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

import wijkveilig.core.encryption


class Migration(migrations.Migration):
    """Schema first (nullable): the data is filled in 0004 and the columns tightened in 0005, each in its own
    transaction (PostgreSQL refuses to alter a table with pending deferred-constraint events)."""

    dependencies = [
        ('cases', '0001_initial'),
        ('households', '0001_initial'),
        ('collaboration', '0002_mda'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='avephasechange',
            name='operational_responsibility',
            field=wijkveilig.core.encryption.EncryptedTextField(blank=True, default='', verbose_name='operationele verantwoordelijkheid'),
        ),
        migrations.AddField(
            model_name='avephasechange',
            name='administrative_responsibility',
            field=wijkveilig.core.encryption.EncryptedTextField(blank=True, default='', verbose_name='bestuurlijke verantwoordelijkheid'),
        ),
        migrations.AddField(
            model_name='avephasechange',
            name='suggested_phase',
            field=models.PositiveSmallIntegerField(blank=True, choices=[(1, 'AVE 1: geen problemen of alleen vermoedens van problemen'), (2, 'AVE 2: er is een vraag of een probleem'), (3, 'AVE 3: complexe problemen op meerdere leefgebieden en sectoren'), (4, 'AVE 4: de situatie escaleert volledig')], null=True),
        ),
        migrations.CreateModel(
            name='MdaCase',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('joined_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('case', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='mda_links', to='cases.case')),
                ('enrolment', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='links', to='collaboration.mdaenrolment')),
                ('joined_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['joined_at', 'id'],
                'constraints': [models.UniqueConstraint(fields=('enrolment', 'case'), name='collaboration_mda_case_once')],
            },
        ),
        migrations.AddField(
            model_name='mdaenrolment',
            name='household',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='mda_enrolments', to='households.household'),
        ),
        migrations.AddField(
            model_name='mdaenrolment',
            name='contact_person',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='vast contactpersoon voor het gezin'),
        ),
    ]
