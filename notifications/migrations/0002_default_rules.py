from django.db import migrations

# Sensible defaults; the county office edits them in the portal.
DEFAULT_RULES = [
    ("具体措施到期提醒", "measure", [-7, -3, -1, 0], ["owner_staff"], ["in_app"]),
    ("具体措施逾期督促", "measure", [1, 3, 7], ["owner_staff", "owner_head", "lead_unit"], ["in_app"]),
    ("隐患整改到期提醒", "hazard", [-3, -1, 0], ["owner_staff"], ["in_app"]),
    ("隐患整改逾期督促", "hazard", [1, 3, 7], ["owner_staff", "owner_head", "lead_unit"], ["in_app"]),
    ("隐患逾期报安委办", "hazard", [30], ["county_office"], ["in_app"]),
]


def seed(apps, schema_editor):
    ReminderRule = apps.get_model("notifications", "ReminderRule")
    for name, source, offsets, recipients, channels in DEFAULT_RULES:
        ReminderRule.objects.get_or_create(
            name=name, defaults={"source": source, "offsets": offsets, "recipients": recipients, "channels": channels}
        )


class Migration(migrations.Migration):
    dependencies = [("notifications", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
