"""警示曝光 the county office issues to an enterprise; the safety credit record reads them with the accidents,
major hazards, penalties and overdue rectifications (inspections.credit_selectors), which are not copied here."""

import pghistory
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import Enterprise, OrgUnit, TimeStampedModel
from core.querysets import ScopedQuerySet
from inspections.credit_choices import NoticeKind


@pghistory.track()
class CreditNotice(TimeStampedModel):
    """约谈, 警示函 or 公开曝光 of an enterprise, issued by the county office."""

    SCOPE_FIELDS = ("enterprise__township", "enterprise__supervising_department")

    enterprise = models.ForeignKey(
        Enterprise, verbose_name=_("生产经营单位"), on_delete=models.PROTECT, related_name="credit_notices"
    )
    kind = models.CharField(_("类别"), max_length=16, choices=NoticeKind.choices)
    issued_on = models.DateField(_("日期"), db_index=True)
    reason = models.CharField(_("事由"), max_length=300)
    issued_by = models.ForeignKey(
        OrgUnit, verbose_name=_("发出单位"), on_delete=models.PROTECT, related_name="credit_notices"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("登记人"), null=True, on_delete=models.PROTECT, related_name="+"
    )

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("警示曝光")
        verbose_name_plural = _("警示曝光")
        ordering = ["-issued_on", "-pk"]
        constraints = [models.CheckConstraint(condition=~models.Q(reason=""), name="credit_notice_reason")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.enterprise}"
