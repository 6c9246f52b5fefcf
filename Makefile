# dangvu: `make run` sets everything up and serves the app; `make test` sets up and tests.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
DANGVU := $(VENV)/bin/dangvu
HOST ?= 127.0.0.1:8000
DEMO_SCALE ?= small
# `make run DEMO=0` leaves an empty database empty: the first page then sets it up (dangvu init).
DEMO ?= 1
WORKERS ?= 3
# `make run` serves with the production settings on plain HTTP on this machine; behind a TLS
# reverse proxy leave DANGVU_HTTPS at its default (1): see docs/deployment.md.
PROD := DJANGO_SETTINGS_MODULE=dangvu.config.settings.production DANGVU_HTTPS=$${DANGVU_HTTPS:-0}

.PHONY: setup run dev test test-browser bench lint format messages clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -e '.[dev]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

setup: $(VENV)/.installed node_modules/.installed

run: setup
	$(PROD) $(DANGVU) migrate --no-input
	$(PROD) $(DANGVU) collectstatic --no-input --verbosity 0
	$(if $(filter 0,$(DEMO)),,$(PROD) $(DANGVU) demo --scale $(DEMO_SCALE) --if-empty)
	@echo "Background worker (dangvu db_worker) and gunicorn on http://$(HOST)/ - Ctrl-C stops both."
	$(PROD) sh -c '$(DANGVU) db_worker & WORKER=$$!; trap "kill $$WORKER 2>/dev/null" EXIT INT TERM; \
		$(VENV)/bin/gunicorn dangvu.config.wsgi --bind $(HOST) --workers $(WORKERS) \
		--threads 4 --timeout 120 --access-logfile - --error-logfile -'

# Development: Django's runserver with DEBUG on and code reloading (never for real use).
dev: setup
	$(DANGVU) migrate --no-input
	$(DANGVU) demo --scale $(DEMO_SCALE) --if-empty
	$(DANGVU) runserver $(HOST)

test: setup
	$(PY) -m pytest -q

bench: setup
	$(PY) bench/run.py

lint: setup
	$(VENV)/bin/ruff check src tests bench
	$(VENV)/bin/ruff format --check src tests bench

format: setup
	$(VENV)/bin/ruff format src tests bench
	$(VENV)/bin/ruff check --fix src tests bench

# Re-extract and compile translations (needs gettext); both .po and .mo are committed.
messages: setup
	cd src/dangvu && ../../$(DANGVU) makemessages -l vi --no-obsolete --no-location
	cd src/dangvu && ../../$(DANGVU) compilemessages -l vi

clean:
	rm -rf $(VENV) node_modules var/static
