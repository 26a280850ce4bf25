"""Reports print no control character a submission produced (coursekit.terminal, issue 23)."""

from __future__ import annotations

from coursekit.grading import GradeResult, format_score_table
from coursekit.selfcheck import format_report
from coursekit.terminal import printable

EVIL = "\x1b]52;c;cm0gLXJmIH4K\x07\x1b[1A\x1b[2K\rstopped early: fake\u202e\x9b\x00"


def test_printable_escapes_every_control_character():
    out = printable(EVIL)
    assert out == "\\x1b]52;c;cm0gLXJmIH4K\\x07\\x1b[1A\\x1b[2K\\x0dstopped early: fake\\u202e\\x9b\\x00"
    assert printable("a\nb\tc") == "a\\x0ab\\x09c"
    assert printable("a\nb\tc\x1b", keep_newlines=True) == "a\nb\tc\\x1b"
    assert printable("ünïcode α ≤ 1, ok") == "ünïcode α ≤ 1, ok"


def test_self_check_and_score_reports_print_escaped_text(tmp_path):
    from pathlib import Path

    result = GradeResult(student="s", lesson="01_linear_regression", path=Path("x"), status="graded",
                         score=1, max_score=2, messages={}, notes=[printable("stopped early: " + EVIL)],
                         flags=[printable(EVIL)])
    text = printable(format_report(result), keep_newlines=True) + format_score_table([result])
    assert "\x1b" not in text and "\x07" not in text and "\u202e" not in text
