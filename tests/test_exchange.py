"""nbgrader's exchange end to end, with real Unix users (the README's "Running a class through
nbgrader's exchange" walks through the same steps).

Root creates an instructor account and two student accounts (``useradd``; CI runs as root),
an exchange directory as nbgrader documents it (world-writable) and a course root owned by the
instructor, with lesson 01 built. Then, each command run as its user: the instructor
``release_assignment``; each student ``fetch_assignment``, completes the notebook (from an
answers file: ada solves it, bob makes cleo's sample mistakes) and ``submit``; the instructor
``collect`` (nbgrader's own), ``coursekit grade-class`` on what was collected (as the
instructor, not root: the sandbox through unprivileged user namespaces), ``generate_feedback``
and ``release_feedback``; each student ``fetch_feedback`` and can read their own feedback and
nobody else's.

Then bob cheats in the exchange's inbound folder: a folder in ada's name, and a later
submission of his own whose notebook is a link to ada's. ``grade-class`` on the inbound folder
refuses both, naming the folder, and ada's and bob's grades do not change.

The course's Python may live where other users cannot reach it (here pyenv under /root, 0700):
then each user's command runs in a mount namespace where only the interpreter's prefix is
visible there (``bwrap`` as root, then ``setpriv`` to the user), as if Python were installed
system-wide. Nothing else is shared with root.
"""

from __future__ import annotations

import json
import os
import pwd
import shutil
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from nbgrader.api import Gradebook

from coursekit import build
from coursekit.grading import db_url
from coursekit.paths import AUTOGRADER_DIR, SAMPLE_CLASS_DIR
from coursekit.submissions import parse_answers, write_submission

LESSON = "01_linear_regression"
COURSE_ID = "l1l2-regularization"  # autograder/nbgrader_config.py
INSTRUCTOR, ADA, BOB = "l1l2ins", "l1l2ada", "l1l2bob"
ANSWERS = {ADA: SAMPLE_CLASS_DIR / "ada" / f"{LESSON}.answers.py",
           BOB: SAMPLE_CLASS_DIR / "cleo" / f"{LESSON}.answers.py"}
VENV_BIN = Path(sys.executable).parent
LATER = "2099-01-01 00:00:00.000000 UTC"  # after any real submission

pytestmark = [
    pytest.mark.nbgrader,
    pytest.mark.skipif(os.geteuid() != 0, reason="creates Unix users: run as root (CI does)"),
    pytest.mark.skipif(not (shutil.which("useradd") and shutil.which("bwrap") and shutil.which("setpriv")),
                       reason="needs useradd, bwrap and setpriv"),
]


def _hidden_prefix() -> list[str]:
    """bwrap options that make the interpreter's prefix reachable by other users when a parent
    folder of it is not (e.g. /root 0700); [] when it already is."""
    prefix = Path(os.path.realpath(sys.base_prefix))
    for parent in reversed(prefix.parents):
        if parent != Path("/") and not os.stat(parent).st_mode & stat.S_IXOTH:
            # its child on the way to the prefix, whole: bwrap would make the folders between 0700
            child = parent / prefix.relative_to(parent).parts[0]
            return ["--perms", "0755", "--tmpfs", str(parent), "--ro-bind", str(child), str(child)]
    return []


def run_as(user: str, argv: list[str], cwd: Path, env: dict | None = None, check: bool = True,
           input: str | None = None) -> subprocess.CompletedProcess:
    pw = pwd.getpwnam(user)
    hidden = _hidden_prefix()
    wrap = ([shutil.which("bwrap"), "--dev-bind", "/", "/", *hidden, "--chdir", str(cwd), "--"] if hidden else [])
    cmd = [*wrap, shutil.which("setpriv"), "--reuid", str(pw.pw_uid), "--regid", str(pw.pw_gid), "--init-groups",
           "--", *argv]
    full_env = {"HOME": pw.pw_dir, "USER": user, "LOGNAME": user, "LANG": "C.UTF-8",
                "PATH": f"{VENV_BIN}:/usr/bin:/bin", **(env or {})}
    proc = subprocess.run(cmd, cwd=cwd, env=full_env, capture_output=True, text=True, timeout=600, input=input)
    if check:
        assert proc.returncode == 0, f"{user}: {' '.join(argv)} exited {proc.returncode}:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
    return proc


def nbgrader(user: str, *args: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    return run_as(user, [str(VENV_BIN / "nbgrader"), *args], cwd=cwd, env=env)


@pytest.fixture(scope="module")
def users():
    created = []
    for user in (INSTRUCTOR, ADA, BOB):
        try:
            pwd.getpwnam(user)
        except KeyError:
            subprocess.run(["useradd", "--create-home", "--shell", "/usr/sbin/nologin", user], check=True)
            created.append(user)
        os.chmod(pwd.getpwnam(user).pw_dir, 0o700)  # as on a JupyterHub: nobody reads another's home
    yield
    for user in created:
        subprocess.run(["userdel", "--remove", user], capture_output=True)


@pytest.fixture(scope="module")
def site(users):
    """The exchange (world-writable, as nbgrader documents) and the instructor's course root."""
    base = Path(tempfile.mkdtemp(prefix="l1l2-exchange-test-", dir="/tmp"))
    base.chmod(0o755)
    exchange = base / "exchange"
    exchange.mkdir()
    exchange.chmod(0o777)
    course = base / "course"
    build.build_lesson(course, LESSON, lessons_dir=None)
    cache = base / "judge-cache"
    cache.mkdir()
    ins = pwd.getpwnam(INSTRUCTOR)
    for path in [course, cache, *course.rglob("*"), *cache.rglob("*")]:
        os.lchown(path, ins.pw_uid, ins.pw_gid)
    yield {"exchange": exchange, "course": course, "inbound": exchange / COURSE_ID / "inbound",
           "env": {"COURSE_ROOT": str(course), "L1L2_JUDGE_CACHE": str(cache),
                   "L1L2_COURSE_SECRET": "exchange-test-secret"}}
    shutil.rmtree(base, ignore_errors=True)


def _scores(course: Path) -> dict:
    with Gradebook(db_url(course)) as gb:
        return {(sub.student.id, g.name): (g.score, g.max_score, g.needs_manual_grade)
                for sub in gb.assignment_submissions(LESSON) for nb in sub.notebooks for g in nb.grades}


def _check_scores(scores: dict) -> None:
    assert {s for s, _ in scores} == {ADA, BOB}
    for (student, cell), (score, max_score, manual) in scores.items():
        lost = set(parse_answers(ANSWERS[student]).expect_lost)
        assert (score < max_score) == (cell in lost), (student, cell, score, max_score)
        assert not manual


def test_the_exchange_end_to_end_with_real_users(site):
    ex, course, env = site["exchange"], site["course"], site["env"]
    exchange = [f"--Exchange.root={ex}"]
    student_flags = [f"--course={COURSE_ID}", *exchange]
    # the instructor releases the lesson
    nbgrader(INSTRUCTOR, "release_assignment", LESSON, *exchange, cwd=AUTOGRADER_DIR, env=env)
    assert (ex / COURSE_ID / "outbound" / LESSON / f"{LESSON}.ipynb").is_file()
    # each student fetches it, answers it and submits it
    for student in (ADA, BOB):
        home = Path(pwd.getpwnam(student).pw_dir)
        nbgrader(student, "fetch_assignment", LESSON, *student_flags, cwd=home)
        mine = home / LESSON / f"{LESSON}.ipynb"
        assert mine.stat().st_uid == pwd.getpwnam(student).pw_uid
        completed = write_submission(mine, course / "source" / LESSON / f"{LESSON}.ipynb", ANSWERS[student],
                                     course.parent / "answers" / student / f"{LESSON}.ipynb")
        run_as(student, [sys.executable, "-c", f"import sys; open({str(mine)!r}, 'w').write(sys.stdin.read())"],
               cwd=home, input=completed.read_text())
        nbgrader(student, "submit", LESSON, *student_flags, cwd=home)
    # the instructor collects (nbgrader's own, owner check on) and grades what was collected
    nbgrader(INSTRUCTOR, "collect", LESSON, *exchange, cwd=AUTOGRADER_DIR, env=env)
    for student in (ADA, BOB):
        assert (course / "submitted" / student / LESSON / f"{LESSON}.ipynb").is_file()
    graded = run_as(INSTRUCTOR, [sys.executable, "-m", "coursekit", "grade-class", str(course / "submitted"),
                                 "--course-root", str(course), "--lesson", LESSON, "--workers", "1"],
                    cwd=AUTOGRADER_DIR, env=env)
    assert "Not graded" not in graded.stdout, graded.stdout
    scores = _scores(course)
    _check_scores(scores)
    with Gradebook(db_url(course)) as gb:  # the time the student submitted, not the time of grading
        for student in (ADA, BOB):
            stamp = (course / "submitted" / student / LESSON / "timestamp.txt").read_text().strip()
            assert gb.find_submission(LESSON, student).timestamp.isoformat(" ").startswith(stamp[:19])
    # feedback: generated, released, fetched by each student
    nbgrader(INSTRUCTOR, "generate_feedback", LESSON, "--force", cwd=AUTOGRADER_DIR, env=env)
    nbgrader(INSTRUCTOR, "release_feedback", LESSON, *exchange, cwd=AUTOGRADER_DIR, env=env)
    feedback = {}
    for student in (ADA, BOB):
        home = Path(pwd.getpwnam(student).pw_dir)
        nbgrader(student, "fetch_feedback", LESSON, *student_flags, cwd=home)
        files = list((home / LESSON / "feedback").glob(f"*/{LESSON}.html"))
        assert len(files) == 1, files
        feedback[student] = files[0]
        run_as(student, ["/bin/cat", str(files[0])], cwd=home)  # readable by its student
    assert "YOUR CODE HERE" not in feedback[ADA].read_text()  # ada's own solved notebook
    # nobody else's: the other student's copy, and the exchange's feedback folder, are out of reach
    for student, other in ((ADA, BOB), (BOB, ADA)):
        home = Path(pwd.getpwnam(student).pw_dir)
        assert run_as(student, ["/bin/cat", str(feedback[other])], cwd=home, check=False).returncode != 0
        assert run_as(student, ["/bin/ls", str(ex / COURSE_ID / "feedback")], cwd=home, check=False).returncode != 0

    # bob cheats in the inbound folder: a folder in ada's name, and a later submission of his own
    # whose notebook is a link to ada's; grading the inbound folder refuses both, by name
    inbound = site["inbound"]
    ada_folder = next(p for p in inbound.iterdir() if p.name.startswith(f"{ADA}+"))
    fake = inbound / f"{ADA}+{LESSON}+{LATER}+bob"
    link = inbound / f"{BOB}+{LESSON}+{LATER}+link"
    bob_home = Path(pwd.getpwnam(BOB).pw_dir)
    untouched = (course / "release" / LESSON / f"{LESSON}.ipynb").read_text()
    run_as(BOB, [sys.executable, "-c", (
        "import os, sys\n"
        f"os.mkdir({str(fake)!r}); open(os.path.join({str(fake)!r}, {LESSON + '.ipynb'!r}), 'w').write(sys.stdin.read())\n"
        f"os.mkdir({str(link)!r}); os.symlink({str(ada_folder / (LESSON + '.ipynb'))!r}, "
        f"os.path.join({str(link)!r}, {LESSON + '.ipynb'!r}))\n")], cwd=bob_home, input=untouched)
    regraded = run_as(INSTRUCTOR, [sys.executable, "-m", "coursekit", "grade-class", str(inbound),
                                   "--course-root", str(course), "--lesson", LESSON, "--workers", "1"],
                      cwd=AUTOGRADER_DIR, env=env)
    assert f"{fake}: submitted in the name of {ADA} but owned by {BOB}; not graded" in regraded.stdout, regraded.stdout
    assert f"{link}: holds a symbolic link ({LESSON}.ipynb -> {ada_folder}/{LESSON}.ipynb); not graded" in regraded.stdout
    assert _scores(course) == scores  # ada still graded on her own notebook, bob on his
