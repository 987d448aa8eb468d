from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from core.models import User
from tasks.models import Plan
from tasks.plan_copy import plan_copy


class Command(BaseCommand):
    help = "把某年度的工作要点连同具体措施复制到新年度，日期顺延；进展填报和延期申请不复制。"

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="source_year", type=int, required=True, help="源年度，如 2024")
        parser.add_argument("--to", dest="year", type=int, required=True, help="新年度，如 2025")
        parser.add_argument("--user", required=True, help="以该账号的名义复制（须为安委办管理员），如 county_admin")

    def handle(self, *args, source_year, year, user, **options):
        actor = User.objects.filter(username=user).first()
        if actor is None:
            raise CommandError(f"没有账号“{user}”。")
        source = Plan.objects.filter(year=source_year).first()
        if source is None:
            raise CommandError(f"没有{source_year}年度的工作要点。")
        try:
            plan = plan_copy(actor=actor, source=source, year=year)
        except PermissionDenied as exc:
            raise CommandError(str(exc)) from exc
        except ValidationError as exc:
            raise CommandError("；".join(exc.messages)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"{plan.title}：{plan.measures.count()}条具体措施。文号和印发日期沿用{source_year}年的，正式印发后请修改。"
            )
        )
