"""Text a submission produced, made safe to print on an instructor's terminal (issue 23).

Exception names and messages, flags quoting code, notes and file names come from submissions; a
terminal obeys the control sequences in them (ANSI/OSC escapes can move the cursor, erase the lines
above, fake a report line, set the clipboard with OSC 52). :func:`printable` escapes every control
character (C0, DEL, C1, and the Unicode line/paragraph separators and bidi controls) as ``\\xNN`` /
``\\uNNNN``; newlines too, unless the text is a whole report whose lines the course wrote.
"""

from __future__ import annotations

import re

_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")


def printable(text, keep_newlines: bool = False) -> str:
    """``text`` with each control character escaped (``"\\n"`` kept when ``keep_newlines``)."""

    def escape(match: re.Match) -> str:
        ch = match.group()
        if keep_newlines and ch in "\n\t":
            return ch
        return f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}"

    return _CONTROL.sub(escape, str(text))
