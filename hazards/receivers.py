"""What the hazards app does when core tells it something."""

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.db.models.functions import Now
from django.dispatch import receiver
from django.utils.translation import gettext as _

from core.signals import enterprise_merge_check, enterprise_merging


@receiver(enterprise_merge_check)
def refuse_merge_while_verifying(sender, keep, duplicates, **kwargs):
    """A duplicate with a hazard 待验收 is in the middle of a decision: finish the acceptance first."""
    from hazards.choices import HazardStatus
    from hazards.models import Hazard

    busy = (
        Hazard.objects.filter(enterprise__in=duplicates, status=HazardStatus.VERIFYING)
        .order_by("enterprise__name")
        .values_list("enterprise__name", flat=True)
        .distinct()
    )
    if busy:
        raise ValidationError(_("%(names)s 有隐患正在验收中，请办结后再合并。") % {"names": "、".join(busy)})


@receiver(enterprise_merging)
def move_hazard_records(sender, keep, duplicate, **kwargs):
    """一企多牌 merged: the duplicate's hazards, checks and checklist duties now belong to the kept record."""
    from hazards.models import EnterpriseChecklist, Hazard, SelfInspection

    same_period = Q(pk__in=[])
    for checklist_id, period in SelfInspection.objects.filter(enterprise=keep).values_list(
        "checklist_id", "period_start"
    ):
        same_period |= Q(checklist_id=checklist_id, period_start=period)
    if SelfInspection.objects.filter(enterprise=duplicate).filter(same_period).exists():
        raise ValidationError(_("两个单位在同一周期都有日周月排查记录，不能自动合并，请先核对排查记录。"))
    moved = {
        # updated_at moves too: the hazard's enterprise changed for a client syncing with ?updated_after=
        "hazards.Hazard": Hazard.objects.filter(enterprise=duplicate).update(enterprise=keep, updated_at=Now()),
        "hazards.SelfInspection": SelfInspection.objects.filter(enterprise=duplicate).update(enterprise=keep),
    }
    kept_duties = EnterpriseChecklist.objects.filter(enterprise=keep).values("checklist")
    EnterpriseChecklist.objects.filter(enterprise=duplicate, checklist__in=kept_duties).delete()
    moved["hazards.EnterpriseChecklist"] = EnterpriseChecklist.objects.filter(enterprise=duplicate).update(
        enterprise=keep
    )
    return moved
