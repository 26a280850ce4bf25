"""Make what a submission produced inert wherever people look at it (issue 23).

An answer cell can display ``HTML("<script>...")`` or ``Javascript(...)``, and a student can write
raw HTML into a markdown cell. Formgrader (logged in as the instructor, with the server's
``_xsrf``), the feedback HTML, an exported notebook and ``coursekit check`` all show the autograded
notebook, so it is sanitised once, at grading time (:class:`MakeInert`, an autograde step after
the runner and the judge, before nbgrader saves anything):

* outputs keep text and images: ``text/plain``, ``text/latex``, ``application/json``, PNG, JPEG
  and GIF unchanged; ``text/html``, ``text/markdown`` and ``image/svg+xml`` through bleach (nbconvert's
  :class:`~nbconvert.preprocessors.SanitizeHTML`: no script, no event handler, no ``style``, no
  element that loads anything); every other MIME type (JavaScript, widgets, the probe's evidence
  type outside a test cell, anything unknown) is dropped and a visible note says what was dropped;
* markdown cells the release does not have word for word are rendered to HTML and sanitised
  (:func:`inert_markdown`: markdown makes live links of its own), raw cells sanitised; their
  attachments keep PNG/JPEG/GIF only;
* stream and error text is escaped by every renderer already.

Scores never depend on this: nbgrader's partial credit reads ``text/plain``, which is kept.
The comments the course writes (flags, the judge's messages) are escaped by the feedback template
before its markdown filter (``autograder/feedback_templates``).
"""

from __future__ import annotations

import os

import nbformat
from bleach.sanitizer import Cleaner
from nbconvert.preprocessors.sanitize import SanitizeHTML
from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import Unicode

#: Output MIME types kept as they are.
SAFE_TYPES = frozenset({"text/plain", "text/latex", "application/json", "image/png", "image/jpeg", "image/gif"})
#: Output MIME types kept after sanitising.
SANITISED_TYPES = frozenset({"text/html", "text/markdown", "image/svg+xml"})
#: Attachment MIME types kept in markdown cells.
ATTACHMENT_TYPES = frozenset({"image/png", "image/jpeg", "image/gif"})

#: HTML a student's table or formatted text needs; nothing that runs or loads anything.
HTML_TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "col", "colgroup", "dd", "del", "details", "div",
    "dl", "dt", "em", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "ins", "kbd", "li", "ol", "p", "pre", "q",
    "s", "samp", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th",
    "thead", "tr", "tt", "u", "ul", "var"})
HTML_ATTRIBUTES = {"*": ["class", "title", "align"], "a": ["href"], "td": ["colspan", "rowspan"],
                   "th": ["colspan", "rowspan"], "table": ["border"], "ol": ["start"]}
#: Static SVG shapes and text: no script, no foreignObject, no use/image (they load), no style.
SVG_TAGS = frozenset({"svg", "g", "path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "text",
                      "tspan", "title", "desc", "defs", "clippath", "lineargradient", "radialgradient", "stop"})
SVG_ATTRIBUTES = ["width", "height", "viewbox", "viewBox", "preserveAspectRatio", "gradientUnits", "version", "xmlns", "d", "x", "y", "x1", "x2", "y1", "y2",
                  "cx", "cy", "r", "rx", "ry", "points", "fill", "fill-opacity", "fill-rule", "stroke",
                  "stroke-width", "stroke-opacity", "stroke-linecap", "stroke-linejoin", "stroke-dasharray",
                  "opacity", "transform", "font-size", "font-family", "text-anchor", "id", "clip-path",
                  "offset", "stop-color", "gradientunits", "preserveaspectratio"]
#: Links may go to web pages (a click, never a load); no javascript:, data:, file: URLs.
PROTOCOLS = frozenset({"http", "https", "mailto"})


def _cleaner(tags, attributes) -> Cleaner:
    return Cleaner(tags=tags, attributes=attributes, protocols=PROTOCOLS, strip=False, strip_comments=True)


class InertHTML(SanitizeHTML):
    """nbconvert's bleach sanitiser with the course's lists (see the module docstring)."""

    def __init__(self, **kw):
        super().__init__(**kw)
        self.tags = sorted(HTML_TAGS)
        self.attributes = HTML_ATTRIBUTES
        self._html = _cleaner(HTML_TAGS, HTML_ATTRIBUTES)
        self._svg = _cleaner(SVG_TAGS, {"*": SVG_ATTRIBUTES})

    def sanitize_html_tags(self, html_str):
        return self._html.clean(_text(html_str))

    def sanitize_svg(self, svg: str) -> str:
        return self._svg.clean(_text(svg))


_COMMENT_CLEANER = None


def inert_html(html_str) -> str:
    """Jinja filter ``l1l2_inert_html`` of the feedback template: a comment rendered from markdown,
    through the same lists (no script, no image or other load, links only to http/https/mailto).
    Comments carry student-shaped text (a flag quotes code, a restore note names a cell) and
    markdown turns ``[x](javascript:...)`` and ``![](https://...)`` into live HTML even after the
    comment was HTML-escaped (``coursekit.feedback.EscapeComments``)."""
    global _COMMENT_CLEANER
    if _COMMENT_CLEANER is None:
        _COMMENT_CLEANER = _cleaner(HTML_TAGS, HTML_ATTRIBUTES)
    return _COMMENT_CLEANER.clean(_text(html_str))


#: Marks a student's markdown cell that :func:`inert_markdown` rendered and sanitised.
STUDENT_MARKDOWN_CLASS = "l1l2-student-markdown"


def inert_markdown(source: str, sanitiser: InertHTML) -> str:
    """A student's markdown as sanitised HTML that every markdown renderer passes through as is.

    Sanitising the markdown text is not enough: markdown syntax makes live HTML of its own
    (``[x](javascript:...)``, entity tricks in link targets). So the markdown is rendered the way
    the viewers render it (nbconvert's ``markdown2html``), the HTML is sanitised, and the cell keeps
    that HTML in one ``<div>`` block. If rendering it again would produce anything the sanitiser
    changes, the cell shows its text escaped in a ``<pre>`` instead."""
    import html

    from nbconvert.filters import markdown2html

    text = _text(source)
    try:
        body = sanitiser.sanitize_html_tags(markdown2html(text))
        block = f'<div class="{STUDENT_MARKDOWN_CLASS}">\n' + "\n".join(
            line for line in body.splitlines() if line.strip()) + "\n</div>"
        again = markdown2html(block)
        if sanitiser.sanitize_html_tags(again) == again:
            return block
    except Exception:  # noqa: BLE001 - fall back to the escaped text
        pass
    return f'<pre class="{STUDENT_MARKDOWN_CLASS}">' + html.escape(text) + "</pre>"


def _text(value) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


def _note(dropped: list[str]):
    return nbformat.v4.new_output("stream", name="stdout", text=(
        f"[removed by the grader: {', '.join(sorted(set(dropped)))} output (active content is not kept "
        "in graded notebooks)]\n"))


def make_outputs_inert(outputs: list, sanitiser: InertHTML) -> list:
    """The outputs with every rich MIME type sanitised or dropped (a note after each output that
    lost something)."""
    out = []
    for output in outputs:
        kind = output.get("output_type")
        if kind not in ("display_data", "execute_result", "update_display_data"):
            out.append(output)
            continue
        data = output.get("data", {}) or {}
        dropped = []
        for mime in list(data):
            if mime in SAFE_TYPES:
                continue
            if mime == "image/svg+xml":
                data[mime] = sanitiser.sanitize_svg(data[mime])
            elif mime in SANITISED_TYPES:
                data[mime] = sanitiser.sanitize_html_tags(data[mime])
            else:
                dropped.append(mime)
                del data[mime]
        metadata = output.get("metadata")
        if isinstance(metadata, dict):  # per-MIME metadata of dropped types goes too
            for mime in dropped:
                metadata.pop(mime, None)
        if data or kind == "execute_result":
            out.append(output)
        if dropped:
            out.append(_note(dropped))
    return out


def _release_text(course_root: str, assignment: str, notebook: str) -> set[str]:
    path = os.path.join(course_root, "release", assignment, f"{notebook}.ipynb")
    try:
        release = nbformat.read(path, as_version=4)
    except (OSError, ValueError):
        return set()
    return {c.source for c in release.cells if c.cell_type in ("markdown", "raw")}


def make_notebook_inert(nb, sanitiser: InertHTML | None = None, course_text: set[str] = frozenset()):
    """Sanitise every code cell's outputs, and every markdown or raw cell whose source is not one
    of ``course_text`` (the release's own text, left exactly as the course wrote it)."""
    sanitiser = sanitiser or InertHTML()
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = make_outputs_inert(cell.get("outputs", []), sanitiser)
        elif cell.cell_type in ("markdown", "raw"):
            if cell.source not in course_text:
                cell.source = (inert_markdown(cell.source, sanitiser) if cell.cell_type == "markdown"
                               else sanitiser.sanitize_html_tags(cell.source))
            attachments = cell.get("attachments")
            if isinstance(attachments, dict):
                for name, bundle in list(attachments.items()):
                    if not isinstance(bundle, dict):
                        del attachments[name]
                        continue
                    for mime in [m for m in bundle if m not in ATTACHMENT_TYPES]:
                        del bundle[mime]
    return nb


class MakeInert(NbGraderPreprocessor):
    """Autograde step after the runner and the judge: see the module docstring."""

    course_root = Unicode("", help="The course root (its release/ holds the lesson's own text).").tag(config=True)

    def preprocess(self, nb, resources):
        info = resources.get("nbgrader", {})
        course_text = set()
        if self.course_root and info.get("assignment") and info.get("notebook"):
            course_text = _release_text(self.course_root, info["assignment"], info["notebook"])
        make_notebook_inert(nb, InertHTML(parent=self), course_text)
        return nb, resources
