import pghistory
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import EvidenceFile, OrgUnit, TimeStampedModel
from core.scoping import scope_for
from tasks.campaign_choices import CampaignKind


class CampaignQuerySet(models.QuerySet):
    """A campaign is seen by the county-wide roles and by the people of its organiser or a participating unit."""

    def visible_to(self, user):
        scope = scope_for(user)
        if scope.sees_all:
            return self
        if not scope.unit_ids:
            return self.none()
        ids = Campaign.objects.filter(Q(organizer_id__in=scope.unit_ids) | Q(participants__in=scope.unit_ids)).values(
            "pk"
        )
        return self.filter(pk__in=ids)

    def changeable_by(self, user):
        scope = scope_for(user)
        if scope.changes_all:
            return self
        return self.filter(organizer_id__in=scope.writable_unit_ids)


@pghistory.track()
class Campaign(TimeStampedModel):
    """安全宣传与活动 (key action 六, item 10): a campaign of a year, organised by one unit, joined by others."""

    kind = models.CharField(_("活动类型"), max_length=20, choices=CampaignKind.choices)
    year = models.PositiveSmallIntegerField(_("年度"))
    title = models.CharField(_("活动名称"), max_length=200)
    organizer = models.ForeignKey(
        OrgUnit, verbose_name=_("组织单位"), on_delete=models.PROTECT, related_name="organized_campaigns"
    )
    participants = models.ManyToManyField(OrgUnit, verbose_name=_("参与单位"), related_name="campaigns", blank=True)
    start_date = models.DateField(_("开始日期"))
    end_date = models.DateField(_("结束日期"))
    description = models.TextField(_("活动内容"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("登记人"), on_delete=models.PROTECT, related_name="+"
    )

    objects = CampaignQuerySet.as_manager()

    class Meta:
        verbose_name = _("安全宣传活动")
        verbose_name_plural = _("安全宣传活动")
        ordering = ["-year", "-start_date", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(end_date__gte=models.F("start_date")), name="campaign_dates_order"),
            models.CheckConstraint(condition=Q(year__gte=2000, year__lte=2100), name="campaign_year_range"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("campaign-detail", args=[self.pk])


class CampaignActivityQuerySet(models.QuerySet):
    """An activity is seen by whoever sees its campaign (the campaign's totals are everyone's who take part)."""

    def visible_to(self, user):
        return self.filter(campaign__in=Campaign.objects.visible_to(user))

    def changeable_by(self, user):
        scope = scope_for(user)
        return self if scope.changes_all else self.filter(unit_id__in=scope.writable_unit_ids)


@pghistory.track()
class CampaignActivity(TimeStampedModel):
    """One event of a campaign, reported by a participating unit: where, when, how many took part."""

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("安全宣传活动"), on_delete=models.CASCADE, related_name="activities"
    )
    unit = models.ForeignKey(OrgUnit, verbose_name=_("开展单位"), on_delete=models.PROTECT, related_name="+")
    held_on = models.DateField(_("开展日期"))
    place = models.CharField(_("地点"), max_length=200)
    participant_count = models.PositiveIntegerField(_("参与人数"))
    description = models.TextField(_("活动情况"))
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("填报人"), on_delete=models.PROTECT, related_name="+"
    )

    objects = CampaignActivityQuerySet.as_manager()

    class Meta:
        verbose_name = _("活动开展情况")
        verbose_name_plural = _("活动开展情况")
        ordering = ["-held_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(participant_count__gte=0), name="activity_participants_positive"),
        ]

    def __str__(self):
        return f"{self.campaign} · {self.held_on:%Y-%m-%d}"


@pghistory.track()
class ActivityEvidence(EvidenceFile):
    """Photos and files of an activity: checked by content, served only to those who see the campaign."""

    activity = models.ForeignKey(
        CampaignActivity, verbose_name=_("活动开展情况"), on_delete=models.CASCADE, related_name="evidence"
    )

    class Meta(EvidenceFile.Meta):
        verbose_name = _("活动佐证材料")
        verbose_name_plural = _("活动佐证材料")
