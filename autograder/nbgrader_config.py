"""nbgrader configuration of the L1/L2 regularization course.

Run nbgrader from this directory (``cd autograder && nbgrader ...``) or through
``python -m coursekit``. The course root (source/, release/, submitted/, autograded/,
feedback/, gradebook.db) is ``$COURSE_ROOT`` or ``build/course`` in the repository: a
git-ignored working directory, never part of the tracked tree. ``source/`` there is
generated from ``autograder/authored/NN_topic.py`` by ``python -m coursekit build``.
"""

import os
from pathlib import Path

c = get_config()  # noqa: F821 - provided by nbgrader when it loads this file

REPO_ROOT = Path(__file__).resolve().parent.parent

c.CourseDirectory.course_id = "l1l2-regularization"
c.CourseDirectory.root = os.environ.get("COURSE_ROOT", str(REPO_ROOT / "build" / "course"))

# The stub students see in every solution cell.
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"

# Per-cell time limit when validating or autograding (the default is 30 s).
c.Execute.timeout = 120
# One kernel start per notebook is enough: a failing kernel is an error, not a retry.
c.Execute.execute_retries = 0

# A submission whose student deleted, duplicated, retyped or re-labelled a test cell is put back
# into the lesson's shape first (coursekit.restore); nbgrader's own repairs then find nothing to do.
from nbgrader.preprocessors import (  # noqa: E402
    CheckCellMetadata as _Check, ClearOutput, DeduplicateIds, OverwriteCells, OverwriteKernelspec)

from coursekit.restore import RestoreLessonCells  # noqa: E402

c.Autograde.sanitize_preprocessors = [RestoreLessonCells, ClearOutput, DeduplicateIds, OverwriteKernelspec,
                                      OverwriteCells, _Check]
c.RestoreLessonCells.course_root = c.CourseDirectory.root

# Grading pipeline (see README, "How grading works"): the judge plans each test cell's check,
# the runner executes the submission in the sandbox, the judge turns the evidence into verdicts,
# then nbgrader saves the scores as usual.
from nbconvert.preprocessors import ClearMetadataPreprocessor  # noqa: E402
from nbgrader.preprocessors import (  # noqa: E402
    AssignLatePenalties, CheckCellMetadata, IgnorePattern, LimitOutput, SaveAutoGrades)

from coursekit.flags import FlagAnswers  # noqa: E402
from coursekit.inert import MakeInert  # noqa: E402
from coursekit.judge.preprocessors import JudgeEvidence, PlanProbes, RecordJudgeDetails  # noqa: E402
from coursekit.runner.execute import SandboxedExecute  # noqa: E402

# MakeInert: what the submission produced is sanitised once, here, so that every viewer
# (Formgrader, the feedback, exported notebooks, coursekit check) gets inert content (coursekit.inert).
c.Autograde.autograde_preprocessors = [
    PlanProbes, SandboxedExecute, JudgeEvidence, MakeInert, IgnorePattern, ClearMetadataPreprocessor,
    LimitOutput, SaveAutoGrades, FlagAnswers, RecordJudgeDetails, AssignLatePenalties, CheckCellMetadata,
]
c.MakeInert.course_root = c.CourseDirectory.root
c.PlanProbes.secret_file = os.path.join(c.CourseDirectory.root, ".course_secret")
# Limits per submission; the environment variables let a test (or an instructor) tighten them.
c.SandboxedExecute.timeout = int(os.environ.get("L1L2_CELL_TIMEOUT", 120))          # seconds per cell
c.SandboxedExecute.total_timeout = int(os.environ.get("L1L2_TOTAL_TIMEOUT", 600))   # seconds per notebook
c.SandboxedExecute.memory_limit = int(float(os.environ.get("L1L2_MEMORY_GB", 4)) * 2**30)
c.SandboxedExecute.execute_retries = 0
# Cells after the last graded cell cannot change a score: not run unless asked (L1L2_RUN_ALL_CELLS=1).
c.SandboxedExecute.run_after_last_graded = os.environ.get("L1L2_RUN_ALL_CELLS") == "1"
# Grading without the sandbox only when the instructor asks for it (coursekit grade --unsandboxed).
c.SandboxedExecute.sandboxed = os.environ.get("L1L2_UNSANDBOXED") != "1"
# The judge decodes evidence and runs the checks in its own confined process (coursekit.judge.confine).
c.JudgeEvidence.confined = os.environ.get("L1L2_UNSANDBOXED") != "1"
# `nbgrader export` adds a `flags` column (coursekit.flags) to nbgrader's CSV export.
c.ExportApp.plugin_class = "coursekit.flags.FlagsCsvExportPlugin"

# Feedback a student can read offline: TeX -> MathML (coursekit.feedback), no MathJax from a CDN,
# and each test cell named by its grade_id and the judge's message (autograder/feedback_templates).
import nbgrader  # noqa: E402
from nbconvert.preprocessors import CSSHTMLHeaderPreprocessor  # noqa: E402
from nbgrader.preprocessors import GetGrades  # noqa: E402

from coursekit.feedback import EscapeComments, MathToMathML  # noqa: E402

from coursekit.judge.preprocessors import HideJudgeDetails  # noqa: E402

# EscapeComments: the comments the course writes (flags quote student code) are escaped before the
# template's markdown filter renders them.
c.GenerateFeedback.preprocessors = [GetGrades, HideJudgeDetails, EscapeComments, CSSHTMLHeaderPreprocessor,
                                    MathToMathML]
c.HTMLExporter.template_name = "l1l2_feedback"
# comments rendered from markdown are sanitised like student HTML (no javascript: links, no images)
c.HTMLExporter.filters = {"l1l2_inert_html": "coursekit.inert.inert_html"}
# Formgrader's submission view renders with an HTMLExporter of this configuration (its template
# loads MathJax from a CDN): the same TeX -> MathML conversion, so formulas show with no network.
# (generate_feedback runs it again through the list above: MathML holds no $, so nothing changes.)
c.HTMLExporter.preprocessors = [MathToMathML]
c.HTMLExporter.extra_template_basedirs = [
    str(REPO_ROOT / "autograder" / "feedback_templates"),
    os.path.join(os.path.dirname(nbgrader.__file__), "server_extensions", "formgrader", "templates"),
]
