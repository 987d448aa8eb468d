"""监管责任人公示 (the four responsible persons of an enterprise) and 重大风险管控公示 (major-risk boards)."""

import uuid

import pghistory
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from core.models import Enterprise, TimeStampedModel
from core.querysets import ScopedQuerySet
from responsibilities.board_choices import (
    RESPONSIBLE_ROLE_RANK,
    RISK_LEVEL_COLOUR_NAMES,
    RISK_LEVEL_COLOURS,
    RISK_LEVEL_RANK,
    ResponsibleRole,
    RiskLevel,
)

ENTERPRISE_SCOPE = ("enterprise__township", "enterprise__supervising_department")
validate_phone = RegexValidator(r"^\+?[0-9][0-9\- ]{5,19}$", _("请填写正确的电话号码（手机或座机）。"))


@pghistory.track()
class EnterpriseBoard(models.Model):
    """The unguessable address of an enterprise's public board (the pk would let anyone walk the list)."""

    SCOPE_FIELDS = ENTERPRISE_SCOPE

    enterprise = models.OneToOneField(
        Enterprise, verbose_name=_("生产经营单位"), on_delete=models.CASCADE, related_name="board"
    )
    public_token = models.UUIDField(_("公示码"), default=uuid.uuid4, unique=True, editable=False)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("监管责任人公示牌")
        verbose_name_plural = _("监管责任人公示牌")

    def __str__(self):
        return str(self.enterprise)


class ResponsiblePersonQuerySet(ScopedQuerySet):
    def current(self):
        return self.filter(until__isnull=True)


@pghistory.track()
class ResponsiblePerson(TimeStampedModel):
    """One person in one of the four roles for a span of time. A change of person closes this row (until = the
    day before the successor's start) and opens a new one, so the board's history is the rows themselves."""

    SCOPE_FIELDS = ENTERPRISE_SCOPE

    enterprise = models.ForeignKey(
        Enterprise, verbose_name=_("生产经营单位"), on_delete=models.CASCADE, related_name="responsible_persons"
    )
    role = models.CharField(_("责任类别"), max_length=16, choices=ResponsibleRole.choices)
    name = models.CharField(_("姓名"), max_length=50)
    post = models.CharField(_("职务"), max_length=100)
    phone = models.CharField(_("联系电话"), max_length=20, validators=[validate_phone])
    since = models.DateField(_("任职日期"))
    until = models.DateField(_("卸任日期"), null=True, blank=True)

    objects = ResponsiblePersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("监管责任人")
        verbose_name_plural = _("监管责任人")
        ordering = ["enterprise", RESPONSIBLE_ROLE_RANK, "-since"]
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise", "role"],
                condition=Q(until__isnull=True),
                name="responsible_person_one_current_per_role",
                violation_error_message=_("该单位这一类别已有现任责任人。"),
            ),
            models.CheckConstraint(
                condition=Q(until__isnull=True) | Q(until__gte=F("since")),
                name="responsible_person_until_after_since",
                violation_error_message=_("卸任日期不能早于任职日期。"),
            ),
        ]

    def __str__(self):
        return f"{self.enterprise} {self.get_role_display()} {self.name}"

    @property
    def is_current(self):
        return self.until is None


@pghistory.track()
class MajorRisk(TimeStampedModel):
    """重大风险管控公示: one risky site, facility or part of an enterprise, its level, the three persons
    answerable for it and the control measures."""

    SCOPE_FIELDS = ENTERPRISE_SCOPE

    enterprise = models.ForeignKey(
        Enterprise, verbose_name=_("生产经营单位"), on_delete=models.CASCADE, related_name="major_risks"
    )
    site = models.CharField(_("场所/设施/部位"), max_length=100)
    description = models.TextField(_("风险描述"))
    level = models.CharField(_("风险等级"), max_length=8, choices=RiskLevel.choices, default=RiskLevel.RED)
    in_charge_name = models.CharField(_("分管负责人"), max_length=50, blank=True)
    in_charge_phone = models.CharField(_("分管负责人电话"), max_length=20, blank=True, validators=[validate_phone])
    department_head_name = models.CharField(_("部门负责人"), max_length=50, blank=True)
    department_head_phone = models.CharField(
        _("部门负责人电话"), max_length=20, blank=True, validators=[validate_phone]
    )
    direct_name = models.CharField(_("直接责任人"), max_length=50, blank=True)
    direct_phone = models.CharField(_("直接责任人电话"), max_length=20, blank=True, validators=[validate_phone])
    measures = models.TextField(_("管控措施"))
    is_public = models.BooleanField(_("公开公示"), default=True)
    public_token = models.UUIDField(_("公示码"), default=uuid.uuid4, unique=True, editable=False)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("重大风险管控公示")
        verbose_name_plural = _("重大风险管控公示")
        ordering = ["enterprise", RISK_LEVEL_RANK, "site"]

    def __str__(self):
        return f"{self.enterprise} {self.site}"

    @property
    def colour(self):
        return RISK_LEVEL_COLOURS[self.level]

    @property
    def colour_name(self):
        return RISK_LEVEL_COLOUR_NAMES[self.level]
