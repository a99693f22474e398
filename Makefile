# Two commands on a fresh machine:  `make demo`  and  `make test`.
# Each creates .venv and installs what it needs; nothing relies on what was installed by hand.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
export NO_MKDOCS_2_WARNING := 1

.PHONY: demo test test-dates lint typecheck unit bench spec sandbox browser docs docs-serve clean

# The development venv: every extra a test exercises, the sandbox, and the test tools
# (requirements/test.txt; they are not a published extra).
$(STAMP): pyproject.toml sandbox/pyproject.toml requirements/test.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[bulk,dask,spark,docs]' -e ./sandbox -r requirements/test.txt
	touch $(STAMP)

# The demo's own venv: vssdk and the sandbox, nothing else (what a new user installs).
DEMO_VENV  := .venv-demo
DEMO_STAMP := $(DEMO_VENV)/.installed-stamp
$(DEMO_STAMP): pyproject.toml sandbox/pyproject.toml
	$(PYTHON) -m venv $(DEMO_VENV)
	$(DEMO_VENV)/bin/python -m pip install --quiet -e . -e ./sandbox
	touch $(DEMO_STAMP)

## demo: start the embedded sandbox and walk through the SDK against it (own small venv)
demo: $(DEMO_STAMP)
	$(DEMO_VENV)/bin/python examples/demo.py

## docs: build the documentation site into site/ (strict: a broken link or reference fails)
docs: $(STAMP)
	$(PY) -m mkdocs build --strict --quiet --site-dir site

## docs-serve: the documentation site at http://127.0.0.1:8000 while you edit it
docs-serve: $(STAMP)
	$(PY) -m mkdocs serve --dev-addr 127.0.0.1:8000

## test: lint, type-check and the whole test suite (what .ci/run calls)
test: $(STAMP) browser
	$(PY) tools/bundle_spec.py --check
	$(PY) -m ruff check src sandbox/src tests examples benchmarks tools
	$(PY) -m ruff format --check src sandbox/src tests examples benchmarks tools
	$(PY) -m mypy
	$(PY) -m mkdocs build --strict --quiet --site-dir site
	HYPOTHESIS_PROFILE=ci $(PY) -m pytest
	$(MAKE) --no-print-directory test-dates

## test-dates: the suite (less the slow contract tests) with the sandbox clock pinned to dates that
## have broken calendar-bound code before: a 1 December, 29 February of a leap year, a 31 December.
## The main run pins 2026-06-15 (tests/conftest.py); no test may depend on today's date.
## The Spark test (a JVM start, no sandbox, no dates) runs once, in the main run.
PINNED_DATES := 2026-12-01 2028-02-29 2027-12-31
test-dates: $(STAMP)
	@for day in $(PINNED_DATES); do \
		echo "== suite with the sandbox clock pinned to $$day"; \
		VSSDK_SANDBOX_NOW=$$day HYPOTHESIS_PROFILE=ci $(PY) -m pytest --ignore=tests/contract \
			--ignore=tests/scale/test_spark.py || exit 1; \
	done

unit: $(STAMP)
	HYPOTHESIS_PROFILE=dev $(PY) -m pytest -x

lint: $(STAMP)
	$(PY) -m ruff check src sandbox/src tests examples benchmarks tools
	$(PY) -m ruff format --check src sandbox/src tests examples benchmarks tools

typecheck: $(STAMP)
	$(PY) -m mypy

## spec: rebuild spec/openapi.yaml from the per-area sources in spec/src/
spec: $(STAMP)
	$(PY) tools/bundle_spec.py
	$(PY) tools/gen_api_index.py

## bench: benchmarks with ratios against baselines measured in the same run (never pass/fail)
bench: $(STAMP)
	$(PY) benchmarks/run_all.py

sandbox: $(STAMP)
	$(PY) -m vssdk_sandbox

## browser: headless Chromium for the browser login test, from the distribution's packages (best effort)
browser:
	@bash tools/install_browser.sh

clean:
	rm -rf $(VENV) $(DEMO_VENV) site .mypy_cache .ruff_cache .pytest_cache .hypothesis
