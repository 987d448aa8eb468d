"""Readiness: rescue teams (专、常、群) with members and equipment, emergency plans (预案) and drills (演练).
Writes go through disasters.readiness_services."""

import pghistory
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.choices import OrgUnitKind
from core.evidence import evidence_upload_path
from core.models import EvidenceFile, OrgUnit, TimeStampedModel
from core.querysets import ScopedQuerySet
from disasters.readiness_choices import DrillKind, IncidentKind, PlanLevel, Speciality, TeamKind

# The units that own teams and plans and organise drills: a county department or a township.
OWNER_KINDS = (OrgUnitKind.DEPARTMENT, OrgUnitKind.TOWNSHIP)


def _owner_error(unit):
    if unit is not None and unit.kind not in OWNER_KINDS:
        return _("所属单位应为县级部门或乡镇（街道）。")
    return None


@pghistory.track()
class RescueTeam(TimeStampedModel):
    """应急救援队伍: a county professional team, a township standing team or a volunteer (social) force."""

    SCOPE_FIELDS = ("owner_unit",)

    name = models.CharField(_("队伍名称"), max_length=100)
    kind = models.CharField(_("队伍类别"), max_length=16, choices=TeamKind.choices)
    owner_unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("所属单位"),
        on_delete=models.PROTECT,
        related_name="rescue_teams",
        limit_choices_to={"kind__in": OWNER_KINDS},
    )
    specialities = ArrayField(
        models.CharField(max_length=16, choices=Speciality.choices),
        verbose_name=_("专业方向"),
        default=list,
        blank=True,
    )
    leader_name = models.CharField(_("队长"), max_length=50, blank=True)
    leader_phone = models.CharField(_("队长电话"), max_length=20, blank=True)
    on_duty_phone = models.CharField(_("值班电话"), max_length=20, blank=True)
    base_address = models.CharField(_("驻地"), max_length=200, blank=True)
    is_active = models.BooleanField(_("在编"), default=True)
    note = models.TextField(_("备注"), blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("应急救援队伍")
        verbose_name_plural = _("应急救援队伍")
        ordering = ["kind", "owner_unit__sort_order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner_unit", "name"],
                name="rescueteam_unique_name",
                violation_error_message=_("该单位已有同名的救援队伍。"),
            )
        ]
        indexes = [models.Index(fields=["kind", "is_active"], name="rescueteam_kind_active")]

    def __str__(self):
        return self.name

    @property
    def speciality_labels(self):
        return [str(Speciality(s).label) if s in Speciality.values else s for s in self.specialities]

    def clean(self):
        errors = {}
        if self.owner_unit_id and (message := _owner_error(self.owner_unit)):
            errors["owner_unit"] = message
        if len(set(self.specialities or [])) != len(self.specialities or []):
            errors["specialities"] = _("专业方向不能重复。")
        if errors:
            raise ValidationError(errors)


@pghistory.track()
class TeamMember(TimeStampedModel):
    """A member of a team. One who leaves keeps the row with `left_on`: the roster's history stays."""

    SCOPE_FIELDS = ("team__owner_unit",)

    team = models.ForeignKey(RescueTeam, verbose_name=_("队伍"), on_delete=models.PROTECT, related_name="members")
    name = models.CharField(_("姓名"), max_length=50)
    post = models.CharField(_("职务"), max_length=50, blank=True)
    phone = models.CharField(_("电话"), max_length=20, blank=True)
    certificates = models.TextField(_("资格证书"), blank=True)
    joined_on = models.DateField(_("入队日期"))
    left_on = models.DateField(_("离队日期"), null=True, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("队员")
        verbose_name_plural = _("队员")
        ordering = ["left_on", "joined_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(left_on__isnull=True) | models.Q(left_on__gte=models.F("joined_on")),
                name="teammember_dates",
                violation_error_message=_("离队日期不能早于入队日期。"),
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def is_active(self):
        return self.left_on is None

    def clean(self):
        if self.left_on and self.joined_on and self.left_on < self.joined_on:
            raise ValidationError({"left_on": _("离队日期不能早于入队日期。")})


@pghistory.track()
class TeamEquipment(TimeStampedModel):
    """A line of a team's equipment: what, which model, how many."""

    SCOPE_FIELDS = ("team__owner_unit",)

    team = models.ForeignKey(RescueTeam, verbose_name=_("队伍"), on_delete=models.PROTECT, related_name="equipment")
    name = models.CharField(_("装备名称"), max_length=100)
    specification = models.CharField(_("规格型号"), max_length=100, blank=True)
    quantity = models.IntegerField(_("数量"), default=0)
    unit_of_measure = models.CharField(_("计量单位"), max_length=10, default="台")

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("队伍装备")
        verbose_name_plural = _("队伍装备")
        ordering = ["name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(quantity__gte=0),
                name="teamequipment_quantity_not_negative",
                violation_error_message=_("数量不能为负数。"),
            ),
        ]

    def __str__(self):
        return f"{self.name} {self.quantity}{self.unit_of_measure}"

    def clean(self):
        if self.quantity is not None and self.quantity < 0:
            raise ValidationError({"quantity": _("数量不能为负数。")})


@pghistory.track()
class EmergencyPlan(TimeStampedModel):
    """应急预案. A current plan must be revised by `next_revision_due` (every three years by default)."""

    SCOPE_FIELDS = ("owner_unit",)

    title = models.CharField(_("预案名称"), max_length=200)
    level = models.CharField(_("预案类别"), max_length=16, choices=PlanLevel.choices)
    owner_unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("编制单位"),
        on_delete=models.PROTECT,
        related_name="emergency_plans",
        limit_choices_to={"kind__in": OWNER_KINDS},
    )
    incident_kinds = ArrayField(
        models.CharField(max_length=20, choices=IncidentKind.choices),
        verbose_name=_("适用事件类型"),
        default=list,
        blank=True,
    )
    document_number = models.CharField(_("印发文号"), max_length=60, blank=True)
    approved_on = models.DateField(_("印发日期"))
    revised_on = models.DateField(_("最近修订日期"), null=True, blank=True)
    next_revision_due = models.DateField(_("下次修订期限"), db_index=True)  # the reminder sweep selects by it
    file = models.FileField(_("预案文本"), upload_to=evidence_upload_path, blank=True)
    file_name = models.CharField(_("文件名"), max_length=255, blank=True)
    file_type = models.CharField(_("文件类型"), max_length=100, blank=True)
    is_current = models.BooleanField(_("现行有效"), default=True)
    note = models.TextField(_("备注"), blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("应急预案")
        verbose_name_plural = _("应急预案")
        ordering = ["level", "owner_unit__sort_order", "title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(next_revision_due__gte=models.F("approved_on")),
                name="emergencyplan_revision_due",
                violation_error_message=_("下次修订期限不能早于印发日期。"),
            ),
            models.CheckConstraint(
                condition=models.Q(revised_on__isnull=True) | models.Q(revised_on__gte=models.F("approved_on")),
                name="emergencyplan_revised_after_approval",
                violation_error_message=_("修订日期不能早于印发日期。"),
            ),
            models.UniqueConstraint(
                fields=["document_number"],
                condition=~models.Q(document_number=""),
                name="emergencyplan_doc_number",
                violation_error_message=_("该印发文号已登记过其他预案。"),
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def incident_kind_labels(self):
        return [str(IncidentKind(k).label) if k in IncidentKind.values else k for k in self.incident_kinds]

    def revision_due_on(self, today):
        """Whether the plan is past its revision date (only current plans need revising)."""
        return self.is_current and self.next_revision_due < today

    def clean(self):
        errors = {}
        if self.owner_unit_id and (message := _owner_error(self.owner_unit)):
            errors["owner_unit"] = message
        if self.approved_on and self.next_revision_due and self.next_revision_due < self.approved_on:
            errors["next_revision_due"] = _("下次修订期限不能早于印发日期。")
        if self.approved_on and self.revised_on and self.revised_on < self.approved_on:
            errors["revised_on"] = _("修订日期不能早于印发日期。")
        today = timezone.localdate()
        if self.approved_on and self.approved_on > today:
            errors["approved_on"] = _("印发日期不能晚于今天。")
        if self.revised_on and self.revised_on > today:
            errors["revised_on"] = _("修订日期不能晚于今天。")
        if errors:
            raise ValidationError(errors)


@pghistory.track()
class Drill(TimeStampedModel):
    """应急演练 (or 桌面推演): when, what scenario, who took part, what was found and what will be improved."""

    SCOPE_FIELDS = ("organiser",)

    title = models.CharField(_("演练名称"), max_length=200)
    held_on = models.DateField(_("演练日期"), db_index=True)
    kind = models.CharField(_("演练形式"), max_length=16, choices=DrillKind.choices)
    scenario = models.TextField(_("演练情景"), blank=True)
    plan = models.ForeignKey(
        EmergencyPlan,
        verbose_name=_("依据预案"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="drills",
    )
    organiser = models.ForeignKey(
        OrgUnit,
        verbose_name=_("组织单位"),
        on_delete=models.PROTECT,
        related_name="organised_drills",
        limit_choices_to={"kind__in": OWNER_KINDS},
    )
    participating_units = models.ManyToManyField(
        OrgUnit, verbose_name=_("参演单位"), blank=True, related_name="drills_joined"
    )
    teams = models.ManyToManyField(RescueTeam, verbose_name=_("参演队伍"), blank=True, related_name="drills")
    participants = models.PositiveIntegerField(_("参演人数"), default=0)
    findings = models.TextField(_("发现问题"), blank=True)
    improvements = models.TextField(_("整改措施"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登记人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("应急演练")
        verbose_name_plural = _("应急演练")
        ordering = ["-held_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(participants__gte=0),
                name="drill_participants_not_negative",
                violation_error_message=_("参演人数不能为负数。"),
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        errors = {}
        if self.organiser_id and (message := _owner_error(self.organiser)):
            errors["organiser"] = message
        if self.held_on and self.held_on > timezone.localdate():
            errors["held_on"] = _("演练日期不能晚于今天：请在演练结束后登记。")
        if errors:
            raise ValidationError(errors)


@pghistory.track()
class DrillEvidence(EvidenceFile):
    """Photos, scripts and summaries of a drill, checked by content and served only to who may see the drill."""

    SCOPE_FIELDS = ("drill__organiser",)

    drill = models.ForeignKey(Drill, verbose_name=_("演练"), on_delete=models.CASCADE, related_name="evidence")

    objects = ScopedQuerySet.as_manager()

    class Meta(EvidenceFile.Meta):
        verbose_name = _("演练佐证材料")
        verbose_name_plural = _("演练佐证材料")
