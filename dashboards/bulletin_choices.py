from django.db import models
from django.utils.translation import gettext_lazy as _


class BulletinKind(models.TextChoices):
    MONTHLY = "monthly", _("月度通报")
    QUARTERLY = "quarterly", _("季度通报")


class BulletinStatus(models.TextChoices):
    QUEUED = "queued", _("排队中")
    RUNNING = "running", _("生成中")
    DONE = "done", _("已生成")
    FAILED = "failed", _("生成失败")


BULLETIN_STATUS_CSS = {
    BulletinStatus.QUEUED: "secondary",
    BulletinStatus.RUNNING: "primary",
    BulletinStatus.DONE: "success",
    BulletinStatus.FAILED: "danger",
}

# A generation is tried this many times (the first run and its automatic retries) before it stays failed.
BULLETIN_MAX_ATTEMPTS = 3
