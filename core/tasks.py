from celery import shared_task


@shared_task(name="core.tasks.heartbeat", ignore_result=False)
def heartbeat():
    """A no-op the beat schedule runs, so a stuck worker or beat shows in the logs."""
    return "ok"


@shared_task(name="core.tasks.purge_idempotency_keys")
def purge_idempotency_keys():
    from core.idempotency import idempotency_keys_purge

    return idempotency_keys_purge()
