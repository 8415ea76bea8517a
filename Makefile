# Two entry points: `make demo` (set up + crawl the bundled demo farm) and `make test`.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: setup bytecode system-deps demo test bench clean

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "need $(PYTHON) on PATH (or run: make PYTHON=python3 ...)"; exit 2; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

setup: $(STAMP)

# Our modules' bytecode, written ahead (incremental): a crawl then starts without compiling them,
# also where PYTHONDONTWRITEBYTECODE is set.
bytecode: $(STAMP)
	@$(PY) -m compileall -q crawler pipelines schemas bench >/dev/null

demo: bytecode
	$(VENV)/bin/splog demo

# redis-server (Debian) for the shared copy-index tests; installed when we are root with apt-get.
system-deps:
	@command -v redis-server >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server) >/dev/null; \
	  else echo "note: redis-server is not installed; the shared-index tests will be skipped"; fi; }

test: $(STAMP) system-deps
	$(PY) -m pytest -q

bench: bytecode
	$(PY) bench/throughput.py

clean:
	rm -rf $(VENV) data/output data/runs data/state
