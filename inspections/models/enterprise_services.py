"""Enterprise services of items 6 and 8: trainings of principals and safety managers with their certificates,
安全生产责任保险 policies, and benchmark enterprises (标杆企业) with the incentives they received."""

import pghistory
from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Upper
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import Enterprise, OrgUnit, TimeStampedModel
from core.querysets import ScopedQuerySet
from inspections.credit_choices import IncentiveKind, PersonRole

ENTERPRISE_SCOPE = ("enterprise__township", "enterprise__supervising_department")


@pghistory.track()
class Training(TimeStampedModel):
    """培训 of enterprise principals and safety managers, organised by a department or a township."""

    SCOPE_FIELDS = ("organizer",)

    title = models.CharField(_("培训名称"), max_length=200)
    organizer = models.ForeignKey(
        OrgUnit, verbose_name=_("组织单位"), on_delete=models.PROTECT, related_name="organized_trainings"
    )
    starts_on = models.DateField(_("开始日期"), db_index=True)
    ends_on = models.DateField(_("结束日期"))
    place = models.CharField(_("培训地点"), max_length=200, blank=True)
    hours = models.PositiveIntegerField(_("学时"), default=0)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("登记人"), null=True, on_delete=models.PROTECT, related_name="+"
    )

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("安全培训")
        verbose_name_plural = _("安全培训")
        ordering = ["-starts_on", "-pk"]
        constraints = [models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="training_dates")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("inspections:training-detail", args=[self.pk])


@pghistory.track()
class TrainingAttendee(TimeStampedModel):
    """One person of an enterprise at a training, and whether they attended and passed the examination."""

    SCOPE_FIELDS = ("training__organizer",)

    training = models.ForeignKey(Training, verbose_name=_("培训"), on_delete=models.CASCADE, related_name="attendees")
    enterprise = models.ForeignKey(
        Enterprise, verbose_name=_("生产经营单位"), on_delete=models.PROTECT, related_name="training_attendees"
    )
    person_name = models.CharField(_("姓名"), max_length=50)
    role = models.CharField(_("人员类别"), max_length=16, choices=PersonRole.choices)
    attended = models.BooleanField(_("已参训"), default=True)
    passed = models.BooleanField(_("考核合格"), default=False)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("参训人员")
        verbose_name_plural = _("参训人员")
        ordering = ["training", "enterprise__name", "person_name"]
        constraints = [
            models.UniqueConstraint(fields=["training", "enterprise", "person_name"], name="training_attendee_unique"),
            models.CheckConstraint(condition=Q(passed=False) | Q(attended=True), name="training_attendee_passed"),
        ]

    def __str__(self):
        return f"{self.person_name}（{self.enterprise}）"


@pghistory.track()
class SafetyCertificate(TimeStampedModel):
    """安全生产知识和管理能力考核合格证 of a principal or safety manager; its expiry is derived against today."""

    SCOPE_FIELDS = ENTERPRISE_SCOPE

    enterprise = models.ForeignKey(
        Enterprise, verbose_name=_("生产经营单位"), on_delete=models.PROTECT, related_name="safety_certificates"
    )
    holder_name = models.CharField(_("持证人"), max_length=50)
    kind = models.CharField(_("证书类别"), max_length=16, choices=PersonRole.choices)
    number = models.CharField(_("证书编号"), max_length=60)
    issued_on = models.DateField(_("发证日期"))
    expires_on = models.DateField(_("有效期至"), db_index=True)
    training = models.ForeignKey(
        Training,
        verbose_name=_("培训"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="certificates",
    )

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("安全资格证书")
        verbose_name_plural = _("安全资格证书")
        ordering = ["expires_on", "pk"]
        constraints = [
            models.UniqueConstraint(Upper("number"), name="safety_certificate_number_unique"),
            models.CheckConstraint(condition=Q(expires_on__gt=F("issued_on")), name="safety_certificate_dates"),
        ]

    def __str__(self):
        return f"{self.holder_name} {self.number}"


@pghistory.track()
class InsurancePolicy(TimeStampedModel):
    """安全生产责任保险 policy of an enterprise."""

    SCOPE_FIELDS = ENTERPRISE_SCOPE

    enterprise = models.ForeignKey(
        Enterprise, verbose_name=_("生产经营单位"), on_delete=models.PROTECT, related_name="insurance_policies"
    )
    insurer = models.CharField(_("保险机构"), max_length=100)
    policy_number = models.CharField(_("保单号"), max_length=60)
    starts_on = models.DateField(_("保险起期"))
    ends_on = models.DateField(_("保险止期"), db_index=True)
    premium = models.DecimalField(_("保费（元）"), max_digits=12, decimal_places=2)
    insured_amount = models.DecimalField(_("保险金额（万元）"), max_digits=12, decimal_places=2)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("登记人"), null=True, on_delete=models.PROTECT, related_name="+"
    )

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("安全生产责任保险")
        verbose_name_plural = _("安全生产责任保险")
        ordering = ["ends_on", "pk"]
        constraints = [
            models.UniqueConstraint(Upper("policy_number"), name="insurance_policy_number_unique"),
            models.CheckConstraint(condition=Q(ends_on__gt=F("starts_on")), name="insurance_policy_dates"),
            models.CheckConstraint(condition=Q(premium__gte=0), name="insurance_policy_premium"),
            models.CheckConstraint(condition=Q(insured_amount__gt=0), name="insurance_policy_amount"),
        ]

    def __str__(self):
        return f"{self.policy_number}（{self.insurer}）"


@pghistory.track()
class BenchmarkEnterprise(TimeStampedModel):
    """标杆企业 of a year, named by the county office."""

    SCOPE_FIELDS = ENTERPRISE_SCOPE

    enterprise = models.ForeignKey(
        Enterprise, verbose_name=_("生产经营单位"), on_delete=models.PROTECT, related_name="benchmarks"
    )
    year = models.PositiveIntegerField(_("年度"))
    note = models.CharField(_("评定说明"), max_length=300, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("标杆企业")
        verbose_name_plural = _("标杆企业")
        ordering = ["-year", "enterprise__name"]
        constraints = [
            models.UniqueConstraint(fields=["enterprise", "year"], name="benchmark_enterprise_year_unique"),
            models.CheckConstraint(condition=Q(year__gte=2000, year__lte=2100), name="benchmark_year_range"),
        ]

    def __str__(self):
        return f"{self.year} {self.enterprise}"


@pghistory.track()
class Incentive(TimeStampedModel):
    """An incentive a benchmark enterprise received (资金奖励、评优评先、减少检查频次、信贷支持 …)."""

    SCOPE_FIELDS = ("benchmark__enterprise__township", "benchmark__enterprise__supervising_department")

    benchmark = models.ForeignKey(
        BenchmarkEnterprise, verbose_name=_("标杆企业"), on_delete=models.CASCADE, related_name="incentives"
    )
    kind = models.CharField(_("激励方式"), max_length=16, choices=IncentiveKind.choices)
    amount = models.DecimalField(_("金额（元）"), max_digits=12, decimal_places=2, null=True, blank=True)
    granted_on = models.DateField(_("日期"))
    note = models.CharField(_("说明"), max_length=300, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("激励措施")
        verbose_name_plural = _("激励措施")
        ordering = ["granted_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__isnull=True) | Q(amount__gte=0), name="incentive_amount"),
        ]

    def __str__(self):
        return self.get_kind_display()
