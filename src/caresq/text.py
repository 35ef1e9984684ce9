"""Text a person reads: controls and bidi overrides from the input are shown escaped.

(The lowest floor: every text renderer and message goes through :func:`escape_control`.)
"""

from __future__ import annotations

import re
from typing import Final

#: C0 and C1 controls (but newline and tab, which text output uses) and the bidi overrides.
_UNSAFE: Final = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def escape_control(text: str) -> str:
    """``text`` with terminal controls and bidi overrides written as ``\\xNN``/``\\uNNNN``."""
    return _UNSAFE.sub(lambda match: _escaped(match.group()), text)


def _escaped(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"
