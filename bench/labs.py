"""Per-lab compute time, against a fixed numpy workload measured in the same run.

Budget: every lab computes in ≤ 200 ms (its default parameters), so the app can
redraw on a key press without a visible lag. Run: ``python bench/labs.py``.
The ratio to the baseline (a 256×256 float64 matmul chain) makes figures from
different machines comparable.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable

BUDGET_MS = 200.0
RUNS = 7


def median_ms(fn: Callable[[], object], runs: int = RUNS) -> float:
    fn()  # warm-up: imports and caches are not what we measure
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def baseline() -> None:
    import numpy as np

    a = np.random.default_rng(0).standard_normal((256, 256))
    b = a
    for _ in range(20):
        b = np.tanh(a @ b / 16)


def main() -> int:
    from tutor.labs import LABS
    from tutor.plots import render_to_text

    base = median_ms(baseline)
    print(f"baseline (20 × 256² matmul + tanh, float64): {base:.1f} ms")
    print(f"{'lab':<11} {'compute ms':>10} {'× baseline':>10} {'draw ms':>8}  budget {BUDGET_MS:.0f} ms")
    over = []
    for lab in LABS.values():
        compute = median_ms(lab.compute)
        result = lab.compute()
        draw = median_ms(
            lambda lab=lab, result=result: [
                render_to_text(lambda plt, v=v.id: lab.draw(result, plt, "en", view=v), 80, 20, color=False)
                for v in lab.views
            ],
            runs=3,
        )
        flag = "" if compute <= BUDGET_MS else "  OVER BUDGET"
        print(f"{lab.id:<11} {compute:>10.1f} {compute / base:>10.2f} {draw:>8.1f}{flag}")
        if compute > BUDGET_MS:
            over.append(lab.id)
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
