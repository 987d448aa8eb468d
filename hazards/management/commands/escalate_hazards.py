from django.core.management.base import BaseCommand
from django.utils import timezone

from hazards.escalation import escalate_overdue


class Command(BaseCommand):
    help = "立即对逾期未销号的隐患执行一次逾期督促（整改通知、督办函、通报）；重复运行不会重复记录。"

    def handle(self, *args, **options):
        today = timezone.localdate()
        created = escalate_overdue(today=today)
        self.stdout.write(self.style.SUCCESS(f"{today.isoformat()}：新增逾期督促记录{len(created)}条。"))
