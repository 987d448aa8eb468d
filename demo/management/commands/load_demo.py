from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo.loader import DemoLoader


class Command(BaseCommand):
    help = "载入演示数据（县级部门、演示网格、演示账号、牵头/责任单位、演示企业）；重复运行不产生变化。"

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="DEBUG关闭时也载入（演示账号密码为demo2024）")

    def handle(self, *args, force=False, **options):
        if not (settings.DEBUG or force):
            raise CommandError("演示数据含有公开密码的账号：只在DEBUG开启时载入，或加 --force。")
        self.stdout.write(self.style.SUCCESS(f"演示数据：{DemoLoader().load()}"))
