from django.db import migrations

# 重庆“八张问题清单”. The list is configurable in the admin; the names here are the usual ones and the
# county office may rename or add to them.
PROBLEM_LISTS = [
    ("safety", "安全生产和自然灾害问题清单"),
    ("inspection", "巡视巡察问题清单"),
    ("audit", "审计问题清单"),
    ("supervision", "督查问题清单"),
    ("environment", "生态环保督察问题清单"),
    ("petition", "信访问题清单"),
    ("opinion", "网络舆情问题清单"),
    ("statistics", "统计监测问题清单"),
]


def seed(apps, schema_editor):
    ProblemList = apps.get_model("hazards", "ProblemList")
    for order, (code, name) in enumerate(PROBLEM_LISTS, 1):
        ProblemList.objects.get_or_create(code=code, defaults={"name": name, "sort_order": order})


class Migration(migrations.Migration):
    dependencies = [("hazards", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
