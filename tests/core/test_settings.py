"""Settings are read strictly: a bad value stops the start with a message naming the variable."""

import datetime
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from config import env

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("reader", "name", "value", "message"),
    [
        (lambda: env.env_bool("DEBUG"), "DEBUG", "maybe", "DEBUG='maybe' is not a boolean"),
        (lambda: env.env_list("ALLOWED_HOSTS"), "ALLOWED_HOSTS", "a,,b", "ALLOWED_HOSTS='a,,b' has an empty entry"),
        (
            lambda: env.env_url("DATABASE_URL", {"postgres"}),
            "DATABASE_URL",
            "mysql://x/y",
            "DATABASE_URL must be a URL with scheme postgres",
        ),
        (
            lambda: env.env_timezone("TIME_ZONE", "Asia/Shanghai"),
            "TIME_ZONE",
            "Mars/Olympus",
            "TIME_ZONE='Mars/Olympus' is not a known time zone",
        ),
        (
            lambda: env.env_choice("LANGUAGE_CODE", "zh-hans", ["zh-hans", "en"]),
            "LANGUAGE_CODE",
            "fr",
            "LANGUAGE_CODE='fr' must be one of",
        ),
        (
            lambda: env.env_int_list("HAZARD_SCORE_WEIGHTS", (2, 1, -2, -1), count=4, minimum=-100, maximum=100),
            "HAZARD_SCORE_WEIGHTS",
            "2,1,-2",
            "HAZARD_SCORE_WEIGHTS='2,1,-2' must be 4 whole numbers separated by commas",
        ),
        (
            lambda: env.env_int_list("HAZARD_SCORE_WEIGHTS", (2, 1, -2, -1), count=4, minimum=-100, maximum=100),
            "HAZARD_SCORE_WEIGHTS",
            "2,1,-2,x",
            "HAZARD_SCORE_WEIGHTS='2,1,-2,x' must be 4 whole numbers separated by commas",
        ),
        (
            lambda: env.env_int_list("HAZARD_SCORE_WEIGHTS", (2, 1, -2, -1), count=4, minimum=-100, maximum=100),
            "HAZARD_SCORE_WEIGHTS",
            "2,1,-2,-500",
            "HAZARD_SCORE_WEIGHTS='2,1,-2,-500': each number must be between -100 and 100",
        ),
    ],
)
def test_a_bad_value_names_the_variable(monkeypatch, reader, name, value, message):
    monkeypatch.setenv(name, value)
    with pytest.raises(ImproperlyConfigured, match=message.replace("(", r"\(").replace("[", r"\[")):
        reader()


def test_a_value_can_come_from_a_file(monkeypatch, tmp_path):
    secret = tmp_path / "key"
    secret.write_text("from-a-file\n")
    monkeypatch.setenv("SECRET_KEY_FILE", str(secret))
    assert env.env_str("SECRET_KEY") == "from-a-file"


def test_booleans_accept_the_usual_spellings(monkeypatch):
    for value, expected in [("1", True), ("Yes", True), ("on", True), ("0", False), ("false", False)]:
        monkeypatch.setenv("DEBUG", value)
        assert env.env_bool("DEBUG") is expected


def test_the_portal_refuses_to_start_with_a_bad_setting():
    environment = {**os.environ, "DEBUG": "sometimes"}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=60
    )
    assert result.returncode != 0
    assert "DEBUG='sometimes' is not a boolean" in result.stderr


def test_production_without_a_secret_key_refuses_to_start():
    environment = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "SECRET_KEY_FILE")}
    environment["DEBUG"] = "false"
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=60
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_the_defaults_are_chinese_and_shanghai():
    assert settings.TIME_ZONE == "Asia/Shanghai"
    assert settings.LANGUAGE_CODE == "zh-hans"
    assert settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"


def test_celery_is_configured_for_safe_redelivery():
    from config.celery import app

    assert app.conf.task_acks_late is True
    assert app.conf.task_reject_on_worker_lost is True
    assert app.conf.timezone == "Asia/Shanghai"
    assert app.conf.broker_url.startswith("redis")
    for name, entry in app.conf.beat_schedule.items():
        assert entry["options"]["expires"] < shortest_interval(entry["schedule"]), name


def shortest_interval(schedule):
    """Seconds between two runs of a beat entry: a number, a celery `schedule`, or the closest two firings of a
    crontab over eight days (a crontab firing less often than that counts as eight days)."""
    from celery.schedules import crontab
    from celery.schedules import schedule as every

    if isinstance(schedule, int | float):
        return schedule
    if isinstance(schedule, every) and not isinstance(schedule, crontab):
        return schedule.run_every.total_seconds()
    start = datetime.datetime(2024, 1, 1)
    window = 8 * 24 * 60
    fires = [minute for minute in range(window) if crontab_fires(schedule, start + datetime.timedelta(minutes=minute))]
    gaps = [b - a for a, b in zip(fires, fires[1:], strict=False)] or [window]
    return min(gaps) * 60


def crontab_fires(schedule, moment):
    return (
        moment.minute in schedule.minute
        and moment.hour in schedule.hour
        and moment.isoweekday() % 7 in schedule.day_of_week
        and moment.day in schedule.day_of_month
        and moment.month in schedule.month_of_year
    )


def test_the_beat_check_knows_how_often_a_crontab_runs():
    from celery.schedules import crontab

    assert shortest_interval(crontab(hour=7, minute=30)) == 24 * 3600
    assert shortest_interval(crontab(minute="*/15")) == 15 * 60
    assert shortest_interval(crontab(hour="8,17", minute=0)) == 9 * 3600
    assert shortest_interval(crontab(day_of_month=1, hour=0, minute=0)) == 8 * 24 * 3600
    assert shortest_interval(300.0) == 300.0


def test_score_weights_are_read_from_the_environment(monkeypatch):
    monkeypatch.setenv("HAZARD_SCORE_WEIGHTS", " 3, 1 ,-4,-1")
    assert env.env_int_list("HAZARD_SCORE_WEIGHTS", (2, 1, -2, -1), count=4) == [3, 1, -4, -1]
    monkeypatch.delenv("HAZARD_SCORE_WEIGHTS")
    assert env.env_int_list("HAZARD_SCORE_WEIGHTS", (2, 1, -2, -1), count=4) == [2, 1, -2, -1]
    assert settings.HAZARD_SCORE_WEIGHTS == {"self": 2, "on_time": 1, "overdue": -2, "by_others": -1}
