# Two entry points on a fresh machine: `make demo` and `make test`.
VENV := .venv
PY := $(VENV)/bin/python
SHARED ?= ../shared

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	touch $@

# The map page's libraries come from the npm registry at set-up time, never from a CDN at run time.
VENDOR := src/eventfold/serve/static/vendor
$(VENDOR)/.installed: web/package.json
	cd web && npm install --silent --no-audit --no-fund
	mkdir -p $(VENDOR)
	cp web/node_modules/leaflet/dist/leaflet.js web/node_modules/leaflet/dist/leaflet.css $(VENDOR)/
	cp -r web/node_modules/leaflet/dist/images $(VENDOR)/
	cp web/node_modules/leaflet.markercluster/dist/leaflet.markercluster.js \
	   web/node_modules/leaflet.markercluster/dist/MarkerCluster.css \
	   web/node_modules/leaflet.markercluster/dist/MarkerCluster.Default.css $(VENDOR)/
	cp web/node_modules/topojson-client/dist/topojson-client.min.js $(VENDOR)/
	cp web/node_modules/world-atlas/countries-50m.json $(VENDOR)/countries.json
	touch $@

.PHONY: setup system-deps models demo test lint seed serve
setup: $(VENV)/.installed $(VENDOR)/.installed

# PostgreSQL/PostGIS and Chromium from Debian, for the store and page tests.
system-deps:
	@scripts/system-deps

demo: setup models
	$(VENV)/bin/eventfold extract examples/ -o examples/events.jsonl
	@echo "events written to examples/events.jsonl"

lint: setup
	$(VENV)/bin/ruff check src tests bench

# The store tests also run against a throw-away PostgreSQL server of this checkout's own
# (in /tmp, which the postgres user can reach; its port is derived from the checkout path).
PGKEY := $(shell echo '$(CURDIR)' | md5sum | cut -c1-6)
PGDATA ?= /tmp/eventfold-pg-$(PGKEY)
PGPORT ?= $(shell echo $$((50000 + 0x$(PGKEY) % 5000)))

# The classifier's example bank is embedded once (a few minutes on a fresh machine), before any
# worker process would each do it.
models: setup
	$(VENV)/bin/eventfold classifier build

test: setup system-deps lint models
	EVENTFOLD_TEST_PG="$$(scripts/pg-start $(PGDATA) $(PGPORT) || true)" $(VENV)/bin/pytest -q
	@if [ -f $(SHARED)/bench/seed/articles.jsonl ]; then $(MAKE) --no-print-directory seed; fi

seed: setup
	$(VENV)/bin/eventfold extract $(SHARED)/bench/seed/articles.jsonl -o .seed-events.jsonl
	python3 $(SHARED)/bench/score.py --gold $(SHARED)/bench/seed --pred .seed-events.jsonl --min-f1 0.9
