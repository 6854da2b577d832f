"""The app's stats screen over a large history, against the home screen's first frame on the same data.

    .venv/bin/python bench/stats_screen.py [--runs 5] [--rows 100000]

Both are whole processes (interpreter start, imports, content, first paint),
headless at 80×24, timed from the parent's spawn to Textual's Ready in the
child, over the same database of ``--rows`` practice and review answers (built
as ``bench/practice.py`` builds it). The stats screen collects its numbers and
draws both plots before its first frame, so its cost over the home screen is
the cost of the stats over that history; the child checks that the screen
shows them. Interleaved runs, medians, a ratio against the home screen.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import statistics
import tempfile
from pathlib import Path

from first_frame import HOME, REPO, run  # bench/ is the script's own folder

STATS = """
import json, time
from textual.widgets import Static
from tutor.app.app import TutorApp

class FirstFrame(TutorApp):
    def on_ready(self):
        self.frame = time.monotonic()
        screen = self.screen
        self.first = type(screen).__name__
        ideas = str(screen.query_one("#stats-ideas", Static).render())
        self.painted = screen.stats is not None and "%" in ideas
        self.exit()

app = FirstFrame("en", "stats")
app.run(headless=True, size=(80, 24))
print(json.dumps({"frame": app.frame, "screen": app.first, "painted": app.painted}))
"""


def fill(home: Path, rows: int) -> None:
    """The history ``bench/practice.py`` measures, in ``home``."""
    spec = importlib.util.spec_from_file_location("bench_practice", REPO / "bench" / "practice.py")
    assert spec is not None and spec.loader is not None
    practice = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(practice)
    from tutor.practice import load_families
    from tutor.progress import ProgressStore

    store = ProgressStore(home)
    practice.fill(store, rows, [f.id for f in load_families()])
    store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="dltutor-bench-"))
    fill(home, args.rows)
    env = dict(os.environ, DLTUTOR_HOME=str(home), TEXTUAL_ANIMATIONS="none")
    run(HOME, env)  # warm the file cache for both
    run(STATS, env)
    base, stats = [], []
    shown: dict[str, object] = {}
    for _ in range(args.runs):
        base.append(run(HOME, env)[0])
        elapsed, shown = run(STATS, env)
        stats.append(elapsed)
    h, s = statistics.median(base), statistics.median(stats)
    print(f"first frame over {args.rows:,} attempts, median of {args.runs} interleaved runs, headless 80×24:")
    print(f"  baseline  home screen                     {h * 1000:.0f} ms")
    print(f"  stats     stats screen (numbers, plots)   {s * 1000:.0f} ms  ratio {s / h:.2f}, "
          f"the stats' own cost {(s - h) * 1000:.0f} ms (budget: stats ≤ 1000 ms)")
    print(f"  its first frame: {json.dumps(shown)}")


if __name__ == "__main__":
    main()
