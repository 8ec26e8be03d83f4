# The two commands a new machine needs: `make site` and `make test`.
VENV ?= .venv
BIN := $(VENV)/bin
SETUP := $(VENV)/.setup-done

.PHONY: site serve test check status catalogs bench audit setup clean

setup:
	@bash scripts/setup.sh

site: setup
	$(BIN)/hanoi-info build

serve: setup
	$(BIN)/hanoi-info serve $(if $(LANG_ONLY),--lang $(LANG_ONLY))

test: setup
	$(BIN)/python -m pytest

check: setup
	$(BIN)/hanoi-info check

status: setup
	$(BIN)/hanoi-info status --verbose

catalogs: setup
	$(BIN)/hanoi-info catalogs

bench: setup
	$(BIN)/python -m hanoi_info.benchmarks $(if $(QUICK),--quick) $(BENCH)

# Lighthouse (mobile) on every page type in every language of site/ (run
# `make site` first; builds nothing), served by deploy/nginx/ on loopback.
audit: setup
	$(BIN)/python scripts/audit.py

clean:
	rm -rf site .site-* .cache
