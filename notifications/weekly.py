"""The weekly digest for department heads, county leaders and the county office: counts over what each may see,
from the summaries the apps register (notifications.registry.register_summary). One in-app message per person
and ISO week, and an e-mail for those who have an address and take e-mail as a digest; the digest ledger's
unique (kind, recipient, channel, Monday) makes a second run that week send nothing."""

from datetime import timedelta

from django.db import connection, transaction
from django.utils.translation import gettext as _
from psycopg2.extras import execute_values

from core.choices import Role
from core.models import User
from notifications.choices import Channel, DeliveryStatus, DigestKind
from notifications.digests import deliver_in_app_now
from notifications.models import Digest
from notifications.preferences import ModeBook
from notifications.registry import SUMMARIES

WEEKLY_ROLES = [Role.DEPT_HEAD, Role.COUNTY_LEADER, Role.COUNTY_ADMIN]


def weekly_recipients():
    return list(User.objects.filter(is_active=True, memberships__role__in=WEEKLY_ROLES).distinct().order_by("pk"))


def digest_weekly_run(*, today):
    """Send the week's summary to everyone who has not had it this ISO week; returns the digests created."""
    from notifications.tasks import enqueue_digests

    monday = today - timedelta(days=today.weekday())
    people = {person.pk: person for person in weekly_recipients()}
    book = ModeBook(people)
    wanted = [(pk, Channel.IN_APP) for pk in people] + [
        (pk, Channel.EMAIL) for pk, person in people.items() if person.email and book.wants_digest(pk, Channel.EMAIL)
    ]
    with transaction.atomic():
        created = _insert_weekly(monday, wanted)
        messages = {pk: weekly_message(user=people[pk], week_start=monday, today=today) for _id, pk, _ch in created}
        digests = [
            Digest(pk=pk, kind=DigestKind.WEEKLY, recipient_id=user_id, channel=channel, period=monday)
            for pk, user_id, channel in created
        ]
        for digest in digests:
            digest.title, digest.body = messages[digest.recipient_id]
        if digests:
            Digest.objects.bulk_update(digests, ["title", "body"])
        deliver_in_app_now(digests)
        external = [d.pk for d in digests if d.channel != Channel.IN_APP]
        transaction.on_commit(lambda: enqueue_digests(external))
    return [d.pk for d in digests]


def _insert_weekly(monday, wanted):
    if not wanted:
        return []
    sql = (
        f"INSERT INTO {Digest._meta.db_table} (kind, recipient_id, channel, period, title, body, url, status, "
        "attempts, last_error, created_at) VALUES %s "
        "ON CONFLICT ON CONSTRAINT digest_once DO NOTHING RETURNING id, recipient_id, channel"
    )
    rows = [
        (DigestKind.WEEKLY.value, user_id, str(channel), monday, "", "", "", DeliveryStatus.PENDING.value, 0, "")
        for user_id, channel in wanted
    ]
    with connection.cursor() as cursor:
        return execute_values(cursor, sql, rows, template="(%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, now())", fetch=True)


def weekly_message(*, user, week_start, today):
    """Title and body: one line per count the registered summaries give for this person."""
    lines = [
        _("%(label)s：%(n)d项") % {"label": label, "n": number}
        for summary in SUMMARIES.values()
        for label, number in summary.counts(user=user, week_start=week_start, today=today)
    ]
    week_end = week_start + timedelta(days=6)
    title = _("【每周汇总】%(start)s至%(end)s") % {"start": week_start.isoformat(), "end": week_end.isoformat()}
    return title, "\n".join(lines) or _("本周没有需要关注的事项。")
