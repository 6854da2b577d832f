"""Start-up and footprint of the Textual app (prints figures; not a timed test).

    .venv/bin/python bench/startup.py [--runs 7]

- first frame: whole process (interpreter start, imports, content, first paint)
  of ``dltutor``'s home screen, and of ``dltutor open 3`` (budget ≤ 1.5: the
  statement and the footer in that frame), against a minimal Textual app showing
  ``Static("hello")``, both headless at 80×24; median of several interleaved
  runs, and the ratio (budget ≤ 1.3). The child reads the system-wide monotonic
  clock when Textual posts Ready (the first frame is laid out and drawn), so the
  figure runs from the parent's spawn to that moment; the time to the process's
  exit (which adds tear-down and whatever was queued after the first frame) is
  printed beside it;
- switching question inside the app (n/p): key press to the new statement
  painted, median in a Pilot session (budget ≤ 150 ms);
- heavy imports: whether numpy / sympy / plotext are loaded at the first frame;
- idle CPU: CPU seconds the app uses over 3 s of sitting on the home screen;
- peak RSS of a session that opens all 8 questions and checks one answer in each
  (budget ≤ 200 MB).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

MINIMAL = """
import json, time
from textual.app import App
from textual.widgets import Static

class Hello(App):
    def compose(self):
        yield Static("hello")
    def on_ready(self):  # Textual posts Ready once the first frame is laid out and drawn
        self.frame = time.monotonic()
        self.exit()

app = Hello()
app.run(headless=True, size=(80, 24))
print(json.dumps({"frame": app.frame}))
"""

HOME = """
import json, sys, time
from tutor.app.app import TutorApp

class FirstFrame(TutorApp):
    def on_ready(self):
        self.frame = time.monotonic()
        self.first = type(self.screen).__name__
        self.loaded = {m: m in sys.modules for m in ("numpy", "sympy", "plotext")}
        self.exit()

app = FirstFrame("en")
app.run(headless=True, size=(80, 24))
print(json.dumps({"frame": app.frame, "screen": app.first, **app.loaded}))
"""

OPEN = """
import json, sys, time
from tutor.app.app import TutorApp

class FirstFrame(TutorApp):
    def on_ready(self):
        self.frame = time.monotonic()
        screen = self.screen
        self.first = type(screen).__name__
        self.painted = bool(screen.query("#statement")) and bool(screen.query("Footer"))
        self.exit()

app = FirstFrame("en", question=3)
app.run(headless=True, size=(80, 24))
print(json.dumps({"frame": app.frame, "screen": app.first, "statement_and_footer": app.painted}))
"""

SWITCH = """
import asyncio, json, statistics, time
from tutor.app.app import TutorApp
from tutor.app.screens.question import QuestionScreen

#: when each question screen's first frame was out (it fills in its steps right after)
painted = {}
fill = QuestionScreen._fill

def timed_fill(self):
    painted.setdefault(id(self), time.perf_counter())
    fill(self)

QuestionScreen._fill = timed_fill

async def main():
    app = TutorApp("en")
    times, totals = [], []
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_question(1)
        await pilot.pause(0.5)
        for _ in range(2):
            for step in ["n"] * 7 + ["p"] * 7:
                before = app.screen
                start = time.perf_counter()
                await pilot.press(step)
                while app.screen is before or id(app.screen) not in painted:
                    await asyncio.sleep(0.001)
                times.append(painted[id(app.screen)] - start)
                await pilot.pause()
                totals.append(time.perf_counter() - start)
                await pilot.pause(0.2)
    print(json.dumps({"median": statistics.median(times), "max": max(times), "n": len(times),
                      "settled": statistics.median(totals)}))

asyncio.run(main())
"""

IDLE = """
import resource, json
from tutor.app.app import TutorApp

class Idle(TutorApp):
    def on_mount(self):
        super().on_mount()
        self.set_timer(1.0, self.start)

    def start(self):
        self.cpu0 = self.cpu()
        self.set_timer(3.0, self.stop)

    def stop(self):
        self.idle = self.cpu() - self.cpu0
        self.exit()

    @staticmethod
    def cpu():
        usage = resource.getrusage(resource.RUSAGE_SELF)
        return usage.ru_utime + usage.ru_stime

app = Idle("en")
app.run(headless=True, size=(80, 24))
print(json.dumps({"idle_cpu_s": app.idle}))
"""

SESSION = """
import asyncio, json, resource
from tutor.app.app import TutorApp
from tutor.app.widgets.answer_box import AnswerBox

async def main():
    app = TutorApp("en")
    checked = 0
    async with app.run_test(size=(80, 24)) as pilot:
        for q in app.course:
            app.open_question(q.number, tab="quiz")
            await pilot.pause()
            boxes = list(app.screen.query(AnswerBox))
            if boxes:
                boxes[0].input.value = "2x"
                await boxes[0].input.action_submit()
                await pilot.pause()
                await app.workers.wait_for_complete()
                await pilot.pause()
                checked += boxes[0].verdict is not None
            for tab in ("plot", "lab"):
                if app.screen.query(f"#{tab}.tab-pane"):
                    app.screen.action_tab(tab)
                    await pilot.pause()
                    await app.workers.wait_for_complete()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"checked": checked, "peak_rss_mb": peak}))

asyncio.run(main())
"""


def timed(code: str, env: dict[str, str]) -> tuple[float, str]:
    """Seconds from spawning ``code`` to its exit, and its last line of output."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        timeout=300,
    )
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(done.stderr)
    return elapsed, done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument(
        "--first-frame", action="store_true", help="only the first-frame figures (a quick run)"
    )
    args = parser.parse_args()
    env = dict(os.environ, DLTUTOR_HOME=tempfile.mkdtemp(prefix="dltutor-bench-"))
    env["TEXTUAL_ANIMATIONS"] = "none"
    # Bytecode as an installed dltutor has it (pip compiles on install): with
    # PYTHONDONTWRITEBYTECODE set, every run would compile our sources again and
    # not Textual's (installed with its .pyc). The caches go to a temporary dir
    # (the warm-up runs below fill it), not into the worktree.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = tempfile.mkdtemp(prefix="dltutor-bench-pyc-")

    timed(MINIMAL, env)  # warm the file cache for both
    timed(HOME, env)
    timed(OPEN, env)
    frames: dict[str, list[float]] = {"minimal": [], "home": [], "open": []}
    exits: dict[str, list[float]] = {"minimal": [], "home": [], "open": []}
    loaded: dict[str, object] = {}
    opened: dict[str, object] = {}
    for _ in range(args.runs):
        for name, code in (("minimal", MINIMAL), ("home", HOME), ("open", OPEN)):
            spawned = time.monotonic()
            elapsed, line = timed(code, env)
            data = json.loads(line)
            frames[name].append(data.pop("frame") - spawned)
            exits[name].append(elapsed)
            if name == "open":
                opened = data
            else:
                loaded = data
    m, h = statistics.median(frames["minimal"]), statistics.median(frames["home"])
    me, he = statistics.median(exits["minimal"]), statistics.median(exits["home"])
    print(f"first frame, median of {args.runs} runs (to exit in brackets):")
    print(f"  minimal Static('hello') app: {m * 1000:.0f} ms ({me * 1000:.0f} ms)")
    print(f"  dltutor home screen:         {h * 1000:.0f} ms ({he * 1000:.0f} ms)")
    print(f"ratio: {h / m:.2f} (budget ≤ 1.3); to exit: {he / me:.2f}")
    print(f"loaded at the first frame: {json.dumps(loaded)}")
    o = statistics.median(frames["open"])
    print(f"  dltutor open 3 (question screen): {o * 1000:.0f} ms; ratio {o / m:.2f} (budget ≤ 1.5)")
    print(f"  its first frame: {json.dumps(opened)}")
    if args.first_frame:
        return

    _, switch = timed(SWITCH, env)
    data = json.loads(switch)
    print(
        f"switching question (n/p) to the statement painted: median "
        f"{data['median'] * 1000:.0f} ms, max {data['max'] * 1000:.0f} ms over {data['n']} "
        f"(budget: median ≤ 150 ms); everything filled in: {data['settled'] * 1000:.0f} ms"
    )

    _, idle = timed(IDLE, env)
    print(f"idle CPU over 3 s on the home screen: {json.loads(idle)['idle_cpu_s'] * 1000:.0f} ms")

    _, session = timed(SESSION, env)
    data = json.loads(session)
    print(
        f"peak RSS, all 8 questions opened (plot and lab tabs too), "
        f"{data['checked']} answers checked: {data['peak_rss_mb']:.0f} MB (budget ≤ 200)"
    )


if __name__ == "__main__":
    main()
