import pghistory
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel
from notifications.choices import Channel, DeliveryMode, DeliveryStatus, DigestKind, RecipientGroup

# A step further than two months before a deadline, or a year after it, is a typing mistake.
OFFSET_MIN, OFFSET_MAX = -60, 365


@pghistory.track()
class ReminderRule(TimeStampedModel):
    """When, to whom and how a kind of deadline is reminded; the county office edits these."""

    name = models.CharField(_("名称"), max_length=100)
    source = models.CharField(_("期限类型"), max_length=40)
    offsets = ArrayField(
        models.IntegerField(),
        verbose_name=_("提醒时点（天）"),
        help_text=_("相对期限的天数：负数为到期前，0为当天，正数为逾期后，如 -7,-3,-1,0,1,3,7"),
    )
    recipients = ArrayField(
        models.CharField(max_length=20, choices=RecipientGroup.choices), verbose_name=_("提醒对象"), blank=True
    )
    channels = ArrayField(models.CharField(max_length=10, choices=Channel.choices), verbose_name=_("渠道"), blank=True)
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        verbose_name = _("提醒规则")
        verbose_name_plural = _("提醒规则")
        ordering = ["source", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(offsets__len__gt=0) & Q(recipients__len__gt=0) & Q(channels__len__gt=0),
                name="reminder_rule_not_empty",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def offsets_display(self):
        """-7,-3,0,1 -> 到期前7天、3天，当天，逾期后1天."""
        before = "、".join(_("%(n)d天") % {"n": -n} for n in sorted(self.offsets) if n < 0)
        after = "、".join(_("%(n)d天") % {"n": n} for n in sorted(self.offsets) if n > 0)
        parts = [_("到期前%(days)s") % {"days": before}] if before else []
        parts += [_("当天")] if 0 in self.offsets else []
        parts += [_("逾期后%(days)s") % {"days": after}] if after else []
        return "，".join(str(p) for p in parts)

    def clean(self):
        """Blank arrays are allowed on the fields so that these messages, which name the field, are the ones shown."""
        from notifications.registry import SOURCES

        errors = {}
        if not self.source:
            errors["source"] = _("期限类型：请选择。")
        elif self.source not in SOURCES:
            errors["source"] = _("期限类型“%(source)s”不存在，请从列表中选择。") % {"source": self.source}
        if not self.offsets:
            errors["offsets"] = _("提醒时点：请至少填写一个天数。")
        elif bad := [str(n) for n in self.offsets if not OFFSET_MIN <= n <= OFFSET_MAX]:
            errors["offsets"] = _("提醒时点：%(bad)s 超出范围，只能是%(min)d到%(max)d之间的整数天。") % {
                "bad": "、".join(bad),
                "min": OFFSET_MIN,
                "max": OFFSET_MAX,
            }
        if not self.recipients:
            errors["recipients"] = _("提醒对象：请至少选择一个。")
        if not self.channels:
            errors["channels"] = _("渠道：请至少选择一个。")
        if errors:
            raise ValidationError(errors)


class Reminder(models.Model):
    """The reminder ledger: one row per (deadline, rule step, recipient, channel), or per (deadline, rule step,
    group robot endpoint) for the robot channels (see notifications.webhooks). The unique constraint makes
    a sweep that runs twice, or two beats, insert each row once; only the rows a sweep inserted are sent."""

    source = models.CharField(_("期限类型"), max_length=40)
    object_id = models.BigIntegerField(_("记录ID"))
    deadline = models.DateField(_("期限"))
    # Not real foreign keys: deleting a rule or a person keeps the ledger (and its uniqueness) as it was —
    # setting them NULL would make two rows of the unique constraint equal and refuse the deletion.
    rule = models.ForeignKey(
        ReminderRule, verbose_name=_("规则"), null=True, on_delete=models.DO_NOTHING, db_constraint=False
    )
    offset = models.IntegerField(_("时点（天）"))
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("接收人"),
        null=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    channel = models.CharField(_("渠道"), max_length=10, choices=Channel.choices)
    # Robot rows go to a group, not a person: recipient is empty and the endpoint says which group.
    endpoint = models.ForeignKey(
        "notifications.RobotEndpoint",
        verbose_name=_("群机器人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reminders",
    )
    title = models.CharField(_("标题"), max_length=200)
    body = models.TextField(_("内容"), blank=True)
    url = models.CharField(_("链接"), max_length=300, blank=True)
    status = models.CharField(_("状态"), max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING)
    attempts = models.PositiveSmallIntegerField(_("尝试次数"), default=0)
    claimed_at = models.DateTimeField(_("领取时间"), null=True, blank=True)
    sent_at = models.DateTimeField(_("发送时间"), null=True, blank=True)
    last_error = models.TextField(_("最近错误"), blank=True)
    created_at = models.DateTimeField(_("生成时间"), auto_now_add=True)
    digest = models.ForeignKey(
        "Digest", verbose_name=_("所在汇总"), null=True, blank=True, on_delete=models.SET_NULL, related_name="reminders"
    )

    class Meta:
        verbose_name = _("提醒记录")
        verbose_name_plural = _("提醒记录")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "object_id", "deadline", "rule", "offset", "recipient", "channel", "endpoint"],
                name="reminder_once",
                nulls_distinct=False,  # reminders raised by events have no rule; they must be unique too
            ),
        ]
        indexes = [
            models.Index(fields=["source", "object_id"]),
            models.Index(fields=["status", "channel"]),
            models.Index(fields=["created_at", "id"], name="reminder_created_idx"),  # the delivery page's order
        ]

    def __str__(self):
        return self.title


class SweepDay(models.Model):
    """A day the reminder sweep has run for. The sweep catches up the days it missed (the broker down when the beat
    fired) from the last one recorded here."""

    day = models.DateField(_("日期"), unique=True)
    swept_at = models.DateTimeField(_("执行时间"), auto_now=True)

    class Meta:
        verbose_name = _("提醒扫描日")
        verbose_name_plural = _("提醒扫描日")

    def __str__(self):
        return str(self.day)


class Digest(models.Model):
    """The digest ledger: one message per (kind, recipient, channel, period) — the day for the daily digest, the
    Monday of the ISO week for the weekly one. Inserted with conflict-ignore, so a second run or a second beat
    creates nothing; the reminders it lists point at it and are marked with it."""

    kind = models.CharField(_("类型"), max_length=10, choices=DigestKind.choices)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("接收人"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    channel = models.CharField(_("渠道"), max_length=10, choices=Channel.choices)
    period = models.DateField(_("日期（周汇总为周一）"))
    title = models.CharField(_("标题"), max_length=200, blank=True)
    body = models.TextField(_("内容"), blank=True)
    url = models.CharField(_("链接"), max_length=300, blank=True)
    status = models.CharField(_("状态"), max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING)
    attempts = models.PositiveSmallIntegerField(_("尝试次数"), default=0)
    claimed_at = models.DateTimeField(_("领取时间"), null=True, blank=True)
    sent_at = models.DateTimeField(_("发送时间"), null=True, blank=True)
    last_error = models.TextField(_("最近错误"), blank=True)
    created_at = models.DateTimeField(_("生成时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("汇总消息")
        verbose_name_plural = _("汇总消息")
        ordering = ["-period", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "recipient", "channel", "period"], name="digest_once"),
        ]
        indexes = [models.Index(fields=["status", "channel"])]

    def __str__(self):
        return self.title or f"{self.get_kind_display()} {self.period}"


@pghistory.track()
class DeliveryPreference(models.Model):
    """How a person takes one channel: each reminder as it comes, or the day's reminders in one message."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("用户"),
        on_delete=models.CASCADE,
        related_name="delivery_preferences",
    )
    channel = models.CharField(_("渠道"), max_length=10, choices=Channel.choices)
    mode = models.CharField(_("发送方式"), max_length=10, choices=DeliveryMode.choices)
    updated_at = models.DateTimeField(_("修改时间"), auto_now=True)

    class Meta:
        verbose_name = _("提醒方式设置")
        verbose_name_plural = _("提醒方式设置")
        ordering = ["user", "channel"]
        constraints = [models.UniqueConstraint(fields=["user", "channel"], name="one_preference_per_channel")]

    def __str__(self):
        return f"{self.user} · {self.get_channel_display()} · {self.get_mode_display()}"


class Notification(models.Model):
    """站内消息: what the bell shows. Written in the same transaction that marks its ledger row sent."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("接收人"), on_delete=models.CASCADE, related_name="notifications"
    )
    reminder = models.OneToOneField(
        Reminder,
        verbose_name=_("提醒记录"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="notification",
    )
    digest = models.OneToOneField(
        Digest,
        verbose_name=_("汇总消息"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="notification",
    )
    title = models.CharField(_("标题"), max_length=200)
    body = models.TextField(_("内容"), blank=True)
    url = models.CharField(_("链接"), max_length=300, blank=True)
    source = models.CharField(_("期限类型"), max_length=40, blank=True)
    object_id = models.BigIntegerField(_("记录ID"), null=True, blank=True)
    created_at = models.DateTimeField(_("时间"), auto_now_add=True)
    read_at = models.DateTimeField(_("已读时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("站内消息")
        verbose_name_plural = _("站内消息")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self):
        return self.title


from notifications.models_robots import RobotEndpoint  # noqa: E402,F401  (a second module of this app's models)
