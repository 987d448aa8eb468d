from django.core.management.base import BaseCommand
from django.utils import timezone

from notifications.channels import ChannelError
from notifications.sending import deliver
from notifications.sweep import reminder_sweep_due


class Command(BaseCommand):
    help = "立即运行一次全部提醒扫描，并在前台发送本次生成的提醒（供运维人员和脚本使用）。"

    def add_arguments(self, parser):
        parser.add_argument("--queue", action="store_true", help="交给Celery工作进程发送，而不是在前台发送")

    def handle(self, *args, queue=False, **options):
        created = reminder_sweep_due(today=timezone.localdate())
        if not queue:
            outcomes = [self._deliver(pk) for pk in created]  # sweep's on_commit queued them too: harmless
            self.stdout.write(
                f"已发送 {outcomes.count('sent')} 条，未发送 {outcomes.count('skipped')} 条，"
                f"发送失败待重试 {outcomes.count('failed')} 条"
            )
        self.stdout.write(self.style.SUCCESS(f"本次扫描新生成提醒 {len(created)} 条"))

    def _deliver(self, pk):
        """A failing channel does not stop the others: its row stays for the worker's retries."""
        try:
            return deliver(pk)
        except ChannelError as exc:
            self.stderr.write(f"提醒 {pk} 发送失败：{exc}")
            return "failed"
