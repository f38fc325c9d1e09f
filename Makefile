# Truest developer commands. `make run` and `make test` work on a fresh machine with
# Python 3.11+; both create the virtual environment on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# Local commands run with debug on; production sets DJANGO_DEBUG=false (the default when
# the variable is absent) and a secret key.
export DJANGO_DEBUG ?= true

.PHONY: install run test test-fast lint format data dataset bench collectstatic serve-production clean

# Reinstall only when the dependency list changes.
$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

install: $(VENV)/.installed

# Migrate, load the shipped dataset and catalog (idempotent), serve on 127.0.0.1:$(PORT).
run: install data
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

data: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py setup_site

# Rebuild careers/data/landscape.json.gz from the real releases in ../shared/data, through
# a scratch SQLite database so the development database is untouched.
SHARED_DATA ?= ../shared/data
dataset: install
	rm -f .dataset-build.sqlite3
	DATABASE_URL=sqlite:///$(CURDIR)/.dataset-build.sqlite3 $(BIN)/python manage.py migrate --noinput -v0
	DATABASE_URL=sqlite:///$(CURDIR)/.dataset-build.sqlite3 $(BIN)/python manage.py import_onet \
		$(SHARED_DATA)/onet/db_30_1_text $(SHARED_DATA)/onet/db_30_x_excel/converted_text
	DATABASE_URL=sqlite:///$(CURDIR)/.dataset-build.sqlite3 $(BIN)/python manage.py import_bls
	DATABASE_URL=sqlite:///$(CURDIR)/.dataset-build.sqlite3 $(BIN)/python manage.py build_dataset
	rm -f .dataset-build.sqlite3

bench: install
	$(BIN)/python bench/landscape.py

# One worker per CPU; a test file stays on one worker, so a module's shipped-site load is
# paid once (pytest-xdist).
PYTEST_WORKERS ?= -n auto --dist loadfile

test: install
	$(BIN)/pytest $(PYTEST_WORKERS)

# Everything but the real-browser tests.
test-fast: install
	$(BIN)/pytest $(PYTEST_WORKERS) -m "not e2e"

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

collectstatic: install
	$(BIN)/python manage.py collectstatic --noinput

serve-production: install
	DJANGO_DEBUG=false $(BIN)/python manage.py collectstatic --noinput
	DJANGO_DEBUG=false $(BIN)/gunicorn truest.wsgi --bind 127.0.0.1:$(PORT) --workers 3 --access-logfile -

clean:
	rm -rf $(VENV) staticfiles db.sqlite3
