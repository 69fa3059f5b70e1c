# Two environments: .venv (the bot, modern libraries, default python3) and .venv-rasa (Rasa 3.6, Python 3.10).
# Both install from hash-locked files in requirements/ with uv.

PYTHON ?= python3
# Rasa 3.6 needs Python 3.10: take python3.10 from PATH, else pyenv's copy.
PYTHON_RASA ?= $(shell for p in python3.10 $(wildcard $(HOME)/.pyenv/versions/3.10*/bin/python3.10) /usr/bin/python3.10; do \
	"$$p" -c "" >/dev/null 2>&1 && { command -v "$$p"; break; }; done)
UV := .venv/bin/uv
BOT := .venv/bin/python -m bot
RASA_ENV := PYTHONPATH=$(CURDIR) TF_CPP_MIN_LOG_LEVEL=2 RASA_TELEMETRY_ENABLED=false
TRAINING_INPUTS := config.yml domain.yml $(wildcard common/*.py common/risk_signals/*.py nlu_data/*.yml stories/*.yml rasa_addons/nlu/*.py)

.PHONY: install system-packages run chat train validate lint test test-stories nlu-bench bench choose-c safety-report clean

install: .venv/.installed .venv-rasa/.installed

.venv/.installed: requirements/bot.lock requirements/uv.lock pyproject.toml
	test -x .venv/bin/python || $(PYTHON) -m venv .venv
	.venv/bin/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements/uv.lock
	$(UV) pip sync --quiet --compile-bytecode --python .venv/bin/python --require-hashes requirements/bot.lock
	$(UV) pip install --quiet --python .venv/bin/python --no-deps -e .
	$(UV) pip check --python .venv/bin/python
	touch $@

.venv-rasa/.installed: requirements/rasa.lock .venv/.installed
	@test -n "$(PYTHON_RASA)" || { echo "Python 3.10 is needed for Rasa 3.6: install it (pyenv install 3.10) or set PYTHON_RASA."; exit 1; }
	test -x .venv-rasa/bin/python || $(UV) venv --quiet --python "$(PYTHON_RASA)" .venv-rasa
	# Bytecode compiled once at install: where PYTHONDONTWRITEBYTECODE is set (CI, containers) every Rasa start
	# otherwise compiled its 3,700 modules again, about 9 s of each training and each server start.
	$(UV) pip sync --quiet --compile-bytecode --python .venv-rasa/bin/python --require-hashes requirements/rasa.lock
	$(UV) pip check --python .venv-rasa/bin/python
	touch $@

# Retrains only when training data, config or NLU components changed since the last model.
models/.trained: $(TRAINING_INPUTS) | install
	$(BOT) train
	touch $@

train: install
	$(BOT) train
	touch models/.trained

validate: install
	$(RASA_ENV) .venv-rasa/bin/rasa data validate --data nlu_data stories --domain domain.yml --config config.yml --fail-on-warnings

# The Telegram bot when TELEGRAM_BOT_TOKEN is set, else the console chat.
run: models/.trained
	@if [ -n "$$TELEGRAM_BOT_TOKEN" ]; then \
		$(BOT) run; \
	else \
		echo "TELEGRAM_BOT_TOKEN is not set: starting the console chat. (Get a token from @BotFather in Telegram: /newbot.)"; \
		$(BOT) chat; \
	fi

chat: models/.trained
	$(BOT) chat

lint: install
	.venv/bin/ruff check bot common testkit tests rasa_addons bench

# Dialogue test stories (tests/stories/) against the trained model, both languages, every branch.
test-stories: models/.trained
	$(RASA_ENV) .venv-rasa/bin/rasa test core --stories tests/stories/ --model models/ --out data/rasa-test-results --fail-on-prediction-errors

# Debian packages the bot and its tests need, installed when missing (deploy/system-packages.sh): PostgreSQL, Redis and
# nginx (throwaway servers), fonts, Tesseract OCR, Chromium and chromedriver (browser tests), systemd-analyze.
system-packages:
	@deploy/system-packages.sh

# CI order: lint -> content check -> unit tests -> validate -> train -> story tests -> tests against the model.
test: install system-packages
	$(MAKE) lint
	$(BOT) content check
	.venv/bin/python -m pytest -m "not rasa" -q --durations=15
	$(MAKE) validate
	$(MAKE) models/.trained
	$(MAKE) test-stories
	.venv/bin/python -m pytest -m rasa -q --durations=15

# The whole benchmark in one run (about an hour): accuracy, end-to-end latency and throughput beside an echo bot, replicas,
# cold start, training, memory. Writes bench/results.json, bench/results.md and the README's tables.
bench: models/.trained
	.venv/bin/python -m bench.run

# The fuzz test at full size (issue 15): 10,000 random updates through the fake Bot API into `python -m bot run`
# with a real Rasa server (about 12 minutes); `make test` runs it with 400. FUZZ_SEED=N for other updates.
.PHONY: fuzz
fuzz: models/.trained
	FUZZ_UPDATES=10000 .venv/bin/python -m pytest tests/process/test_fuzz.py -q

# The conversation safety suites written blind and never used to change the rules: counts per category into the
# README's "Safety rules" section.
safety-report: models/.trained
	.venv/bin/python -m testkit.conversation_safety tests/data/safety_blind*.yml --readme README.md

# Compares NLU pipelines (shipped, Rasa's default, a keyword matcher) on the held-out files: F1, false alarms,
# latency, memory.
nlu-bench: install
	$(RASA_ENV) .venv-rasa/bin/python bench/nlu_pipelines.py

# Cross-validates the classifiers' regularisation on the training data only (see config.yml).
choose-c: install
	$(RASA_ENV) .venv-rasa/bin/python bench/choose_regularisation.py

clean:
	rm -rf models data/rasa-test-results
