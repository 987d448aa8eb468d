"""Writes of a bulletin: asking for one (it is numbered and queued) and generating its files.

The generation job claims its row with a conditional UPDATE (queued or failed → running), so a second
delivery of the same task does nothing while the first runs or after it is done. The files are written
first and the row is marked done with both names in one UPDATE, only while it is still the claimed run; a
failure deletes what was written and marks the row failed for the task's retry.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from kombu.exceptions import OperationalError

from core.scoping import scope_for
from dashboards.bulletin_choices import BulletinKind, BulletinStatus
from dashboards.bulletin_document import bulletin_document
from dashboards.bulletin_figures import bulletin_figures
from dashboards.bulletin_pdf import bulletin_html, html_to_pdf
from dashboards.bulletin_periods import period_end
from dashboards.dates import first_plan_day
from dashboards.models import Bulletin, BulletinNumber
from dashboards.models.bulletins import bulletin_upload_path

log = logging.getLogger(__name__)

# A run that has not finished in this long is taken to have died with its worker and may be claimed again.
STALE_RUN = timedelta(minutes=30)


def bulletin_request(*, actor, kind, period_start, unit=None, today=None):
    """Number and queue a bulletin of `kind` for the period starting `period_start`; the job starts after
    the commit. `unit` None is the county, for those who see the whole county."""
    today = today or timezone.localdate()
    _check_request(actor=actor, kind=kind, period_start=period_start, unit=unit, today=today)
    with transaction.atomic():
        year = today.year
        bulletin = Bulletin.objects.create(
            kind=kind,
            period_start=period_start,
            unit=unit,
            number_year=year,
            number=BulletinNumber.take(year),
            requested_by=actor,
        )
        transaction.on_commit(lambda: _enqueue(bulletin.pk))
    return bulletin


def bulletin_retry(*, actor, bulletin):
    """Queue a failed bulletin again (the page's 重新生成)."""
    updated = Bulletin.objects.filter(pk=bulletin.pk, status=BulletinStatus.FAILED).update(
        status=BulletinStatus.QUEUED, progress=0, attempts=0, error=""
    )
    if updated:
        transaction.on_commit(lambda: _enqueue(bulletin.pk))
    return bool(updated)


def _check_request(*, actor, kind, period_start, unit, today):
    if kind not in BulletinKind.values:
        raise ValidationError(_("请选择月度通报或季度通报。"))
    if unit is None and not scope_for(actor).sees_all:
        raise PermissionDenied(_("全县通报只能由县级账号生成，请选择本单位。"))
    if unit is not None and not scope_for(actor).sees_unit(unit.pk):
        raise PermissionDenied(_("不能为权限范围以外的单位生成通报。"))
    if period_start > today:
        raise ValidationError(_("该期间尚未开始，不能生成通报。"))
    first = first_plan_day()
    if first is not None and period_end(kind, period_start) < first:
        raise ValidationError(_("该期间早于平台中最早的工作要点（%(y)d年），没有数据。") % {"y": first.year})


def _enqueue(pk):
    """Hand the bulletin to a worker. Fire and forget (the page reads the bulletin's row, not a task result); with
    the broker down the bulletin is marked failed with the reason, and its page offers 重新生成."""
    from dashboards.tasks import generate_bulletin

    try:
        generate_bulletin.apply_async((pk,), queue=settings.BULLETIN_QUEUE, ignore_result=True)
    except OperationalError:
        log.warning("broker unavailable; bulletin %s marked failed", pk)
        Bulletin.objects.filter(pk=pk, status=BulletinStatus.QUEUED).update(
            status=BulletinStatus.FAILED,
            error=_("后台任务服务暂时不可用，请稍后点击“重新生成”。"),
            finished_at=timezone.now(),
        )


def bulletin_claim(*, bulletin, now=None, takeover=False):
    """True when this run took the bulletin (it was queued, failed, or its run went stale). `takeover`: the run
    holding it is known to be dead (its worker died and the broker handed the task on), stale or not."""
    now = now or timezone.now()
    running = (
        Q(status=BulletinStatus.RUNNING)
        if takeover
        else Q(status=BulletinStatus.RUNNING, started_at__lt=now - STALE_RUN)
    )
    claimable = Q(status__in=[BulletinStatus.QUEUED, BulletinStatus.FAILED]) | running
    claimed = Bulletin.objects.filter(claimable, pk=bulletin.pk).update(
        status=BulletinStatus.RUNNING, progress=0, attempts=F("attempts") + 1, started_at=now, error=""
    )
    return bool(claimed)


def _progress(bulletin, started_at, percent):
    # Only the claimed run moves the bar: a stale run taken over by another stops counting here.
    Bulletin.objects.filter(pk=bulletin.pk, status=BulletinStatus.RUNNING, started_at=started_at).update(
        progress=percent
    )


def bulletin_generate(*, bulletin, today=None, takeover=False):
    """Build the .docx and the PDF from the cockpit's figures; returns False when another run has it."""
    if not bulletin_claim(bulletin=bulletin, takeover=takeover):
        return False
    bulletin.refresh_from_db()
    started_at = bulletin.started_at
    written = []
    try:
        figures = bulletin_figures(
            bulletin=bulletin,
            today=today,
            progress=lambda done, total: _progress(bulletin, started_at, 10 + 50 * done // total),
        )
        doc = bulletin_document(bulletin=bulletin, figures=figures)
        docx_name = _save(bulletin, "docx", doc.to_bytes(), written)
        _progress(bulletin, started_at, 70)
        pdf_name = _save(bulletin, "pdf", html_to_pdf(bulletin_html(doc=doc, title=bulletin.title)), written)
        _progress(bulletin, started_at, 95)
        finished = Bulletin.objects.filter(pk=bulletin.pk, status=BulletinStatus.RUNNING, started_at=started_at)
        if not finished.update(
            status=BulletinStatus.DONE, progress=100, docx=docx_name, pdf=pdf_name, finished_at=timezone.now()
        ):
            raise RuntimeError("the run was taken over by another")
    except Exception as exc:
        _discard(written)
        Bulletin.objects.filter(pk=bulletin.pk, status=BulletinStatus.RUNNING, started_at=started_at).update(
            status=BulletinStatus.FAILED, error=str(exc)[:2000], finished_at=timezone.now()
        )
        log.exception("bulletin %s failed", bulletin.pk)
        raise
    return True


def _save(bulletin, extension, data, written):
    name = default_storage.save(bulletin_upload_path(bulletin, f"bulletin.{extension}"), ContentFile(data))
    written.append(name)
    return name


def _discard(names):
    for name in names:
        try:
            default_storage.delete(name)
        except OSError:
            log.warning("could not delete %s", name)
