# One task runner: `make site` builds the site from data/, `make test` runs every check.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DATA ?= data
OUT ?= build

.PHONY: setup site serve test lint validate export bench clean

$(BIN)/dps: pyproject.toml requirements.lock
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

# axe-core for the browser tests, pinned by tests/browser/package-lock.json, into its git-ignored node_modules
AXE := tests/browser/node_modules/axe-core/axe.min.js
$(AXE): tests/browser/package.json tests/browser/package-lock.json
	npm ci --prefix tests/browser --no-audit --no-fund
	touch $(AXE)

test: lint $(AXE)
	$(BIN)/pytest

bench: setup
	$(BIN)/python bench/run.py

clean:
	rm -rf $(OUT)
