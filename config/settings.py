"""One settings module, read from environment variables (see README "Environment")."""

import secrets
from pathlib import Path

import dj_database_url
import pghistory
from django.utils.translation import gettext_lazy as _

from config import embedded
from config.env import (
    env_bbox,
    env_bool,
    env_choice,
    env_int,
    env_int_list,
    env_list,
    env_month_day_range,
    env_rate,
    env_str,
    env_timezone,
    env_url,
)

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = embedded.VAR_DIR

DEBUG = env_bool("DEBUG", False)


def _secret_key():
    key = env_str("SECRET_KEY")
    if key:
        return key
    if not DEBUG:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off")
    # Development only: a key kept under var/ so sessions survive a restart.
    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
    return path.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "config.admin.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "pgtrigger",
    "pghistory",
    "pghistory.admin",
    "import_export",
    "captcha",
    "axes",  # login lock-out (see "Login, sessions and security headers" below)
    "django_otp",
    "django_otp.plugins.otp_totp",
    "csp",
    "core",
    "notifications",
    "tasks",
    "responsibilities",
    "hazards",
    "disasters",
    "inspections",
    "dashboards",
    "demo",
    "integrations",  # API clients' pages and outgoing webhooks; reads across the domain apps
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "core.csp.PortalCSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.middleware.ChineseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "core.session_timeouts.SessionTimeoutMiddleware",  # after messages: it says why the session ended
    "django_otp.middleware.OTPMiddleware",
    "core.two_factor.AdminTotpRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "pghistory.middleware.HistoryMiddleware",
    "axes.middleware.AxesMiddleware",  # last: it turns a lock-out into the locked-out page
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "tasks.context_processors.review_counts",
                "notifications.context_processors.unread_notifications",
            ],
        },
    },
]

# PostgreSQL is the only database: DATABASE_URL, or the embedded server under var/.
_database_url = env_url("DATABASE_URL", {"postgres", "postgresql", "pgsql"})
if _database_url:
    DATABASES = {"default": dj_database_url.parse(_database_url, conn_max_age=60, conn_health_checks=True)}
else:
    DATABASES = {"default": embedded.postgres_settings()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env_url("REDIS_URL", {"redis", "rediss"}) or embedded.redis_url()
CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}

AUTH_USER_MODEL = "core.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = env_choice("LANGUAGE_CODE", "zh-hans", ["zh-hans", "en"])
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env_timezone("TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "staticfiles"
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG

SESSION_COOKIE_HTTPONLY = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_HTTPS_PROXY") else None
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("BEHIND_HTTPS_PROXY")

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first: an unauthenticated call then gets 401 with a WWW-Authenticate header, not 403.
        "core.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "core.api.sync.UpdatedAfterFilter",  # ?updated_after= on every list of records with updated_at
    ],
    "DEFAULT_PAGINATION_CLASS": "config.api.Pagination",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "config.api.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "垫江县安全生产与自然灾害防治工作平台 API",
    "DESCRIPTION": "County safety work-plan portal: the plan, units, enterprises and, in later versions, "
    "measures, progress, hazards, disasters and inspections.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Several models have a `status` or `kind`; name each choice set once so the schema has no guesses.
    "ENUM_NAME_OVERRIDES": {
        "HazardStatusEnum": "hazards.choices.HazardStatus",
        "HazardEventKindEnum": "hazards.choices.EventKind",
        "ReportStatusEnum": "tasks.choices.ReportStatus",
        "MeasureStatusEnum": "tasks.choices.MeasureStatus",
        "ExtensionStatusEnum": "tasks.choices.ExtensionStatus",
        "OrgUnitKindEnum": "core.choices.OrgUnitKind",
        "PublicReportStatusEnum": "hazards.choices.PublicReportStatus",
        "RewardStatusEnum": "hazards.choices.RewardStatus",
        "HazardLevelEnum": "hazards.choices.HazardLevel",
        "RiskKindEnum": "disasters.choices.RiskKind",
        "RiskZoneLevelEnum": "disasters.choices.RiskZoneLevel",
        "RiskPointStateEnum": "disasters.choices.RiskPointState",
        "PatrolKindEnum": "disasters.choices.PatrolKind",  # patrols (巡查)
        # disasters: rescue teams, emergency plans, drills
        "RescueTeamKindEnum": "disasters.readiness_choices.TeamKind",
        "EmergencyPlanLevelEnum": "disasters.readiness_choices.PlanLevel",
        "DrillKindEnum": "disasters.readiness_choices.DrillKind",
        "WarningLevelEnum": "disasters.choices_warnings.WarningLevel",
        "WarningTypeEnum": "disasters.choices_warnings.WarningType",
        # disasters: shelters and supplies
        "ShelterKindEnum": "disasters.models.shelters.ShelterKind",
        "StockMovementKindEnum": "disasters.models.supplies.MovementKind",
        # disasters: monitoring stations (监测站点)
        "StationKindEnum": "disasters.models.stations.StationKind",
        "StationStateEnum": "disasters.models.stations.StationState",
        # inspections: accident investigations (事故调查)
        "InvestigationKindEnum": "inspections.investigation_choices.InvestigationKind",
        "AccidentLevelEnum": "inspections.investigation_choices.AccidentLevel",
        "InvestigationStatusEnum": "inspections.investigation_choices.InvestigationStatus",
        # inspections: checklists, inspections and their loop
        "InspectionKindEnum": "inspections.choices.InspectionKind",
        "InspectionStatusEnum": "inspections.choices.InspectionStatus",
        "InspectionEventKindEnum": "inspections.choices.InspectionEventKind",
        "RecheckResultEnum": "inspections.choices.RecheckResult",
        "AnswerValueEnum": "inspections.choices.AnswerValue",
        # inspections: plans (the rule's lists reuse the enterprise choices)
        "SectorEnum": "core.choices.Sector",
        "ScaleEnum": "core.choices.EnterpriseScale",
        "PlanFocusEnum": "inspections.plan_choices.PlanFocus",
        "PlanSelectionEnum": "inspections.plan_choices.SelectionMethod",
        # responsibilities: duty lists (责任清单)
        "DutyListKindEnum": "responsibilities.models.duties.DutyListKind",
        "DutyReportStatusEnum": "responsibilities.models.duties.DutyReportStatus",
        # responsibilities: township capability (五有)
        "CapabilityLevelEnum": "responsibilities.capability_choices.CapabilityLevel",
        "AssetKindEnum": "responsibilities.capability_choices.AssetKind",
        "AssetConditionEnum": "responsibilities.capability_choices.AssetCondition",
        # integrations: outgoing webhooks
        "WebhookEventEnum": "integrations.choices.WebhookEvent",
        "WebhookDeliveryStatusEnum": "integrations.choices.DeliveryStatus",
        # inspections: enterprise services and safety credit (items 6 and 8)
        "PersonRoleEnum": "inspections.credit_choices.PersonRole",
        "ResponsibleRoleEnum": "responsibilities.board_choices.ResponsibleRole",
        "CreditGradeEnum": "inspections.credit_choices.CreditGrade",
        # tasks: campaigns and best-practice cases (key actions 二 and 六)
        "CampaignKindEnum": "tasks.campaign_choices.CampaignKind",
        "PracticeCaseStatusEnum": "tasks.campaign_choices.CaseStatus",
        "PracticeAwardEnum": "tasks.campaign_choices.Award",
        # disasters: relief and reconstruction (救灾救助)
        "DisasterKindEnum": "disasters.models.relief.DisasterKind",
        "ReliefKindEnum": "disasters.models.relief.ReliefKind",
        "HouseDamageEnum": "disasters.models.relief.HouseDamage",
        "ReconstructionPlanEnum": "disasters.models.relief.ReconstructionPlan",
        "ReconstructionStageEnum": "disasters.models.relief.ReconstructionStage",
    },
}

# Celery (config/celery.py reads these with the CELERY_ namespace).
CELERY_BROKER_URL = REDIS_URL
CELERY_RESULT_BACKEND = REDIS_URL
CELERY_TIMEZONE = TIME_ZONE
CELERY_ENABLE_UTC = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_EXPIRES = 3600
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A task whose worker died (acks_late: its message was never acknowledged) is handed to another worker this many
# seconds after it was taken. Longer than any task runs, or a slow task would be started twice.
# Workers look for such tasks every 10 s (kombu's default is every 100 s: one small Redis query either way).
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 3600, minimum=5, maximum=7 * 24 * 3600),
    "unacked_restore_throttle": 1,
}
# The queue each reminder's send task goes to; a worker must consume it (`-Q celery,<name>` when it is not
# "celery"). The sweeps themselves run on the default queue.
REMINDER_QUEUE = env_str("REMINDER_QUEUE", "celery")
# Channel name -> dotted path of a class that replaces the built-in one (an SMS gateway's, say); see
# notifications.channels. Empty: the built-in channels.
REMINDER_CHANNEL_CLASSES = {}


LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_choice("LOG_LEVEL", "INFO", ["DEBUG", "INFO", "WARNING", "ERROR"])},
    "loggers": {"pgserver": {"level": "WARNING"}},
}

PORTAL_NAME = _("垫江县安全生产与自然灾害防治工作平台")

# Work-plan supervision (三色督办): blue when the deadline is this many days away or fewer; yellow when the
# approved progress trails the time-proportional schedule (序时进度) by more than this many percentage points.
SUPERVISION_BLUE_DAYS = env_int("SUPERVISION_BLUE_DAYS", 7, minimum=0, maximum=90)
SCHEDULE_LAG_MARGIN = env_int("SCHEDULE_LAG_MARGIN", 10, minimum=0, maximum=100)
EVIDENCE_MAX_MB = env_int("EVIDENCE_MAX_MB", 20, minimum=1, maximum=200)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

PGHISTORY_DEFAULT_TRACKERS = (pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
PGHISTORY_ADMIN_MODEL = "pghistory.MiddlewareEvents"

# Hazards (隐患): the escalation ladder for an overdue hazard — 整改通知 the day after the deadline, then a
# 督办函 from the county office and a 通报 this many days after the deadline.
HAZARD_LETTER_DAYS = env_int("HAZARD_LETTER_DAYS", 7, minimum=1, maximum=365)
HAZARD_BULLETIN_DAYS = env_int("HAZARD_BULLETIN_DAYS", 30, minimum=1, maximum=365)

# 群众举报 (public hazard reports, no login). Submissions (the page and the API together) and receipt look-ups
# are limited per client address, counted in the default cache (Redis). The client address is REMOTE_ADDR;
# behind a reverse proxy set TRUST_X_FORWARDED_FOR so the last X-Forwarded-For entry (the one the proxy
# added) is used instead — only when every request passes through that proxy, as the header is otherwise forged.
PUBLIC_REPORT_RATE = env_rate("PUBLIC_REPORT_RATE", "5/h")
PUBLIC_REPORT_CHECK_RATE = env_rate("PUBLIC_REPORT_CHECK_RATE", "30/h")
TRUST_X_FORWARDED_FOR = env_bool("TRUST_X_FORWARDED_FOR", False)
PUBLIC_REPORT_MAX_PHOTOS = 5
RATELIMIT_USE_CACHE = "default"
RATELIMIT_CACHE_PREFIX = "rl:"

# The captcha of the public report page, drawn by the server with Pillow and the font bundled with
# django-simple-captcha: nothing is fetched from elsewhere, and there is no audio variant (it needs flite).
CAPTCHA_CHALLENGE_FUNCT = "hazards.public_guard.captcha_challenge"
CAPTCHA_LENGTH = 4
CAPTCHA_TIMEOUT = 10  # minutes to answer
CAPTCHA_FLITE_PATH = None


# 日周月排查: a problem found in an enterprise's own check opens a 自查自报 hazard due this many days after the check.
SELF_INSPECTION_FINDING_DAYS = env_int("SELF_INSPECTION_FINDING_DAYS", 15, minimum=1, maximum=365)


# 评价细则 of the problem list: the points a unit gets per hazard found by itself (自查自报), closed on time,
# overdue, and found by others, in that order; "自查自报自改不处、不查不报不改重处".
HAZARD_SCORE_WEIGHTS = dict(
    zip(
        ("self", "on_time", "overdue", "by_others"),
        env_int_list("HAZARD_SCORE_WEIGHTS", (2, 1, -2, -1), count=4, minimum=-100, maximum=100),
        strict=True,
    )
)

# A pending extension request should be decided within this many days of being made (reminders to the lead unit).
EXTENSION_DECISION_DAYS = env_int("EXTENSION_DECISION_DAYS", 3, minimum=1, maximum=60)

# Reminders (notifications/). PORTAL_BASE_URL makes the links in e-mails and group-robot messages clickable
# outside the portal; unset, they carry no link. Robot webhooks wait this many seconds for an answer.
PORTAL_BASE_URL = env_url("PORTAL_BASE_URL", {"http", "https"}) or ""
REMINDER_WEBHOOK_TIMEOUT = env_int("REMINDER_WEBHOOK_TIMEOUT", 5, minimum=1, maximum=60)
# The SMS gateway: a class with send(phone=, text=) (notifications.channels.LoggingSmsGateway shows the shape).
REMINDER_SMS_BACKEND = env_str("REMINDER_SMS_BACKEND", "notifications.channels.LoggingSmsGateway")

# E-mail: printed to the console with DEBUG, sent through SMTP otherwise.
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25, minimum=1, maximum=65535)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10, minimum=1, maximum=120)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "noreply@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("EMAIL_USE_TLS and EMAIL_USE_SSL cannot both be on (SSL is port 465, TLS 587)")


# Natural disasters (自然灾害). Every coordinate entered must fall in the county's box (west,south,east,north,
# degrees; 垫江县 spans about 107.22–107.69 E, 29.64–30.52 N). The map draws on tiles from MAP_TILE_URL
# (e.g. a 天地图 URL with its key) when set; with none it draws the points on a plain background.
COUNTY_BBOX = env_bbox("COUNTY_BBOX", (107.15, 29.60, 107.75, 30.55))
MAP_TILE_URL = env_str("MAP_TILE_URL", "")
MAP_TILE_ATTRIBUTION = env_str("MAP_TILE_ATTRIBUTION", "")

# Map tiles: the letters or digits that replace {s} in MAP_TILE_URL (天地图 serves t0…t7: MAP_TILE_SUBDOMAINS=01234567).
MAP_TILE_SUBDOMAINS = env_str("MAP_TILE_SUBDOMAINS", "abc")
# Flood-season patrols (巡查): the 主汛期 of a year that has no FloodSeason row set by the county office, as
# MM-DD,MM-DD (Chongqing: about 5月1日 to 9月30日). In the season each risk point is patrolled weekly, outside it
# monthly, as often as the point says.
FLOOD_SEASON_DEFAULT = env_month_day_range("FLOOD_SEASON_DEFAULT", "05-01,09-30")

# 预警叫应: minutes a township has to acknowledge a warning, by level; once that time has passed its staff are
# chased at once, and its head WARNING_ACK_ESCALATE_MINUTES later if nobody has answered yet.
WARNING_ACK_MINUTES = {
    "red": env_int("WARNING_ACK_MINUTES_RED", 30, minimum=1, maximum=1440),
    "orange": env_int("WARNING_ACK_MINUTES_ORANGE", 60, minimum=1, maximum=1440),
    "yellow": env_int("WARNING_ACK_MINUTES_YELLOW", 120, minimum=1, maximum=1440),
    "blue": env_int("WARNING_ACK_MINUTES_BLUE", 240, minimum=1, maximum=1440),
}
WARNING_ACK_ESCALATE_MINUTES = env_int("WARNING_ACK_ESCALATE_MINUTES", 15, minimum=1, maximum=1440)

# 监测站点 (item 20): a station with no reading for this many minutes is marked offline (every 5 minutes, by
# disasters.tasks.mark_stations_offline) and its responsible unit is told once per offline episode. A reading
# stamped later than STATION_CLOCK_SKEW_MINUTES into the future is refused.
STATION_OFFLINE_MINUTES = env_int("STATION_OFFLINE_MINUTES", 60, minimum=5, maximum=7 * 24 * 60)
STATION_CLOCK_SKEW_MINUTES = env_int("STATION_CLOCK_SKEW_MINUTES", 5, minimum=0, maximum=60)

# Offline field entry (core.idempotency): a create's key is kept this many days, then purged nightly. A phone's
# queue sent later than that is no longer recognised as a repeat, so keep it longer than any phone stays offline.
IDEMPOTENCY_KEY_DAYS = env_int("IDEMPOTENCY_KEY_DAYS", 90, minimum=7, maximum=3650)

# Inspections (监管执法): when an inspection finds nothing to rectify, its re-check (复查) is due this many days
# after the inspection; with findings it is due on the latest finding's deadline.
INSPECTION_RECHECK_DAYS = env_int("INSPECTION_RECHECK_DAYS", 30, minimum=1, maximum=365)

# Public boards (监管责任人公示, 重大风险管控公示, no login): phone numbers show as 138****0001 unless this is false.
PUBLIC_BOARD_MASK_PHONES = env_bool("PUBLIC_BOARD_MASK_PHONES", True)

# Outgoing webhooks (integrations/): each event is POSTed to the API clients' endpoints, signed with the
# endpoint's secret. A delivery that fails is tried again WEBHOOK_RETRY_SECONDS later, then twice as long each
# time (at most 6 hours), and is marked failed after WEBHOOK_MAX_ATTEMPTS tries in all; the row stays in the
# delivery log and can be sent again by hand. A receiver must answer 2xx within WEBHOOK_TIMEOUT seconds.
# Deliveries go to WEBHOOK_QUEUE (a worker must consume it: `-Q celery,<name>` when it is not "celery").
WEBHOOK_MAX_ATTEMPTS = env_int("WEBHOOK_MAX_ATTEMPTS", 8, minimum=1, maximum=30)
WEBHOOK_RETRY_SECONDS = env_int("WEBHOOK_RETRY_SECONDS", 60, minimum=1, maximum=3600)
WEBHOOK_TIMEOUT = env_int("WEBHOOK_TIMEOUT", 5, minimum=1, maximum=30)
WEBHOOK_QUEUE = env_str("WEBHOOK_QUEUE", "celery")

# Bulletins (通报): the issuing office's abbreviation in the 文号, e.g. 垫安办〔2024〕12号; the browser that
# prints their PDF (Debian's chromium, installed by `make browser-deps`) and how long it may take.
BULLETIN_NUMBER_PREFIX = env_str("BULLETIN_NUMBER_PREFIX", "垫安办")
if not 1 <= len(BULLETIN_NUMBER_PREFIX) <= 20 or any(c.isspace() or c in "〔〕[]" for c in BULLETIN_NUMBER_PREFIX):
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(
        f"BULLETIN_NUMBER_PREFIX={BULLETIN_NUMBER_PREFIX!r} must be 1-20 characters without spaces or brackets"
    )
BULLETIN_CHROMIUM = env_str("BULLETIN_CHROMIUM", "/usr/bin/chromium")
BULLETIN_PDF_TIMEOUT = env_int("BULLETIN_PDF_TIMEOUT", 120, minimum=10, maximum=1800)
# The Celery queue bulletin generation goes to; a worker must consume it (`-Q celery,<name>` when not "celery").
BULLETIN_QUEUE = env_str("BULLETIN_QUEUE", "celery")

# Audit: every pghistory event table gets a trigger that refuses UPDATE and DELETE (pgtrigger.Protect), so the
# history cannot be edited or deleted from the portal, the admin or the API — only by a superuser disabling it.
PGHISTORY_APPEND_ONLY = True


# Login, sessions and security headers (README "Environment": Security).
import datetime  # noqa: E402

# Lock-out (django-axes): after AXES_FAILURE_LIMIT wrong passwords for one account from one client address, that
# pair is refused for AXES_COOLOFF_MINUTES (other people behind the same office NAT can still sign in). The client
# address follows the rule of the public report page (core.lockout.client_ip): REMOTE_ADDR, or behind
# a reverse proxy with TRUST_X_FORWARDED_FOR the X-Forwarded-For entry the proxy appended. `manage.py axes_reset`
# lifts every lock at once; the admin lists the attempts.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses a locked client before the password is checked
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5, minimum=1, maximum=100)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 30, minimum=1, maximum=7 * 24 * 60))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "core.lockout.client_ip"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "core.lockout.lockout_response"  # 429 and a Chinese page
AXES_VERBOSE = False

# Sessions end after SESSION_IDLE_MINUTES without a request and, whatever the activity, SESSION_ABSOLUTE_HOURS
# after the login (core.session_timeouts). API tokens are not sessions and are not affected.
SESSION_IDLE_MINUTES = env_int("SESSION_IDLE_MINUTES", 30, minimum=1, maximum=24 * 60)
SESSION_ABSOLUTE_HOURS = env_int("SESSION_ABSOLUTE_HOURS", 12, minimum=1, maximum=30 * 24)
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_HOURS * 3600

# Passwords: at least PASSWORD_MIN_LENGTH characters with letters and digits, not like the account's name or
# person's name, not a common password (Django's list of 20,000).
PASSWORD_MIN_LENGTH = env_int("PASSWORD_MIN_LENGTH", 10, minimum=8, maximum=64)
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
        "OPTIONS": {"user_attributes": ("username", "full_name", "first_name", "last_name", "email", "phone")},
    },
    {
        "NAME": "core.password_rules.MinimumLengthValidator",
        "OPTIONS": {"min_length": PASSWORD_MIN_LENGTH},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "core.password_rules.CharacterClassValidator"},
]

# Second factor (TOTP, an authenticator app) for county administrators (安委办/应急局管理员 and superusers). They may
# enrol on their account page; with REQUIRE_ADMIN_TOTP they must, and cannot open another page until they have.
# Once enrolled, the login asks for the six-digit code after the password.
REQUIRE_ADMIN_TOTP = env_bool("REQUIRE_ADMIN_TOTP", False)
OTP_TOTP_ISSUER = env_str("OTP_TOTP_ISSUER", "垫江县安全生产工作平台")

# HTTPS. Behind a TLS-terminating proxy (BEHIND_HTTPS_PROXY) plain-HTTP requests are redirected and browsers are
# told to use HTTPS only (HSTS) for SECURE_HSTS_SECONDS. The proxy must set X-Forwarded-Proto and drop a
# client's own. SECURE_REDIRECT_EXEMPT: path patterns (regexes) left on HTTP, such as a load balancer's probe.
_https = env_bool("BEHIND_HTTPS_PROXY")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", _https)
SECURE_REDIRECT_EXEMPT = env_list("SECURE_REDIRECT_EXEMPT", [])
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000 if _https else 0, minimum=0, maximum=63072000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = CSRF_COOKIE_SAMESITE = "Lax"

# Content-Security-Policy (django-csp; core.csp). No inline script anywhere: behaviour lives in static/ files,
# data in json_script tags. Style attributes are allowed (progress bars and level colours are drawn with them) but
# no <style> element. Map tiles may come from MAP_TILE_URL's host. CSP_REPORT_URI, when set, receives reports.
# The Swagger page (/api/docs/, drf-spectacular) starts itself with an inline script: it alone gets 'unsafe-inline'.
from csp.constants import NONE, SELF, UNSAFE_INLINE  # noqa: E402

from config.security import tile_sources  # noqa: E402

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, UNSAFE_INLINE],  # CSP 2 browsers, which know no -elem/-attr
        "style-src-elem": [SELF],
        "style-src-attr": [UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:", *tile_sources(MAP_TILE_URL, MAP_TILE_SUBDOMAINS)],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        **({"report-uri": [env_url("CSP_REPORT_URI", {"http", "https"})]} if env_str("CSP_REPORT_URI") else {}),
    },
}
CSP_RELAXED_PATHS = {"/api/docs/": {"script-src": [SELF, UNSAFE_INLINE], "style-src-elem": [SELF, UNSAFE_INLINE]}}

# The API's schema and its docs page describe every endpoint: for signed-in users and API tokens only.
SPECTACULAR_SETTINGS["SERVE_PERMISSIONS"] = ["rest_framework.permissions.IsAuthenticated"]
# Writes by people who only read are refused before validation (core/api/permissions.py).
REST_FRAMEWORK["DEFAULT_PERMISSION_CLASSES"] = [
    *REST_FRAMEWORK["DEFAULT_PERMISSION_CLASSES"],
    "core.api.permissions.ReadersOnlyRead",
]
# Every operation's error answers (400/401/403/404/429) in the schema (config/api_schema.py).
SPECTACULAR_SETTINGS["POSTPROCESSING_HOOKS"] = [
    *SPECTACULAR_SETTINGS.get("POSTPROCESSING_HOOKS", ["drf_spectacular.hooks.postprocess_schema_enums"]),
    "config.api_schema.document_error_responses",
]

# 受灾户 (item 18): the key that encrypts ID and bank card numbers at rest (Fernet), and from which the digest that
# keeps one household per ID number per event is derived. From RELIEF_ID_KEY (or RELIEF_ID_KEY_FILE), else derived
# from SECRET_KEY: rotating SECRET_KEY without setting RELIEF_ID_KEY makes the stored numbers unreadable.
RELIEF_ID_KEY = env_str("RELIEF_ID_KEY") or f"derived-from-secret-key:{SECRET_KEY}"
