# Two commands do everything on a fresh machine: `make video` and `make test`.
QUALITY ?= high
VOICE ?=
JOBS ?= 2
# SCHEDULER=tcp://HOST:8786 renders every chapter as a task on a Dask cluster; FORCE=1 renders even unchanged chapters
SCHEDULER ?=
FORCE ?=
BENCH_QUALITY ?= low high
PY := .venv/bin/python
VOICE_FLAG := $(if $(VOICE),--voice $(VOICE),)
BUILD_FLAGS := $(if $(SCHEDULER),--scheduler $(SCHEDULER),) $(if $(FORCE),--force,)

.PHONY: setup video test bench bench-core clean

setup:
	@bash scripts/setup.sh

video: setup
	$(PY) -m scenes render --quality $(QUALITY) $(VOICE_FLAG) --jobs $(JOBS) $(BUILD_FLAGS)

test: setup
	$(PY) -m pytest

bench: setup
	$(PY) -m optim_core.bench
	$(PY) -m scenes bench --quality $(BENCH_QUALITY)

clean:
	rm -rf media .pytest_cache
