"""The judge: the trusted half of every check. It never runs in a student's kernel.

Before a submission runs, :func:`verdict.plan_cell` runs each check (in the nbgrader process)
against the *reference* answers with recording stand-ins, which yields the list of calls the
probe must make in the student's kernel and their inputs (the plan). After it ran,
:func:`verdict.judge_cell` decodes the evidence the probe displayed (:mod:`.codec`), runs the
same check again with replaying stand-ins that return the student's recorded results, and turns
the check's ``CheckFailed`` message into the cell's verdict. The comparison code is the lesson's
checks module (``reference_solutions.checks.<lesson module>``), unchanged: planning and judging
both call it.

The rule: **the judge only ever runs reference code on plain values.** Evidence is plain data
(numbers, arrays, strings, containers) validated by :mod:`.codec` before anything is allocated;
no class named by the evidence is instantiated or called, except Keras layers from an
allow-list whose configuration is checked value by value. What a student's *object* does (a
fitted pipeline) is asked inside the sandbox through :mod:`coursekit_probe.ops` on inputs the
judge chose. Judging runs in a confined process (:mod:`.confine`, :mod:`.server`: no network,
clean environment, unprivileged, memory and time limits, no course root, secret or exchange in
view) that returns verdicts as plain data. No planned input is a reference output.

:mod:`.preprocessors` wires this into ``nbgrader autograde`` (before and after the runner's
``SandboxedExecute``).
"""
