from celery import shared_task


@shared_task(name="core.tasks.heartbeat", ignore_result=False)
def heartbeat():
    """A no-op the beat schedule runs, so a stuck worker or beat shows in the logs."""
    return "ok"
