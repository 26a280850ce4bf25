"""The runner: executes a submission in an OS sandbox and only produces outputs (evidence).

:mod:`.sandbox` builds the bubblewrap command line and the cgroup limits; :mod:`.kernel`
is a jupyter_client kernel manager that starts ipykernel inside it (ipc transport, connection
file in the sandbox's scratch directory); :mod:`.execute` is nbgrader's ``Execute``
preprocessor with per-cell and total time limits, an output cap, and a kernel that dies or
hangs turned into a graded notebook (the cells that ran keep their outputs, the rest are
marked as not run). Nothing here decides a score: that is :mod:`coursekit.judge`.
"""
