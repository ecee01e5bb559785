# Two entry points on a fresh machine: `make demo` and `make test`.
VENV := .venv
PY := $(VENV)/bin/python
SHARED ?= ../shared

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	touch $@

.PHONY: setup demo test lint seed
setup: $(VENV)/.installed

demo: setup
	$(VENV)/bin/eventfold extract examples/ -o examples/events.jsonl
	@echo "events written to examples/events.jsonl"

lint: setup
	$(VENV)/bin/ruff check src tests bench

test: setup lint
	$(VENV)/bin/pytest -q
	@if [ -f $(SHARED)/bench/seed/articles.jsonl ]; then $(MAKE) --no-print-directory seed; fi

seed: setup
	$(VENV)/bin/eventfold extract $(SHARED)/bench/seed/articles.jsonl -o .seed-events.jsonl
	python3 $(SHARED)/bench/score.py --gold $(SHARED)/bench/seed --pred .seed-events.jsonl --min-f1 0.9
