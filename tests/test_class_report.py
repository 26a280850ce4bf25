"""The class report (``coursekit class-report``, :mod:`coursekit.classreport`).

Most tests read a synthetic class of lesson 02 built from answers files without grading
(:mod:`coursekit.synthetic_class`: the gradebook rows and autograded notebooks grading leaves): the
sample class, the known wrong answers with the mistake ids they state (``# expect-mistake``), the
correct variants (independent honest solutions) and two students who copy each other with renamed
variables and reordered lines (``tests/class_report/02_lasso``). ``test_class_report_graded.py``
reads the suite's one-class run (real grading) instead.
"""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest

from coursekit import classreport
from coursekit.submissions import parse_answers

HERE = Path(__file__).parent
LESSON = "02_lasso"
COPIERS = ("copier_a", "copier_b")
CLASS_REPORT_DIR = HERE / "class_report"
#: A message and an answer that would run in a browser if the page did not escape them.
HOSTILE_MESSAGE = "<script>alert('message')</script><img src=x onerror=alert(1)> & more"
HOSTILE_CODE = "# </pre><script>fetch('http://example.com/steal')</script>\nx = '<b>bold</b>'"


def _students() -> dict[str, Path]:
    files = {s: HERE.parent / "autograder" / "sample_class" / s / f"{LESSON}.answers.py" for s in ("ada", "ben", "cleo")}
    files.update({p.name.removesuffix(".answers.py"): p for p in sorted((CLASS_REPORT_DIR / LESSON).glob("*.answers.py"))})
    for folder, prefix in (("correct_variants", "variant-"), ("wrong_answers", "wrong-")):
        for p in sorted((HERE / folder / LESSON).glob("*.answers.py")):
            files[prefix + p.name.removesuffix(".answers.py")] = p
    return files


def _outcomes(student: str, path: Path) -> dict[str, tuple[str, str]]:
    """The synthetic verdicts: each expect-lost cell with the id the file states (else a made-up one)."""
    parsed = parse_answers(path)
    out = {gid: (parsed.expect_mistakes.get(gid) or f"lasso.synthetic.{gid}", f"{gid} is wrong for {student}")
           for gid in parsed.expect_lost}
    if student == "ben":  # untouched: every cell raised NotImplementedError
        out = {gid: ("lasso.synthetic.raised", "your code raised NotImplementedError") for gid in _test_cells()}
    if student == "wrong-soft_threshold_wrong_sign":
        out["soft_threshold_matches_reference"] = ("lasso.soft_threshold.sign_reversed", HOSTILE_MESSAGE)
    return out


_CELLS: list[str] = []


def _test_cells() -> list[str]:
    return _CELLS


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    import nbformat
    from nbgrader.api import Gradebook

    from coursekit.grading import db_url
    from coursekit.synthetic_class import add_graded, answers_notebook, make_course

    root = make_course(tmp_path_factory.mktemp("report") / "course", [LESSON])
    release = nbformat.read(root / "release" / LESSON / f"{LESSON}.ipynb", as_version=4)
    _CELLS[:] = [c.metadata["nbgrader"]["grade_id"] for c in release.cells if c.cell_type == "code"
                 and c.metadata.get("nbgrader", {}).get("grade") and not c.metadata["nbgrader"].get("solution")]
    expected = Counter()
    with Gradebook(db_url(root)) as gb:
        for student, path in _students().items():
            nb = answers_notebook(root, LESSON, path)
            if student == COPIERS[1]:  # a student's code the page must show inert (in the listed pair)
                cell = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "answer_soft_threshold")
                cell.source = HOSTILE_CODE + "\n" + cell.source
            outcomes = _outcomes(student, path)
            add_graded(gb, root, LESSON, student, nb, outcomes)
            expected.update((LESSON, gid, mistake) for gid, (mistake, _) in outcomes.items())
    page = classreport.build_report(root)
    return root, page, expected


def test_the_report_counts_each_mistake_exactly(synthetic):
    root, _, expected = synthetic
    assert classreport.mistake_counts(root) == expected
    [lesson] = classreport.read_course(root)
    summary = {row["grade_id"]: row for row in classreport.lesson_summary(lesson)}
    clip = summary["soft_threshold_matches_reference"]["mistakes"]["lasso.soft_threshold.no_clip"]
    assert sorted(o.student for o in clip) == sorted(
        s for s, p in _students().items() if parse_answers(p).expect_mistakes.get("soft_threshold_matches_reference")
        == "lasso.soft_threshold.no_clip" and s != "ben")
    assert summary["soft_threshold_matches_reference"]["passed"] == len(_students()) - sum(
        1 for s, p in _students().items() if s == "ben" or "soft_threshold_matches_reference" in parse_answers(p).expect_lost)


def test_the_wrong_answers_state_their_mistakes():
    stated = [p for p in (HERE / "wrong_answers").glob("*/*.answers.py") if parse_answers(p).expect_mistakes]
    assert len(stated) >= 20, "state the judge's mistake id (# expect-mistake: <grade_id>: <id>) in the wrong answers"


def test_the_copying_pair_comes_first_and_no_independent_honest_pair_is_listed(synthetic):
    root, _, _ = synthetic
    [lesson] = classreport.read_course(root)
    pairs = classreport.similar_pairs(lesson)
    assert pairs, "the copying pair was not found"
    assert (pairs[0].a, pairs[0].b) == COPIERS, [(p.a, p.b, round(p.similarity, 2)) for p in pairs]
    assert pairs[0].similarity >= 0.8
    honest = {"ada", *COPIERS} | {s for s in _students() if s.startswith("variant-")}
    listed = [(p.a, p.b) for p in pairs if p.a in honest and p.b in honest and (p.a, p.b) != COPIERS]
    assert not listed, f"independent honest solutions listed as similar: {listed}"
    cells = {gid for gid, _, _ in pairs[0].cells}
    assert {"answer_soft_threshold", "answer_coordinate_update", "answer_lasso_cd"} <= cells


def test_the_page_and_csv(synthetic):
    root, page, _ = synthetic
    text = page.read_text()
    assert "<script" not in text.lower()
    assert "&lt;script&gt;alert(&#x27;message&#x27;)&lt;/script&gt;" in text  # the message as the student read it
    assert "&lt;/pre&gt;&lt;script&gt;fetch(" in text  # the student's code, inert
    assert "pointer for a person to look at, not a verdict" in text
    assert text.count("data:image/png;base64,") == 1  # one chart per lesson
    assert "lasso.soft_threshold.no_clip" in text
    with open(page.with_name(classreport.CSV_NAME), newline="") as fh:
        rows = list(csv.DictReader(fh))
    clip = [r for r in rows if r["id"] == "lasso.soft_threshold.no_clip" and r["grade_id"] == "soft_threshold_matches_reference"]
    assert clip and int(clip[0]["count"]) == len(clip[0]["students"].split())
    assert [r for r in rows if r["kind"] == "similar_pair"][0]["students"] == " ".join(COPIERS)


def test_value_answers_shared_where_the_class_differs():
    lesson = classreport.LessonData("07_choosing_lambda", students=[f"s{i}" for i in range(10)])
    lesson.values["random_search_best"] = {f"s{i}": f"v{i}" for i in range(10)} | {"s7": "v3"}
    lesson.values["fixed_split_best"] = {f"s{i}": "same" for i in range(10)}
    matches = classreport.value_matches(lesson)
    assert [(m.grade_id, m.students) for m in matches] == [("random_search_best", ["s3", "s7"])]


def test_the_page_in_headless_chromium_requests_nothing_and_runs_no_script(synthetic, chromium):
    _, page_path, _ = synthetic
    url = page_path.resolve().as_uri()
    requests, dialogs, errors = [], [], []
    context = chromium.new_context()
    try:
        page = context.new_page()
        page.on("request", lambda r: r.url != url and not r.url.startswith("data:") and requests.append(r.url))
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(url, wait_until="load")
        page.wait_for_load_state("networkidle")
        assert page.evaluate("document.scripts.length") == 0
        assert page.evaluate("[...document.images].every(i => i.complete && i.naturalWidth > 0)")
        assert page.evaluate("document.images.length") == 1
        body = page.text_content("body")
    finally:
        context.close()
    assert not requests, requests
    assert not dialogs and not errors
    assert "<script>alert('message')</script>" in body  # shown as text
    assert "copier_a and copier_b" in body


def test_fail_gives_every_check_failure_a_stable_id():
    import numpy as np

    from reference_solutions.checks import _core, lasso

    with pytest.raises(_core.CheckFailed) as caught:
        lasso.check_soft_threshold(lambda z, t: np.sign(z) * (np.abs(z) - t))
    assert caught.value.mistake == "lasso.soft_threshold.no_clip"
    with pytest.raises(_core.CheckFailed) as caught:  # a helper of _core names it in the calling check
        lasso.check_soft_threshold(lambda z, t: 1 / 0)
    assert caught.value.mistake == "lasso.soft_threshold.raised"
    namespace = {"__name__": "reference_solutions.checks.fake", "fail": _core.fail}
    exec("def check_thing():\n    fail('no id given')\n", namespace)  # noqa: S102 - a check module's function
    with pytest.raises(_core.CheckFailed) as caught:
        namespace["check_thing"]()
    assert caught.value.mistake == "fake.thing.other"


def test_not_judged_ids_say_why():
    from nbformat.v4 import new_notebook, new_output

    from coursekit.judge.preprocessors import _stop_kind, _stop_kind_of_error
    from coursekit.runner.execute import RUNNER_STOP

    def stopped(why):
        nb = new_notebook()
        nb.metadata[RUNNER_STOP] = {"cell": 3, "why": why}
        return _stop_kind(nb)

    assert stopped("the kernel died in cell 4: it used more than the memory limit of 4 GiB") == "memory"
    assert stopped("cell 4 ran past the per-cell limit of 120 s") == "time"
    assert stopped("the notebook used up its total time limit of 600 s") == "time"
    assert stopped("the kernel died in cell 4: the kernel process exited (os._exit, a crash or a signal)") == "kernel_died"
    assert _stop_kind(new_notebook()) is None
    assert _stop_kind_of_error(new_output("error", ename="TimeLimit", evalue="ran past", traceback=[])) == "time"
    assert _stop_kind_of_error(new_output("error", ename="TimeLimit2", evalue="", traceback=[])) is None
