# Two entry points on a fresh machine: `make demo` and `make test`.
VENV := .venv
PY := $(VENV)/bin/python
SHARED ?= ../shared

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	touch $@

.PHONY: setup system-deps demo test lint seed
setup: $(VENV)/.installed

# PostgreSQL/PostGIS and Chromium from Debian, for the store and page tests.
system-deps:
	@scripts/system-deps

demo: setup
	$(VENV)/bin/eventfold extract examples/ -o examples/events.jsonl
	@echo "events written to examples/events.jsonl"

lint: setup
	$(VENV)/bin/ruff check src tests bench

# The store tests also run against a throw-away PostgreSQL server of this checkout's own
# (in /tmp, which the postgres user can reach; its port is derived from the checkout path).
PGKEY := $(shell echo '$(CURDIR)' | md5sum | cut -c1-6)
PGDATA ?= /tmp/eventfold-pg-$(PGKEY)
PGPORT ?= $(shell echo $$((50000 + 0x$(PGKEY) % 5000)))

test: setup system-deps lint
	EVENTFOLD_TEST_PG="$$(scripts/pg-start $(PGDATA) $(PGPORT) || true)" $(VENV)/bin/pytest -q
	@if [ -f $(SHARED)/bench/seed/articles.jsonl ]; then $(MAKE) --no-print-directory seed; fi

seed: setup
	$(VENV)/bin/eventfold extract $(SHARED)/bench/seed/articles.jsonl -o .seed-events.jsonl
	python3 $(SHARED)/bench/score.py --gold $(SHARED)/bench/seed --pred .seed-events.jsonl --min-f1 0.9
