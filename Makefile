# Targets match the CI steps. `make run` and `make test` do all the set-up themselves.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
MODEL := models/firstcontact.tar.gz
TRAINING_INPUTS := config.yml $(shell find domain data -type f -name '*.yml' 2>/dev/null) $(shell find bot -type f -name '*.py' 2>/dev/null)

.PHONY: install run train lint validate test test-unit test-stories test-e2e test-scale bench clean

install: $(VENV)/.installed

$(VENV)/.installed: requirements.lock pyproject.toml scripts/install.sh
	scripts/install.sh
	@touch $@

# Retrain only when the training data, domain, config or NLU components changed.
train: $(MODEL)

$(MODEL): $(VENV)/.installed $(TRAINING_INPUTS)
	source scripts/env.sh && $(BIN)/rasa train --domain domain --fixed-model-name firstcontact --out models
	@touch $@

run: install train
	scripts/run.sh

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

validate: install
	source scripts/env.sh && $(BIN)/rasa data validate --domain domain --fail-on-warnings

test-unit: install
	source scripts/env.sh && $(BIN)/pytest -m "not e2e and not scale" -q

test-stories: train
	source scripts/env.sh && $(BIN)/rasa test core --stories tests/stories --model $(MODEL) \
	  --fail-on-prediction-errors --out results/stories

test-e2e: train
	source scripts/env.sh && $(BIN)/pytest -m "e2e and not scale" -q

# PostgreSQL and Redis from Debian packages, started on free loopback ports for these tests only.
test-scale: train
	source scripts/env.sh && scripts/with_services.sh $(BIN)/pytest -m scale -q

test: lint validate test-unit test-stories test-e2e test-scale

bench: train
	source scripts/env.sh && $(BIN)/python -m tests.bench.run

clean:
	rm -rf build models results var
