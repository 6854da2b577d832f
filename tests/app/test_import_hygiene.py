"""Headless modules never import Textual; the app's first frame comes before numpy and sympy."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
#: verbs that open the app (or may): allowed to import Textual when run.
APP_VERBS = {"app_cmd", "open_cmd", "quiz_cmd"}


def engine_modules() -> list[str]:
    names = [
        "tutor.content",
        "tutor.answers",
        "tutor.quiz",
        "tutor.progress",
        "tutor.labs",
        "tutor.plots",
    ]
    for path in sorted((REPO / "tutor" / "content").glob("*.py")):
        names.append(f"tutor.content.{path.stem}")
    for package in ("answers", "quiz", "labs"):
        for path in sorted((REPO / "tutor" / package).glob("*.py")):
            if path.stem != "__init__":
                names.append(f"tutor.{package}.{path.stem}")
    for path in sorted((REPO / "tutor" / "cli").glob("*.py")):
        if path.stem not in APP_VERBS and path.stem != "__init__":
            names.append(f"tutor.cli.{path.stem}")
    return [n for n in names if not n.endswith("__init__")]


def run_python(code: str) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_engine_modules_never_import_textual_or_rich() -> None:
    modules = engine_modules()
    assert "tutor.quiz.session" in modules and "tutor.cli.list_cmd" in modules
    code = f"""
import importlib, json, sys
loaded = {{}}
for name in {modules!r}:
    importlib.import_module(name)
    loaded[name] = sorted(m for m in ("textual", "textual_plotext") if m in sys.modules)
print(json.dumps(loaded))
"""
    loaded = run_python(code)
    offenders = {name: mods for name, mods in loaded.items() if mods}
    assert offenders == {}


def test_numpy_and_sympy_not_loaded_before_the_first_frame(tmp_path: Path) -> None:
    """A real app (real content, items and checker) painted headless; then a check loads them."""
    code = f"""
import asyncio, json, os, sys
os.environ["DLTUTOR_HOME"] = {str(tmp_path)!r}
from tutor.app.app import TutorApp

async def main():
    app = TutorApp("en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        before = {{m: m in sys.modules for m in ("numpy", "sympy", "plotext")}}
        home = type(app.screen).__name__
    print(json.dumps({{"home": home, "before": before}}))

asyncio.run(main())
"""
    result = run_python(code)
    assert result["home"] == "HomeScreen"
    assert result["before"] == {"numpy": False, "sympy": False, "plotext": False}


def test_app_verb_refuses_a_pipe() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "tutor", "--lang", "en"],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=60,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert "\x1b" not in done.stderr
    message = done.stderr.strip()
    assert len(message.splitlines()) == 1
    for verb in ("list", "show", "quiz --plain"):
        assert f"dltutor {verb}" in message


def test_open_verb_checks_the_number_then_refuses_a_pipe() -> None:
    bad = subprocess.run(
        [sys.executable, "-m", "tutor", "open", "99", "--lang", "en"],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=60,
    )
    assert bad.returncode == 2 and "no question 99" in bad.stderr
    good = subprocess.run(
        [sys.executable, "-m", "tutor", "open", "2", "--lang", "en"],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=60,
    )
    assert good.returncode == 2 and "quiz --plain" in good.stderr
