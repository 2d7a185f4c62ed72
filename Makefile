# Two entry points for a fresh machine (see README):
#   make chat   set everything up, build the index if needed, start the web chat
#   make test   set everything up (Chromium included) and run the test suite
VENV   ?= .venv
PYTHON ?= python3
PY     := $(VENV)/bin/python
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
export HF_HUB_OFFLINE := 1

.PHONY: setup chat test browser build bench eval clean

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	# torch first and pinned: the CPU build (see constraints.txt)
	$(PY) -m pip install --quiet -c constraints.txt torch==2.13.0
	$(PY) -m pip install --quiet -c constraints.txt -e '.[test]'
	touch $@

browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing Debian's chromium and chromium-driver for the browser tests"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium chromium-driver >/dev/null; }

chat: setup
	$(PY) -m chatbot serve

test: setup browser
	$(PY) -m pytest

build: setup
	$(PY) -m chatbot build

eval: setup
	$(PY) -m chatbot eval corpus/faq.jsonl --report report.html

bench: setup
	$(PY) -m benchmarks.bench

clean:
	rm -rf $(VENV) index/*.faiss index/*.npy index/*.jsonl index/manifest.json
