# The course's commands. Each target creates the virtual environment (.venv) from
# requirements.txt when it is missing or older than the requirement files, and reuses it otherwise.

PYTHON ?= python3.11
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: venv build check check-lessons grade-sample grade-class class-report formgrader test lab site benchmark clean \
        sandbox-packages test-packages

venv: $(STAMP)

$(STAMP): requirements.txt pyproject.toml solutions/pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -r requirements.txt
	$(PY) -m pip install --no-deps --no-build-isolation -e . -e solutions
# jsonschema's optional IRI format checker (rfc3987-syntax, pulled in by jupyter-events) builds
# a parser when jsonschema is imported: about 1 s in every process that imports nbformat
# (each nbgrader run, alembic, a grading worker). No schema the course meets uses the iri
# formats, and jsonschema skips them when the package is absent (jsonschema issue 1428).
	$(PY) -m pip uninstall --yes --quiet rfc3987-syntax
	touch $(STAMP)

## System packages, checked before any other work of a target (autograder/system_packages.sh):
## missing ones are installed with apt-get as root on Debian/Ubuntu; otherwise the target stops
## with the command to run. bubblewrap is the grading sandbox; chromium drives the browser tests.
## (make site runs its notebooks without the sandbox and needs neither.)
sandbox-packages:
	@sh autograder/system_packages.sh bubblewrap
test-packages:
	@sh autograder/system_packages.sh bubblewrap chromium

## the main job: build lessons/, autograde the sample class, print the score table
grade-sample: sandbox-packages $(STAMP)
	$(PY) -m coursekit grade-sample

## grade a folder of submissions concurrently and merge them into the course gradebook:
##   make grade-class SUBMISSIONS=path/to/submitted [WORKERS=4] [SCHEDULER=tcp://host:8786|local]
SUBMISSIONS ?= build/course/submitted
grade-class: sandbox-packages $(STAMP)
	$(PY) -m coursekit grade-class $(SUBMISSIONS) $(if $(WORKERS),--workers $(WORKERS)) $(if $(SCHEDULER),--scheduler $(SCHEDULER))

## the class report of a graded course root: mistakes per lesson and test cell, not-judged counts,
## flags, similarity pointers (offline HTML + CSV in the course root):
##   make class-report [COURSE=build/course]  (default: the sample course of `make grade-sample`)
class-report: $(STAMP)
	$(PY) -m coursekit class-report --course-root $(COURSE)

## nbgrader's Formgrader on a course root (default: the sample course of `make grade-sample`):
##   make formgrader [COURSE=build/course]; then open the printed URL (it lands on /formgrader)
COURSE ?= build/sample-course
formgrader: $(STAMP)
	test -f $(COURSE)/gradebook.db || { echo "$(COURSE) has no gradebook: run make grade-sample (or make build) first"; exit 1; }
	cd autograder && COURSE_ROOT=$(abspath $(COURSE)) PATH=$(abspath $(VENV))/bin:$$PATH \
	  $(abspath $(VENV))/bin/jupyter lab --no-browser --allow-root --ServerApp.root_dir=$(abspath $(COURSE)/..) \
	  --LabApp.default_url=/formgrader

## the test suite (CI runs this through .ci/run)
## two pytest-xdist workers: the files using the one-class run in one, the other files beside it
## (tests/conftest.py schedules them; TEST_WORKERS=0: one process)
TEST_WORKERS ?= 2
test: test-packages $(STAMP)
	$(PY) -m pytest -n $(TEST_WORKERS) --dist loadfile

## authored sources -> nbgrader source/release (build/course) -> lessons/
build: $(STAMP)
	$(PY) -m coursekit build

## self-check a notebook of yours: make check NB=path/to/02_lasso.ipynb (points and messages; no gradebook)
check: sandbox-packages $(STAMP)
	@test -n "$(NB)" || { echo "usage: make check NB=path/to/NN_topic.ipynb"; exit 2; }
	$(PY) -m coursekit check $(NB)

check-lessons: $(STAMP)
	$(PY) -m coursekit check-lessons

## open the student notebooks in JupyterLab (nbgrader's Validate button is in the toolbar)
lab: $(STAMP)
	$(VENV)/bin/jupyter lab lessons/

## the readers' edition: every lesson executed, solutions folded, as an offline static site;
##   open build/site/index.html (re-executes only the lessons whose code changed; COURSE_LESSONS=... restricts it)
site: $(STAMP)
	$(PY) autograder/site/make_pages.py

## timings: solved-notebook execution vs import floor, peak memory, autograde time
benchmark: $(STAMP)
	$(PY) autograder/benchmark.py

clean:
	rm -rf build
