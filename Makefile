# Two commands: `make run` and `make test`. Nothing else is needed on a machine with Python 3.11.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test install browser-deps messages clean bench backup restore

$(STAMP): requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

install: $(STAMP)

run: install
	$(PY) -m config.launcher

# Chromium and a Chinese font, from Debian, for the browser tests, screenshots and the bulletins' PDFs (workers
# need them too); poppler-utils (pdftotext) for the tests that read a PDF back. Skipped where apt is absent.
browser-deps:
	@if [ ! -x /usr/bin/chromium ] || ! command -v pdftotext >/dev/null || ! fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; then \
	  if command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then \
	    (apt-get install -y -q chromium fonts-noto-cjk poppler-utils >/dev/null 2>&1 || \
	     (apt-get update -q >/dev/null && apt-get install -y -q chromium fonts-noto-cjk poppler-utils >/dev/null)); \
	  else echo "browser tests and bulletin PDFs need: apt-get install chromium fonts-noto-cjk poppler-utils"; fi; \
	fi

# The suite in TEST_PROCESSES processes (pytest-xdist; each test file stays in one process, each process has a
# test database and a Redis database of its own).
TEST_PROCESSES ?= 2
test: install browser-deps
	$(PY) -m ruff check .
	$(PY) -m config.embedded exec -- $(PY) -m pytest -n $(TEST_PROCESSES) --dist loadfile

# The benchmarks of bench/README.md, each in its own throwaway database; they print their figures.
bench: install
	$(PY) -m config.embedded exec -- $(PY) bench/reminder_sweep.py
	$(PY) -m config.embedded exec -- $(PY) bench/dashboard.py
	$(PY) -m config.embedded exec -- $(PY) bench/list_endpoints.py
	$(PY) -m config.embedded exec -- $(PY) bench/excel_import.py
	$(PY) -m config.embedded exec -- $(PY) bench/load.py

clean:
	$(PY) -m config.embedded stop || true
	rm -rf var

# After changing translatable strings: extract them, translate the new ones in locale/en/LC_MESSAGES/django.po,
# then compile (the .mo is committed, so a machine without gettext still shows English).
messages: install
	DEBUG=true $(PY) manage.py makemessages -l en --ignore=.venv --ignore=var --ignore=tests --no-obsolete
	DEBUG=true $(PY) manage.py compilemessages -l en --ignore=.venv --ignore=var

# Backups (README "Backup and restore"): the database of DATABASE_URL (or the embedded one) and MEDIA_ROOT.
# `make backup` writes $(BACKUP_DIR) (default var/backups)/portal-<UTC time>/; `make restore BACKUP=<that dir>`
# restores into an empty database (FORCE=1 replaces a non-empty one) and checks the rows against the manifest.
MANAGE_ENV := $(if $(SECRET_KEY),,DEBUG=true)

backup: install
	$(PY) -m config.embedded exec -- env $(MANAGE_ENV) $(PY) manage.py backup $(if $(BACKUP_DIR),--dir "$(BACKUP_DIR)")

restore: install
	@test -n "$(BACKUP)" || (echo "usage: make restore BACKUP=var/backups/portal-YYYYMMDD-HHMMSS [FORCE=1]"; exit 2)
	$(PY) -m config.embedded exec -- env $(MANAGE_ENV) $(PY) manage.py restore "$(BACKUP)" $(if $(FORCE),--force)

# API fuzzing (README "Security tests and fuzzing"): schemathesis over the whole schema as three roles; slow, so
# not in `make test`; CI runs it. FUZZ_EXAMPLES (default 5) examples per operation and role.
.PHONY: fuzz
fuzz: install
	$(PY) -m config.embedded exec -- $(PY) -m pytest -m fuzz tests/security/test_fuzz.py
