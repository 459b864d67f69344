# The backfill in 0002 runs in its own transaction: PostgreSQL refuses to alter a table with pending FK trigger
# events from an update in the same transaction.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('meldcode', '0003_kindcheck_on_case'),
    ]

    operations = [
        migrations.AlterField(
            model_name='kindcheck',
            name='case',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='kindchecks', to='cases.case'),
        ),
    ]
