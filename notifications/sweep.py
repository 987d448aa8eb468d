"""The reminder sweep: select what is due today under each rule, insert one ledger row per (deadline, step,
recipient, channel) — for a group robot, per endpoint instead of per person — with conflict-ignore, and send
only the rows this run inserted (after commit).

Running it twice, or from two beats at once, inserts nothing the second time: the unique constraint decides.
"""

from datetime import timedelta

from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from psycopg2.extras import execute_values

from notifications.choices import ROBOT_CHANNELS, DeliveryStatus
from notifications.models import Reminder, ReminderRule, SweepDay
from notifications.preferences import ModeBook
from notifications.recipients import RecipientIndex
from notifications.registry import SOURCES
from notifications.robot_targets import RobotTargets

COLUMNS = [
    "source",
    "object_id",
    "deadline",
    "rule_id",
    "offset",
    "recipient_id",
    "channel",
    "title",
    "body",
    "url",
    "status",
    "attempts",
    "last_error",
    "created_at",
    "endpoint_id",
]


def _unit_id(obj, path):
    target = obj
    *steps, last = path.split("__")
    for step in steps:
        target = getattr(target, step)
        if target is None:
            return None
    return getattr(target, f"{last}_id")


def _message(source, obj, offset, deadline):
    """`offset`: days from the deadline to the day the person reads it (today, also in a catch-up run)."""
    if offset < 0:
        when = _("还有%(n)d天到期（%(d)s）") % {"n": -offset, "d": deadline}
    elif offset == 0:
        when = _("今天到期（%(d)s）") % {"d": deadline}
    else:
        when = _("已逾期%(n)d天（期限%(d)s）") % {"n": offset, "d": deadline}
    return f"【{source.label}】{source.describe(obj)}"[:200], when


def _rows_for_rule(rule, source, today, written_on):
    deadlines = {today - timedelta(days=offset): offset for offset in rule.offsets}
    objects = list(source.open_objects().filter(**{f"{source.deadline_field}__in": list(deadlines)}))
    units = [{group: _unit_id(obj, path) for group, path in source.units.items()} for obj in objects]
    unit_ids = {u for record in units for u in record.values() if u}
    index = RecipientIndex(unit_ids)
    personal = [c for c in rule.channels if c not in ROBOT_CHANNELS]
    robot_kinds = [c for c in rule.channels if c in ROBOT_CHANNELS]
    robots = RobotTargets(robot_kinds, unit_ids) if robot_kinds else None
    now = timezone.now()
    for obj, record_units in zip(objects, units, strict=True):
        deadline = getattr(obj, source.deadline_field)
        offset = deadlines[deadline]
        title, body = _message(source, obj, (written_on - deadline).days, deadline)
        step = (source.key, obj.pk, deadline, rule.pk, offset)
        message = (title, body, source.url(obj), "pending", 0, "", now)
        people = set().union(*(index.users(group, record_units) for group in rule.recipients))
        for user_id in sorted(people):
            for channel in personal:
                yield (*step, user_id, channel, *message, None)
        # A group robot gets one row per endpoint, not one per member of the group (see notifications.webhooks).
        for endpoint_id, channel in robots.targets(rule.recipients, record_units) if robots else ():
            yield (*step, None, channel, *message, endpoint_id)


# A broker outage longer than this loses the reminders of its first days: a week-old "due today" helps nobody.
CATCH_UP_DAYS = 7

STATUS, RECIPIENT, CHANNEL = COLUMNS.index("status"), COLUMNS.index("recipient_id"), COLUMNS.index("channel")


def _route(rows):
    """Rows whose recipient takes that channel as a daily digest wait for it ("digest") instead of going out one by
    one; the modes of all the rows' recipients are read in one query."""
    book = ModeBook({row[RECIPIENT] for row in rows})
    waiting = DeliveryStatus.DIGEST.value
    return [
        (*row[:STATUS], waiting, *row[STATUS + 1 :]) if book.wants_digest(row[RECIPIENT], row[CHANNEL]) else row
        for row in rows
    ]


def insert_rows(rows):
    """INSERT … ON CONFLICT DO NOTHING RETURNING id: the ids of the rows this call created, nothing else.
    Rows left for a digest are among them; `enqueue` does not queue those."""
    if not rows:
        return []
    rows = _route(rows)
    columns = ", ".join(f'"{c}"' for c in COLUMNS)  # quoted: "offset" is a reserved word
    sql = (
        f"INSERT INTO {Reminder._meta.db_table} ({columns}) VALUES %s "
        "ON CONFLICT ON CONSTRAINT reminder_once DO NOTHING RETURNING id"
    )
    with connection.cursor() as cursor:
        return [row[0] for row in execute_values(cursor, sql, rows, page_size=1000, fetch=True)]


def reminder_sweep_due(*, today=None, written_on=None):
    """Run every active rule once for `today` and record the day swept; returns the ids of the reminders created
    (and queued). `written_on` (default `today`): the day the messages count their days from — later than
    `today` when a missed day is caught up."""
    from notifications.tasks import enqueue

    today = today or timezone.localdate()
    rows = []
    with transaction.atomic():
        for rule in ReminderRule.objects.filter(is_active=True).order_by("pk"):
            source = SOURCES.get(rule.source)
            if source is not None:
                rows += _rows_for_rule(rule, source, today, written_on or today)
        created = insert_rows(rows)  # one insert, so the recipients' modes are read once per sweep
        SweepDay.objects.update_or_create(day=today)
        transaction.on_commit(lambda: enqueue(created))
    return created


def reminder_sweep_catch_up(*, today=None):
    """What the beat runs (hourly in office hours): the days since the last one swept that were missed — at most
    CATCH_UP_DAYS back — and then today. Today again, later in the day, creates only what is new (a deadline set
    this morning); a day swept before creates nothing twice (the ledger's unique constraint)."""
    today = today or timezone.localdate()
    last = SweepDay.objects.filter(day__lt=today).aggregate(last=Max("day"))["last"]
    first = today if last is None else max(last + timedelta(days=1), today - timedelta(days=CATCH_UP_DAYS))
    created = []
    for n in range((today - first).days + 1):
        created += reminder_sweep_due(today=first + timedelta(days=n), written_on=today)
    return created
