"""Digests: a person's waiting reminders of one channel in one message a day.

A digest is a row of the digest ledger, unique per (kind, recipient, channel, period) and inserted with
conflict-ignore, so a second run or a second beat creates none and sends nothing. The run attaches to each digest
it created the person's reminders of that channel not yet attached to one (a conditional UPDATE, so no reminder
lands in two digests), and builds the message from what it attached. In-app digests are written, and they and
their reminders marked sent, in the run's own transaction (exactly once); other channels are claimed and sent by
send_digest like a reminder (at least once: an external service cannot be rolled back), and the reminders are
marked in the same transaction as their digest.
"""

import logging
from datetime import timedelta

from django.db import connection, transaction
from django.db.models import Exists, F, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from notifications.channels import ChannelError, Skip, channel_for
from notifications.choices import Channel, DigestKind
from notifications.choices import DeliveryStatus as S
from notifications.models import Digest, Notification, Reminder
from notifications.sending import LEASE, MAX_ATTEMPTS

log = logging.getLogger(__name__)

HEADINGS = {"today": gettext_noop("今日到期"), "soon": gettext_noop("即将到期"), "overdue": gettext_noop("已逾期")}
LINES_PER_HEADING = 30  # a chat robot's message has a size limit; the rest is counted, not listed
FINAL = {S.SENT, S.SKIPPED, S.FAILED}


def digest_daily_run(*, today):
    """Send every person's waiting reminders of each channel as one message for `today`; returns the digests
    created (none on a second run the same day)."""
    from notifications.tasks import enqueue_digests

    with transaction.atomic():
        _skip_orphans()
        created = _insert_daily(today)
        if not created:
            return []
        _attach([pk for pk, _user, _channel in created])
        digests = _build_daily(created, today)
        deliver_in_app_now(digests)
        external = [d.pk for d in digests if d.channel != Channel.IN_APP]
        transaction.on_commit(lambda: enqueue_digests(external))
    return [d.pk for d in digests]


def _skip_orphans():
    """Reminders whose recipient was deleted while they waited: no digest will ever take them."""
    Reminder.objects.filter(status=S.DIGEST, recipient__isnull=True).update(
        status=S.SKIPPED, last_error=_("接收人已不存在")
    )


def _insert_daily(today):
    digest, reminder = Digest._meta.db_table, Reminder._meta.db_table
    sql = (
        f"INSERT INTO {digest} (kind, recipient_id, channel, period, title, body, url, status, attempts, "
        "last_error, created_at) "
        f"SELECT DISTINCT %s, recipient_id, channel, %s, '', '', '', %s, 0, '', %s FROM {reminder} "
        "WHERE status = %s AND digest_id IS NULL AND recipient_id IS NOT NULL "
        "ORDER BY recipient_id, channel "  # two runs insert in the same order: one waits for the other, no deadlock
        "ON CONFLICT ON CONSTRAINT digest_once DO NOTHING RETURNING id, recipient_id, channel"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [DigestKind.DAILY, today, S.PENDING, timezone.now(), S.DIGEST])
        return cursor.fetchall()


def _attach(digest_ids):
    mine = Digest.objects.filter(pk__in=digest_ids, recipient_id=OuterRef("recipient_id"), channel=OuterRef("channel"))
    Reminder.objects.filter(status=S.DIGEST, digest__isnull=True).filter(Exists(mine)).update(
        digest_id=Subquery(mine.values("pk")[:1])
    )


def _build_daily(created, today):
    items = {}
    rows = Reminder.objects.filter(digest_id__in=[pk for pk, _user, _channel in created])
    for row in rows.order_by("deadline", "title", "pk").only("digest_id", "title", "deadline"):
        items.setdefault(row.digest_id, []).append(row)
    digests = [
        Digest(pk=pk, kind=DigestKind.DAILY, recipient_id=user_id, channel=channel, period=today)
        for pk, user_id, channel in created
    ]
    for digest in digests:
        digest.title, digest.body = daily_message(items.get(digest.pk, []), today)
    Digest.objects.bulk_update(digests, ["title", "body"])
    empty = [d.pk for d in digests if d.pk not in items]
    if empty:  # another run attached them first (a run for another day, at midnight)
        Digest.objects.filter(pk__in=empty).update(status=S.SKIPPED, last_error=_("没有待汇总的提醒"))
    return [d for d in digests if d.pk in items]


def daily_message(rows, today):
    """Title and body: the reminders under 今日到期 / 即将到期 / 已逾期, by their deadline as of `today` (for a
    reminder made that morning this is its offset; an escalation step's offset is a step, not days)."""
    groups = {"today": [], "soon": [], "overdue": []}
    for row in rows:
        days_after = (today - row.deadline).days
        key = "today" if days_after == 0 else "soon" if days_after < 0 else "overdue"
        groups[key].append(_line(row, days_after))
    lines = []
    for key, heading in HEADINGS.items():
        if groups[key]:
            lines.append(_("%(heading)s（%(n)d项）") % {"heading": _(heading), "n": len(groups[key])})
            lines += groups[key][:LINES_PER_HEADING]
            if len(groups[key]) > LINES_PER_HEADING:
                lines.append(_("……另有%(n)d项") % {"n": len(groups[key]) - LINES_PER_HEADING})
    title = _("【每日提醒汇总】%(day)s 共%(n)d项") % {"day": today.isoformat(), "n": len(rows)}
    return title, "\n".join(lines)


def _line(row, days_after):
    if days_after < 0:
        when = _("还有%(n)d天（%(d)s）") % {"n": -days_after, "d": row.deadline}
    elif days_after == 0:
        when = _("今天到期")
    else:
        when = _("已逾期%(n)d天（期限%(d)s）") % {"n": days_after, "d": row.deadline}
    return f"· {row.title} {when}"


def deliver_in_app_now(digests):
    """The in-app digests just created, in the caller's transaction: the notifications and the marking of the
    digests and their reminders commit together, or not at all (then the next run takes the reminders)."""
    in_app = [d for d in digests if d.channel == Channel.IN_APP]
    if in_app:
        _notify(in_app)
        _close([d.pk for d in in_app], S.SENT, was=S.PENDING)


def _notify(digests):
    Notification.objects.bulk_create(
        Notification(recipient_id=d.recipient_id, digest_id=d.pk, title=d.title, body=d.body, url=d.url)
        for d in digests
    )


def _close(digest_ids, status, error="", *, was):
    """Mark digests still in status `was`, and — for a final status — the reminders they carry, together."""
    sent_at = timezone.now() if status == S.SENT else None
    with transaction.atomic():
        changed = Digest.objects.filter(pk__in=digest_ids, status=was).update(
            status=status, sent_at=sent_at, last_error=error[:2000]
        )
        if changed and status in FINAL:
            Reminder.objects.filter(digest_id__in=digest_ids, status=S.DIGEST).update(
                status=status, sent_at=sent_at, last_error=error[:2000]
            )
    return changed


def _claim(digest_id):
    now = timezone.now()
    claimable = Q(status=S.PENDING) | Q(status=S.SENDING, claimed_at__lt=now - LEASE)
    return (
        Digest.objects.filter(pk=digest_id)
        .filter(claimable)
        .update(status=S.SENDING, claimed_at=now, attempts=F("attempts") + 1)
    )


def deliver_digest(digest_id):
    """Send one digest through its channel (claimed first, like a reminder); used for e-mail, robots, SMS."""
    digest = Digest.objects.select_related("recipient").filter(pk=digest_id).first()
    if digest is None:
        return "skipped"
    channel = channel_for(digest.channel)
    reason = _("接收人已不存在") if digest.recipient is None else "" if channel else _("未配置该渠道")
    if reason:
        _close([digest_id], S.SKIPPED, reason, was=S.PENDING)
        return "skipped"
    with transaction.atomic():
        if not _claim(digest_id):
            return "already"
        if digest.channel == Channel.IN_APP:  # normally sent by the run itself; a leftover goes the same way
            _notify([digest])
            _close([digest_id], S.SENT, was=S.SENDING)
            return "sent"
    return _send_external(digest, channel)


def _send_external(digest, channel):
    try:
        channel.send(digest)
    except Skip as exc:
        log.info("digest %s not sent: %s", digest.pk, exc)
        _close([digest.pk], S.SKIPPED, str(exc), was=S.SENDING)
        return "skipped"
    except ChannelError as exc:
        final = digest.attempts + 1 >= MAX_ATTEMPTS
        _close([digest.pk], S.FAILED if final else S.PENDING, str(exc), was=S.SENDING)
        raise
    _close([digest.pk], S.SENT, was=S.SENDING)
    return "sent"


def stuck_digests(*, older_than=timedelta(minutes=15)):
    now = timezone.now()
    stuck = Q(status=S.PENDING, created_at__lt=now - older_than) | Q(status=S.SENDING, claimed_at__lt=now - LEASE)
    return list(Digest.objects.filter(stuck).values_list("pk", flat=True)[:5000])
