import pghistory
from django.conf import settings
from django.db import models
from django.db.models.functions import Upper
from django.utils.translation import gettext_lazy as _

from core.choices import OrgUnitKind
from core.models import Enterprise, OrgUnit, TimeStampedModel
from core.querysets import ScopedQuerySet
from inspections.choices import PartyKind
from inspections.models.inspections import Inspection


@pghistory.track()
class Penalty(TimeStampedModel):
    """行政处罚 decided by a department. 一案双罚: the enterprise's penalty and its principal's share a case
    (`case_number`) and are created together by inspections.penalty_services."""

    SCOPE_FIELDS = ("department", "enterprise__township")

    decision_number = models.CharField(_("决定书文号"), max_length=60)
    case_number = models.CharField(_("案号"), max_length=60, blank=True)
    decided_on = models.DateField(_("决定日期"), db_index=True)
    department = models.ForeignKey(
        OrgUnit,
        verbose_name=_("处罚部门"),
        on_delete=models.PROTECT,
        related_name="penalties",
        limit_choices_to={"kind": OrgUnitKind.DEPARTMENT},
    )
    inspection = models.ForeignKey(
        Inspection, verbose_name=_("检查"), null=True, blank=True, on_delete=models.PROTECT, related_name="penalties"
    )
    party_kind = models.CharField(_("处罚对象"), max_length=12, choices=PartyKind.choices)
    enterprise = models.ForeignKey(
        Enterprise, verbose_name=_("生产经营单位"), on_delete=models.PROTECT, related_name="penalties"
    )
    person_name = models.CharField(_("被处罚人"), max_length=50, blank=True)
    person_post = models.CharField(_("职务"), max_length=50, blank=True)
    legal_basis = models.CharField(_("处罚依据"), max_length=300)
    violation = models.CharField(_("违法事实"), max_length=300, blank=True)
    amount = models.DecimalField(_("罚款金额（元）"), max_digits=14, decimal_places=2)
    referred_to_justice = models.BooleanField(_("移送司法机关"), default=False)
    referred_on = models.DateField(_("移送日期"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("登记人"), null=True, on_delete=models.PROTECT, related_name="+"
    )

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("行政处罚")
        verbose_name_plural = _("行政处罚")
        ordering = ["-decided_on", "-pk"]
        constraints = [
            models.UniqueConstraint(Upper("decision_number"), name="penalty_decision_number_unique"),
            models.CheckConstraint(condition=models.Q(amount__gte=0), name="penalty_amount_positive"),
            models.CheckConstraint(condition=~models.Q(legal_basis=""), name="penalty_legal_basis_required"),
            models.CheckConstraint(
                condition=models.Q(party_kind=PartyKind.ENTERPRISE) | ~models.Q(person_name=""),
                name="penalty_person_named",
            ),
            models.CheckConstraint(
                condition=models.Q(referred_to_justice=False, referred_on__isnull=True)
                | models.Q(referred_to_justice=True, referred_on__isnull=False),
                name="penalty_referral_date",
            ),
        ]

    def __str__(self):
        return f"{self.decision_number} {self.person_name or self.enterprise.name}"
