"""One app's first frame in a child process: the shared measuring stick of the paint benches.

Each bench runs a small program in a fresh interpreter (imports, content, first paint all
counted) that prints one JSON line holding ``frame``, the child's ``time.monotonic()`` when
Textual posted Ready. The parent measures from its spawn to that moment (CLOCK_MONOTONIC
is shared by the processes of one machine), so benches compare like with like.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

#: the baseline of every paint bench: dltutor's home screen, headless at 80×24
HOME = """
import json, time
from tutor.app.app import TutorApp

class FirstFrame(TutorApp):
    def on_ready(self):
        self.frame = time.monotonic()
        self.first = type(self.screen).__name__
        self.exit()

app = FirstFrame("en")
app.run(headless=True, size=(80, 24))
print(json.dumps({"frame": app.frame, "screen": app.first}))
"""


def run(code: str, env: dict[str, str]) -> tuple[float, dict[str, object]]:
    """Seconds from spawning ``code`` to its first frame, and what else its JSON line said."""
    spawned = time.monotonic()
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                          cwd=REPO, timeout=300)
    if done.returncode != 0:
        raise SystemExit(done.stderr)
    data = json.loads(done.stdout.strip().splitlines()[-1])
    return float(data.pop("frame")) - spawned, data  # type: ignore[arg-type]
