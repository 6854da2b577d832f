"""The costs of practice, review and stats, printed beside baselines measured in the same run.

Budget (issue 11): ``dltutor stats`` over 100,000 attempts ≤ 1 s. Measured
in-process (collecting the stats from a cold store, and rendering the text
with its two plots) and end to end (``dltutor stats`` and ``stats --json`` as
subprocesses), against ``dltutor list`` (the cost of starting dltutor at all)
and a full scan of the history. Also: closing a variant (its history row, the
FSRS card and the review log in one transaction) against a bare append.
Run ``python bench/practice.py [DIR]``.
"""

from __future__ import annotations

import os
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

from tutor.practice import load_families
from tutor.practice.review import ReviewSchedule, reschedule
from tutor.practice.stats import collect
from tutor.progress import ProgressStore

HISTORY = 100_000
RUNS = 5
APPENDS = 200


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def timed(call: Callable[[], object]) -> float:
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


def fill(store: ProgressStore, rows: int, families: list[str]) -> None:
    """``rows`` practice and review answers over a year, a fifth with a named mistake, and a card
    per family (reviewed as FSRS says)."""
    rng = random.Random(5)
    start = datetime(2025, 1, 1, tzinfo=timezone.utc)
    store.set_lang("en")
    for family in families:
        at = start
        for rating in (3, 3, 1, 3):
            at += timedelta(days=rng.randrange(1, 30))

            def schedule(old, family=family, rating=rating, at=at):  # type: ignore[no-untyped-def]
                return reschedule(old, family, rating, at, "practice"), rating

            store.append_review("practice", family_id=family, seed=1, status="correct", at=at,
                                schedule=schedule)
    conn = sqlite3.connect(store.path, isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    batch = []
    for i in range(rows):
        at = (start + timedelta(seconds=i * 300)).isoformat(timespec="milliseconds")
        status = rng.choice(("correct", "correct", "incorrect", "given-up", "invalid"))
        mistake = f"m{rng.randrange(12)}" if status == "incorrect" and rng.random() < 0.8 else None
        batch.append((at, rng.choice(("practice", "review")), rng.choice(families),
                      rng.randrange(10**6), "x", status, mistake, rng.randrange(3), 30.0))
    conn.executemany(
        "INSERT INTO attempts (at, kind, family_id, seed, answer, status, mistake, hints_used, seconds)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        batch,
    )
    conn.execute("COMMIT")
    conn.close()


def cli(home: Path, *args: str) -> float:
    env = dict(os.environ, DLTUTOR_HOME=str(home))
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "tutor", *args], env=env, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> int:
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp(prefix="dltutor-bench-"))
    root.mkdir(parents=True, exist_ok=True)
    print(f"in {root}")
    families = load_families()
    ids = [f.id for f in families]

    # -- closing a variant: history row + card + review log --------------------------------------
    store = ProgressStore(root / "append")
    store.set_lang("en")
    now = datetime.now(timezone.utc)
    bare, closing = [], []
    for i in range(APPENDS):
        bare.append(timed(lambda i=i: store.append_attempt(
            "practice", family_id="6.gain", seed=i, status="correct")))

        def schedule(old, i=i):  # type: ignore[no-untyped-def]
            return reschedule(old, "8.dropout", 3, now + timedelta(days=i), "practice"), 3

        closing.append(timed(lambda i=i, schedule=schedule: store.append_review(
            "review", family_id="8.dropout", seed=i, status="correct", at=now + timedelta(days=i),
            schedule=schedule)))
    store.close()
    print(f"baseline  append_attempt                       median {median_ms(bare):.2f} ms")
    print(f"review    append_review with the FSRS card     median {median_ms(closing):.2f} ms  "
          f"ratio {median_ms(closing) / median_ms(bare):.2f}")

    # -- stats over 100,000 attempts ----------------------------------------------------------------
    home = root / "stats"
    fill(ProgressStore(home), HISTORY, ids)

    def scan() -> object:
        conn = sqlite3.connect(home / "progress.db")
        try:
            return conn.execute("SELECT count(*), sum(length(answer)) FROM attempts").fetchone()
        finally:
            conn.close()

    scans = [timed(scan) for _ in range(RUNS)]
    print(f"baseline  full scan of {HISTORY:,} rows             median {median_ms(scans):.1f} ms")
    from tutor.cli.stats_cmd import render

    collects, renders = [], []
    for _ in range(RUNS):
        fresh = ProgressStore(home)
        start = time.perf_counter()
        stats = collect(families, ReviewSchedule(fresh))
        collects.append(time.perf_counter() - start)
        renders.append(timed(lambda stats=stats: render(stats, "en", width=80, color=False)))
        fresh.close()
    print(f"stats     collect (cold store)                 median {median_ms(collects):.1f} ms  "
          f"ratio to full scan {median_ms(collects) / median_ms(scans):.1f}")
    print(f"stats     render text with two plots           median {median_ms(renders):.1f} ms")
    start_up = [cli(home, "list") for _ in range(RUNS)]
    text = [cli(home, "stats") for _ in range(RUNS)]
    data = [cli(home, "stats", "--json") for _ in range(RUNS)]
    print(f"baseline  dltutor list (start-up)              median {median_ms(start_up):.0f} ms")
    print(f"cli       dltutor stats                        median {median_ms(text):.0f} ms  "
          f"ratio to list {median_ms(text) / median_ms(start_up):.1f}")
    print(f"cli       dltutor stats --json                 median {median_ms(data):.0f} ms  "
          f"ratio to list {median_ms(data) / median_ms(start_up):.1f}")
    print("budget: stats over 100,000 attempts <= 1000 ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
