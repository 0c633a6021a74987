# One task runner: `make site` builds the site from data/, `make test` runs every check.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DATA ?= data
OUT ?= build

.PHONY: setup site serve test lint browser-deps validate export bench bench-import clean

$(BIN)/dps: pyproject.toml requirements.lock
	@$(PYTHON) -c 'import ensurepip, sys; assert sys.version_info >= (3, 11)' 2>/dev/null || { \
	  echo "make needs Python 3.11+ with venv: run 'sudo apt-get install -y python3 python3-venv', then make again" >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c requirements.lock -e '.[test]'
	touch $(BIN)/dps

setup: $(BIN)/dps

validate: setup
	$(BIN)/dps validate --data $(DATA)

export: setup
	$(BIN)/dps export --data $(DATA) --out $(OUT)/downloads

site: setup
	$(BIN)/dps validate --data $(DATA)
	$(BIN)/dps build --data $(DATA) --out $(OUT)/site
	@echo "Site built in $(OUT)/site. Open it with: $(BIN)/dps serve  (then http://127.0.0.1:8000/)"

serve: setup
	$(BIN)/dps serve --data $(DATA)

lint: setup
	$(BIN)/ruff check generator tests bench
	$(BIN)/ruff format --check generator tests bench
	$(BIN)/mypy

# the browser tests drive a real Chromium (Debian's, or Google Chrome via DPS_CHROMIUM) and need npm for axe-core
CHROMIUM := $(or $(DPS_CHROMIUM),/usr/bin/chromium)
browser-deps:
	@test -x "$(CHROMIUM)" && command -v npm >/dev/null || { \
	  echo "make test needs Chromium and npm for the browser tests: run 'sudo apt-get install -y chromium npm' (or set DPS_CHROMIUM to Chrome), then make test again" >&2; exit 1; }

# axe-core for the browser tests, pinned by tests/browser/package-lock.json, into its git-ignored node_modules
AXE := tests/browser/node_modules/axe-core/axe.min.js
$(AXE): tests/browser/package.json tests/browser/package-lock.json | browser-deps
	npm ci --prefix tests/browser --no-audit --no-fund
	touch $(AXE)

# everything CI runs: plain `pytest` runs only the fast tests (pyproject), -m "" lifts that; the browser tests one
# at a time (-n 0), as each worker would build its own site and start its own Chromium
test: lint browser-deps $(AXE)
	$(BIN)/pytest -m "" --ignore=tests/browser
	$(BIN)/pytest -m "" -n 0 tests/browser

bench: setup
	$(BIN)/python bench/run.py

# notices imported per second by `dps import`, on 2,000 copies of ../shared/real-notices/ with ids of their own
bench-import: setup
	$(BIN)/python bench/import_notices.py

clean:
	rm -rf $(OUT)
