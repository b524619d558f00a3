# Two commands do everything on a fresh machine: `make video` and `make test`.
QUALITY ?= high
VOICE ?=
JOBS ?= 2
BENCH_QUALITY ?= low high
PY := .venv/bin/python
VOICE_FLAG := $(if $(VOICE),--voice $(VOICE),)

.PHONY: setup video test bench bench-core clean

setup:
	@bash scripts/setup.sh

video: setup
	$(PY) -m scenes render --quality $(QUALITY) $(VOICE_FLAG) --jobs $(JOBS)

test: setup
	$(PY) -m pytest

bench: setup
	$(PY) -m optim_core.bench
	$(PY) -m scenes bench --quality $(BENCH_QUALITY)

clean:
	rm -rf media .pytest_cache
