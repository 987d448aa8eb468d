"""救灾救助与恢复重建 (plan item 18): a disaster event and its affected area, the households hit, the relief each
is owed (entitlements) and paid (payments through 一卡通), damaged houses and their reconstruction, and the relief
materials dispatched from depots to villages.

The relief office (救灾科) is whoever holds the Django permission ``disasters.view_relief_identity`` (granted to a
group of 县应急局 staff by the county administrator; superusers hold every permission): it manages the events
beside the county office and is the only one to see full ID and bank card numbers; everyone else sees them masked.
"""

import pghistory
from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.choices import OrgUnitKind
from core.models import OrgUnit, TimeStampedModel
from core.querysets import ScopedQuerySet
from core.scoping import scope_for
from disasters import relief_identity


class DisasterKind(models.TextChoices):
    FLOOD = "flood", _("暴雨洪涝")
    GEOLOGICAL = "geological", _("地质灾害")
    FOREST_FIRE = "forest_fire", _("森林火灾")
    DROUGHT = "drought", _("干旱")
    WIND_HAIL = "wind_hail", _("风雹")
    EARTHQUAKE = "earthquake", _("地震")
    OTHER = "other", _("其他")


class ReliefKind(models.TextChoices):
    EMERGENCY = "emergency", _("应急期救助")
    BEREAVEMENT = "bereavement", _("遇难人员家属抚慰")
    TRANSITION = "transition", _("过渡期生活救助")
    WINTER_SPRING = "winter_spring", _("冬春临时生活困难救助")


class HouseDamage(models.TextChoices):
    COLLAPSED = "collapsed", _("倒塌")
    SEVERE = "severe", _("严重损坏")
    GENERAL = "general", _("一般损坏")


class ReconstructionPlan(models.TextChoices):
    REBUILD = "rebuild", _("重建")
    REPAIR = "repair", _("修缮")


class ReconstructionStage(models.TextChoices):
    NOT_STARTED = "not_started", _("未开工")
    BUILDING = "building", _("在建")
    STRUCTURE_DONE = "structure_done", _("主体完工")
    COMPLETED = "completed", _("竣工入住")


STAGE_ORDER = [s.value for s in ReconstructionStage]
STAGE_COLOURS = {"not_started": "secondary", "building": "warning", "structure_done": "info", "completed": "success"}


class ReliefScopedQuerySet(ScopedQuerySet):
    """Scoped by the village (core.scoping); the relief office sees every relief record of the county."""

    def visible_to(self, user):
        from disasters.relief_permissions import is_relief_office

        return self if is_relief_office(user) else super().visible_to(user)


class DisasterEventQuerySet(models.QuerySet):
    """An event is seen county-wide, and by the units of the townships (and villages) it struck."""

    def _touching(self, unit_ids):
        through_t = DisasterEvent.townships.through.objects.filter(disasterevent=OuterRef("pk"), orgunit__in=unit_ids)
        through_v = DisasterEvent.villages.through.objects.filter(disasterevent=OuterRef("pk"), orgunit__in=unit_ids)
        return self.filter(Exists(through_t) | Exists(through_v))

    def visible_to(self, user):
        from disasters.relief_permissions import is_relief_office

        scope = scope_for(user)
        if scope.sees_all or is_relief_office(user):
            return self
        return self._touching(scope.unit_ids) if scope.unit_ids else self.none()

    def changeable_by(self, user):
        return self if scope_for(user).changes_all else self.none()


@pghistory.track()
class DisasterEvent(TimeStampedModel):
    """灾害事件 with the townships and villages it struck. A township listed without any of its villages is struck
    whole; with some of its villages listed, only those."""

    name = models.CharField(_("事件名称"), max_length=100, unique=True)
    kind = models.CharField(_("灾害种类"), max_length=16, choices=DisasterKind.choices)
    started_on = models.DateField(_("发生日期"))
    ended_on = models.DateField(_("结束日期"), null=True, blank=True)
    description = models.TextField(_("灾情概述"), blank=True)
    townships = models.ManyToManyField(
        OrgUnit, verbose_name=_("受灾乡镇（街道）"), related_name="disaster_events", blank=True
    )
    villages = models.ManyToManyField(
        OrgUnit, verbose_name=_("受灾村（社区）"), related_name="village_disaster_events", blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登记人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    objects = DisasterEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("灾害事件")
        verbose_name_plural = _("灾害事件")
        ordering = ["-started_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("started_on")),
                name="disasterevent_ends_after_start",
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("disasters:relief-event-detail", args=[self.pk])

    def covers_village(self, village):
        """Whether `village` lies in the affected area (see the class docstring)."""
        if village is None or village.kind != OrgUnitKind.VILLAGE:
            return False
        listed = list(self.villages.values_list("pk", "parent_id"))
        if any(pk == village.pk for pk, _parent in listed):
            return True
        partly = {parent for _pk, parent in listed}
        return village.parent_id not in partly and self.townships.filter(pk=village.parent_id).exists()


# The ciphertexts stay out of the history: a change of number shows as its digest and masked form changing.
@pghistory.track(exclude=["id_number_encrypted", "bank_card_encrypted"])
class ReliefHousehold(TimeStampedModel):
    """受灾户 of an event. ID and bank card numbers are kept encrypted (disasters.relief_identity), with a keyed
    digest (one household per ID number per event) and the masked form shown to all but the relief office."""

    SCOPE_FIELDS = ("village",)

    event = models.ForeignKey(
        DisasterEvent, verbose_name=_("灾害事件"), on_delete=models.PROTECT, related_name="households"
    )
    village = models.ForeignKey(
        OrgUnit,
        verbose_name=_("村（社区）"),
        on_delete=models.PROTECT,
        related_name="relief_households",
        limit_choices_to={"kind": OrgUnitKind.VILLAGE},
    )
    head_name = models.CharField(_("户主姓名"), max_length=50)
    member_count = models.PositiveSmallIntegerField(_("家庭人口"))
    member_names = models.CharField(_("家庭成员"), max_length=300, blank=True)
    id_number_encrypted = models.TextField(_("身份证号（密文）"), editable=False)
    id_number_digest = models.CharField(_("身份证号摘要"), max_length=64, editable=False)
    id_number_masked = models.CharField(_("身份证号"), max_length=18, editable=False)
    bank_card_encrypted = models.TextField(_("一卡通卡号（密文）"), blank=True, editable=False)
    bank_card_masked = models.CharField(_("一卡通卡号"), max_length=19, blank=True, editable=False)
    phone = models.CharField(_("联系电话"), max_length=20, blank=True)
    address = models.CharField(_("住址"), max_length=200, blank=True)
    note = models.CharField(_("备注"), max_length=200, blank=True)

    objects = ReliefScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("受灾户")
        verbose_name_plural = _("受灾户")
        ordering = ["village__sort_order", "village__code", "head_name", "pk"]
        permissions = [("view_relief_identity", _("救灾科：查看受灾户完整身份证号和一卡通卡号"))]
        constraints = [
            models.UniqueConstraint(fields=["event", "id_number_digest"], name="reliefhousehold_one_per_id"),
            models.CheckConstraint(condition=Q(member_count__gte=1), name="reliefhousehold_members_positive"),
        ]

    def __str__(self):
        return f"{self.head_name}（{self.id_number_masked}）"

    def get_absolute_url(self):
        return reverse("disasters:relief-household-detail", args=[self.pk])

    def set_id_number(self, number):
        self.id_number_encrypted = relief_identity.encrypt(number)
        self.id_number_digest = relief_identity.digest(number)
        self.id_number_masked = relief_identity.mask_id(number)

    def set_bank_card(self, number):
        self.bank_card_encrypted = relief_identity.encrypt(number)
        self.bank_card_masked = relief_identity.mask_card(number)

    @property
    def id_number(self):
        return relief_identity.decrypt(self.id_number_encrypted)

    @property
    def bank_card(self):
        return relief_identity.decrypt(self.bank_card_encrypted)


_MONEY = {"max_digits": 12, "decimal_places": 2}


@pghistory.track()
class ReliefEntitlement(TimeStampedModel):
    """What a household is owed: one amount per kind of relief and period (e.g. 2024年7月, 2024-2025年冬春)."""

    SCOPE_FIELDS = ("household__village",)

    household = models.ForeignKey(
        ReliefHousehold, verbose_name=_("受灾户"), on_delete=models.CASCADE, related_name="entitlements"
    )
    kind = models.CharField(_("救助类别"), max_length=16, choices=ReliefKind.choices)
    period = models.CharField(_("救助期间"), max_length=30)
    amount = models.DecimalField(_("应发金额（元）"), **_MONEY)
    note = models.CharField(_("核定依据"), max_length=200, blank=True)

    objects = ReliefScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("救助核定")
        verbose_name_plural = _("救助核定")
        ordering = ["household", "kind", "period"]
        constraints = [
            models.UniqueConstraint(fields=["household", "kind", "period"], name="reliefentitlement_once"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="reliefentitlement_amount_positive"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.period} {self.amount}"


@pghistory.track()
class ReliefPayment(TimeStampedModel):
    """One transfer to a household's 一卡通. A second payment of the same kind and period keeps its reason."""

    SCOPE_FIELDS = ("household__village",)

    household = models.ForeignKey(
        ReliefHousehold, verbose_name=_("受灾户"), on_delete=models.PROTECT, related_name="payments"
    )
    kind = models.CharField(_("救助类别"), max_length=16, choices=ReliefKind.choices)
    period = models.CharField(_("救助期间"), max_length=30)
    amount = models.DecimalField(_("发放金额（元）"), **_MONEY)
    paid_on = models.DateField(_("发放日期"))
    transfer_reference = models.CharField(_("一卡通转账流水号"), max_length=64, unique=True)
    reason = models.CharField(_("重复发放事由"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("登记人"), on_delete=models.PROTECT, related_name="+"
    )

    objects = ReliefScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("救助发放")
        verbose_name_plural = _("救助发放")
        ordering = ["-paid_on", "-pk"]
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="reliefpayment_amount_positive")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.period} {self.amount}"


@pghistory.track()
class HouseReconstruction(TimeStampedModel):
    """倒损住房 of a household and its reconstruction; the stage moves only through reconstruction_advance, which
    writes a ReconstructionStep (who, when, why) for each move."""

    SCOPE_FIELDS = ("household__village",)

    household = models.OneToOneField(
        ReliefHousehold, verbose_name=_("受灾户"), on_delete=models.PROTECT, related_name="reconstruction"
    )
    damage = models.CharField(_("损坏程度"), max_length=12, choices=HouseDamage.choices)
    plan = models.CharField(_("恢复方式"), max_length=8, choices=ReconstructionPlan.choices)
    stage = models.CharField(
        _("进度"), max_length=16, choices=ReconstructionStage.choices, default=ReconstructionStage.NOT_STARTED
    )
    started_on = models.DateField(_("开工日期"), null=True, blank=True)
    completed_on = models.DateField(_("竣工入住日期"), null=True, blank=True)
    note = models.CharField(_("备注"), max_length=200, blank=True)

    objects = ReliefScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("倒损住房重建")
        verbose_name_plural = _("倒损住房重建")
        ordering = ["household__village__sort_order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(stage__in=[s.value for s in ReconstructionStage]), name="reconstruction_stage_valid"
            ),
            models.CheckConstraint(
                condition=~Q(stage=ReconstructionStage.COMPLETED) | Q(completed_on__isnull=False),
                name="reconstruction_completed_on",
            ),
        ]

    def __str__(self):
        return f"{self.household.head_name} {self.get_damage_display()} {self.get_stage_display()}"

    @property
    def stage_colour(self):
        return STAGE_COLOURS[self.stage]


class ReconstructionStep(models.Model):
    """One move of a reconstruction's stage: from, to, on which day, who recorded it and why."""

    reconstruction = models.ForeignKey(
        HouseReconstruction, verbose_name=_("倒损住房"), on_delete=models.CASCADE, related_name="steps"
    )
    from_stage = models.CharField(_("原进度"), max_length=16, choices=ReconstructionStage.choices, blank=True)
    to_stage = models.CharField(_("新进度"), max_length=16, choices=ReconstructionStage.choices)
    on = models.DateField(_("日期"))
    note = models.CharField(_("说明"), max_length=200, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("登记人"), on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("重建进度记录")
        verbose_name_plural = _("重建进度记录")
        ordering = ["on", "pk"]

    def __str__(self):
        return f"{self.from_stage} → {self.to_stage}"


class ReliefDispatch(models.Model):
    """救灾物资 sent from a depot to a village for an event; the stock left the depot through supply_move, whose
    出库 movement this row names."""

    SCOPE_FIELDS = ("village", "item__depot__owner_unit")

    event = models.ForeignKey(
        DisasterEvent, verbose_name=_("灾害事件"), on_delete=models.PROTECT, related_name="dispatches"
    )
    village = models.ForeignKey(
        OrgUnit,
        verbose_name=_("村（社区）"),
        on_delete=models.PROTECT,
        related_name="relief_dispatches",
        limit_choices_to={"kind": OrgUnitKind.VILLAGE},
    )
    item = models.ForeignKey(
        "disasters.SupplyItem", verbose_name=_("物资"), on_delete=models.PROTECT, related_name="relief_dispatches"
    )
    quantity = models.DecimalField(_("数量"), max_digits=12, decimal_places=2)
    dispatched_on = models.DateField(_("调拨日期"))
    movement = models.OneToOneField(
        "disasters.StockMovement", verbose_name=_("出库记录"), on_delete=models.PROTECT, related_name="relief_dispatch"
    )
    receiver = models.CharField(_("接收人"), max_length=50, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("经办人"), on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    objects = ReliefScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("救灾物资调拨")
        verbose_name_plural = _("救灾物资调拨")
        ordering = ["-dispatched_on", "-pk"]
        constraints = [models.CheckConstraint(condition=Q(quantity__gt=0), name="reliefdispatch_quantity_positive")]

    def __str__(self):
        return f"{self.item} {self.quantity}"
