"""Enterprises merged (一企多牌整合): their boards move to the kept enterprise."""

from django.dispatch import receiver
from django.utils import timezone

from core.signals import enterprise_merging


@receiver(enterprise_merging)
def move_board_records(sender, keep, duplicate, **kwargs):
    """Persons, risks and the public board move; where both had a current person for a role, the kept
    enterprise's stays current and the duplicate's is closed (one current person per role), its row kept."""
    from responsibilities.models import EnterpriseBoard, MajorRisk, ResponsiblePerson

    taken = set(ResponsiblePerson.objects.filter(enterprise=keep, until__isnull=True).values_list("role", flat=True))
    today = timezone.localdate()
    for person in ResponsiblePerson.objects.filter(enterprise=duplicate, until__isnull=True, role__in=taken):
        person.until = max(today, person.since)
        person.save(update_fields=["until"])
    persons = ResponsiblePerson.objects.filter(enterprise=duplicate).update(enterprise=keep)
    risks = MajorRisk.objects.filter(enterprise=duplicate).update(enterprise=keep)
    if EnterpriseBoard.objects.filter(enterprise=keep).exists():
        EnterpriseBoard.objects.filter(enterprise=duplicate).delete()  # its printed QR codes no longer open
    else:
        EnterpriseBoard.objects.filter(enterprise=duplicate).update(enterprise=keep)
    return {"responsibilities.ResponsiblePerson": persons, "responsibilities.MajorRisk": risks}
