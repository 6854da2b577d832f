"""``dltutor review`` to its first variant painted, against the home screen's first frame.

    .venv/bin/python bench/review_paint.py [--runs 9]

Budget (issue 11): ≤ 1.5× the home screen's first frame, both measured here,
in the same way and the same run: the whole process (interpreter start,
imports, content, first paint) headless at 80×24, from the parent's spawn to
the moment Textual posts Ready in the child (its first frame is laid out and
drawn). The review run has cards due, so its first frame must hold the first
variant: the child checks that the screen is the review, that the variant's
statement is in the answer box, and that the answer input has the focus.
Interleaved runs, medians. Set PYTHONDONTWRITEBYTECODE= (empty) for figures
like an installed dltutor's: the content's variants.py files are then read
from bytecode, as pip installs them.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile

from first_frame import HOME, REPO, run  # bench/ is the script's own folder

REVIEW = """
import json, time
from tutor.app.app import TutorApp
from tutor.app.widgets.prose import Prose

class FirstFrame(TutorApp):
    def on_ready(self):
        self.frame = time.monotonic()
        screen = self.screen
        self.first = type(screen).__name__
        box = screen.box
        prompt = box.query_one(".item-prompt", Prose) if box is not None else None
        self.painted = bool(prompt is not None and prompt.source.strip() and box.input.has_focus)
        self.exit()

app = FirstFrame("en", "review")
app.run(headless=True, size=(80, 24))
print(json.dumps({"frame": app.frame, "screen": app.first, "painted": app.painted}))
"""

PREPARE = """
from datetime import datetime, timedelta, timezone
from tutor.practice.review import reschedule
from tutor.progress import ProgressStore

store = ProgressStore()
at = datetime.now(timezone.utc) - timedelta(days=3)
for family in ("6.gain", "8.dropout", "3.component"):
    store.append_review("practice", family_id=family, seed=1, status="incorrect", at=at,
                        schedule=lambda old, f=family: (reschedule(old, f, 1, at, "practice"), 1))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    env = dict(os.environ, DLTUTOR_HOME=tempfile.mkdtemp(prefix="dltutor-bench-"),
               TEXTUAL_ANIMATIONS="none")
    subprocess.run([sys.executable, "-c", PREPARE], env=env, cwd=REPO, check=True)
    run(HOME, env)  # warm the file cache for both
    run(REVIEW, env)
    home, review = [], []
    shown: dict[str, object] = {}
    for _ in range(args.runs):
        home.append(run(HOME, env)[0])
        elapsed, shown = run(REVIEW, env)
        review.append(elapsed)
    h, r = statistics.median(home), statistics.median(review)
    print(f"first frame, median of {args.runs} interleaved runs, headless 80×24:")
    print(f"  baseline  dltutor (home screen)           {h * 1000:.0f} ms")
    print(f"  review    dltutor review (first variant)  {r * 1000:.0f} ms  ratio {r / h:.2f} (budget ≤ 1.5)")
    print(f"  its first frame: {json.dumps(shown)}")


if __name__ == "__main__":
    main()
