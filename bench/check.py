"""Budgets of the answer checker (issues 3 and 9): prints figures, asserts nothing.

Issue 3: in-process latency over every table answer after warm-up (median ≤ 20 ms,
p99 ≤ 150 ms), the slowest attack string (≤ 2 s), and ``dltutor check`` as a
whole process against ``python -c "import numpy, sympy"`` (ratio ≤ 1.5); for
information, the rare checks that start the sympy worker.

Issue 9: generated answers (``tests/answer_grammar.py``: the syntax table's
examples and the items' example answers, combined by the grammar and mutated;
100,000 by default) across every item, (1) through ``dltutor check --batch`` in a
subprocess, counting tracebacks, output lines that are not one JSON object per
input line, and "error" verdicts, with the peak RSS of the process tree (the
sympy worker included), and (2) in process, timed one by one (p50, p99, worst).
Budgets: 0 tracebacks, 0 lines without an object, p99 ≤ 10 ms, worst ≤ 1 s,
peak RSS ≤ 300 MB. Ratios are against baselines measured in the same run: the
median check of the table answers, and ``python -c "import numpy, sympy"``.

Run: ``.venv/bin/python bench/check.py [--count N] [--only generated|tables]``.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
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


# ---------------------------------------------------------------- issue 9: generated answers


def generated(count: int, seed: int = 9) -> list[tuple[str, str]]:
    """``count`` (item, answer) pairs from the grammar, spread over every item."""
    from answer_grammar import answers
    from test_answers_items import EXAMPLES

    from tutor.quiz.items import load_items

    items = [item.id for item in load_items()]
    atoms = tuple(sorted({example[2] for example in EXAMPLES}))
    rng = random.Random(seed)
    return [(rng.choice(items), text) for text in answers(count, seed, atoms)]


def _tree_rss_kb(root: int) -> int:
    """Resident memory of ``root`` and all its descendants (Linux /proc), in kB."""
    total, pending = 0, [root]
    while pending:
        pid = pending.pop()
        try:
            status = Path(f"/proc/{pid}/status").read_text()
            total += next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS"))
            for task in Path(f"/proc/{pid}/task").iterdir():
                pending += [int(child) for child in (task / "children").read_text().split()]
        except (OSError, StopIteration, ValueError):
            continue  # gone meanwhile, or no /proc
    return total


class PeakRss:
    """Samples the resident memory of a process tree every 20 ms in a thread; ``peak`` in MB."""

    def __init__(self, pid: int) -> None:
        self.pid, self.peak_kb, self.running = pid, 0, True
        self.thread = threading.Thread(target=self._sample, daemon=True)
        self.thread.start()

    def _sample(self) -> None:
        while self.running:
            self.peak_kb = max(self.peak_kb, _tree_rss_kb(self.pid))
            time.sleep(0.02)

    def stop(self) -> float:
        self.running = False
        self.thread.join()
        return self.peak_kb / 1024


def baseline_rss_mb() -> float:
    """Peak RSS of ``python -c "import numpy, sympy"``: the floor of a check that needs both."""
    proc = subprocess.Popen([sys.executable, "-c", "import numpy, sympy, time; time.sleep(0.5)"])
    sampler = PeakRss(proc.pid)
    proc.wait()
    return sampler.stop()


def through_batch(pairs: list[tuple[str, str]]) -> None:
    lines = "".join(json.dumps({"item": item, "answer": text}) + "\n" for item, text in pairs)
    with tempfile.TemporaryDirectory() as tmp:
        source, out, err = (Path(tmp) / name for name in ("in.jsonl", "out.jsonl", "err.txt"))
        source.write_text(lines, encoding="utf-8")
        env = {**os.environ, "DLTUTOR_HOME": tmp}
        start = time.perf_counter()
        with source.open("rb") as stdin, out.open("wb") as stdout, err.open("wb") as stderr:
            proc = subprocess.Popen([sys.executable, "-m", "tutor", "check", "--batch", "--lang", "en"],
                                    stdin=stdin, stdout=stdout, stderr=stderr, env=env, cwd=ROOT)
            sampler = PeakRss(proc.pid)
            code = proc.wait()
        peak = sampler.stop()
        elapsed = time.perf_counter() - start
        output = out.read_text(encoding="utf-8", errors="replace").splitlines()
        errors = err.read_text(encoding="utf-8", errors="replace")
    objects = 0
    verdicts: dict[str, int] = {}
    for line in output:
        try:
            data = json.loads(line)
        except ValueError:
            continue
        if isinstance(data, dict):
            objects += 1
            verdicts[str(data.get("verdict"))] = verdicts.get(str(data.get("verdict")), 0) + 1
    baseline = baseline_rss_mb()
    print(f"check --batch, {len(pairs)} generated answers: {elapsed:.0f} s, exit status {code}")
    print(f"  tracebacks on stderr: {errors.count('Traceback (most recent call last)')}  (budget: 0)")
    print(f"  lines without an object: {len(output) - objects}, missing lines: {len(pairs) - len(output)}"
          "  (budget: 0)")
    print(f"  verdicts: {dict(sorted(verdicts.items()))}  ('error' = the checker failed on an answer)")
    print(f"  peak RSS of the process tree (sympy worker included): {peak:.0f} MB;"
          f" 'import numpy, sympy' alone: {baseline:.0f} MB; ratio {peak / baseline:.2f}  (budget: ≤ 300 MB)")


def generated_in_process(pairs: list[tuple[str, str]]) -> None:
    from tutor.answers import check_answer
    from tutor.quiz.items import get_item, load_items

    for item in load_items():  # warm-up: sampling and reference values are cached per item
        check_answer(item, "x", "en")
    table = [(get_item(i), a) for i, a in table_answers()]
    reference = []
    for item, text in table:
        start = time.perf_counter()
        check_answer(item, text, "en")  # type: ignore[arg-type]
        reference.append((time.perf_counter() - start) * 1000)
    baseline = statistics.median(reference)
    times: list[tuple[float, str, str]] = []
    cpu: list[float] = []
    statuses: dict[str, int] = {}
    worker_start = None
    from tutor.answers import sympy_worker

    gc.collect()
    gc.freeze()  # the bench's own 100,000 answers are not the checker's garbage to scan
    for item_id, text in pairs:
        item = get_item(item_id)
        cold = not sympy_worker.is_running()
        start, start_cpu = time.perf_counter(), time.process_time()
        verdict = check_answer(item, text, "en")  # type: ignore[arg-type]
        elapsed = (time.perf_counter() - start) * 1000
        cpu.append((time.process_time() - start_cpu) * 1000)
        if cold and sympy_worker.is_running() and worker_start is None:
            worker_start = (elapsed, item_id, text)
        times.append((elapsed, item_id, text))
        statuses[verdict.status] = statuses.get(verdict.status, 0) + 1
    values = [t for t, _, _ in times]
    p50, p99 = percentile(values, 0.5), percentile(values, 0.99)
    print(f"in process, {len(pairs)} generated answers: p50 {p50:.2f} ms, p99 {p99:.2f} ms,"
          f" worst {max(values):.0f} ms  (budget: p99 ≤ 10 ms, worst ≤ 1000 ms)")
    print(f"  CPU time of this process alone (a shared machine inflates the wall clock):"
          f" p50 {percentile(cpu, 0.5):.2f} ms, p99 {percentile(cpu, 0.99):.2f} ms, worst {max(cpu):.0f} ms")
    print(f"  baseline (median of the {len(table)} table answers): {baseline:.2f} ms;"
          f" p99 / baseline {p99 / baseline:.1f}, worst / baseline {max(values) / baseline:.0f}")
    print(f"  statuses: {dict(sorted(statuses.items()))}")
    if worker_start is not None:
        print(f"  the answer that started the sympy worker (its cold start included): {worker_start[0]:.0f} ms"
              f" ({worker_start[1]}: {worker_start[2][:40]!r})")
    for elapsed, item_id, text in sorted(times, reverse=True)[:5]:
        print(f"  slow: {elapsed:.0f} ms  {item_id}: {text[:60]!r}{'…' if len(text) > 60 else ''}")
    self_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"  peak RSS of this process: {self_rss:.0f} MB (for information: it also holds the bench's own"
          " answers and the batch's output)")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000, help="generated answers (default 100,000)")
    parser.add_argument("--only", choices=("generated", "tables"), help="run one part")
    args = parser.parse_args()
    if args.only != "generated":
        in_process()
        whole_process()
    if args.only != "tables":
        pairs = generated(args.count)
        through_batch(pairs)
        generated_in_process(pairs)
