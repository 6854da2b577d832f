"""Budgets of the answer checker (issue 3): prints figures, asserts nothing.

In-process latency over every table answer after warm-up (median ≤ 20 ms,
p99 ≤ 150 ms), the slowest attack string (≤ 2 s), and ``dltutor check`` as a
whole process against ``python -c "import numpy, sympy"`` (ratio ≤ 1.5); for
information, the rare checks that start the sympy worker.
Run: ``.venv/bin/python bench/check.py``.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))


def table_answers() -> list[tuple[str, str]]:
    from tutor.content.loader import load_course
    from tutor.quiz.items import load_quiz_module

    pairs = []
    for question in load_course():
        if question.quiz_path is None:
            continue
        module = load_quiz_module(question.quiz_path, question.number)
        for item_id, table in module.EXAMPLES.items():
            for entry in [*table["accept"], *table["reject"]]:
                pairs.append((item_id, entry[0] if isinstance(entry, tuple) else entry))
    return pairs


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def in_process() -> None:
    from tutor.answers import check_answer
    from tutor.quiz.items import get_item

    pairs = table_answers()
    for item_id, answer in pairs:  # warm-up: sampling and reference values are cached per item
        check_answer(get_item(item_id), answer, "en")  # type: ignore[arg-type]
    times = []
    for _ in range(3):
        for item_id, answer in pairs:
            item = get_item(item_id)
            start = time.perf_counter()
            check_answer(item, answer, "en")  # type: ignore[arg-type]
            times.append((time.perf_counter() - start) * 1000)
    print(f"in-process check, {len(pairs)} table answers x3: median {statistics.median(times):.2f} ms, "
          f"p99 {percentile(times, 0.99):.2f} ms, max {max(times):.2f} ms  (budget: median ≤ 20, p99 ≤ 150)")

    from test_answers_safety import attacks

    worst, worst_text = 0.0, ""
    with tempfile.TemporaryDirectory() as tmp:
        for item_id in ("1a", "2", "4", "5.adamw", "8.1"):
            for text in attacks(Path(tmp) / "SENTINEL"):
                start = time.perf_counter()
                check_answer(get_item(item_id), text, "en")  # type: ignore[arg-type]
                elapsed = time.perf_counter() - start
                if elapsed > worst:
                    worst, worst_text = elapsed, f"{item_id}: {text[:30]!r}…"
    print(f"worst attack string: {worst * 1000:.1f} ms ({worst_text})  (budget: ≤ 2000 ms)")


def best_of(argv: list[str], runs: int = 5) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, capture_output=True, check=False)
        best = min(best, time.perf_counter() - start)
    return best


def whole_process() -> None:
    python = sys.executable
    baseline = best_of([python, "-c", "import numpy, sympy"])
    check = best_of([python, "-m", "tutor", "check", "1b", "2x"])
    wrong = best_of([python, "-m", "tutor", "check", "2", "cosh(z)"])
    probe = subprocess.run(
        [python, "-c", "import sys; from tutor.cli import main; main(['check','2','1-tanh(z)^2']);"
                       "print('sympy imported' if 'sympy' in sys.modules else 'sympy not imported')"],
        capture_output=True, text=True, check=False)
    print(f"python -c 'import numpy, sympy': {baseline * 1000:.0f} ms (best of 5)")
    print(f"dltutor check 1b 2x: {check * 1000:.0f} ms; ratio {check / baseline:.2f}  (budget: ≤ 1.5)")
    print(f"dltutor check 2 'cosh(z)' (incorrect): {wrong * 1000:.0f} ms; ratio {wrong / baseline:.2f}")
    print(f"during a check: {probe.stdout.strip().splitlines()[-1]}")
    # the rare paths that start the sympy worker process (not part of the budget)
    second = best_of([python, "-m", "tutor", "check", "2", "sech(z)^2 e^(1000z)/e^(1000z)"], runs=3)
    simplified = best_of([python, "-m", "tutor", "check", "2", "4/(e^z+e^-z)^2", "--simplify"], runs=3)
    print(f"dltutor check needing sympy's second opinion: {second * 1000:.0f} ms; "
          f"with --simplify: {simplified * 1000:.0f} ms  (worker start + sympy import included)")


if __name__ == "__main__":
    in_process()
    whole_process()
