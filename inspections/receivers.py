"""What the inspections app does when core tells it something (一企多牌 merge)."""

from django.core.exceptions import ValidationError
from django.dispatch import receiver
from django.utils.translation import gettext as _

from core.signals import enterprise_merge_check, enterprise_merging


@receiver(enterprise_merge_check)
def refuse_merge_while_rechecking(sender, keep, duplicates, **kwargs):
    """A duplicate with an inspection 已复查 but not yet 已闭环 is mid-way through its loop: close it first."""
    from inspections.choices import InspectionStatus
    from inspections.models import Inspection

    busy = (
        Inspection.objects.filter(enterprise__in=duplicates, status=InspectionStatus.RECHECKED)
        .order_by("enterprise__name")
        .values_list("enterprise__name", flat=True)
        .distinct()
    )
    if busy:
        raise ValidationError(_("%(names)s 有检查正在复查中，请办结后再合并。") % {"names": "、".join(busy)})


@receiver(enterprise_merging)
def move_inspection_records(sender, keep, duplicate, **kwargs):
    """The duplicate's inspections, penalties, plan visits and investigations now name the kept record. A plan
    listing both keeps the kept record's visit (taking the duplicate's planned day if it had none)."""
    from inspections.models import Inspection, Investigation, Penalty, PlannedVisit

    moved = {
        "inspections.Inspection": Inspection.objects.filter(enterprise=duplicate).update(enterprise=keep),
        "inspections.Penalty": Penalty.objects.filter(enterprise=duplicate).update(enterprise=keep),
    }
    kept_visits = {v.plan_id: v for v in PlannedVisit.objects.filter(enterprise=keep)}
    clashes = PlannedVisit.objects.filter(enterprise=duplicate, plan_id__in=kept_visits)
    for visit in clashes:
        kept = kept_visits[visit.plan_id]
        if kept.planned_on is None and visit.planned_on is not None:
            kept.planned_on = visit.planned_on
            kept.save(update_fields=["planned_on"])
    merged_visits = clashes.count()
    clashes.delete()
    moved["inspections.PlannedVisit"] = (
        PlannedVisit.objects.filter(enterprise=duplicate).update(enterprise=keep) + merged_visits
    )

    links = Investigation.enterprises.through.objects
    already = links.filter(enterprise=keep).values("investigation")
    merged_links = links.filter(enterprise=duplicate, investigation__in=already)
    both = merged_links.count()
    merged_links.delete()
    moved["inspections.Investigation"] = links.filter(enterprise=duplicate).update(enterprise=keep) + both
    return moved
