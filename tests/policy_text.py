"""The policy source texts, read from the plugins that ship them, for quote-fidelity tests.

caresq quotes sentences with their whitespace folded and typographic dashes and quotes written
plainly ("Kraamzorg - randvoorwaarden", "zzp'ers"); :func:`caresq.sources.normalise` does that
to the source. The texts are package data of their plugins, so these tests run anywhere the
package is installed, and never skip.
"""

from __future__ import annotations

from typing import Final

from caresq import Policy
from caresq.sources import missing_parts, normalise, source_text
from caresq_plugins.geboortezorg.policy import POLICY as GEBOORTEZORG_POLICY
from caresq_plugins.zbc.policy import POLICY as ZBC_POLICY

__all__ = ["GEBOORTEZORG", "ZBC", "missing_parts", "normalise", "policy_text"]

GEBOORTEZORG: Final = GEBOORTEZORG_POLICY
ZBC: Final = ZBC_POLICY


def policy_text(policy: Policy) -> str:
    """The normalised text of one bundled policy (fails when its plugin does not ship it)."""
    text = source_text(policy)
    assert text is not None, f"{policy.document} declares no source text"
    return text
