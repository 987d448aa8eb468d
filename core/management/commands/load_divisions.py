from django.core.management.base import BaseCommand

from core.divisions import load_divisions
from core.models import OrgUnit


class Command(BaseCommand):
    help = "载入垫江县行政区划（县、乡镇/街道、村/社区）；重复运行不产生变化。"

    def handle(self, *args, **options):
        self.stdout.write(self.style.SUCCESS(f"行政区划：{load_divisions(OrgUnit)}"))
