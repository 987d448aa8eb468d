from celery import shared_task

from disasters.warning_services import warning_chase_due


@shared_task(name="disasters.tasks.chase_unacknowledged_warnings")
def chase_unacknowledged_warnings():
    """Every minute: chase the townships that have not acknowledged (叫应) a warning in time."""
    return len(warning_chase_due())
