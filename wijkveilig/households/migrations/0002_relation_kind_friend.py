from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('households', '0001_initial'),
    ]

    operations = [
        migrations.AlterField(
            model_name='relation',
            name='kind',
            field=models.CharField(choices=[('partner', 'partner van'), ('ex_partner', 'ex-partner van'), ('parent', 'ouder van'), ('carer', 'verzorger van'), ('sibling', 'broer/zus van'), ('other_family', 'ander familielid van'), ('house_friend', 'huisvriend van'), ('friend', 'vriend/vriendin van'), ('informal_carer', 'mantelzorger van')], max_length=20, verbose_name='relatie'),
        ),
    ]
