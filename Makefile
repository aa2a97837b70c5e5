# Two targets a new user needs; both work on a fresh Debian/Ubuntu machine with python3 (>= 3.11).
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin

.PHONY: run test install install-test browser

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .

install-test: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'

# Browser tests drive Debian's Chromium (never a downloaded browser).
browser:
	@command -v /usr/bin/chromium >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -q && $$SUDO apt-get install -y -q chromium; }

## make run: install and open the bundled timeline (seeds/) at http://127.0.0.1:8050
run: install
	$(BIN)/timeline serve

## make test: install everything the tests need and run them
test: install-test browser
	$(BIN)/python -m pytest
