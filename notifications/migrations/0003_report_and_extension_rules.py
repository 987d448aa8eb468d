from django.db import migrations

RULES = [
    ("进展填报提醒", "progress_report", [-3, 0], ["owner_staff"], ["in_app"]),
    ("延期申请待审批提醒", "extension_request", [0, 2], ["lead_unit"], ["in_app"]),
]


def seed(apps, schema_editor):
    ReminderRule = apps.get_model("notifications", "ReminderRule")
    for name, source, offsets, recipients, channels in RULES:
        ReminderRule.objects.get_or_create(
            name=name, defaults={"source": source, "offsets": offsets, "recipients": recipients, "channels": channels}
        )


class Migration(migrations.Migration):
    dependencies = [("notifications", "0002_default_rules")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
