"""Writes of the campaigns (安全宣传与活动, key action 六 and item 10) and the activities units report in them.

The county office or the people of the organising unit set a campaign up; each participating unit reports its
own activities (date inside the campaign's dates, participants ≥ 0, photos and files checked by content).
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.choices import Role
from core.evidence import evidence_attach
from core.scoping import holds_role, scope_for
from tasks.models import ActivityEvidence, Campaign, CampaignActivity

WRITER_ROLES = {Role.TOWNSHIP_HEAD, Role.TOWNSHIP_STAFF, Role.DEPT_HEAD, Role.DEPT_STAFF}
CAMPAIGN_FIELDS = ("kind", "year", "title", "organizer", "start_date", "end_date", "description")
ACTIVITY_FIELDS = ("held_on", "place", "participant_count", "description")


def may_organize(user, organizer):
    return scope_for(user).changes_all or (organizer is not None and holds_role(user, organizer.pk, WRITER_ROLES))


def may_report_activity(user, campaign, unit):
    """The unit's own head and staff (or the county office), for a unit that takes part in the campaign."""
    if not (scope_for(user).changes_all or holds_role(user, unit.pk, WRITER_ROLES)):
        return False
    return campaign.participants.filter(pk=unit.pk).exists()


def reporting_units(user, campaign):
    """The participating units the person may report activities for."""
    units = campaign.participants.filter(is_active=True).order_by("kind", "sort_order", "code")
    if scope_for(user).changes_all:
        return units
    scope = scope_for(user)
    return units.filter(pk__in=[u for u, roles in scope.roles_by_unit.items() if roles & WRITER_ROLES])


def _check_campaign(values):
    errors = {}
    if not (values.get("title") or "").strip():
        errors["title"] = _("请填写活动名称。")
    start, end = values.get("start_date"), values.get("end_date")
    if start is None:
        errors["start_date"] = _("请填写开始日期。")
    if end is None:
        errors["end_date"] = _("请填写结束日期。")
    elif start is not None and end < start:
        errors["end_date"] = _("结束日期不能早于开始日期。")
    year = values.get("year")
    if year is None or not (2000 <= year <= 2100):
        errors["year"] = _("年度应在2000到2100之间。")
    elif start is not None and start.year != year:
        errors["start_date"] = _("开始日期应在%(year)d年内。") % {"year": year}
    if errors:
        raise ValidationError(errors)


def _check_activities_fit(campaign, start, end):
    outside = campaign.activities.exclude(held_on__range=(start, end)).count()
    if outside:
        raise ValidationError(
            {"end_date": _("已有%(n)d次活动的开展日期不在新的起止日期内，请先核对。") % {"n": outside}}
        )


@transaction.atomic
def campaign_create(*, actor, participants=(), **values):
    values = {k: v for k, v in values.items() if k in CAMPAIGN_FIELDS}
    if not may_organize(actor, values.get("organizer")):
        raise PermissionDenied(_("只有安委办或组织单位可以登记宣传活动。"))
    _check_campaign(values)
    campaign = Campaign.objects.create(created_by=actor, **values)
    campaign.participants.set(participants)
    return campaign


@transaction.atomic
def campaign_update(*, actor, campaign, participants=None, **values):
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if not may_organize(actor, campaign.organizer):
        raise PermissionDenied(_("只有安委办或组织单位可以修改宣传活动。"))
    merged = {k: values.get(k, getattr(campaign, k)) for k in CAMPAIGN_FIELDS}
    if not may_organize(actor, merged["organizer"]):
        raise PermissionDenied(_("只有安委办或组织单位可以登记宣传活动。"))
    _check_campaign(merged)
    _check_activities_fit(campaign, merged["start_date"], merged["end_date"])
    if participants is not None:
        reported = set(campaign.activities.values_list("unit_id", flat=True))
        dropped = reported - {u.pk for u in participants}
        if dropped:
            raise ValidationError({"participants": _("已填报活动的单位不能从参与单位中移除。")})
    for k, v in merged.items():
        setattr(campaign, k, v)
    campaign.save()
    if participants is not None:
        campaign.participants.set(participants)
    return campaign


def _check_activity(campaign, values):
    errors = {}
    held_on = values.get("held_on")
    if held_on is None:
        errors["held_on"] = _("请填写开展日期。")
    elif not (campaign.start_date <= held_on <= campaign.end_date):
        errors["held_on"] = _("开展日期应在活动期间（%(start)s至%(end)s）内。") % {
            "start": campaign.start_date.isoformat(),
            "end": campaign.end_date.isoformat(),
        }
    if not (values.get("place") or "").strip():
        errors["place"] = _("请填写活动地点。")
    count = values.get("participant_count")
    if count is None:
        errors["participant_count"] = _("请填写参与人数。")
    elif count < 0:
        errors["participant_count"] = _("参与人数不能小于0。")
    if not (values.get("description") or "").strip():
        errors["description"] = _("请填写活动情况。")
    if errors:
        raise ValidationError(errors)


def _attach(activity, files, actor):
    evidence_attach(ActivityEvidence, files, actor=actor, activity=activity)


@transaction.atomic
def activity_create(*, actor, campaign, unit, files=(), **values):
    if unit is None:
        raise ValidationError({"unit": _("请选择开展单位。")})
    if not campaign.participants.filter(pk=unit.pk).exists():
        raise ValidationError({"unit": _("%(unit)s不是该活动的参与单位，不能填报。") % {"unit": unit.name}})
    if not may_report_activity(actor, campaign, unit):
        raise PermissionDenied(_("只有参与单位可以填报本单位的活动开展情况。"))
    values = {k: values.get(k) for k in ACTIVITY_FIELDS}
    _check_activity(campaign, values)
    activity = CampaignActivity.objects.create(campaign=campaign, unit=unit, reported_by=actor, **values)
    _attach(activity, files, actor)
    return activity


@transaction.atomic
def activity_update(*, actor, activity, files=(), **values):
    activity = (
        CampaignActivity.objects.select_for_update(of=("self",)).select_related("campaign", "unit").get(pk=activity.pk)
    )
    if not may_report_activity(actor, activity.campaign, activity.unit):
        raise PermissionDenied(_("只有参与单位可以填报本单位的活动开展情况。"))
    merged = {k: values.get(k, getattr(activity, k)) for k in ACTIVITY_FIELDS}
    _check_activity(activity.campaign, merged)
    for k, v in merged.items():
        setattr(activity, k, v)
    activity.save()
    _attach(activity, files, actor)
    return activity
