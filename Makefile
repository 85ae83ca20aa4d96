# crosscheck: `make demo` and `make test` set everything up from the package registries.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck eval bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q -U pip setuptools wheel
	$(PY) -m pip install -q -e ".[dev]"
	touch $(STAMP)

demo: $(STAMP)
	$(VENV)/bin/crosscheck compare examples/

lint: $(STAMP)
	$(VENV)/bin/ruff check src tests benchmarks
	$(VENV)/bin/ruff format --check src tests benchmarks
	$(VENV)/bin/mypy

test: $(STAMP) lint
	$(VENV)/bin/pytest -q

# Every evaluation on its full corpus; the README's accuracy table is rewritten from the output.
eval: $(STAMP)
	$(VENV)/bin/crosscheck eval all --readme README.md

bench: $(STAMP)
	$(VENV)/bin/crosscheck bench

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
