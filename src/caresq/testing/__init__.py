"""The testing kit for care-type plugins: generated profiles, a conformance suite, golden files.

One import gives a plugin author what the bundled plugins are tested with::

    import caresq
    from caresq.testing import check_plugin, profiles

    import my_plugin

    def test_my_plugin_conforms():
        check_plugin(my_plugin)          # raises ConformanceError listing every failure

    @given(profiles("fysio.basis"))          # installed plugins; or engine=caresq.Engine(...)
    def test_...(profile): ...

- :mod:`caresq.testing.strategies` - Hypothesis strategies derived from the fact catalogue:
  :func:`profiles`, :func:`fact_values`, :func:`schedules`, :func:`agb_codes`;
- :mod:`caresq.testing.conformance` - :func:`check_plugin`, the checks every plugin must pass;
- :mod:`caresq.testing.golden` - :class:`GoldenCorpus`: recorded assessments and a readable diff
  of which providers change status when a policy changes;
- :mod:`caresq.testing.reference` - the policy reference (Markdown) generated from the plugins;
- :mod:`caresq.testing.pytest_plugin` - registered with pytest (``pytest11``): the
  ``caresq_conformance`` and ``caresq_golden`` fixtures, ``--caresq-refresh-golden``, and
  :func:`~caresq.testing.pytest_plugin.conformance_tests`, one test per check.

The strategies and the generated-profile checks need Hypothesis (``pip install
'caresq[testing]'``). The names below are loaded on first use, so the pytest plugin, the golden
corpus and the reference generator work without it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from caresq._lazy import lazy_attributes

if TYPE_CHECKING:
    from caresq.testing.conformance import (
        CHECKS,
        ConformanceError,
        ConformanceReport,
        Failure,
        check_plugin,
    )
    from caresq.testing.golden import GoldenCorpus, GoldenDiff
    from caresq.testing.strategies import agb_codes, fact_values, profiles, schedules

__all__ = [
    "CHECKS",
    "ConformanceError",
    "ConformanceReport",
    "Failure",
    "GoldenCorpus",
    "GoldenDiff",
    "agb_codes",
    "check_plugin",
    "fact_values",
    "profiles",
    "schedules",
]

_HOME = {
    "CHECKS": "conformance",
    "ConformanceError": "conformance",
    "ConformanceReport": "conformance",
    "Failure": "conformance",
    "check_plugin": "conformance",
    "GoldenCorpus": "golden",
    "GoldenDiff": "golden",
    "agb_codes": "strategies",
    "fact_values": "strategies",
    "profiles": "strategies",
    "schedules": "strategies",
}


__getattr__ = lazy_attributes("caresq.testing", {name: f"caresq.testing.{home}"
                                                 for name, home in _HOME.items()}, globals())


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
