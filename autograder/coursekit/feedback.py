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


#: MathML elements kept in the feedback (no maction, no href/src/on* attributes): latex2mathml
#: copies \\text{...} and \\href{...} into its output unescaped, so its MathML is sanitised too.
MATHML_TAGS = frozenset({
    "math", "annotation", "menclose", "merror", "mfenced", "mfrac", "mi", "mmultiscripts", "mn", "mo",
    "mover", "mpadded", "mphantom", "mprescripts", "mroot", "mrow", "ms", "mspace", "msqrt", "mstyle", "msub",
    "msubsup", "msup", "mtable", "mtd", "mtext", "mtr", "munder", "munderover", "none", "semantics"})


def _mathml_attribute(tag: str, name: str, value: str) -> bool:
    return not name.lower().startswith("on") and name.lower() not in ("href", "src", "xlink:href", "style")


def _clean_mathml(markup: str) -> str:
    from bleach.sanitizer import Cleaner

    return Cleaner(tags=MATHML_TAGS, attributes=_mathml_attribute, protocols=[], strip=False,
                   strip_comments=True).clean(markup)


def _mathml(tex: str, display: str) -> str:
    try:
        return _clean_mathml(convert(tex.strip(), display=display).replace("\n", ""))
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
        # A student's markdown is already sanitised HTML (coursekit.inert.inert_markdown): rewriting
        # it would re-open it (a $$ inside an attribute ends the HTML block, and markdown then makes
        # live links of the rest), so its TeX stays text.
        if cell.cell_type == "markdown" and not _is_student_markdown(cell.source):
            cell.source = tex_to_mathml(cell.source)
        return cell, resources


def _is_student_markdown(source: str) -> bool:
    from coursekit.inert import STUDENT_MARKDOWN_CLASS

    return str(source).lstrip().startswith((f'<div class="{STUDENT_MARKDOWN_CLASS}"',
                                            f'<pre class="{STUDENT_MARKDOWN_CLASS}"'))


class EscapeComments(Preprocessor):
    """HTML-escape each cell's gradebook comment (``metadata.nbgrader.comment``, set by ``GetGrades``)
    before the template renders it as markdown: the course writes student-shaped text into comments
    (a flag quotes the code it flags, the judge names the values it saw), and markdown passes raw
    HTML through, so ``<img onerror=...>`` in a flagged string would be live in the feedback."""

    enabled = Bool(True).tag(config=True)

    def preprocess_cell(self, cell, resources, index):
        meta = cell.get("metadata", {}).get("nbgrader")
        if isinstance(meta, dict) and isinstance(meta.get("comment"), str):
            meta["comment"] = html.escape(meta["comment"], quote=False)
        return cell, resources
