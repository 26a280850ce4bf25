# The course's commands. Each target creates the virtual environment (.venv) from
# requirements.txt when it is missing or older than the requirement files, and reuses it otherwise.

PYTHON ?= python3.11
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: venv build check-lessons grade-sample test lab benchmark clean

venv: $(STAMP)

$(STAMP): requirements.txt pyproject.toml solutions/pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -r requirements.txt
	$(PY) -m pip install --no-deps --no-build-isolation -e . -e solutions
	touch $(STAMP)

## the main job: build lessons/, autograde the sample class, print the score table
grade-sample: $(STAMP)
	$(PY) -m coursekit grade-sample

## the test suite (CI runs this through .ci/run)
test: $(STAMP)
	$(PY) -m pytest

## authored sources -> nbgrader source/release (build/course) -> lessons/
build: $(STAMP)
	$(PY) -m coursekit build

check-lessons: $(STAMP)
	$(PY) -m coursekit check-lessons

## open the student notebooks in JupyterLab (nbgrader's Validate button is in the toolbar)
lab: $(STAMP)
	$(VENV)/bin/jupyter lab lessons/

## timings: solved-notebook execution vs import floor, peak memory, autograde time
benchmark: $(STAMP)
	$(PY) autograder/benchmark.py

clean:
	rm -rf build
