# ecom-trainer: `make run` and `make test` set everything up on a fresh Debian 12 machine.
PYTHON ?= python3
# Catalogs `make i18n` creates when missing. ug (Uyghur) is a draft awaiting review
# (docs/translating.md); `make i18n-check` requires only zh_CN to be complete.
LOCALES := zh_CN ug
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: pyc run test sysdeps i18n i18n-compile i18n-check screenshots bench lint lessons-check clean
.PHONY: dist wheelhouse

run: $(STAMP) sysdeps i18n-compile pyc
	$(BIN)/ecom-trainer --demo

test: $(STAMP) sysdeps i18n-compile
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q $(PYTEST_ARGS)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
	  { echo "ecom-trainer needs Python 3.11 or newer; $(PYTHON) is older." >&2; exit 1; }
	@[ -x $(BIN)/python ] || $(PYTHON) -m venv $(VENV) || { \
	  echo "Could not create a virtual environment. On Debian: apt-get install python3-venv" >&2; exit 1; }
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	@touch $@

# Bytecode for our sources, as pip writes for a normal install (an editable one gets none, and
# PYTHONDONTWRITEBYTECODE may stop Python from caching it): start-up time is budgeted.
pyc: $(STAMP)
	@$(BIN)/python -m compileall -q src

# Debian packages Qt needs here: installed when run as root, named otherwise.
sysdeps:
	@sh scripts/install-system-deps.sh

# Extract, update and compile both domains (ui: ecom_trainer, lesson text: lessons).
i18n: $(STAMP)
	$(BIN)/pybabel extract -F babel-ui.cfg -k _ -k gettext -k ngettext:1,2 -k N_ \
	  --project=ecom-trainer --copyright-holder="ecom-trainer developers" \
	  -o translations/ecom_trainer.pot src
	$(BIN)/pybabel extract -F babel-lessons.cfg --project=ecom-trainer-lessons \
	  --copyright-holder="ecom-trainer developers" -o translations/lessons.pot lessons
	@for loc in $(LOCALES); do for dom in ecom_trainer lessons; do \
	  [ -f translations/$$loc/LC_MESSAGES/$$dom.po ] || \
	  $(BIN)/pybabel init -i translations/$$dom.pot -d translations -D $$dom -l $$loc; done; done
	$(BIN)/pybabel update -i translations/ecom_trainer.pot -d translations -D ecom_trainer --ignore-obsolete
	$(BIN)/pybabel update -i translations/lessons.pot -d translations -D lessons --ignore-obsolete
	$(MAKE) i18n-compile

i18n-compile: $(STAMP)
	@$(BIN)/pybabel compile -d translations -D ecom_trainer
	@$(BIN)/pybabel compile -d translations -D lessons

i18n-check: $(STAMP)
	$(BIN)/python -m ecom_trainer.cli i18n check

lessons-check: $(STAMP)
	$(BIN)/ecom-trainer lessons check lessons

# Every language at 100 %; Chinese also at 200 % text and in the high-contrast theme.
screenshots: $(STAMP) sysdeps i18n-compile
	QT_QPA_PLATFORM=offscreen $(BIN)/python scripts/screenshots.py screenshots
	QT_QPA_PLATFORM=offscreen $(BIN)/python scripts/screenshots.py screenshots/zh_CN-200 \
	  --languages zh_CN --scale 2.0
	QT_QPA_PLATFORM=offscreen $(BIN)/python scripts/screenshots.py screenshots/zh_CN-high_contrast \
	  --languages zh_CN --theme high_contrast

bench: $(STAMP) sysdeps i18n-compile pyc
	QT_QPA_PLATFORM=offscreen $(BIN)/python scripts/bench.py

# The one-folder bundle dist/ecom-trainer/ (packaging/ecom-trainer.spec, PyInstaller from the
# `dist` extra), with the Linux menu entry and installer beside it, then started and checked.
dist: $(VENV)/.dist-installed sysdeps i18n-compile
	$(BIN)/pyinstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller \
	  packaging/ecom-trainer.spec
	cp -R packaging/linux dist/ecom-trainer/linux
	$(BIN)/python scripts/smoke_dist.py dist/ecom-trainer

$(VENV)/.dist-installed: $(STAMP)
	$(BIN)/python -m pip install -q -e '.[test,dist]'
	@touch $@

# Every wheel needed to install offline (docs/install.md): ecom-trainer's own and its
# dependencies for CPython 3.11 and 3.12 on Windows (win_amd64) and Linux (glibc 2.34+, x86_64).
WHEEL_PYTHONS   := 3.11 3.12
LINUX_PLATFORMS := --platform manylinux_2_34_x86_64 --platform manylinux_2_28_x86_64 \
                   --platform manylinux_2_17_x86_64 --platform manylinux2014_x86_64
wheelhouse: $(STAMP) i18n-compile
	rm -rf wheelhouse build/lib build/bdist.* && mkdir -p wheelhouse
	$(BIN)/python -m pip wheel -q --no-deps . -w wheelhouse
	@for py in $(WHEEL_PYTHONS); do for plat in "--platform win_amd64" "$(LINUX_PLATFORMS)"; do \
	  echo "wheels for CPython $$py, $$plat"; \
	  $(BIN)/python -m pip download -q --only-binary=:all: --implementation cp --python-version $$py \
	    $$plat -d wheelhouse wheelhouse/ecom_trainer-*.whl || exit 1; done; done
	@echo "wheelhouse/: $$(ls wheelhouse/*.whl | wc -l) wheels, $$(du -sh wheelhouse | cut -f1)"

lint: $(STAMP)
	$(BIN)/ruff check src tests scripts

clean:
	rm -rf $(VENV) build dist wheelhouse screenshots .pytest_cache
	find translations -name '*.mo' -delete
