"""How long ``Engine.advise`` takes on typical kraamzorg profiles (the aim: under 20 ms).

Usage (from the repository root, with the project's venv)::

    python benchmarks/advice.py              # 200 runs per profile
    python benchmarks/advice.py --runs 1000

For each profile it advises once to warm up (prepared contracts, remembered findings), then
times ``runs`` calls and prints the median and the 95th percentile in milliseconds, with the
number of assessments one call runs and the questions and repairs it finds.
"""

from __future__ import annotations

import argparse
import copy
import json
import statistics
import time
from datetime import date
from pathlib import Path
from typing import Any

import caresq

ROOT = Path(__file__).resolve().parents[1]
ON = date(2023, 10, 5)


def profiles() -> dict[str, dict[str, Any]]:
    """The README example (one factor unknown), a refused one, and a blank one."""
    example = json.loads((ROOT / "examples" / "kraamzorg.json").read_text())
    refused = copy.deepcopy(example)
    refused["facts"].update({"kraamzorg.certificate": "none", "kraamzorg.zzp_share": 0.2,
                             "kraamzorg.indicator_18": 0.8})
    half = copy.deepcopy(example)
    for fact in list(half["facts"])[::2]:
        half["facts"][fact] = None
    blank = {"agb_code": "33012345", "applications": [{"contract": "geboortezorg.kraamzorg"}]}
    return {"example (typical)": example, "refused, 2 factors unmet": refused,
            "half the facts unknown": half, "blank": blank}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200, help="timed calls per profile")
    args = parser.parse_args()
    engine = caresq.Engine.default()
    print(f"{'profile':<28} {'median ms':>9} {'p95 ms':>7} {'evals':>6} {'asks':>5} "
          f"{'repairs':>7}")
    for name, data in profiles().items():
        checked = engine.read_profile(data)
        advice = engine.advise(checked, on=ON)
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            engine.advise(checked, on=ON)
            times.append((time.perf_counter() - start) * 1000)
        times.sort()
        result = advice.results[0]
        repairs = sum(len(t.repairs) for t in result.targets)
        print(f"{name:<28} {statistics.median(times):>9.2f} "
              f"{times[int(len(times) * 0.95) - 1]:>7.2f} {advice.evaluations:>6} "
              f"{len(result.questions):>5} {repairs:>7}")


if __name__ == "__main__":
    main()
