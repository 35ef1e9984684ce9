"""The policy source texts, normalised the way caresq quotes them, for quote-fidelity tests.

caresq quotes sentences with their whitespace folded and typographic dashes and quotes written
plainly ("Kraamzorg - randvoorwaarden", "zzp'ers"), as SPEC §5 shows them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

POLICY_DIR = Path(__file__).resolve().parents[2] / "shared" / "policy"
GEBOORTEZORG = POLICY_DIR / "000_a5109ad72cb28a1e.txt"
ZBC = POLICY_DIR / "001_f7e2c8dd992fa5fd.txt"

_PLAIN = str.maketrans({"\u2013": "-", "\u2014": "-", "\u2018": "'", "\u2019": "'",
                        "\u201c": '"', "\u201d": '"'})


def normalise(text: str) -> str:
    """Fold whitespace and write typographic dashes and quotes plainly."""
    return " ".join(text.translate(_PLAIN).split())


def policy_text(path: Path) -> str:
    """The normalised text of one policy; skips the test when the sources are not beside us."""
    if not path.exists():
        pytest.skip(f"policy text not found at {path}")
    return normalise(path.read_text(encoding="utf-8"))
