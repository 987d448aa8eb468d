from celery import shared_task

from dashboards.bulletin_choices import BULLETIN_MAX_ATTEMPTS


@shared_task(
    bind=True,
    name="dashboards.generate_bulletin",
    autoretry_for=(Exception,),
    retry_backoff=10,
    retry_backoff_max=300,
    max_retries=BULLETIN_MAX_ATTEMPTS - 1,
)
def generate_bulletin(self, bulletin_id):
    """Generate a bulletin's files (dashboards.bulletin_services.bulletin_generate); a failure is retried. A
    redelivered message means the worker that had it died mid-run (tasks are acknowledged late), so this run takes
    the bulletin over at once instead of waiting for the run to go stale."""
    from dashboards.bulletin_services import bulletin_generate
    from dashboards.models import Bulletin

    bulletin = Bulletin.objects.filter(pk=bulletin_id).first()
    if bulletin is None:
        return False
    takeover = bool((self.request.delivery_info or {}).get("redelivered"))
    return bulletin_generate(bulletin=bulletin, takeover=takeover)
