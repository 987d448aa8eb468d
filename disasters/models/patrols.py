"""巡查: flood seasons set per year by the county office, and the patrols of risk points."""

import pghistory
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from core.models import EvidenceFile, TimeStampedModel
from core.querysets import ScopedQuerySet
from disasters.choices import PatrolKind, PatrolSituation
from disasters.models.risk import RiskPoint


@pghistory.track()
class FloodSeason(TimeStampedModel):
    """主汛期 of one year; a year without a row takes settings.FLOOD_SEASON_DEFAULT (disasters.patrol_periods)."""

    year = models.PositiveSmallIntegerField(_("年度"), unique=True)
    starts_on = models.DateField(_("汛期开始"))
    ends_on = models.DateField(_("汛期结束"))
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("设置人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("汛期")
        verbose_name_plural = _("汛期")
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="floodseason_dates"),
            models.CheckConstraint(
                condition=Q(starts_on__year=F("year"), ends_on__year=F("year")), name="floodseason_in_year"
            ),
        ]

    def __str__(self):
        return f"{self.year}: {self.starts_on:%m-%d}—{self.ends_on:%m-%d}"

    def clean(self):
        errors = {}
        for name in ("starts_on", "ends_on"):
            day = getattr(self, name)
            if day is not None and self.year and day.year != self.year:
                errors[name] = _("日期应在%(year)d年内。") % {"year": self.year}
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("汛期结束日期不能早于开始日期。")
        if errors:
            raise ValidationError(errors)


class PatrolQuerySet(ScopedQuerySet):
    def abnormal(self):
        return self.filter(situation=PatrolSituation.ABNORMAL)


@pghistory.track()
class Patrol(TimeStampedModel):
    """One patrol of a risk point. Recorded through disasters.patrol_services.patrol_record, which can open a
    hazard from it in the same step."""

    SCOPE_FIELDS = ("risk_point__township", "risk_point__supervising_department")

    risk_point = models.ForeignKey(
        RiskPoint, verbose_name=_("隐患点"), on_delete=models.PROTECT, related_name="patrols"
    )
    kind = models.CharField(_("巡查类型"), max_length=12, choices=PatrolKind.choices)
    patrolled_at = models.DateTimeField(_("巡查时间"))
    # The account that recorded the patrol; patroller_name names whoever walked it when that is someone else
    # (a 群测群防员 without an account, recorded by the township's clerk).
    patroller = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("记录人"), on_delete=models.PROTECT, related_name="+"
    )
    patroller_name = models.CharField(_("巡查人"), max_length=50, blank=True)
    situation = models.CharField(
        _("巡查情况"), max_length=8, choices=PatrolSituation.choices, default=PatrolSituation.NORMAL
    )
    findings = models.TextField(_("发现情况"), blank=True)
    measures = models.TextField(_("采取措施"), blank=True)
    hazard = models.ForeignKey(
        "hazards.Hazard",
        verbose_name=_("开具的隐患"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="patrols",
    )

    objects = PatrolQuerySet.as_manager()

    class Meta:
        verbose_name = _("巡查记录")
        verbose_name_plural = _("巡查记录")
        ordering = ["-patrolled_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(situation=PatrolSituation.ABNORMAL) | ~Q(findings=""), name="patrol_abnormal_findings"
            ),
        ]
        # The cadence counts a point's patrols in a period; the list's first page reads the newest by index.
        indexes = [
            models.Index(fields=["risk_point", "patrolled_at"], name="patrol_point_time"),
            models.Index(fields=["-patrolled_at", "-id"], name="patrol_newest_first"),
        ]

    def __str__(self):
        return f"{self.risk_point.name} {self.get_kind_display()} {self.patrolled_at:%Y-%m-%d}"

    @property
    def patroller_display(self):
        return self.patroller_name or str(self.patroller)


@pghistory.track()
class PatrolEvidence(EvidenceFile):
    """Photos and documents of a patrol, checked by content (core.evidence)."""

    patrol = models.ForeignKey(Patrol, verbose_name=_("巡查记录"), on_delete=models.CASCADE, related_name="evidence")

    class Meta(EvidenceFile.Meta):
        verbose_name = _("巡查佐证材料")
        verbose_name_plural = _("巡查佐证材料")
