"""The progress store's costs: appending an attempt, and the stats queries over 100,000 attempts.

Budgets (issue 11): appending an attempt ≤ 5 ms median; ``stats`` over 100,000
attempts ≤ 1 s. Printed beside baselines measured in the same run, in the
same directory (the same disk): an empty sqlite commit with the store's own
settings (WAL, synchronous=FULL), and one write of the old JSON store (temp
file, fsync, rename, fsync of the directory) for a progress file of the same
homework. Run ``python bench/store.py [DIR]``; DIR defaults to a temporary
directory (put it on the disk you care about).
"""

from __future__ import annotations

import json
import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

from tutor.progress import ProgressStore

APPENDS = 400
HISTORY = 100_000
QUERY_RUNS = 5


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def timed(call: Callable[[], object]) -> float:
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


def empty_commits(folder: Path, runs: int) -> list[float]:
    """BEGIN IMMEDIATE; one tiny insert; COMMIT — with the store's settings."""
    conn = sqlite3.connect(folder / "baseline.db", isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("CREATE TABLE t (x INTEGER)")
    samples = []
    for i in range(runs):
        start = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO t VALUES (?)", (i,))
        conn.execute("COMMIT")
        samples.append(time.perf_counter() - start)
    conn.close()
    return samples


def json_writes(folder: Path, runs: int) -> list[float]:
    """What the JSON store did per answer: a whole file, fsynced, renamed over the old one."""
    document = {
        "schema": 2,
        "items": {
            f"{q}.{p}": {"status": "solved", "attempts": 2, "hints_used": 1, "score": 0.5,
                         "last_answer": "softmax(z) - p", "updated_at": "2025-03-01T09:30:00+00:00"}
            for q in range(1, 9) for p in range(2)
        },
    }
    target = folder / "progress.json"
    samples = []
    for i in range(runs):
        document["n"] = i
        data = json.dumps(document, indent=1).encode()
        start = time.perf_counter()
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".progress-", suffix=".tmp")
        os.write(fd, data)
        os.fsync(fd)
        os.close(fd)
        os.replace(tmp, target)
        dir_fd = os.open(folder, os.O_RDONLY)
        os.fsync(dir_fd)
        os.close(dir_fd)
        samples.append(time.perf_counter() - start)
    return samples


def fill_history(store: ProgressStore, rows: int) -> None:
    """``rows`` attempts like a year of practice: 40 families, 16 items, a fifth with mistakes."""
    rng = random.Random(11)
    start = datetime(2025, 1, 1, tzinfo=timezone.utc)
    families = [f"{q}.family{f}" for q in range(1, 9) for f in range(5)]
    items = [f"{q}.{p}" for q in range(1, 9) for p in range(2)]
    mistakes = [f"m{n}" for n in range(60)]
    store.set_lang("en")
    conn = sqlite3.connect(store.path, isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    batch = []
    for i in range(rows):
        at = (start + timedelta(seconds=i * 300)).isoformat(timespec="milliseconds")
        status = rng.choice(("correct", "correct", "incorrect", "given-up", "hint"))
        mistake = rng.choice(mistakes) if status == "incorrect" and rng.random() < 0.8 else None
        if rng.random() < 0.2:
            batch.append((at, "homework", rng.choice(items), None, None, "x", status, mistake, 1))
        else:
            batch.append((at, "practice", None, rng.choice(families), rng.randrange(2**31),
                          "x", status, mistake, None))
    conn.executemany(
        "INSERT INTO attempts (at, kind, item_id, family_id, seed, answer, status, mistake,"
        " homework) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        batch,
    )
    conn.execute("COMMIT")
    conn.close()


def main() -> int:
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp(prefix="dltutor-bench-"))
    root.mkdir(parents=True, exist_ok=True)
    print(f"in {root}")

    # -- appending -------------------------------------------------------------------------
    store = ProgressStore(root / "append")
    store.set_lang("en")  # created and open, as in a running app
    appends, answers = [], []
    for i in range(APPENDS):
        appends.append(timed(lambda i=i: store.append_attempt(
            "practice", family_id="6.gain", seed=i, answer="5/3", status="correct")))
        answers.append(timed(lambda i=i: store.record_answer(
            f"{i % 16}", "softmax(z) - p", judged=True, correct=i % 3 == 0, score=1)))
    store.close()
    commit = empty_commits(root, APPENDS)
    old = json_writes(root, APPENDS)
    base = median_ms(commit)
    print(f"baseline  empty sqlite commit (WAL, FULL)   median {base:.3f} ms")
    print(f"baseline  old JSON store write (fsynced)    median {median_ms(old):.3f} ms")
    for name, samples in (("append_attempt", appends), ("record_answer", answers)):
        print(f"store     {name:<32} median {median_ms(samples):.3f} ms  "
              f"p90 {sorted(samples)[int(len(samples) * 0.9)] * 1000:.3f} ms  "
              f"ratio to empty commit {median_ms(samples) / base:.1f}")
    print("budget: append_attempt median <= 5 ms")

    # -- stats over 100,000 attempts ---------------------------------------------------------
    big = ProgressStore(root / "stats")
    fill_history(big, HISTORY)
    big.close()
    queries: dict[str, Callable[[ProgressStore], object]] = {
        "attempt_counts (per day)": lambda s: s.attempt_counts(),
        "common_mistakes": lambda s: s.common_mistakes(),
        "attempts of one family": lambda s: s.attempts(family_id="6.family2"),
    }

    def full_scan() -> object:
        conn = sqlite3.connect(big.path)
        try:
            return conn.execute("SELECT count(*), sum(length(answer)) FROM attempts").fetchone()
        finally:
            conn.close()

    scan = [timed(full_scan) for _ in range(QUERY_RUNS)]
    print(f"baseline  full scan of {HISTORY:,} rows (fresh connection)  median {median_ms(scan):.1f} ms")
    total = []
    for _ in range(QUERY_RUNS):
        fresh = ProgressStore(root / "stats")  # a cold `dltutor stats`: open, then every query
        total.append(timed(lambda fresh=fresh: [query(fresh) for query in queries.values()]))
        fresh.close()
    for name, query in queries.items():
        samples = []
        for _ in range(QUERY_RUNS):
            fresh = ProgressStore(root / "stats")
            samples.append(timed(lambda fresh=fresh, query=query: query(fresh)))
            fresh.close()
        print(f"store     {name:<36} median {median_ms(samples):.1f} ms")
    print(f"store     all stats queries, cold open          median {median_ms(total):.1f} ms  "
          f"ratio to full scan {median_ms(total) / median_ms(scan):.1f}")
    print("budget: stats over 100,000 attempts <= 1000 ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
