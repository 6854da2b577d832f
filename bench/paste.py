"""Pasting a long text into an answer box: how long the next key waits (prints figures; not a test).

    .venv/bin/python bench/paste.py [--runs 5]

Issue 8's budget: after pasting 1 MB, the next key is handled within 200 ms. A
Pilot session on question 1's answer tab pastes 40 KB or 1 MB, waits until the
live echo has had time to start (its debounce plus a little), presses a key and
times until the key is in the input. The baseline is the same key in a box with
a short answer, measured in the same run; medians of several runs.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import tempfile
import time

SIZES = {"short answer": 3, "40 KB": 40_000, "1 MB": 1_000_000}


async def next_key_after_paste(length: int) -> float:
    """Seconds from pressing a key to the key being in the input, after pasting ``length`` chars."""
    from textual import events

    from tutor.app.app import TutorApp
    from tutor.app.widgets.answer_box import ECHO_DELAY, AnswerBox

    app = TutorApp("en")
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_question(1, tab="quiz")
        await pilot.pause()
        box = app.screen.query(AnswerBox).first()
        box.input.focus()
        await pilot.pause()
        app.post_message(events.Paste("x" * length))
        await pilot.pause()
        await asyncio.sleep(ECHO_DELAY + 0.1)  # the echo of the paste is under way
        before = box.input.value
        start = time.perf_counter()
        await pilot.press("y")
        while box.input.value == before:
            await asyncio.sleep(0.001)
        return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    os.environ.setdefault("DLTUTOR_HOME", tempfile.mkdtemp(prefix="dltutor-bench-"))
    os.environ["TEXTUAL_ANIMATIONS"] = "none"
    asyncio.run(next_key_after_paste(3))  # warm the imports
    times: dict[str, list[float]] = {name: [] for name in SIZES}
    for _ in range(args.runs):
        for name, length in SIZES.items():
            times[name].append(asyncio.run(next_key_after_paste(length)))
    base = statistics.median(times["short answer"])
    print(f"next key after a paste, median of {args.runs} runs:")
    for name, values in times.items():
        median = statistics.median(values)
        print(f"  {name:>12}: {median * 1000:6.0f} ms  ({median / base:.1f}× the short answer)")
    print("budget: 1 MB ≤ 200 ms")


if __name__ == "__main__":
    main()
