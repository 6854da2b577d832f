"""Budget of the variant families (issue 11): prints figures, asserts nothing.

A variant with its worked solution, generated from a fresh seed: median ≤ 20 ms. Measured twice:
the variant alone (``family.variant(seed)``: the draw, the settling of its numbers, the steps), and
the variant with its statement and solution rendered for the terminal (LaTeX → Unicode), as a
practice screen would show it. The baseline, measured in the same run, is loading one ``quiz.py``
(question 6) as the homework does; the ratio is printed next to each median.
Run: ``.venv/bin/python bench/variants.py``.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

#: seeds per family; fresh seeds, so no cache of the judge or the loader is reused
SEEDS = range(1000, 1040)


def milliseconds(action, repeat: int = 1) -> list[float]:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return times


def baseline() -> float:
    """Median time to import one quiz.py (question 6), the homework's way of loading items."""
    from tutor.content.loader import load_course
    from tutor.quiz.items import load_quiz_module

    question = load_course().question(6)
    assert question is not None and question.quiz_path is not None
    path = question.quiz_path
    load_quiz_module(path, 6)  # warm-up: the modules it imports
    return statistics.median(milliseconds(lambda: load_quiz_module(path, 6), repeat=200))


def rendered(variant, lang: str) -> str:  # type: ignore[no-untyped-def]
    from tutor.content.document import finish

    parts = [variant.statement[lang], *(f"## {s.title}\n{s.body}" for s in variant.solution(lang)), variant.answer[lang]]
    return finish("\n\n".join(parts), lang, math="unicode")


def main() -> None:
    start = time.perf_counter()
    from tutor.practice.loader import load_families

    families = load_families()
    print(f"loading {len(families)} families: {(time.perf_counter() - start) * 1000:.1f} ms (once per process)")
    base = baseline()
    print(f"baseline, loading content/06-initialization/quiz.py: median {base:.3f} ms")

    families[0].variant(0)
    rendered(families[0].variant(0), "en")  # warm-up: parser and renderer modules
    alone: list[float] = []
    shown: list[float] = []
    slowest: list[tuple[float, str]] = []
    for family in families:
        own = []
        for seed in SEEDS:
            own += milliseconds(lambda family=family, seed=seed: family.variant(seed))
            shown += milliseconds(lambda family=family, seed=seed: rendered(family.variant(seed), "ru"))
        alone += own
        slowest.append((statistics.median(own), family.id))
    median_alone, median_shown = statistics.median(alone), statistics.median(shown)
    print(f"variant with its worked solution, {len(alone)} fresh seeds over {len(families)} families: "
          f"median {median_alone:.2f} ms ({median_alone / base:.1f}× the baseline), "
          f"p95 {sorted(alone)[int(0.95 * len(alone))]:.2f} ms  (budget: median ≤ 20 ms)")
    print(f"the same, rendered for the terminal (ru): median {median_shown:.2f} ms "
          f"({median_shown / base:.1f}× the baseline), p95 {sorted(shown)[int(0.95 * len(shown))]:.2f} ms")
    print("slowest families by median: " + ", ".join(f"{name} {ms:.2f} ms" for ms, name in sorted(slowest)[-3:]))


if __name__ == "__main__":
    main()
