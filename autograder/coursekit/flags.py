"""Flags for the instructor: a static scan of every student answer cell.

A *flag* says "a person should look at this cell": the code does something an honest answer
to these exercises has no reason to do (reach into IPython, patch NumPy, read files, call the
library function the exercise asks you to write, ...). Flags never change a score; the
scores come from the judge as usual. Nothing is executed: each cell is converted from
IPython syntax to Python and read with :mod:`ast`, so a flag can be a false alarm (and a
determined student can hide things a static scan cannot see) -- it is a pointer, not a
verdict.

Flag kinds (the ``kind`` of a :class:`Flag`):

``unparsable``
    The cell is not valid Python even after IPython syntax (magics, ``!cmd``) is converted;
    nothing else is reported for it.
``shell``
    Runs a shell command or another program through IPython: ``!cmd``, ``x = !cmd``,
    ``%system``, ``%sx``, ``%%bash``, ``%%script``, ``%pip`` and the like.
``ipython-hook``
    Reaches into the running IPython shell or the interpreter's hooks: ``get_ipython()``,
    input/AST transformers, ``events.register``, custom exception and display handlers,
    ``sys.excepthook``/``displayhook``/``settrace``/``setprofile``, ``%load_ext``,
    ``%config``, ``%run``. Such code can change how *later* cells (the tests) run.
``import-trick``
    Imports or runs code in unusual ways: ``importlib``, ``__import__``, ``sys.modules``,
    ``sys.meta_path``, changes to ``sys.path``, the ``builtins`` module, ``__builtins__``,
    ``exec``/``eval``/``compile``, writing to ``globals()``/``vars()``/``locals()``.
``grader-import``
    Imports (or names, in a string) the grading code: ``reference_solutions``,
    ``nbgrader``, ``coursekit``, ``coursekit_probe``, or the probe's evidence MIME type.
``builtin-reassigned``
    Rebinds a Python builtin at the top level of the notebook (``print = ...``,
    ``float = MyFloat``, ``def isinstance(...)``, ``import x as sum``, a ``for`` target,
    ``global len``), or assigns an attribute of the ``builtins`` module.
``module-patch``
    Changes a module the tests rely on: assigning or deleting an attribute of numpy, pandas,
    scikit-learn, torch, keras, tensorflow, scipy, math, lessonkit, coursekit_probe, IPython,
    nbgrader, sys or os (``np.allclose = ...``, ``setattr(np, ...)``,
    ``np.ndarray.__eq__ = ...``), rebinding a conventional module name (``np = ...``),
    replacing a function's ``__code__``, or importing ``unittest.mock``.
``comparison-override``
    Defines a class that overrides ``__eq__``, ``__ne__``, ``__bool__``, ``__float__``,
    ``__array__``, ``__array_ufunc__``, ``__array_function__``, ``__instancecheck__`` or
    ``__subclasscheck__`` (or an ordering comparison): an object that compares equal to
    anything can pass ``==``, ``assert`` and ``np.allclose`` checks.
``file-access``
    Reads or writes files: ``open``, ``os.listdir``/``remove``/``chdir``/..., ``pathlib``
    reads and writes, ``shutil``, ``glob``, ``sqlite3``, ``tempfile``, ``pickle.load(s)``,
    ``joblib``, ``np.load``/``np.save``, ``pd.read_*``, ``.to_csv``, ``%%writefile``.
    Loading the course data through ``lessonkit.data`` is not a flag.
``network``
    Imports networking modules (socket, ssl, urllib, http, requests, httpx, ftplib,
    smtplib, telnetlib, xmlrpc, aiohttp, websocket, zmq, ...) or downloads data.
``process``
    Ends or forks the kernel, sends signals, runs programs or threads: ``os._exit``,
    ``sys.exit``, ``exit()``, ``quit()``, ``os.kill``, ``os.system``, ``os.exec*``,
    ``subprocess``, ``multiprocessing``, ``signal``, ``ctypes``, ``threading``, ``atexit``,
    ``raise SystemExit``, ... (A plain infinite loop is *not* flagged: the time limit
    handles it.)
``library-shortcut``
    Uses the library function an exercise asks you to implement yourself, per answer cell
    (see :data:`LIBRARY_SHORTCUTS`).

Each flag's ``detail`` names the construct and its line within the cell, e.g.
``"line 3: np.allclose = ... (assigns an attribute of numpy)"``.

Entry points: :func:`scan_source` (one cell), :func:`scan_notebook` (the cells a student
wrote), the nbgrader preprocessor :class:`FlagAnswers` (records flags in the gradebook and
appends a "Grader flags" cell to the autograded notebook), :func:`read_flags` (flags of one
submission, from the gradebook) and :class:`FlagsCsvExportPlugin` (``nbgrader export`` with
a ``flags`` column).
"""

from __future__ import annotations

import ast
import builtins
import re
import warnings
from dataclasses import dataclass

import nbformat
from nbgrader import utils as nbgrader_utils
from nbgrader.api import Gradebook, MissingEntry
from nbgrader.plugins import CsvExportPlugin
from nbgrader.preprocessors import NbGraderPreprocessor

__all__ = [
    "Flag", "FlagAnswers", "FlagsCsvExportPlugin", "FLAG_KINDS", "LIBRARY_SHORTCUTS",
    "read_flags", "scan_notebook", "scan_source",
]

#: Every kind a :class:`Flag` can have (see the module docstring for what each means).
FLAG_KINDS = (
    "unparsable", "shell", "ipython-hook", "import-trick", "grader-import",
    "builtin-reassigned", "module-patch", "comparison-override", "file-access", "network",
    "process", "library-shortcut",
)

#: Library names an exercise asks students to implement themselves, by answer ``grade_id``.
#: An entry is matched as follows:
#:
#: - ``"Lasso"``: the identifier, used as a bare name, as an attribute (``lm.Lasso``), or
#:   imported (``from sklearn.linear_model import Lasso [as L]``; later uses of ``L`` too);
#: - ``".losses"``: an attribute access only (``model.losses``, ``loss.backward()``);
#: - ``"torch.autograd"``: a dotted module path, imported or used (after resolving the import
#:   aliases of the cell and the conventional ones ``np``, ``pd``, ``torch``, ``nn``, ...).
#:
#: Lessons may extend this dict (new answer cells, more names).
LIBRARY_SHORTCUTS: dict[str, tuple[str, ...]] = {
    "answer_fit_least_squares": ("LinearRegression", "Ridge"),
    "answer_rmse": ("root_mean_squared_error", "mean_squared_error"),
    "answer_soft_threshold": ("Lasso", "LassoCV", "lasso_path", "ElasticNet", "enet_path", "LassoLars"),
    "answer_coordinate_update": ("Lasso", "LassoCV", "lasso_path", "ElasticNet", "enet_path", "LassoLars"),
    "answer_lasso_cd": ("Lasso", "LassoCV", "lasso_path", "ElasticNet", "enet_path", "LassoLars"),
    "answer_fit_ridge": ("Ridge", "RidgeCV", "ridge_regression"),
    "answer_ridge_objective": ("Ridge", "RidgeCV", "ridge_regression"),
    "answer_enet_coordinate_update": ("ElasticNet", "ElasticNetCV", "enet_path", "Lasso", "Ridge"),
    "answer_enet_cd": ("ElasticNet", "ElasticNetCV", "enet_path", "Lasso", "Ridge"),
    "answer_kernel_penalty": (".losses",),
    "answer_logistic_cost": ("LogisticRegression", "torch.autograd", ".backward", "torch.nn.functional", "log_loss"),
    "answer_logistic_gradient": ("LogisticRegression", "torch.autograd", ".backward", "torch.nn.functional", "log_loss"),
    "answer_one_standard_error_alpha": ("LassoCV", "cross_val_score", "cross_validate"),
    "answer_fold_mse": ("LassoCV", "cross_val_score", "cross_validate"),
}

#: Metadata key of the markdown cell :class:`FlagAnswers` appends to the autograded notebook.
FLAGS_CELL_METADATA = "l1l2_flags"
#: Prefix of a flag line stored in a gradebook comment (``Comment.auto_comment``).
FLAG_PREFIX = "FLAG "
FLAGS_CELL_TITLE = "**Grader flags** (for the instructor to look at; they do not change the score)"

# The MIME type of the probe's evidence outputs; a string naming it in an answer is a flag.
try:  # pragma: no branch - the probe ships with the course
    from coursekit_probe.runtime import EVIDENCE_MIME as _EVIDENCE_MIME
except ImportError:  # pragma: no cover
    _EVIDENCE_MIME = "application/vnd.l1l2-course.evidence+json"


@dataclass(frozen=True)
class Flag:
    """One thing for the instructor to look at in one cell (never a change of score)."""

    grade_id: str
    kind: str
    detail: str

    def __str__(self) -> str:
        return f"{self.grade_id}: {self.kind}: {self.detail}"


# --------------------------------------------------------------------------------------------
# What the scanner looks for
# --------------------------------------------------------------------------------------------

#: Names import aliases resolve to by default (the course's conventions).
CONVENTIONAL_ALIASES = {"np": "numpy", "pd": "pandas", "torch": "torch", "nn": "torch.nn",
                        "keras": "keras", "tf": "tensorflow"}

#: Modules whose attributes an answer must not assign ("module-patch"); top-level names.
WATCHED_MODULES = frozenset({
    "numpy", "pandas", "sklearn", "torch", "keras", "tensorflow", "scipy", "math", "lessonkit",
    "coursekit_probe", "coursekit", "reference_solutions", "IPython", "nbgrader", "sys", "os",
    "builtins",
})

#: Module attributes that are configuration, meant to be assigned (not a patch).
_CONFIG_PREFIXES = ("pandas.options.", "torch.backends.")

#: Builtins a top-level binding must not shadow. ``_`` is the usual throw-away name; the
#: names IPython adds to builtins in a kernel are left out so the result does not depend on
#: where this module is imported.
BUILTIN_NAMES = frozenset(dir(builtins)) - {"_", "__IPYTHON__", "display", "get_ipython"}

#: Dunder methods that let an object fool a comparison, a truth test, float() or isinstance.
OVERRIDE_DUNDERS = {
    "__eq__": "controls ==", "__ne__": "controls !=", "__bool__": "controls truth tests such as assert",
    "__float__": "controls float()", "__int__": "controls int()",
    "__array__": "controls how NumPy converts the object",
    "__array_ufunc__": "controls NumPy functions on the object",
    "__array_function__": "controls NumPy functions on the object",
    "__instancecheck__": "controls isinstance()", "__subclasscheck__": "controls issubclass()",
    "__lt__": "controls <", "__le__": "controls <=", "__gt__": "controls >", "__ge__": "controls >=",
}

#: Attributes that swap the code or class of any object, whatever its module.
_REBIND_DUNDERS = {"__code__": "replaces the code of a function", "__defaults__": "replaces a function's defaults",
                   "__kwdefaults__": "replaces a function's defaults", "__class__": "replaces the class of an object"}

#: Attributes of the IPython shell (or of any object) that install hooks into cell execution.
_HOOK_ATTRS = {
    "input_transformers_cleanup": "rewrites the source of every later cell",
    "input_transformers_post": "rewrites the source of every later cell",
    "input_transformer_manager": "rewrites the source of every later cell",
    "ast_transformers": "rewrites the code of every later cell",
    "events": "registers callbacks around every later cell",
    "set_custom_exc": "replaces how exceptions are handled",
    "showtraceback": "replaces how exceptions are reported",
    "showsyntaxerror": "replaces how syntax errors are reported",
    "display_formatter": "replaces how results are displayed",
    "display_pub": "replaces how outputs are published",
    "register_magic_function": "defines a new magic",
    "run_cell": "runs code through the IPython shell",
}

_OS_FILE_FUNCS = ("listdir", "scandir", "walk", "remove", "unlink", "rmdir", "removedirs", "rename",
                  "renames", "replace", "chdir", "chmod", "chown", "makedirs", "mkdir", "symlink", "link",
                  "stat", "lstat", "access", "getcwd", "open", "fdopen", "truncate", "utime")
_OS_PROCESS_FUNCS = {"_exit": "ends the kernel at once", "abort": "ends the kernel at once",
                     "kill": "sends a signal to a process", "killpg": "sends a signal to processes",
                     "fork": "forks the kernel", "forkpty": "forks the kernel",
                     "system": "runs a shell command", "popen": "runs a shell command",
                     "setsid": "detaches the kernel from its session"}

# (pattern, kind, reason), first match wins. A pattern "a.b" matches the resolved name
# "a.b" and everything under it ("a.b.c"); "a.b*" matches any name starting with "a.b";
# "*.b" matches "b" and any name ending in ".b".
_REFERENCE_RULES: tuple[tuple[str, str, str], ...] = (
    # reaching the IPython shell or the interpreter's hooks
    ("*.get_ipython", "ipython-hook", "reaches into the running IPython shell"),
    ("*.publish_display_data", "ipython-hook", "publishes raw outputs (the grader reads outputs)"),
    ("sys.excepthook", "ipython-hook", "replaces the handler of uncaught exceptions"),
    ("sys.displayhook", "ipython-hook", "replaces how results are displayed"),
    ("sys.settrace", "ipython-hook", "installs a tracer that sees every line run"),
    ("sys.setprofile", "ipython-hook", "installs a profiler that sees every call"),
    ("sys.addaudithook", "ipython-hook", "installs an audit hook"),
    ("sys.breakpointhook", "ipython-hook", "replaces breakpoint()"),
    ("sys.unraisablehook", "ipython-hook", "replaces the handler of unraisable exceptions"),
    ("threading.settrace", "ipython-hook", "installs a tracer in every thread"),
    ("threading.setprofile", "ipython-hook", "installs a profiler in every thread"),
    ("threading.excepthook", "ipython-hook", "replaces the handler of exceptions in threads"),
    # the grading code
    ("reference_solutions", "grader-import", "the course's reference solutions"),
    ("coursekit_probe", "grader-import", "the grader's probe"),
    ("coursekit", "grader-import", "the course's grading tools"),
    ("nbgrader", "grader-import", "the grader"),
    # imports by hand, code built at run time
    ("importlib", "import-trick", "imports or reloads modules by hand"),
    ("__import__", "import-trick", "imports a module by name at run time"),
    ("sys.modules", "import-trick", "reads or changes the table of loaded modules"),
    ("sys.meta_path", "import-trick", "changes how imports are resolved"),
    ("sys.path_hooks", "import-trick", "changes how imports are resolved"),
    ("sys.path_importer_cache", "import-trick", "changes how imports are resolved"),
    *((f"sys.path.{m}", "import-trick", "changes where imports are found")
      for m in ("append", "insert", "extend", "remove", "pop", "clear", "reverse", "sort",
                "__setitem__", "__delitem__", "__iadd__")),
    ("runpy", "import-trick", "runs a module or file by hand"),
    ("imp", "import-trick", "imports modules by hand"),
    ("zipimport", "import-trick", "imports modules by hand"),
    ("pkgutil", "import-trick", "finds and loads modules by hand"),
    ("builtins", "import-trick", "reaches the builtins module"),
    ("__builtins__", "import-trick", "reaches the builtins module"),
    ("exec", "import-trick", "runs code built at run time"),
    ("eval", "import-trick", "runs code built at run time"),
    ("compile", "import-trick", "compiles code built at run time"),
    ("unittest.mock", "module-patch", "can replace any function while the tests run"),
    ("mock", "module-patch", "can replace any function while the tests run"),
    # files
    ("open", "file-access", "opens a file"),
    ("io.open", "file-access", "opens a file"),
    ("codecs.open", "file-access", "opens a file"),
    *((f"os.{f}", "file-access", "touches the file system") for f in _OS_FILE_FUNCS),
    ("shutil", "file-access", "copies, moves or deletes files"),
    ("glob", "file-access", "lists files"),
    ("sqlite3", "file-access", "opens a database file"),
    ("tempfile", "file-access", "creates files"),
    ("shelve", "file-access", "reads or writes a file"),
    ("pickle.load", "file-access", "loads pickled data (can run arbitrary code)"),
    ("pickle.loads", "file-access", "loads pickled data (can run arbitrary code)"),
    ("dill", "file-access", "loads or saves pickled data"),
    ("cloudpickle", "file-access", "loads or saves pickled data"),
    ("joblib", "file-access", "loads or saves files"),
    *((f"numpy.{f}", "file-access", "reads or writes a file")
      for f in ("load", "save", "savez", "savez_compressed", "savetxt", "loadtxt", "genfromtxt",
                "fromfile", "memmap")),
    ("pandas.read_*", "file-access", "reads a file"),
    ("torch.load", "file-access", "loads a file (can run arbitrary code)"),
    ("torch.save", "file-access", "writes a file"),
    ("keras.models.load_model", "file-access", "loads a saved model"),
    ("tensorflow.keras.models.load_model", "file-access", "loads a saved model"),
    # network
    *((m, "network", "network access")
      for m in ("socket", "ssl", "urllib", "urllib3", "http", "requests", "httpx", "ftplib",
                "smtplib", "poplib", "imaplib", "telnetlib", "xmlrpc", "aiohttp", "websocket",
                "websockets", "zmq", "paramiko", "webbrowser",
                "asyncio.open_connection", "asyncio.start_server", "asyncio.open_unix_connection")),
    ("sklearn.datasets.fetch_*", "network", "downloads data"),
    ("keras.utils.get_file", "network", "downloads a file"),
    ("tensorflow.keras.utils.get_file", "network", "downloads a file"),
    # processes, threads, the end of the kernel
    ("sys.exit", "process", "ends the kernel run"),
    ("exit", "process", "ends the kernel run"),
    ("quit", "process", "ends the kernel run"),
    *((f"os.{f}", "process", reason) for f, reason in _OS_PROCESS_FUNCS.items()),
    ("os.exec*", "process", "replaces the kernel with another program"),
    ("os.spawn*", "process", "runs another program"),
    ("os.posix_spawn*", "process", "runs another program"),
    ("subprocess", "process", "runs other programs"),
    ("multiprocessing", "process", "starts processes"),
    ("concurrent.futures", "process", "starts threads or processes"),
    ("signal", "process", "installs signal handlers or sends signals"),
    ("ctypes", "process", "calls C code directly"),
    ("cffi", "process", "calls C code directly"),
    ("threading", "process", "starts threads"),
    ("_thread", "process", "starts threads"),
    ("atexit", "process", "runs code when the kernel exits"),
    ("faulthandler", "process", "installs crash handlers"),
    ("resource", "process", "changes process limits"),
    ("pty", "process", "runs other programs"),
)

#: Methods that read or write files whatever object they are called on.
_FILE_METHODS = {
    "read_text": "reads a file", "write_text": "writes a file", "read_bytes": "reads a file",
    "write_bytes": "writes a file", "iterdir": "lists files", "rglob": "lists files",
    "to_csv": "writes a file", "to_pickle": "writes a file", "to_parquet": "writes a file",
    "to_excel": "writes a file", "to_hdf": "writes a file", "to_feather": "writes a file",
    "to_sql": "writes to a database", "to_stata": "writes a file", "tofile": "writes a file",
    "save_weights": "writes a file", "load_weights": "reads a file",
}
#: Methods that read or write files when called on a ``pathlib`` path.
_PATH_METHODS = {"open", "unlink", "mkdir", "glob", "touch", "rmdir", "rename", "replace",
                 "symlink_to", "hardlink_to", "chmod"}
_PATH_CONSTRUCTORS = {"Path", "PurePath", "PosixPath", "WindowsPath", "pathlib.Path", "pathlib.PurePath",
                      "pathlib.PosixPath", "pathlib.WindowsPath"}

# IPython magics, by name (``!cmd`` is ``system``; ``x = !cmd`` is ``getoutput``).
_SHELL_MAGICS = {"system", "getoutput", "sx", "sc", "bash", "sh", "script", "python", "python2",
                 "python3", "pypy", "perl", "ruby", "pip", "conda", "mamba", "micromamba", "alias",
                 "rehashx", "killbgscripts"}
_HOOK_MAGICS = {"load_ext", "reload_ext", "unload_ext", "config", "run", "autoreload", "aimport",
                "pdb", "alias_magic", "autocall"}
_FILE_MAGICS = {"writefile", "cd", "load", "loadpy", "save", "pycat", "store", "logstart", "edit"}
#: Magics whose argument (line magics) or body (cell magics) is Python code, scanned in turn.
_PYTHON_MAGICS = {"time", "timeit", "prun", "capture"}
_MAGIC_CALLS = {"system", "getoutput", "run_line_magic", "run_cell_magic"}

#: Grading-code names that are a flag even inside a string (e.g. ``__import__("...")``).
_GRADER_STRING = re.compile(r"\b(reference_solutions|coursekit_probe|coursekit)\b|"
                            + re.escape(_EVIDENCE_MIME.split("/")[-1].split("+")[0]))
_GRADER_MODULE_STRING = re.compile(r"nbgrader(\.\w+)*")

_MAX_MAGIC_DEPTH = 8


# --------------------------------------------------------------------------------------------
# Scanning one cell
# --------------------------------------------------------------------------------------------

def scan_source(source: str, grade_id: str) -> list[Flag]:
    """Flags for one cell's source (IPython syntax allowed), in line order.

    Returns ``[]`` for an honest answer, a single ``unparsable`` flag when the cell is not
    valid Python after IPython syntax is converted, else one flag per distinct
    (kind, detail), sorted by line, then kind, then detail.
    """
    found: dict[tuple[str, str], int] = {}
    try:
        _scan_ipython(source, grade_id, 0, found, depth=0)
    except SyntaxError as exc:
        return [Flag(grade_id, "unparsable", _syntax_detail(exc))]
    except (ValueError, RecursionError, MemoryError) as exc:  # e.g. null bytes, absurd nesting
        return [Flag(grade_id, "unparsable", f"could not be read as Python ({type(exc).__name__}: {exc})")]
    ordered = sorted(found.items(), key=lambda item: (item[1], item[0]))
    return [Flag(grade_id, kind, detail) for (kind, detail), _ in ordered]


def _syntax_detail(exc: SyntaxError) -> str:
    where = f"line {exc.lineno}: " if exc.lineno else ""
    text = f" ({_one_line(exc.text)})" if exc.text and exc.text.strip() else ""
    return f"{where}SyntaxError: {exc.msg}{text}"


def _to_python(source: str) -> tuple[str, int]:
    """IPython source -> (Python source, number of leading blank lines IPython drops)."""
    from IPython.core.inputtransformer2 import TransformerManager

    lines = source.splitlines(keepends=True)
    skipped = 0
    while skipped < len(lines) and not lines[skipped].strip():
        skipped += 1
    rest = "".join(lines[skipped:])
    try:
        return TransformerManager().transform_cell(rest), skipped
    except Exception:  # noqa: BLE001 - IPython could not convert it; let ast report the error
        return rest, skipped


def _scan_ipython(source: str, grade_id: str, offset: int, found: dict, depth: int) -> None:
    python, skipped = _to_python(source)
    with warnings.catch_warnings():  # e.g. SyntaxWarning for "\d" in a student's string
        warnings.simplefilter("ignore")
        try:
            tree = ast.parse(python)
        except SyntaxError as exc:
            if exc.lineno:  # count lines from the top of the cell
                exc.lineno += offset + skipped
            raise
    _CellScanner(tree, grade_id, offset + skipped, found, depth).run()


def _one_line(text: str, limit: int = 70) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _src(node: ast.AST, limit: int = 70) -> str:
    try:
        return _one_line(ast.unparse(node), limit)
    except (RecursionError, ValueError, AttributeError):
        return type(node).__name__


def _matches(pattern: str, name: str) -> bool:
    if pattern.startswith("*."):
        return name == pattern[2:] or name.endswith(pattern[1:])
    if pattern.endswith("*"):
        return name.startswith(pattern[:-1])
    return name == pattern or name.startswith(pattern + ".")


def _rule_for(name: str) -> tuple[str, str, str] | None:
    for rule in _REFERENCE_RULES:
        if _matches(rule[0], name):
            return rule
    return None


def _binding_names(target: ast.AST) -> list[ast.Name]:
    """The plain names a target binds (through tuples, lists and starred targets)."""
    names, stack = [], [target]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Name):
            names.append(node)
        elif isinstance(node, (ast.Tuple, ast.List)):
            stack.extend(node.elts)
        elif isinstance(node, ast.Starred):
            stack.append(node.value)
    return names


def _target_leaves(target: ast.AST) -> list[ast.AST]:
    leaves, stack = [], [target]
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.Tuple, ast.List)):
            stack.extend(node.elts)
        elif isinstance(node, ast.Starred):
            stack.append(node.value)
        else:
            leaves.append(node)
    return leaves


def _root(node: ast.AST) -> ast.AST:
    """The innermost value of an attribute/subscript chain (``np`` in ``np.a.b[0].c``)."""
    while isinstance(node, (ast.Attribute, ast.Subscript)):
        node = node.value
    return node


class _CellScanner:
    """Walks one parsed cell; results go to ``found`` as {(kind, detail): line}."""

    def __init__(self, tree: ast.Module, grade_id: str, offset: int, found: dict, depth: int):
        self.tree, self.grade_id, self.offset, self.found, self.depth = tree, grade_id, offset, found, depth
        self.parents: dict[int, ast.AST] = {}
        self.top_level: set[int] = set()      # ids of nodes not inside a def, lambda or class
        self.aliases: dict[str, str] = {}     # local name -> dotted module path (imports)
        self.local_names: set[str] = set()    # names bound otherwise (assignments, arguments)
        self.flagged_imports: set[tuple[str, str]] = set()  # (local name, kind) already flagged
        self.path_names: set[str] = set()     # names assigned a pathlib path
        self.skip: set[int] = set()           # get_ipython() calls that are converted magics
        self.nodes: list[ast.AST] = []

    # -- bookkeeping -------------------------------------------------------------------------
    def add(self, kind: str, node: ast.AST | int, text: str, reason: str) -> None:
        line = (node if isinstance(node, int) else getattr(node, "lineno", 1)) + self.offset
        self.found.setdefault((kind, f"line {line}: {text} ({reason})"), line)

    def _index(self) -> None:
        """Parents, top-level nodes and the node list, without recursion (cells can be deep)."""
        stack = [(self.tree, True)]
        while stack:
            node, top = stack.pop()
            self.nodes.append(node)
            if top:
                self.top_level.add(id(node))
            scoped = isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef))
            if scoped:  # decorators, defaults and base classes run where the definition is
                body = node.body if isinstance(node.body, list) else [node.body]
                inside = {id(child) for child in body}
                if not isinstance(node, ast.ClassDef):
                    inside.add(id(node.args))
            for child in ast.iter_child_nodes(node):
                self.parents[id(child)] = node
                stack.append((child, top and not (scoped and id(child) in inside)))
        self.nodes.sort(key=lambda n: (getattr(n, "lineno", 0), getattr(n, "col_offset", 0)))

    def _collect_bindings(self) -> None:
        for node in self.nodes:
            if isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.asname:
                        self.aliases[alias.asname] = alias.name
                    else:
                        top = alias.name.split(".")[0]
                        self.aliases[top] = top
            elif isinstance(node, ast.ImportFrom):
                module = "." * node.level + (node.module or "")
                for alias in node.names:
                    if alias.name != "*":
                        self.aliases[alias.asname or alias.name] = f"{module}.{alias.name}"
            elif isinstance(node, ast.arg):
                self.local_names.add(node.arg)
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                self.local_names.add(node.name)
            elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                self.local_names.add(node.id)
            elif isinstance(node, ast.ExceptHandler) and node.name:
                self.local_names.add(node.name)
        # simple aliases of modules (la = np.linalg) and of paths (p = Path("x"))
        for node in self.nodes:
            if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
                name = node.targets[0].id
                value = self.qualname(node.value) if isinstance(node.value, (ast.Name, ast.Attribute)) else None
                if value and value.split(".")[0] in WATCHED_MODULES and name not in self.aliases:
                    self.aliases[name] = value
                if self._is_path_like(node.value):
                    self.path_names.add(name)

    # -- name resolution ---------------------------------------------------------------------
    def resolve_name(self, name: str) -> str | None:
        """The dotted module path a bare name stands for, or None for a local variable."""
        if name in self.aliases:
            return self.aliases[name]
        if name in self.local_names:
            return None
        return CONVENTIONAL_ALIASES.get(name, name)

    def qualname(self, node: ast.AST) -> str | None:
        """``np.linalg.lstsq`` -> ``"numpy.linalg.lstsq"``; None if not a plain dotted name."""
        attrs = []
        while isinstance(node, ast.Attribute):
            attrs.append(node.attr)
            node = node.value
        if not isinstance(node, ast.Name):
            return None
        base = self.resolve_name(node.id)
        if base is None:
            return None
        return ".".join([base, *reversed(attrs)])

    def _watched_root(self, node: ast.AST) -> str | None:
        """The watched module a target's root names (``numpy`` for ``np.ndarray.__eq__``)."""
        root = _root(node)
        if not isinstance(root, ast.Name):
            return None
        resolved = self.resolve_name(root.id)
        if resolved is None or resolved.split(".")[0] not in WATCHED_MODULES:
            return None
        return resolved.split(".")[0]

    def _is_path_like(self, node: ast.AST) -> bool:
        for sub in ast.walk(node):
            if isinstance(sub, ast.Call):
                name = self.qualname(sub.func) if isinstance(sub.func, (ast.Name, ast.Attribute)) else None
                if name in _PATH_CONSTRUCTORS:
                    return True
            elif isinstance(sub, ast.Name) and sub.id in self.path_names:
                return True
        return False

    # -- the scan ----------------------------------------------------------------------------
    def run(self) -> None:
        self._index()
        self._collect_bindings()
        for node in self.nodes:
            if isinstance(node, ast.Call):
                self._magic(node)
        for node in self.nodes:
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                self._import(node)
            elif isinstance(node, (ast.Name, ast.Attribute)):
                self._reference(node)
            elif isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                if isinstance(node, ast.AnnAssign) and node.value is None:
                    continue
                for target in targets:
                    self._assignment(target, node, "=" if not isinstance(node, ast.AugAssign) else "+=")
            elif isinstance(node, ast.Delete):
                for target in node.targets:
                    self._assignment(target, node, "del")
            elif isinstance(node, (ast.For, ast.AsyncFor)):
                self._builtin_targets(node.target, node, "for {} in ...")
            elif isinstance(node, (ast.With, ast.AsyncWith)):
                for item in node.items:
                    if item.optional_vars is not None:
                        self._builtin_targets(item.optional_vars, node, "with ... as {}")
            elif isinstance(node, ast.NamedExpr):
                self._builtin_targets(node.target, node, "{} := ...")
            elif isinstance(node, ast.Global):
                for name in node.names:
                    if name in BUILTIN_NAMES:
                        self.add("builtin-reassigned", node, f"global {name}", f"lets a function rebind the builtin {name}")
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                self._definition(node)
            elif isinstance(node, ast.Call):
                self._call(node)
            elif isinstance(node, ast.Raise):
                self._raise(node)
            elif isinstance(node, ast.Dict):
                for key in node.keys:
                    if isinstance(key, ast.Constant) and key.value in OVERRIDE_DUNDERS:
                        self.add("comparison-override", key, f"{{'{key.value}': ...}}",
                                 f"builds a class whose {key.value} {OVERRIDE_DUNDERS[key.value]}")
            elif isinstance(node, ast.Constant) and isinstance(node.value, str):
                self._string(node)
        self._library_shortcuts()

    def _magic(self, node: ast.Call) -> None:
        """A converted magic: ``get_ipython().run_line_magic('name', 'args')`` and friends."""
        func = node.func
        if not (isinstance(func, ast.Attribute) and func.attr in _MAGIC_CALLS
                and isinstance(func.value, ast.Call) and isinstance(func.value.func, ast.Name)
                and func.value.func.id == "get_ipython" and not func.value.args
                and node.args and all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in node.args)):
            return
        args = [a.value for a in node.args]
        if func.attr in ("system", "getoutput"):
            name, text = func.attr, "!" + args[0]
            line_arg, body = args[0], None
        else:
            name = args[0].lstrip("%")
            line_arg = args[1] if len(args) > 1 else ""
            body = args[2] if func.attr == "run_cell_magic" and len(args) > 2 else None
            text = ("%%" if body is not None else "%") + name + (" " + line_arg if line_arg else "")
        self.skip.add(id(func.value.func))
        text = _one_line(text, 60)
        if name in _SHELL_MAGICS:
            self.add("shell", node, text, "runs a shell command or another program")
        elif name in _HOOK_MAGICS:
            self.add("ipython-hook", node, text, "changes the IPython shell or runs other code")
        elif name in _FILE_MAGICS:
            self.add("file-access", node, text, "reads or writes files")
        elif name in _PYTHON_MAGICS and self.depth < _MAX_MAGIC_DEPTH:
            line = node.lineno + self.offset
            if body is not None:
                self._scan_nested(body, line)
            if name != "capture" and line_arg:
                self._scan_nested_line(line_arg, line - 1)

    def _scan_nested(self, source: str, offset: int) -> None:
        try:
            _scan_ipython(source, self.grade_id, offset, self.found, self.depth + 1)
        except (SyntaxError, ValueError, RecursionError):
            pass  # the magic reports the error when it runs; nothing to flag statically

    def _scan_nested_line(self, args: str, offset: int) -> None:
        """The code of ``%timeit -n 10 f(x)``: try the words after each leading option."""
        words = args.split()
        for start in range(len(words)):
            if start and not (words[start - 1].startswith("-") or words[start - 1].isdigit()):
                break
            try:
                ast.parse(" ".join(words[start:]))
            except (SyntaxError, ValueError):
                continue
            self._scan_nested(" ".join(words[start:]), offset)
            return

    def _import(self, node: ast.Import | ast.ImportFrom) -> None:
        """One flag per kind per import statement (``from coursekit.data import a, b`` is one)."""
        entries: list[tuple[str, str]] = []  # (module path, local name)
        if isinstance(node, ast.Import):
            entries = [(a.name, a.asname or a.name.split(".")[0]) for a in node.names]
        else:
            module = "." * node.level + (node.module or "")
            entries = [(module if a.name == "*" else f"{module}.{a.name}", a.asname or a.name) for a in node.names]
        text = _src(node, 60)
        for full, local in entries:
            rule = _rule_for(full)
            if rule is None and isinstance(node, ast.ImportFrom) and node.module:
                rule = _rule_for(node.module)  # from socket import create_connection
            if rule is not None:
                kind, reason = rule[1], rule[2]
                self.add(kind, node, text, ("imports " + reason) if kind == "grader-import" else reason)
                self.flagged_imports.add((local, kind))
            if id(node) in self.top_level and local in BUILTIN_NAMES:
                self.add("builtin-reassigned", node, text, f"rebinds the builtin {local}")

    def _reference(self, node: ast.Name | ast.Attribute) -> None:
        parent = self.parents.get(id(node))
        if isinstance(parent, ast.Attribute) and parent.value is node:
            if isinstance(node, ast.Attribute):
                self._hook_attr(node)
            return  # only the whole dotted name is matched (np.linalg.lstsq, not np.linalg)
        if isinstance(node, ast.Attribute):
            self._hook_attr(node)
            self._method(node)
        if id(node) in self.skip or isinstance(node.ctx, ast.Store):
            return  # converted magics; assignment targets are handled by _assignment
        name = self.qualname(node)
        if name is None:
            return
        rule = _rule_for(name)
        if rule is None:
            return
        root = _root(node)
        if isinstance(root, ast.Name) and (root.id, rule[1]) in self.flagged_imports:
            return  # the import statement already carries this flag
        text = _src(node, 60)
        if isinstance(parent, ast.Call) and parent.func is node:
            text += "(...)" if parent.args or parent.keywords else "()"
        reason = ("uses " + rule[2]) if rule[1] == "grader-import" else rule[2]
        self.add(rule[1], node, text, reason)

    def _hook_attr(self, node: ast.Attribute) -> None:
        if node.attr in _HOOK_ATTRS:
            self.add("ipython-hook", node, "." + node.attr, _HOOK_ATTRS[node.attr])

    def _method(self, node: ast.Attribute) -> None:
        if node.attr in _FILE_METHODS:
            self.add("file-access", node, f".{node.attr}(...)", _FILE_METHODS[node.attr])
        elif node.attr in _PATH_METHODS and self._is_path_like(node.value):
            self.add("file-access", node, f".{node.attr}(...)", "a pathlib file operation")
        elif (node.attr in ("update", "setdefault", "pop", "popitem", "clear", "__setitem__", "__delitem__")
              and self._namespace_call(node.value)):
            self.add("import-trick", node, f"{_src(node.value)}.{node.attr}(...)", "writes the notebook's namespace directly")

    @staticmethod
    def _namespace_call(node: ast.AST) -> bool:
        return (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                and node.func.id in ("globals", "locals", "vars") and not node.args)

    def _builtin_targets(self, target: ast.AST, node: ast.AST, template: str) -> None:
        if id(node) not in self.top_level:
            return  # a local variable shadows a builtin only inside its function
        for name in _binding_names(target):
            if name.id in BUILTIN_NAMES:
                self.add("builtin-reassigned", name, template.format(name.id), f"rebinds the builtin {name.id}")
            elif name.id in CONVENTIONAL_ALIASES or name.id in WATCHED_MODULES:
                self.add("module-patch", name, template.format(name.id),
                         f"rebinds {name.id}, the name course code uses for a module")

    def _assignment(self, target: ast.AST, node: ast.AST, op: str) -> None:
        if op != "del":
            self._builtin_targets(target, node, "{} " + op + " ...")
        for leaf in _target_leaves(target):
            if isinstance(leaf, ast.Attribute):
                text = f"del {_src(leaf)}" if op == "del" else f"{_src(leaf)} {op} ..."
                self._attribute_write(leaf.value, leaf.attr, leaf, text, deleting=op == "del")
            elif isinstance(leaf, ast.Subscript):
                self._subscript_write(leaf, op)

    def _attribute_write(self, obj: ast.AST, attr: str | None, where: ast.AST, text: str, deleting: bool) -> None:
        """``obj.attr = ...``, ``del obj.attr``, ``setattr(obj, attr, ...)``."""
        root = _root(obj)
        base = self.qualname(obj) if isinstance(obj, (ast.Name, ast.Attribute)) else None
        full = f"{base}.{attr}" if base and attr else base
        verb = "deletes" if deleting else "assigns"
        if (isinstance(root, ast.Name) and root.id == "__builtins__") or (base or "").split(".")[0] == "builtins":
            self.add("builtin-reassigned", where, text, f"{'deletes' if deleting else 'replaces'} a builtin for all code")
            return
        if full == "sys.path":
            self.add("import-trick", where, text, "changes where imports are found")
            return
        rule = _rule_for(full) if full else None
        if rule is not None and rule[1] in ("ipython-hook", "import-trick"):
            self.add(rule[1], where, text, rule[2])
            return
        if attr in _REBIND_DUNDERS:
            self.add("module-patch", where, text, _REBIND_DUNDERS[attr])
            return
        module = self._watched_root(obj)
        if module is not None:
            if full and full.startswith(_CONFIG_PREFIXES):
                return
            self.add("module-patch", where, text, f"{verb} an attribute of {module}")
        elif attr in OVERRIDE_DUNDERS:
            self.add("comparison-override", where, text, f"sets {attr}, which {OVERRIDE_DUNDERS[attr]}")

    def _subscript_write(self, leaf: ast.Subscript, op: str) -> None:
        text = f"del {_src(leaf)}" if op == "del" else f"{_src(leaf)} {op} ..."
        value = leaf.value
        if self._namespace_call(value):
            self.add("import-trick", leaf, text, "writes the notebook's namespace directly")
        elif isinstance(value, ast.Name) and value.id == "__builtins__":
            self.add("builtin-reassigned", leaf, text, "replaces a builtin for all code")
        elif isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id == "vars" and value.args:
            self._attribute_write(value.args[0], None, leaf, text, deleting=op == "del")
        elif isinstance(value, ast.Attribute) and value.attr == "__dict__":
            self._attribute_write(value.value, None, leaf, text, deleting=op == "del")
        elif isinstance(value, (ast.Name, ast.Attribute)) and self.qualname(value) == "sys.path":
            self.add("import-trick", leaf, text, "changes where imports are found")

    def _call(self, node: ast.Call) -> None:
        func = node.func
        if isinstance(func, ast.Name) and func.id in ("setattr", "delattr") and func.id not in self.local_names \
                and len(node.args) >= 2:
            attr = node.args[1].value if isinstance(node.args[1], ast.Constant) and isinstance(node.args[1].value, str) else None
            text = f"{func.id}({_src(node.args[0], 30)}, {_src(node.args[1], 30)}{', ...' if func.id == 'setattr' else ''})"
            self._attribute_write(node.args[0], attr, node, text, deleting=func.id == "delattr")
        elif isinstance(func, ast.Attribute) and func.attr in ("__setattr__", "__delattr__") and len(node.args) >= 1:
            attr = node.args[0].value if isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str) else None
            obj = func.value
            if isinstance(obj, ast.Name) and obj.id == "object" and len(node.args) >= 2:  # object.__setattr__(x, ...)
                obj = node.args[0]
                attr = node.args[1].value if isinstance(node.args[1], ast.Constant) and isinstance(node.args[1].value, str) else None
            self._attribute_write(obj, attr, node, _src(node), deleting=func.attr == "__delattr__")

    def _definition(self, node: ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) -> None:
        keyword = "class" if isinstance(node, ast.ClassDef) else "def"
        if id(node) in self.top_level and node.name in BUILTIN_NAMES:
            self.add("builtin-reassigned", node, f"{keyword} {node.name}", f"rebinds the builtin {node.name}")
        if not isinstance(node, ast.ClassDef):
            return
        for stmt in node.body:
            names = []
            if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
                names = [stmt.name]
            elif isinstance(stmt, (ast.Assign, ast.AnnAssign)):
                targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
                names = [n.id for t in targets for n in _binding_names(t)]
            for name in names:
                if name in OVERRIDE_DUNDERS:
                    self.add("comparison-override", stmt, f"class {node.name} defines {name}",
                             f"{OVERRIDE_DUNDERS[name]}; can make a wrong answer pass a check")

    def _raise(self, node: ast.Raise) -> None:
        exc = node.exc.func if isinstance(node.exc, ast.Call) else node.exc
        if isinstance(exc, ast.Name) and exc.id in ("SystemExit", "KeyboardInterrupt", "GeneratorExit"):
            self.add("process", node, f"raise {exc.id}", "ends the kernel run")

    def _string(self, node: ast.Constant) -> None:
        value = node.value
        match = _GRADER_STRING.search(value)
        if match or _GRADER_MODULE_STRING.fullmatch(value.strip()):
            shown = match.group(0) if match else value.strip()
            self.add("grader-import", node, repr(_one_line(value, 50)), f"names the grading code ({shown})")

    def _library_shortcuts(self) -> None:
        entries = LIBRARY_SHORTCUTS.get(self.grade_id, ())
        if not entries:
            return
        reason = "the exercise asks you to implement this yourself"
        for node in self.nodes:
            if isinstance(node, ast.ImportFrom):
                module = "." * node.level + (node.module or "")
                for alias in node.names:
                    for entry in entries:
                        if entry == alias.name or ("." in entry[1:] and _matches(entry, f"{module}.{alias.name}")):
                            self.add("library-shortcut", node, entry, reason)
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    for entry in entries:
                        if "." in entry[1:] and _matches(entry, alias.name):
                            self.add("library-shortcut", node, entry, reason)
            elif isinstance(node, (ast.Name, ast.Attribute)):
                name = self.qualname(node) or ""
                last = node.id if isinstance(node, ast.Name) else node.attr
                for entry in entries:
                    if entry.startswith("."):
                        hit = isinstance(node, ast.Attribute) and node.attr == entry[1:]
                    elif "." in entry:
                        hit = bool(name) and _matches(entry, name)
                    else:
                        hit = last == entry or name.rsplit(".", 1)[-1] == entry
                    if hit:
                        self.add("library-shortcut", node, entry, reason)


# --------------------------------------------------------------------------------------------
# Notebooks, the gradebook and the export
# --------------------------------------------------------------------------------------------

def _scanned_cells(nb) -> list[tuple[int, object, str]]:
    """(index, cell, label) of the cells a student wrote.

    Answer cells (``metadata.nbgrader.solution``) are labelled by their grade_id. Any other
    code cell that nbgrader does not restore -- one without nbgrader metadata or without a
    grade_id (nbgrader drops an unknown grade_id instead of restoring the cell) -- is
    labelled ``"cell N (added)"`` (N counts all cells from 1). Locked and test cells are
    skipped: nbgrader puts their source back before grading.
    """
    if not isinstance(nb, nbformat.NotebookNode):
        nb = nbformat.from_dict(nb)
    cells = []
    for index, cell in enumerate(nb.cells):
        if cell.get("cell_type") != "code":
            continue
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if nbgrader_utils.is_solution(cell):
            cells.append((index, cell, meta.get("grade_id") or f"cell {index + 1}"))
        elif not meta.get("grade_id"):
            cells.append((index, cell, f"cell {index + 1} (added)"))
    return cells


def _source(cell) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


def scan_notebook(nb) -> list[Flag]:
    """Flags of every cell a student wrote (see :func:`_scanned_cells`), in notebook order."""
    flags: list[Flag] = []
    for _, cell, label in _scanned_cells(nb):
        flags.extend(scan_source(_source(cell), label))
    return flags


def _comment_lines(flags: list[Flag], existing: str | None) -> str:
    kept = [line for line in (existing or "").splitlines() if not line.startswith(FLAG_PREFIX)]
    return "\n".join([FLAG_PREFIX + str(flag) for flag in flags] + kept)


def _flags_by_answer(nb, flags: list[Flag]) -> dict[str, list[Flag]]:
    """Flags grouped by the answer cell whose gradebook comment carries them.

    A flag of an added cell goes with the answer cell before it (or the first answer cell
    when none comes before), so :func:`read_flags` finds it too.
    """
    scanned = _scanned_cells(nb)
    answers = [label for _, cell, label in scanned if nbgrader_utils.is_solution(cell)]
    owner = answers[0] if answers else None
    owners: dict[str, str | None] = {}
    for _, cell, label in scanned:
        if nbgrader_utils.is_solution(cell):
            owner = label
        owners[label] = owner
    grouped: dict[str, list[Flag]] = {}
    for flag in flags:
        target = owners.get(flag.grade_id)
        if target is not None:
            grouped.setdefault(target, []).append(flag)
    return grouped


class FlagAnswers(NbGraderPreprocessor):
    """Autograde step: scan the student's cells and record flags for the instructor.

    Runs after ``SaveAutoGrades`` (which would otherwise overwrite the comments). Puts the
    flag lines in ``resources["l1l2_flags"]``; when there are any, marks the submitted
    notebook ``flagged`` in the gradebook, writes the flags (``"FLAG ..."`` lines) into the
    auto comment of the answer cells concerned, and appends a "Grader flags" markdown cell
    to the autograded notebook. Scores are never touched, and a failure here is logged,
    never raised: flags must not be able to break grading.
    """

    def preprocess(self, nb, resources):
        # an earlier run's flags cell (restore already dropped the mark from every student cell;
        # a code cell is never removed: the scan reads what actually ran)
        nb.cells = [c for c in nb.cells if c.get("cell_type") == "code" or not c.get("metadata", {}).get(FLAGS_CELL_METADATA)]
        try:
            flags = scan_notebook(nb)
            first_answer = next((c.metadata["nbgrader"]["grade_id"] for c in nb.cells
                                 if nbgrader_utils.is_solution(c)), "notebook")
            flags += [Flag(first_answer, "notebook-edit", note) for note in resources.get("l1l2_restored", [])]
        except Exception:  # noqa: BLE001 - a scanner bug must not fail grading
            self.log.exception("Grader flags: the scan failed; no flags recorded")
            resources["l1l2_flags"] = []
            return nb, resources
        lines = [str(flag) for flag in flags]
        resources["l1l2_flags"] = lines
        if not flags:
            return nb, resources
        info = resources.get("nbgrader", {})
        if info.get("db_url"):
            try:
                self._record(nb, flags, info)
            except Exception:  # noqa: BLE001
                self.log.exception("Grader flags: could not record the flags in the gradebook")
        cell = nbformat.v4.new_markdown_cell(
            FLAGS_CELL_TITLE + "\n\n" + "\n".join(f"- `{_markdown_code(line)}`" for line in lines),
            metadata={FLAGS_CELL_METADATA: True})
        if (nb.get("nbformat"), nb.get("nbformat_minor", 0)) < (4, 5):
            cell.pop("id", None)  # cell ids exist from nbformat 4.5 on
        else:
            cell["id"] = "l1l2-grader-flags"
        nb.cells.append(cell)
        self.log.warning("Grader flags for %s: %d (see the gradebook comments)", info.get("student", "?"), len(lines))
        return nb, resources

    def _record(self, nb, flags: list[Flag], info: dict) -> None:
        notebook, assignment, student = info["notebook"], info["assignment"], info["student"]
        with Gradebook(info["db_url"]) as gb:
            gb.find_submission_notebook(notebook, assignment, student).flagged = True
            for grade_id, cell_flags in _flags_by_answer(nb, flags).items():
                try:
                    comment = gb.find_comment(grade_id, notebook, assignment, student)
                except MissingEntry:
                    continue
                comment.auto_comment = _comment_lines(cell_flags, comment.auto_comment)
            gb.db.commit()


def _markdown_code(text: str) -> str:
    return text.replace("`", "'")


def _natural(text: str) -> list:
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", text)]


def _submission_flags(submission) -> list[str]:
    lines = []
    for notebook in sorted(submission.notebooks, key=lambda n: n.name):
        found = []
        for comment in notebook.comments:
            for line in (comment.auto_comment or "").splitlines():
                if line.startswith(FLAG_PREFIX):
                    found.append(line[len(FLAG_PREFIX):])
        lines.extend(sorted(found, key=_natural))
    return lines


def _gradebook_flags(gb: Gradebook, assignment: str, student: str) -> list[str]:
    try:
        submission = gb.find_submission(assignment, student)
    except MissingEntry:
        return []
    return _submission_flags(submission)


def read_flags(db_url: str, assignment: str, student: str) -> list[str]:
    """The flag lines stored in the gradebook for one submission (``[]`` if none or no submission).

    Lines are ``"<grade_id>: <kind>: <detail>"``, by notebook name, then cell and line.
    """
    with Gradebook(db_url) as gb:
        return _gradebook_flags(gb, assignment, student)


def _csv_field(text: str) -> str:
    if any(ch in text for ch in ',"\n\r'):
        return '"' + text.replace('"', '""') + '"'
    return text


class FlagsCsvExportPlugin(CsvExportPlugin):
    """``nbgrader export`` to CSV, plus a last column ``flags``.

    The column holds the flag lines of that (assignment, student) joined with ``" | "``,
    empty when there are none. Use it with
    ``c.ExportApp.plugin_class = "coursekit.flags.FlagsCsvExportPlugin"``.
    """

    def export(self, gradebook: Gradebook) -> None:
        super().export(gradebook)
        dest = self.to or "grades.csv"
        flags: dict[tuple[str, str], str] = {}
        for assignment in gradebook.assignments:
            for submission in assignment.submissions:
                lines = _submission_flags(submission)
                if lines:
                    flags[(assignment.name, submission.student.id)] = " | ".join(lines)
        with open(dest, encoding="utf-8") as fh:
            rows = fh.read().splitlines()
        if not rows:
            return
        out = [rows[0] + ",flags"]
        for row in rows[1:]:
            # The parent writes unquoted fields: assignment, duedate, timestamp, student_id, ...
            # (names may contain commas, but only after student_id).
            fields = row.split(",")
            key = (fields[0], fields[3]) if len(fields) > 3 else None
            out.append(row + "," + _csv_field(flags.get(key, "")))
        with open(dest, "w", encoding="utf-8") as fh:
            fh.write("\n".join(out) + "\n")
