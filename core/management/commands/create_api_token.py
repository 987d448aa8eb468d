from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from core.api_tokens import api_token_issue, api_token_revoke
from core.models_tokens import ApiToken

DEFAULT_NAME = "命令行签发"


class Command(BaseCommand):
    help = (
        "为用户签发新的API令牌并打印（只显示这一次，库中只存摘要）；该用户同名的原有令牌随之吊销。"
        "默认只读，--read-write 签发可写令牌。"
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default=DEFAULT_NAME, help="令牌用途（默认“命令行签发”）")
        parser.add_argument(
            "--read-write", action="store_true", help="可写令牌：按账号的角色新增和修改数据（默认只读）"
        )

    @transaction.atomic
    def handle(self, *args, username, name, read_write, **options):
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"用户“{username}”不存在或已停用。")
        for old in ApiToken.objects.active().filter(user=user, name=name.strip()):
            api_token_revoke(actor=None, token=old, reason="命令行重新签发同名令牌")
        try:
            _token, key = api_token_issue(actor=None, user=user, name=name, read_only=not read_write)
        except ValidationError as exc:
            raise CommandError("；".join(exc.messages)) from exc
        self.stdout.write(key)
