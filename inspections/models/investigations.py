import pghistory
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.choices import OrgUnitKind
from core.models import Enterprise, OrgUnit, TimeStampedModel, YearCounter
from core.querysets import ScopedQuerySet
from inspections.investigation_choices import (
    FOUR_NOTS,
    LEVEL_CSS,
    STATUS_CSS,
    AccidentLevel,
    Handling,
    InvestigationKind,
    InvestigationStatus,
)
from inspections.models.penalties import Penalty


class InvestigationNumber(YearCounter):
    """The last investigation number given in a year; taken under a row lock, never given back."""

    class Meta:
        verbose_name = _("事故调查编号计数")
        verbose_name_plural = _("事故调查编号计数")


def _ticked_with_date(flag, date):
    return Q(**{flag: False, f"{date}__isnull": True}) | Q(**{flag: True, f"{date}__isnull": False})


@pghistory.track(model_name="InvestigationHistory", obj_field=pghistory.ObjForeignKey(related_name="history"))
class Investigation(TimeStampedModel):
    """事故调查 (or 灾害调查评估) of one case, led by a department ("有案必查、一案双查、三责同追、四不放过").
    Written only through inspections.investigation_services; closed (结案) only when the four checks of
    "四不放过" are ticked, which the database guards too."""

    SCOPE_FIELDS = ("lead_department", "township")

    number = models.CharField(_("编号"), max_length=20, unique=True, editable=False)
    case_name = models.CharField(_("案件名称"), max_length=200)
    kind = models.CharField(_("类别"), max_length=24, choices=InvestigationKind.choices)
    level = models.CharField(_("等级"), max_length=20, choices=AccidentLevel.choices)
    occurred_at = models.DateTimeField(_("发生时间"), db_index=True)
    township = models.ForeignKey(
        OrgUnit,
        verbose_name=_("发生地乡镇（街道）"),
        on_delete=models.PROTECT,
        related_name="township_investigations",
        limit_choices_to={"kind": OrgUnitKind.TOWNSHIP},
    )
    place = models.CharField(_("发生地点"), max_length=200, blank=True)
    lead_department = models.ForeignKey(
        OrgUnit,
        verbose_name=_("牵头调查部门"),
        on_delete=models.PROTECT,
        related_name="led_investigations",
        limit_choices_to={"kind": OrgUnitKind.DEPARTMENT},
    )
    deaths = models.PositiveIntegerField(_("死亡人数"), default=0)
    injured = models.PositiveIntegerField(_("受伤人数"), default=0)
    missing = models.PositiveIntegerField(_("失踪人数"), default=0)
    direct_loss = models.DecimalField(_("直接经济损失（万元）"), max_digits=12, decimal_places=2, default=0)
    summary = models.TextField(_("事故经过"), blank=True)
    cause_findings = models.TextField(_("原因分析"), blank=True)
    responsibility_findings = models.TextField(_("责任认定"), blank=True)
    cause_found = models.BooleanField(FOUR_NOTS[0][2], default=False)
    cause_found_on = models.DateField(_("事故原因查清日期"), null=True, blank=True)
    persons_handled = models.BooleanField(FOUR_NOTS[1][2], default=False)
    persons_handled_on = models.DateField(_("责任人员处理日期"), null=True, blank=True)
    measures_done = models.BooleanField(FOUR_NOTS[2][2], default=False)
    measures_done_on = models.DateField(_("整改措施落实日期"), null=True, blank=True)
    people_educated = models.BooleanField(FOUR_NOTS[3][2], default=False)
    people_educated_on = models.DateField(_("有关人员受教育日期"), null=True, blank=True)
    status = models.CharField(
        _("状态"), max_length=16, choices=InvestigationStatus.choices, default=InvestigationStatus.INVESTIGATING
    )
    closed_at = models.DateTimeField(_("结案时间"), null=True, blank=True)
    enterprises = models.ManyToManyField(
        Enterprise, verbose_name=_("涉事生产经营单位"), blank=True, related_name="investigations"
    )
    hazards = models.ManyToManyField(
        "hazards.Hazard", verbose_name=_("相关隐患"), blank=True, related_name="investigations"
    )
    penalties = models.ManyToManyField(
        Penalty, verbose_name=_("相关行政处罚"), blank=True, related_name="investigations"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("登记人"), null=True, on_delete=models.PROTECT, related_name="+"
    )

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("事故调查")
        verbose_name_plural = _("事故调查")
        ordering = ["-occurred_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(deaths__gte=0), name="investigation_deaths_not_negative"),
            models.CheckConstraint(condition=Q(injured__gte=0), name="investigation_injured_not_negative"),
            models.CheckConstraint(condition=Q(missing__gte=0), name="investigation_missing_not_negative"),
            models.CheckConstraint(condition=Q(direct_loss__gte=0), name="investigation_loss_not_negative"),
            *(
                models.CheckConstraint(condition=_ticked_with_date(flag, date), name=f"investigation_{flag}_dated")
                for flag, date, _label in FOUR_NOTS
            ),
            models.CheckConstraint(
                condition=~Q(status=InvestigationStatus.CLOSED)
                | Q(
                    closed_at__isnull=False,
                    cause_found=True,
                    persons_handled=True,
                    measures_done=True,
                    people_educated=True,
                ),
                name="investigation_closed_four_nots",
            ),
        ]

    def __str__(self):
        return f"{self.number} {self.case_name}"

    def get_absolute_url(self):
        return reverse("inspections:investigation-detail", args=[self.pk])

    @property
    def is_closed(self):
        return self.status == InvestigationStatus.CLOSED

    @property
    def level_css(self):
        return LEVEL_CSS[AccidentLevel(self.level)]

    @property
    def status_css(self):
        return STATUS_CSS[InvestigationStatus(self.status)]

    @property
    def four_nots(self):
        """[(label, ticked, date)] in the order of "四不放过"."""
        return [(label, getattr(self, flag), getattr(self, date)) for flag, date, label in FOUR_NOTS]

    @property
    def missing_four_nots(self):
        return [str(label) for flag, _date, label in FOUR_NOTS if not getattr(self, flag)]


@pghistory.track()
class InvestigationResponsibility(TimeStampedModel):
    """责任认定 of one person or unit, with the handling proposed (处理意见) and whether it has been carried out."""

    SCOPE_FIELDS = ("investigation__lead_department", "investigation__township")

    investigation = models.ForeignKey(
        Investigation, verbose_name=_("事故调查"), on_delete=models.CASCADE, related_name="responsibilities"
    )
    name = models.CharField(_("责任人员或单位"), max_length=100)
    post = models.CharField(_("单位及职务"), max_length=100, blank=True)
    finding = models.TextField(_("责任认定"))
    handling = models.CharField(_("处理意见"), max_length=16, choices=Handling.choices)
    handling_note = models.CharField(_("处理说明"), max_length=200, blank=True)
    handled = models.BooleanField(_("已处理"), default=False)
    handled_on = models.DateField(_("处理日期"), null=True, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("事故责任认定")
        verbose_name_plural = _("事故责任认定")
        ordering = ["investigation", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=_ticked_with_date("handled", "handled_on"), name="responsibility_handled_dated"
            ),
        ]

    def __str__(self):
        return f"{self.name}（{self.get_handling_display()}）"
