# The two commands of the README: `make demo` (the main job) and `make test` (the tests).
# Each sets itself up from nothing: a virtualenv in .venv with the pinned requirements, and demo raw data
# generated when the raw directory has none. Both are idempotent.

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
DBT := $(VENV)/bin/dbt
RAW_DIR := $(or $(HEALTH_RAW_DIR),data/raw)
WAREHOUSE := $(or $(HEALTH_WAREHOUSE_PATH),warehouse/customer_health.duckdb)
PUBLISHED := $(or $(HEALTH_PUBLISHED_PATH),warehouse/published/customer_health.duckdb)
ACCOUNTS ?= 500
MONTHS ?= 24
SEED ?= 42

export DBT_SEND_ANONYMOUS_USAGE_STATS := false
export DBT_PROFILES_DIR := $(CURDIR)
export HEALTH_RAW_DIR := $(RAW_DIR)
export HEALTH_WAREHOUSE_PATH := $(WAREHOUSE)
export HEALTH_PUBLISHED_PATH := $(PUBLISHED)

.PHONY: demo test setup data check-raw regen-data build weekly publish report lint freshness pytest bench clean lock score \
	test-spark lock-spark

demo: setup data check-raw build publish report  ## demo sources, build, publish, the weekly report; a summary
	$(PY) scripts/summarize_build.py

test: setup data check-raw lint freshness build publish pytest  ## lint, dbt build with every test, pytest

setup: $(VENV)/.installed
	@mkdir -p $(dir $(WAREHOUSE))

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

# Demo data is generated only when the raw directory holds no CRM accounts (the one table every
# warehouse has), so pointing HEALTH_RAW_DIR at a company's own loaded tables - with or without
# product analytics - never overwrites them.
data: setup
	@if [ -d "$(RAW_DIR)/crm/account" ]; then \
		echo "raw data present in $(RAW_DIR) (make regen-data to regenerate the demo)"; \
	else \
		$(PY) -m healthsim --accounts $(ACCOUNTS) --months $(MONTHS) --seed $(SEED) --out $(RAW_DIR); \
	fi

# The raw data against the contract in the sources yml (python -m rawcheck): a table per raw table,
# then every finding; exits 1 only for what would make the build wrong (docs/raw_contract.md).
check-raw: setup
	$(PY) -m rawcheck $(RAW_DIR)

regen-data: setup
	$(PY) -m healthsim --accounts $(ACCOUNTS) --months $(MONTHS) --seed $(SEED) --out $(RAW_DIR)

build: setup
	$(DBT) build --exclude tag:generic_test_self_check

# The weekly run (selectors.yml `weekly`): everything but the backtest and the unit tests, incremental
# where the models are; the backtest keeps its tables from the last full build (make build: monthly, and
# after a seed or var edit). A warehouse that does not exist yet gets the full build.
weekly: setup
	@if [ -f "$(WAREHOUSE)" ]; then \
		$(DBT) build --selector weekly; \
	else \
		echo "no warehouse at $(WAREHOUSE) yet: the first run is the full build"; \
		$(DBT) build --exclude tag:generic_test_self_check; \
	fi

# The marts of a successful build, copied to a read-only file for BI tools, the report and the
# dashboard (scripts/publish.py): swapped in by an atomic rename, so no reader waits on a build.
publish: setup
	$(PY) scripts/publish.py

# The weekly HTML report from the published copy (python -m healthreport): make report [WEEK=YYYY-MM-DD]
# renders the latest scored week on or before WEEK (default the latest) to reports/ and prints its path.
report: setup
	$(PY) -m healthreport $(if $(WEEK),--week $(WEEK))

lint: setup
	$(VENV)/bin/sqlfluff lint models tests analyses
	$(VENV)/bin/ruff check healthsim healthscore healthreport dashboard rawcheck python_checks scripts

# Demo data is a fixed past world, so freshness warns on it; only an error (none configured) fails.
# Only tables that have files are checked: a table a company does not have is an empty source.
PRESENT_SOURCES = $(shell cd $(RAW_DIR) 2>/dev/null && for d in */*/; do \
	ls $$d*.parquet >/dev/null 2>&1 && echo "source:$$(dirname $$d).$$(basename $$d)"; done)
freshness: setup
	$(DBT) source freshness --select $(PRESENT_SOURCES)

pytest: setup
	$(PY) -m pytest python_checks -q

# Score a flat one-row-per-account export on its own: make score CSV=path/to/export.csv [NPS_SCALE=auto]
# (results in warehouse/flat_export/: <name>_health.csv and <name>_health.duckdb).
NPS_SCALE ?= auto
score: setup  ## score a flat export CSV alone (CSV=path, NPS_SCALE=auto|answer_0_10|net_10|net_100)
	@test -n "$(CSV)" || { echo "usage: make score CSV=path/to/export.csv [NPS_SCALE=auto]"; exit 2; }
	$(PY) -m healthscore score "$(CSV)" --nps-scale=$(NPS_SCALE) --out-dir $(dir $(WAREHOUSE))flat_export

# The Streamlit dashboard (dashboard/app.py) over the published copy of the marts, read-only:
# portfolio, account and CSM pages on http://localhost:8501 (make publish first if there is none).
.PHONY: dashboard
dashboard: setup  ## run the dashboard over the published marts
	$(PY) -m streamlit run dashboard/app.py --server.headless true --browser.gatherUsageStats false

# Full build, weekly incremental run and the one-pass floor, in CPU-seconds and peak memory, per scale:
# make bench ACCOUNTS="2000 10000" (default: the demo's size). Scratch data in /tmp/health_bench.
bench: setup  ## build, weekly run and floor figures per scale (ACCOUNTS="2000 10000")
	$(PY) scripts/benchmark.py --accounts $(ACCOUNTS) --months $(MONTHS)

clean:
	rm -rf target logs warehouse data

# The same project on Spark (README "Running on Spark"): a small demo world in a scratch directory,
# built with every test on DuckDB and on Spark (dbt-spark's session method: an in-process pyspark
# session, Java 17), then the key marts compared row for row (scripts/compare_spark.py). Spark builds
# the world as loaded a week earlier first (models only), so its build of the whole world runs the
# incremental models' Spark branches (partition overwrite and drop, Spark hashes). Its own
# virtualenv (.venv-spark, requirements-spark.txt) so the main one stays without pyspark; Java from
# the Debian packages when there is none. The scratch directory is rebuilt from nothing each time.
SPARK_VENV := .venv-spark
SPARK_SCRATCH := $(CURDIR)/warehouse/spark_check
SPARK_ACCOUNTS ?= 100
SPARK_MONTHS ?= 12
test-spark: $(SPARK_VENV)/.installed  ## DuckDB and Spark builds of one small demo, key marts compared
	@command -v java >/dev/null || { apt-get update && apt-get install -y --no-install-recommends openjdk-17-jre-headless; }
	rm -rf $(SPARK_SCRATCH) target/spark_check
	mkdir -p $(SPARK_SCRATCH)/duckdb $(SPARK_SCRATCH)/spark
	$(SPARK_VENV)/bin/python -m healthsim --accounts $(SPARK_ACCOUNTS) --months $(SPARK_MONTHS) --seed $(SEED) \
		--out $(SPARK_SCRATCH)/raw
	$(SPARK_VENV)/bin/python -m healthsim.cut $(SPARK_SCRATCH)/raw $(SPARK_SCRATCH)/raw_week_before
	export HEALTH_RAW_DIR=$(SPARK_SCRATCH)/raw \
		HEALTH_WAREHOUSE_PATH=$(SPARK_SCRATCH)/duckdb/customer_health.duckdb \
		HEALTH_SPARK_WAREHOUSE_DIR=$(SPARK_SCRATCH)/spark/tables \
		HEALTH_SPARK_METASTORE_DIR=$(SPARK_SCRATCH)/spark/metastore \
		HEALTH_FLAT_EXPORT_PATH=$(CURDIR)/examples/flat_export.csv && \
	$(SPARK_VENV)/bin/dbt build --target dev --target-path target/spark_check/duckdb \
		--exclude tag:generic_test_self_check && \
	HEALTH_RAW_DIR=$(SPARK_SCRATCH)/raw_week_before $(SPARK_VENV)/bin/python scripts/dbt_spark_session.py \
		build --target spark --target-path target/spark_check/spark_week_before \
		--exclude-resource-type test --exclude-resource-type unit_test && \
	$(SPARK_VENV)/bin/python scripts/dbt_spark_session.py build --target spark \
		--target-path target/spark_check/spark \
		--exclude tag:generic_test_self_check && \
	$(SPARK_VENV)/bin/python scripts/compare_spark.py

$(SPARK_VENV)/.installed: requirements-spark.txt
	$(PYTHON) -m venv $(SPARK_VENV)
	$(SPARK_VENV)/bin/pip install --quiet --disable-pip-version-check -r requirements-spark.txt
	touch $@

lock-spark: $(SPARK_VENV)/.installed  ## re-pin requirements-spark.txt from .venv-spark
	{ sed -n '1,2p' requirements-spark.txt; \
	  $(SPARK_VENV)/bin/pip freeze --exclude-editable | grep -v '^pip=='; } > requirements-spark.txt.new
	mv requirements-spark.txt.new requirements-spark.txt

lock: setup  ## re-pin requirements.txt from the virtualenv
	{ echo "# Pinned environment: every package, transitive ones included. Regenerate with 'make lock'."; \
	  $(VENV)/bin/pip freeze --exclude-editable | grep -v '^pip=='; } > requirements.txt
