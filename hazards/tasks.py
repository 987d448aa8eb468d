from celery import shared_task
from django.utils import timezone

from hazards.escalation import escalate_overdue


@shared_task(name="hazards.tasks.escalate_overdue_hazards")
def escalate_overdue_hazards():
    """The daily sweep of overdue hazards, on the county's calendar (TIME_ZONE, Asia/Shanghai)."""
    return len(escalate_overdue(today=timezone.localdate()))
