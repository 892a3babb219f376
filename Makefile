# Front door. Every target builds the project's own virtual environment first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: report extract test bench lab clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test,bench]'
	touch $(STAMP)

venv: $(STAMP)

JOBS ?= 2

## make report: run the main job on the bundled sample in data/raw/ (HTML in reports/)
report: $(STAMP)
	$(BIN)/analysis extract data/raw -o data/processed/sample.jsonl
	$(BIN)/analysis report data/raw -o reports --jobs $(JOBS)

## make lab: JupyterLab in the project's environment, opened on notebooks/ (LAB_ARGS=--no-browser ...)
lab: $(STAMP)
	$(BIN)/jupyter lab --notebook-dir=notebooks $(if $(filter 0,$(shell id -u)),--allow-root) $(LAB_ARGS)

## make test: the unit and end-to-end tests (no ../shared needed)
test: $(STAMP)
	@[ -x /usr/bin/chromium ] || scripts/ensure_chromium.sh
	$(BIN)/python -m pytest

## make bench: accuracy and speed figures (needs ../shared)
bench: $(STAMP)
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) data/processed/* reports/*
