from celery import shared_task

from disasters.warning_services import warning_chase_due


@shared_task(name="disasters.tasks.chase_unacknowledged_warnings")
def chase_unacknowledged_warnings():
    """Every minute: chase the townships that have not acknowledged (叫应) a warning in time."""
    return len(warning_chase_due())


@shared_task(name="disasters.tasks.mark_stations_offline")
def mark_stations_offline():
    """Every five minutes: stations silent past STATION_OFFLINE_MINUTES go offline; their units are told."""
    from disasters.station_services import stations_mark_offline

    return len(stations_mark_offline())
