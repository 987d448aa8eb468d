"""Settings for the Celery worker processes that tests/notifications/test_workers.py starts and kills.

The in-app channel is replaced by one that can be made to stop inside its transaction, and Redis hands a
killed worker's unacknowledged message to another worker after 2 s instead of an hour.
"""

from config.settings import *  # noqa: F403

REMINDER_CHANNEL_CLASSES = {"in_app": "tests.notifications.blocking_channel.BlockingInApp"}
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": 2,
    "unacked_restore_interval": 1,
    "unacked_restore_throttle": 1,
}
