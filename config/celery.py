"""The Celery app, configured from Django settings (CELERY_* names)."""

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# The beat schedule lives in code. Each entry's `expires` is shorter than its interval, so a backlog
# after an outage never runs the same sweep twice.
app.conf.beat_schedule = {
    "heartbeat": {"task": "core.tasks.heartbeat", "schedule": 300.0, "options": {"expires": 240}},
    # First before office hours, on the county's clock (CELERY_TIMEZONE); then hourly: celery beat advances an
    # entry even when publishing fails, so a run fired during a broker outage is lost. The sweep adds every step
    # reached by today once (hazards.escalation), so the later runs add only what a missed run left.
    "escalate-overdue-hazards": {
        "task": "hazards.tasks.escalate_overdue_hazards",
        "schedule": crontab(hour="7-20", minute=30),
        "options": {"expires": 3000},
    },
    # After the escalation sweep, so its steps and the day's reminders go out together; then every hour of the
    # working day, each run catching up the days a broker outage made it miss (notifications.sweep).
    "reminder-sweep": {
        "task": "notifications.sweep_reminders",
        "schedule": crontab(hour="8-20", minute=0),
        "options": {"expires": 3000},
    },
    # After the sweep: each person's reminders waiting for a digest, one message per channel and day.
    "daily-digest": {
        "task": "notifications.send_daily_digests",
        "schedule": crontab(hour=8, minute=30),
        "options": {"expires": 12 * 3600},
    },
    # Monday morning: the week's counts for department heads, county leaders and the county office.
    "weekly-digest": {
        "task": "notifications.send_weekly_digests",
        "schedule": crontab(hour=8, minute=45, day_of_week=1),
        "options": {"expires": 12 * 3600},
    },
    "reminder-requeue-stuck": {
        "task": "notifications.requeue_stuck",
        "schedule": 600.0,
        "options": {"expires": 540},
    },
    # 预警叫应: every minute, chase the townships past their time to acknowledge a warning (red: 30 minutes).
    "chase-unacknowledged-warnings": {
        "task": "disasters.tasks.chase_unacknowledged_warnings",
        "schedule": 60.0,
        "options": {"expires": 50},
    },
    # 监测站点: every five minutes, mark offline the stations silent past STATION_OFFLINE_MINUTES.
    "mark-stations-offline": {
        "task": "disasters.tasks.mark_stations_offline",
        "schedule": 300.0,
        "options": {"expires": 240},
    },
    # Nightly: forget the idempotency keys older than IDEMPOTENCY_KEY_DAYS (core.idempotency).
    "purge-idempotency-keys": {
        "task": "core.tasks.purge_idempotency_keys",
        "schedule": crontab(hour=3, minute=10),
        "options": {"expires": 12 * 3600},
    },
    # Outgoing webhooks: every minute, send again the deliveries whose retry is due (integrations.sending).
    "webhook-sweep": {
        "task": "integrations.sweep_webhooks",
        "schedule": 60.0,
        "options": {"expires": 50},
    },
}
