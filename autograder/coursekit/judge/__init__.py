"""The judge: the trusted half of every check. It runs in the nbgrader process, never in a kernel.

Before a submission runs, :func:`plan.plan_check` runs each check against the *reference*
answers with recording stand-ins, which yields the list of calls the probe must make in the
student's kernel (and their inputs). After it ran, :func:`verdict.judge_cell` decodes the
evidence the probe displayed (:mod:`.codec`), runs the same check again with replaying
stand-ins that return the student's recorded results, and turns the check's ``CheckFailed``
message into the cell's verdict. The comparison code is the lesson's checks module
(``reference_solutions.checks.<lesson module>``), unchanged: planning and judging both call it.

:mod:`.preprocessors` wires this into ``nbgrader autograde`` (before and after the runner's
``SandboxedExecute``).
"""
