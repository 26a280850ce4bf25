"""The probe: the only grading code that runs inside a student's (sandboxed) kernel.

A hidden test block is one line, ``probe("<checks module>.<check>", "<name>", ...)``. The
probe reads the grader's *plan* for that check (a file the trusted judge wrote into the
sandbox before the kernel started: the calls to make and their inputs), makes those calls on
the student's objects, and displays the results as *evidence*: a ``display_data`` output of
MIME type :data:`EVIDENCE_MIME`, plain JSON (numbers, arrays, nested containers; see
:mod:`coursekit_probe.evidence`). It never decides anything: the judge, in the nbgrader
process, rebuilds the inputs, recomputes the reference and compares. Whatever a student does
to this module inside the kernel can only change the evidence, never the verdict.
"""

from .runtime import EVIDENCE_MIME, probe

__all__ = ["EVIDENCE_MIME", "probe"]
