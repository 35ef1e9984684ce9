"""Text a person reads, made safe to show: the lowest floor, used by every text renderer.

Input (a provider's name, an unknown fact id, a file name) may hold terminal control
characters: an escape sequence that clears the screen or retitles the window, a newline that
forges a line of the report, a bidi override that shows text in another order than it is. Shown
through :func:`escape_control`, such characters appear as the escape a programmer would write
(``\\x1b``, ``\\x0a``, ``\\u202e``), so what a person sees is what the input holds.
"""

from __future__ import annotations

import re
from typing import Final

#: C0 and C1 controls (newline and tab included: one line of a report stays one line), DEL,
#: the bidi embeddings, overrides, isolates and marks, the line and paragraph separators, and
#: lone surrogates (which no terminal encoding can carry).
_UNSAFE: Final = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match[0])
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def escape_control(text: str) -> str:
    """``text`` with every control character, bidi control and lone surrogate escaped.

    >>> escape_control("De Ooievaar\\x1b[2J\\nSPOOF")
    'De Ooievaar\\\\x1b[2J\\\\nSPOOF'
    """
    if text.isascii() and text.isprintable():  # nearly every text: nothing to look for
        return text
    return _UNSAFE.sub(_escape, text)


def shown_on_page(value: object) -> object:
    """A value a page shows, as Jinja2's ``finalize``: a text through :func:`escape_control`
    before autoescaping makes it HTML. Markup (what has ``__html__``: a macro's output, the
    page's own) is left as it is."""
    if isinstance(value, str) and not hasattr(value, "__html__"):
        return escape_control(value)
    return value
