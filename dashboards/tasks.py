from celery import shared_task

from dashboards.bulletin_choices import BULLETIN_MAX_ATTEMPTS


@shared_task(
    name="dashboards.generate_bulletin",
    autoretry_for=(Exception,),
    retry_backoff=10,
    retry_backoff_max=300,
    max_retries=BULLETIN_MAX_ATTEMPTS - 1,
)
def generate_bulletin(bulletin_id):
    """Generate a bulletin's files (dashboards.bulletin_services.bulletin_generate); a failure is retried."""
    from dashboards.bulletin_services import bulletin_generate
    from dashboards.models import Bulletin

    bulletin = Bulletin.objects.filter(pk=bulletin_id).first()
    if bulletin is None:
        return False
    return bulletin_generate(bulletin=bulletin)
