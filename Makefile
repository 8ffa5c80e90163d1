# Marsad: `make demo` and `make test` set everything up on a fresh machine.
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
SHARED ?= ../shared

.PHONY: demo test bench models fuzz clean install

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev,spark]'
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

demo: $(STAMP)
	$(VENV)/bin/marsad analyze --summary examples/*.txt

test: $(STAMP)
	$(VENV)/bin/pytest tests

bench: $(STAMP)
	$(PY) -m pip install -q -e '.[bench]'
	$(PY) bench/run_all.py --shared $(SHARED)

models: $(STAMP)
	$(PY) training/build_all.py --shared $(SHARED)

fuzz: $(STAMP)
	$(PY) -m pip install -q atheris
	$(PY) fuzz/run_all.py --seconds $${FUZZ_SECONDS:-60}

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache
