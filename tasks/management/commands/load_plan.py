from django.core.management.base import BaseCommand, CommandError

from tasks.plan_loader import PlanDataMissing, plan_load


class Command(BaseCommand):
    help = "载入某年度的工作要点（体系、工作任务、重点行动、量化指标）；重复运行不产生变化。"

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True)

    def handle(self, *args, year, **options):
        try:
            plan, counts = plan_load(year=year)
        except PlanDataMissing as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(f"{plan.title}（{plan.document_number}）：{counts}"))
