# One task runner. Each target sets up .venv on a fresh clone (Python 3 and make are enough).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
comma  := ,
# PDF too when LibreOffice is installed (see .ci/run for the Debian packages).
FORMATS := docx,pptx$(if $(shell command -v soffice 2>/dev/null),$(comma)pdf)

.PHONY: report test test-fresh lint bench catalogs templates-xml setup clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

report: $(STAMP)
	$(BIN)/reportgen build --format $(FORMATS)

# Two workers (pytest-xdist), a test module's tests in one of them (its module-scoped builds made
# once); the session's builds are made once for both (tests/conftest.py). docs/ci.md#the-test-suite
test: $(STAMP)
	$(BIN)/python -m pytest -n 2 --dist loadscope

# The suite as on a fresh machine: installed fonts, LibreOffice and poppler out of reach.
test-fresh: $(STAMP)
	tools/fresh_machine.sh

lint: $(STAMP)
	$(BIN)/ruff check src tests tools
	$(BIN)/mypy src

# Update templates/locale/*.po from en.po and report.yaml (Babel), then check every translation.
catalogs: $(STAMP)
	$(BIN)/python tools/catalogs.py

# After editing templates/briefing.docx or deck.pptx: their reviewable XML copy, templates-xml/.
templates-xml: $(STAMP)
	$(BIN)/python tools/templates_xml.py

bench: $(STAMP)
	$(BIN)/python tools/bench.py

clean:
	rm -rf output .cache .pytest_cache
