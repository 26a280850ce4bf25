"""Flags for the instructor: a static scan of the student's cells, never a change of score.

Fast tests only: the scanner reads source with ``ast`` (no kernel), and the preprocessor and
the CSV export run in-process on a temporary gradebook.
"""

from __future__ import annotations

import csv
import json
import warnings
from pathlib import Path

import nbformat
import pytest
from nbgrader.api import Gradebook
from sqlalchemy.exc import SAWarning

from coursekit import flags as flags_module
from coursekit.flags import (
    FLAG_KINDS, LIBRARY_SHORTCUTS, Flag, FlagAnswers, FlagsCsvExportPlugin, read_flags,
    scan_notebook, scan_source)

AUTHORED = Path(__file__).resolve().parents[1] / "autograder" / "authored"


def kinds(source: str, grade_id: str = "answer_x") -> set[str]:
    return {flag.kind for flag in scan_source(source, grade_id)}


def details(source: str, kind: str, grade_id: str = "answer_x") -> list[str]:
    return [flag.detail for flag in scan_source(source, grade_id) if flag.kind == kind]


# --- honest answers -------------------------------------------------------------------------

HONEST = {
    "plain numpy": (
        "def soft_threshold(z, t):\n"
        "    z = np.asarray(z, dtype=float)\n"
        "    return np.sign(z) * np.maximum(np.abs(z) - t, 0.0) + 0.0\n"),
    "list comprehension": (
        "def fold_mse(folds, alpha):\n"
        "    errors = [np.mean((y - X @ fit(X, y, alpha)) ** 2) for X, y in folds]\n"
        "    return float(np.mean(errors))\n"),
    "np.linalg.lstsq": (
        "import numpy as np\n"
        "def fit_least_squares(X, y):\n"
        "    w, *_ = np.linalg.lstsq(X, y, rcond=None)\n"
        "    return w\n"),
    "scipy lstsq": "from scipy.linalg import lstsq\nw = lstsq(X, y)[0]\n",
    "printing": "print(f'alpha = {alpha:.3f}', w.round(3))\nprint(sum(abs(v) for v in w))\n",
    "warnings.warn": (
        "import warnings\n"
        "def lasso_cd(X, y, alpha, max_iter=1000):\n"
        "    for sweep in range(max_iter):\n"
        "        pass\n"
        "    warnings.warn('coordinate descent did not converge')\n"),
    "local names shadowing builtins": (
        "def f(values):\n"
        "    sum = 0\n"
        "    for max in values:\n"
        "        sum += max\n"
        "    return sum\n"),
    "a variable named signal": "def denoise(signal):\n    return signal - signal.mean()\n",
    "pytorch training step outside the logistic exercises": (
        "torch.manual_seed(0)\n"
        "torch.backends.cudnn.deterministic = True\n"
        "loss = ((model(X) - y) ** 2).mean()\n"
        "loss.backward()\n"),
    "pandas display options": "pd.options.display.max_rows = 20\n",
    "course data through lessonkit": "from lessonkit.data import auto_mpg_xy\nX, y = auto_mpg_xy()\n",
    "harmless magics": "%matplotlib inline\n%%time\nw = np.zeros(3)\n",
    "plotting": "fig, ax = plt.subplots()\nax.plot(alphas, errors)\nplt.show()\n",
}


@pytest.mark.parametrize("name", sorted(HONEST))
def test_honest_answers_raise_no_flags(name):
    assert scan_source(HONEST[name], "answer_lasso_cd") == []


def test_the_course_reference_answers_raise_no_flags():
    jupytext = pytest.importorskip("jupytext")
    sources = sorted(AUTHORED.glob("*.py"))
    assert sources, f"no authored lessons in {AUTHORED}"
    for path in sources:
        nb = jupytext.read(path)
        assert scan_notebook(nb) == [], path.name


def test_an_infinite_loop_is_not_flagged():
    assert scan_source("while True:\n    pass\n", "answer_lasso_cd") == []


# --- each kind, on a small example ----------------------------------------------------------

def test_registering_an_input_transformer_is_an_ipython_hook():
    source = "ip = get_ipython()\nip.input_transformers_cleanup.append(lambda lines: ['x = 1\\n'])\n"
    found = details(source, "ipython-hook")
    assert any(d.startswith("line 1: get_ipython()") for d in found)
    assert any(d.startswith("line 2: .input_transformers_cleanup") for d in found)


@pytest.mark.parametrize("source", [
    "get_ipython().events.register('pre_run_cell', hook)",
    "get_ipython().ast_transformers.append(t)",
    "get_ipython().set_custom_exc((AssertionError,), handler)",
    "import sys\nsys.excepthook = handler",
    "import sys\nsys.settrace(tracer)",
    "from IPython import get_ipython\nshell = get_ipython()",
])
def test_shell_and_interpreter_hooks_are_ipython_hooks(source):
    assert "ipython-hook" in kinds(source)


@pytest.mark.parametrize("magic", ["%load_ext autoreload", "%config InlineBackend.figure_format = 'svg'",
                                   "%run helper.py"])
def test_extension_config_and_run_magics_are_ipython_hooks(magic):
    (flag,) = scan_source(magic, "answer_x")
    assert flag.kind == "ipython-hook"
    assert flag.detail.startswith(f"line 1: {magic.split()[0]}")


@pytest.mark.parametrize("source", ["!ls -la", "files = !ls", "%%bash\necho hi\n", "%sx ls", "%system ls",
                                    "%pip install requests"])
def test_shell_escapes_are_shell(source):
    assert kinds(source) == {"shell"}


def test_a_shell_escape_detail_shows_the_command():
    assert details("x = 1\n!rm -rf data", "shell") == ["line 2: !rm -rf data (runs a shell command or another program)"]


def test_code_inside_time_and_capture_magics_is_scanned():
    source = "%%time\nimport subprocess\nsubprocess.run(['ls'])\n"
    assert details(source, "process") == ["line 2: import subprocess (runs other programs)"]
    assert kinds("%timeit -n 3 -r 1 os.system('ls')") == {"process"}


def test_assigning_a_numpy_attribute_is_a_module_patch():
    found = scan_source("np.allclose = lambda *a, **k: True", "answer_lasso_cd")
    assert found == [Flag("answer_lasso_cd", "module-patch",
                          "line 1: np.allclose = ... (assigns an attribute of numpy)")]


@pytest.mark.parametrize("source", [
    "import numpy\nsetattr(numpy, 'allclose', lambda *a: True)",
    "import numpy as xp\nxp.testing.assert_allclose = f",
    "from sklearn import linear_model as lm\nlm.Lasso.fit = fake_fit",
    "np.ndarray.__eq__ = lambda self, other: True",
    "from numpy import ndarray\nndarray.__eq__ = f",
    "la = np.linalg\nla.norm = f",
    "del np.isclose",
    "import math\nmath.isclose = f",
    "import lessonkit.data\nlessonkit.data.auto_mpg_xy = f",
    "np = FakeNumpy()",
    "check_close.__code__ = (lambda *a: True).__code__",
])
def test_patching_modules_is_a_module_patch(source):
    assert "module-patch" in kinds(source)


def test_assigning_attributes_of_own_objects_is_not_a_module_patch():
    source = "class Model:\n    pass\nm = Model()\nm.coef_ = w\nself_like = m\nself_like.intercept_ = 0.0\n"
    assert scan_source(source, "answer_x") == []


def test_assigning_an_attribute_of_the_builtins_module_is_flagged():
    found = kinds("import builtins\nbuiltins.float = lambda x: 0.0")
    assert found == {"import-trick", "builtin-reassigned"}
    assert "builtin-reassigned" in kinds("__builtins__.print = lambda *a: None")


@pytest.mark.parametrize("source, construct", [
    ("class MyFloat(float):\n    pass\nfloat = MyFloat\n", "float = ..."),
    ("def isinstance(obj, cls):\n    return True\n", "def isinstance"),
    ("print = lambda *a, **k: None\n", "print = ..."),
    ("from numpy import sum as len\n", "from numpy import sum as len"),
    ("for id in range(3):\n    pass\n", "for id in ..."),
    ("def f():\n    global abs\n    abs = None\n", "global abs"),
    ("x, round = 1, 2\n", "round = ..."),
])
def test_rebinding_a_builtin_at_top_level_is_builtin_reassigned(source, construct):
    found = details(source, "builtin-reassigned")
    assert any(construct in d for d in found), found


def test_a_class_with_eq_returning_true_is_a_comparison_override():
    source = "class Anything:\n    def __eq__(self, other):\n        return True\n"
    assert scan_source(source, "answer_rmse") == [Flag(
        "answer_rmse", "comparison-override",
        "line 2: class Anything defines __eq__ (controls ==; can make a wrong answer pass a check)")]


@pytest.mark.parametrize("dunder", ["__ne__", "__bool__", "__float__", "__array__", "__array_ufunc__",
                                    "__array_function__", "__instancecheck__", "__subclasscheck__"])
def test_other_comparison_dunders_are_comparison_overrides(dunder):
    assert kinds(f"class Fake:\n    def {dunder}(self, *args):\n        return True\n") == {"comparison-override"}


@pytest.mark.parametrize("source", [
    "from reference_solutions import linear_regression",
    "import reference_solutions.checks.lasso as checks",
    "from nbgrader.api import Gradebook",
    "import coursekit.grading",
    "from coursekit_probe import probe",
    "mod = __import__('reference_solutions')",
])
def test_importing_the_grading_code_is_a_grader_import(source):
    assert "grader-import" in kinds(source)


@pytest.mark.parametrize("source", [
    "import importlib\nimportlib.reload(np)",
    "mod = __import__('numpy')",
    "import sys\nsys.modules['numpy'] = fake",
    "import sys\nsys.path.insert(0, '/tmp/evil')",
    "import sys\nsys.path = ['/tmp']",
    "exec('x = 1')",
    "result = eval('1 + 1')",
    "code = compile('x = 1', '<s>', 'exec')",
    "globals()['soft_threshold'] = f",
    "vars().update(x=1)",
    "import builtins",
])
def test_unusual_imports_and_dynamic_code_are_import_tricks(source):
    assert "import-trick" in kinds(source)


def test_reading_sys_path_and_calling_model_compile_are_not_import_tricks():
    assert scan_source("import sys\nprint(sys.path)\nmodel.compile(optimizer='adam')\nmodel.eval()\n",
                       "answer_x") == []


@pytest.mark.parametrize("source", [
    "data = open('/etc/passwd').read()",
    "import os\nprint(os.listdir('.'))",
    "from pathlib import Path\ntext = Path('/etc/passwd').read_text()",
    "import shutil\nshutil.rmtree('data')",
    "import pickle\nobj = pickle.load(fh)",
    "arr = np.load('answers.npy')",
    "df = pd.read_csv('secret.csv')",
    "df.to_csv('out.csv')",
    "%%writefile helper.py\nx = 1\n",
])
def test_reading_and_writing_files_is_file_access(source):
    assert "file-access" in kinds(source)


def test_open_detail_names_the_call_and_its_line():
    assert details("x = 1\ndata = open('/etc/passwd').read()", "file-access") == ["line 2: open(...) (opens a file)"]


@pytest.mark.parametrize("module", ["socket", "ssl", "urllib.request", "http.client", "requests", "httpx",
                                    "ftplib", "smtplib", "xmlrpc.client", "aiohttp", "zmq"])
def test_networking_imports_are_network(module):
    assert kinds(f"import {module}") == {"network"}


def test_import_socket_detail():
    assert scan_source("import socket", "answer_x") == [Flag("answer_x", "network", "line 1: import socket (network access)")]


@pytest.mark.parametrize("source", [
    "import os\nos._exit(0)",
    "import sys\nsys.exit(1)",
    "exit()",
    "quit()",
    "import os\nos.kill(os.getppid(), 9)",
    "import os\nos.system('ls')",
    "import os\nos.execv('/bin/sh', ['sh'])",
    "import subprocess",
    "import signal\nsignal.alarm(1)",
    "import ctypes",
    "import threading\nthreading.Thread(target=f).start()",
    "import atexit",
    "raise SystemExit",
])
def test_ending_the_kernel_and_starting_processes_is_process(source):
    assert "process" in kinds(source)


def test_os_exit_detail():
    assert details("import os\nos._exit(0)", "process") == ["line 2: os._exit(...) (ends the kernel at once)"]


def test_library_shortcut_depends_on_the_exercise():
    source = "model = Lasso(alpha=0.1, fit_intercept=True).fit(X, y)\n"
    assert scan_source(source, "answer_lasso_cd") == [Flag(
        "answer_lasso_cd", "library-shortcut", "line 1: Lasso (the exercise asks you to implement this yourself)")]
    assert scan_source(source, "answer_fold_mse") == []
    assert scan_source(source, "cell 3 (added)") == []


@pytest.mark.parametrize("grade_id, source", [
    ("answer_fit_least_squares", "from sklearn.linear_model import LinearRegression"),
    ("answer_fit_least_squares", "from sklearn import linear_model\nm = linear_model.LinearRegression()"),
    ("answer_rmse", "from sklearn.metrics import mean_squared_error as mse\nr = mse(y, p) ** 0.5"),
    ("answer_fit_ridge", "import sklearn.linear_model as lm\nw = lm.Ridge(alpha=1.0).fit(X, y).coef_"),
    ("answer_enet_cd", "m = ElasticNet(alpha=a, l1_ratio=r)"),
    ("answer_kernel_penalty", "return sum(model.losses)"),
    ("answer_logistic_gradient", "loss.backward()\ng = w.grad"),
    ("answer_logistic_cost", "import torch.nn.functional as F\nF.binary_cross_entropy(p, y)"),
    ("answer_logistic_gradient", "g, = torch.autograd.grad(loss, w)"),
    ("answer_one_standard_error_alpha", "from sklearn.model_selection import cross_val_score"),
])
def test_library_functions_the_exercise_forbids_are_library_shortcuts(grade_id, source):
    assert "library-shortcut" in kinds(source, grade_id)


@pytest.mark.parametrize("source", [
    "w, *_ = np.linalg.lstsq(X, y, rcond=None)",
    "from scipy.linalg import lstsq\nw = lstsq(X, y)[0]",
    "import scipy.linalg\nw = scipy.linalg.lstsq(X, y)[0]",
])
def test_lstsq_is_allowed_for_least_squares(source):
    assert scan_source(source, "answer_fit_least_squares") == []


def test_the_shortcut_table_can_be_extended(monkeypatch):
    monkeypatch.setitem(LIBRARY_SHORTCUTS, "answer_new_exercise", ("HuberRegressor",))
    assert kinds("m = HuberRegressor()", "answer_new_exercise") == {"library-shortcut"}
    assert isinstance(flags_module.LIBRARY_SHORTCUTS["answer_lasso_cd"], tuple)


def test_unparsable_source_gives_a_single_unparsable_flag():
    found = scan_source("import socket\ndef f(:\n    pass\n", "answer_x")
    assert len(found) == 1
    assert found[0].kind == "unparsable"
    assert "SyntaxError" in found[0].detail and found[0].detail.startswith("line 2:")


def test_every_flag_kind_is_documented():
    doc = flags_module.__doc__
    for kind in FLAG_KINDS:
        assert f"``{kind}``" in doc, kind


# --- output shape ---------------------------------------------------------------------------

def test_flags_are_sorted_by_line_and_deduplicated():
    source = ("import socket\n"
              "np.allclose = f; np.allclose = f\n"
              "import os\n"
              "os.system('a'); os.system('b')\n"
              "open('x')\n")
    found = scan_source(source, "answer_x")
    assert [f.kind for f in found] == ["network", "module-patch", "process", "file-access"]
    assert len(set(found)) == len(found)
    assert scan_source(source, "answer_x") == found


def test_the_scan_is_deterministic_across_kinds_on_one_line():
    source = "import socket, subprocess, builtins"
    first = scan_source(source, "answer_x")
    assert [f.kind for f in first] == sorted(f.kind for f in first)
    assert all(scan_source(source, "answer_x") == first for _ in range(3))


def test_line_numbers_count_from_the_first_line_of_the_cell():
    assert details("\n\n\n!ls", "shell") == ["line 4: !ls (runs a shell command or another program)"]
    assert details("%%capture out\nx = 1\nimport socket\n", "network") == ["line 3: import socket (network access)"]


def test_flag_prints_as_grade_id_kind_detail():
    assert str(Flag("answer_rmse", "network", "line 1: import socket (network access)")) == \
        "answer_rmse: network: line 1: import socket (network access)"


def test_deeply_nested_source_does_not_crash_the_scan():
    long_sum = "x = " + " + ".join(["1"] * 2000) + "\n"
    assert scan_source(long_sum, "answer_x") == []
    # too deep for Python's own parser: reported, not raised
    (flag,) = scan_source("x = " + " + ".join(["1"] * 20000) + "\n", "answer_x")
    assert flag.kind == "unparsable"


# --- notebooks, the gradebook, the export ---------------------------------------------------

def _nbgrader(grade_id, *, solution, grade=False, locked=False, points=None):
    meta = {"grade": grade, "grade_id": grade_id, "locked": locked, "schema_version": 3,
            "solution": solution, "task": False}
    if points is not None:
        meta["points"] = points
    return {"nbgrader": meta}


def _notebook():
    cells = [
        nbformat.v4.new_markdown_cell("# Lesson"),
        nbformat.v4.new_code_cell("import numpy as np"),  # cell 2: an ordinary course cell
        nbformat.v4.new_code_cell("def lasso_cd(X, y, alpha):\n    return Lasso(alpha=alpha).fit(X, y).coef_\n",
                                  metadata=_nbgrader("answer_lasso_cd", solution=True)),
        nbformat.v4.new_code_cell("import socket  # course code: restored by nbgrader, never scanned",
                                  metadata=_nbgrader("lasso_cd_test", solution=False, grade=True,
                                                     locked=True, points=1)),
        nbformat.v4.new_code_cell("import os\nos.system('cat /etc/passwd')"),  # cell 5: added by the student
        nbformat.v4.new_markdown_cell("Written answer", metadata=_nbgrader("answer_essay", solution=True)),
        nbformat.v4.new_code_cell("def fold_mse(folds):\n    return float(np.mean([f() for f in folds]))\n",
                                  metadata=_nbgrader("answer_fold_mse", solution=True)),
    ]
    return nbformat.v4.new_notebook(cells=cells)


def test_scan_notebook_scans_answer_cells_and_added_cells_only():
    found = scan_notebook(_notebook())
    assert [str(f) for f in found] == [
        "answer_lasso_cd: library-shortcut: line 2: Lasso (the exercise asks you to implement this yourself)",
        "cell 5 (added): process: line 2: os.system(...) (runs a shell command)",
    ]


def test_a_cell_with_an_unknown_grade_id_removed_by_nbgrader_is_scanned():
    nb = _notebook()
    nb.cells.append(nbformat.v4.new_code_cell("import socket", metadata={"nbgrader": {"locked": True, "solution": False}}))
    assert scan_notebook(nb)[-1] == Flag("cell 8 (added)", "network", "line 1: import socket (network access)")


@pytest.fixture
def gradebook_url(tmp_path, monkeypatch):
    """A gradebook with one assignment ("a"), one notebook ("nb") and submissions of s and t."""
    # nbgrader asks the `alembic` program for the schema version when it creates a gradebook;
    # ask alembic's Python API instead (no subprocess, no PATH dependence).
    import nbgrader
    import nbgrader.api
    from alembic.script import ScriptDirectory
    head = ScriptDirectory(str(Path(nbgrader.__file__).parent / "alembic")).get_current_head()
    monkeypatch.setattr(nbgrader.api, "get_alembic_version", lambda: head)
    url = f"sqlite:///{tmp_path}/gradebook.db"
    with Gradebook(url) as gb:
        gb.add_assignment("a")
        gb.add_student("s", first_name="Ada", last_name="Lovelace")
        gb.add_student("t")
        gb.add_notebook("nb", "a")
        for name in ("answer_lasso_cd", "answer_essay", "answer_fold_mse"):
            gb.add_solution_cell(name, "nb", "a")
            gb.add_source_cell(name, "nb", "a", cell_type="code", locked=False, source="")
        gb.add_grade_cell("lasso_cd_test", "nb", "a", max_score=1, cell_type="code")
        gb.add_source_cell("lasso_cd_test", "nb", "a", cell_type="code", locked=True, source="import socket")
        with warnings.catch_warnings():  # SQLAlchemy autoflush notes from inside nbgrader
            warnings.simplefilter("ignore", SAWarning)
            gb.add_submission("a", "s")
            gb.add_submission("a", "t")
        # what SaveAutoGrades leaves on an untouched answer cell
        gb.find_comment("answer_fold_mse", "nb", "a", "s").auto_comment = "No response."
        gb.db.commit()
    return url


def _resources(url, student="s"):
    return {"nbgrader": {"assignment": "a", "student": student, "notebook": "nb", "db_url": url}}


def test_flag_answers_records_flags_in_the_gradebook_and_the_notebook(gradebook_url):
    nb = _notebook()
    n_cells = len(nb.cells)
    nb, resources = FlagAnswers().preprocess(nb, _resources(gradebook_url))

    expected = [str(f) for f in scan_notebook(_notebook())]
    assert resources["l1l2_flags"] == expected

    with Gradebook(gradebook_url) as gb:
        assert gb.find_submission_notebook("nb", "a", "s").flagged is True
        assert gb.find_submission_notebook("nb", "a", "t").flagged is False
        comment = gb.find_comment("answer_lasso_cd", "nb", "a", "s").auto_comment
        # the added cell's flag rides on the answer cell before it, so read_flags sees it
        assert comment.splitlines() == ["FLAG " + line for line in expected]
        assert gb.find_comment("answer_fold_mse", "nb", "a", "s").auto_comment == "No response."
        assert gb.find_comment("answer_essay", "nb", "a", "s").auto_comment is None
        assert gb.find_submission("a", "s").score == 0  # flags never change a score

    assert len(nb.cells) == n_cells + 1
    cell = nb.cells[-1]
    assert cell.cell_type == "markdown"
    assert cell.metadata == {"l1l2_flags": True}
    assert cell.source.startswith(
        "**Grader flags** (for the instructor to look at; they do not change the score)")
    bullets = [line for line in cell.source.splitlines() if line.startswith("- ")]
    assert len(bullets) == len(expected)
    assert all(f in bullet for f, bullet in zip(expected, bullets))
    nbformat.validate(nb)

    assert read_flags(gradebook_url, "a", "s") == expected
    assert read_flags(gradebook_url, "a", "t") == []


def test_flag_answers_is_idempotent(gradebook_url):
    nb, _ = FlagAnswers().preprocess(_notebook(), _resources(gradebook_url))
    once = read_flags(gradebook_url, "a", "s")
    nb, _ = FlagAnswers().preprocess(nb, _resources(gradebook_url))
    assert read_flags(gradebook_url, "a", "s") == once
    assert sum(1 for c in nb.cells if c.metadata.get("l1l2_flags")) == 1


def test_flag_answers_without_flags_changes_nothing(gradebook_url):
    nb = _notebook()
    del nb.cells[4]
    nb.cells[2].source = "def lasso_cd(X, y, alpha):\n    return np.zeros(X.shape[1])\n"
    before = nbformat.writes(nb)
    nb, resources = FlagAnswers().preprocess(nb, _resources(gradebook_url))
    assert resources["l1l2_flags"] == []
    assert nbformat.writes(nb) == before
    with Gradebook(gradebook_url) as gb:
        assert gb.find_submission_notebook("nb", "a", "s").flagged is False
    assert read_flags(gradebook_url, "a", "s") == []


def test_flag_answers_without_a_gradebook_still_marks_the_notebook():
    nb, resources = FlagAnswers().preprocess(_notebook(), {})
    assert len(resources["l1l2_flags"]) == 2
    assert nb.cells[-1].metadata.get("l1l2_flags") is True


def test_a_gradebook_problem_is_logged_and_grading_goes_on(gradebook_url):
    nb, resources = FlagAnswers().preprocess(_notebook(), _resources(gradebook_url, student="nobody"))
    assert len(resources["l1l2_flags"]) == 2
    assert nb.cells[-1].metadata.get("l1l2_flags") is True
    assert read_flags(gradebook_url, "a", "s") == []


def test_scan_notebook_accepts_a_plain_dict():
    as_dict = json.loads(nbformat.writes(_notebook()))
    assert scan_notebook(as_dict) == scan_notebook(_notebook())


def test_read_flags_of_a_missing_submission_is_empty(gradebook_url):
    assert read_flags(gradebook_url, "a", "nobody") == []


def test_csv_export_adds_a_flags_column(gradebook_url, tmp_path):
    FlagAnswers().preprocess(_notebook(), _resources(gradebook_url))
    plugin = FlagsCsvExportPlugin()
    plugin.to = str(tmp_path / "g.csv")
    with Gradebook(gradebook_url) as gb:
        plugin.export(gb)
    with open(tmp_path / "g.csv", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0])[-1] == "flags"
    by_student = {row["student_id"]: row for row in rows}
    assert by_student["s"]["flags"] == " | ".join(read_flags(gradebook_url, "a", "s"))
    assert by_student["s"]["flags"].startswith("answer_lasso_cd: library-shortcut:")
    assert by_student["t"]["flags"] == ""
    assert by_student["s"]["last_name"] == "Lovelace"
    assert by_student["s"]["score"] == "0.0"
