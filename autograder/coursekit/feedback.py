"""Feedback HTML a student can read offline: math as MathML, no MathJax from a CDN.

nbgrader's feedback page loads MathJax from the network, so offline the lessons' formulas show
as raw ``$$...$$``. :class:`MathToMathML` (a ``generate_feedback`` preprocessor) converts the
TeX in markdown cells to MathML with ``latex2mathml`` before the page is rendered; browsers
render MathML natively. The course's feedback template (``autograder/feedback_templates``)
drops the MathJax script and names each test cell by its grade_id and the judge's message.
"""

from __future__ import annotations

import html
import re

from latex2mathml.converter import convert
from nbconvert.preprocessors import Preprocessor
from traitlets import Bool

#: $$display$$ first, then $inline$ (not \$, not $$); code spans are left alone.
_CODE = re.compile(r"(```.*?```|`[^`]*`)", re.S)  # inline code may wrap a line
_DISPLAY = re.compile(r"\$\$(.+?)\$\$", re.S)
_INLINE = re.compile(r"(?<![\\$])\$(?!\$)((?:[^$\n]|\n(?!\n))+?)(?<!\\)\$(?!\$)")  # may wrap a line


def _mathml(tex: str, display: str) -> str:
    try:
        return convert(tex.strip(), display=display).replace("\n", "")
    except Exception:  # noqa: BLE001 - TeX latex2mathml cannot read stays readable as TeX
        return f"<code>{html.escape(tex)}</code>"


def tex_to_mathml(markdown: str) -> str:
    """Markdown with every ``$$..$$`` and ``$..$`` outside code replaced by MathML."""
    parts = _CODE.split(markdown)
    for i in range(0, len(parts), 2):  # even parts are outside code
        text = _DISPLAY.sub(lambda m: "\n\n" + _mathml(m.group(1), "block") + "\n\n", parts[i])
        parts[i] = _INLINE.sub(lambda m: _mathml(m.group(1), "inline"), text)
    return "".join(parts)


class MathToMathML(Preprocessor):
    """Convert the TeX of markdown cells to MathML (see the module docstring)."""

    enabled = Bool(True).tag(config=True)  # nbconvert preprocessors are off unless enabled

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type == "markdown":
            cell.source = tex_to_mathml(cell.source)
        return cell, resources
