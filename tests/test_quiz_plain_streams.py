"""``quiz --plain`` as a process: what it echoes, and how signals end it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


def dltutor(*args: str, stdin: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DLTUTOR_HOME": str(home), "NO_COLOR": "1"}
    return subprocess.run([sys.executable, "-m", "tutor", *args], input=stdin, capture_output=True,
                          text=True, env=env, timeout=120, check=False)


@pytest.mark.parametrize("answer", ["\x1b]0;pwned\x07 2C \x1b[31mred", "2C\x1b[2J", "\x9b31m 2C",
                                    "2\u202eC"])
def test_echoed_answers_show_control_characters_as_escapes(tmp_path: Path, answer: str) -> None:
    result = dltutor("quiz", "--plain", "--only", "7", "--lang", "en", stdin=answer + "\nq\n",
                     home=tmp_path)
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert "\x9b" not in result.stdout and "\u202e" not in result.stdout
    assert "U+" in result.stdout


def test_the_caret_points_under_the_escaped_character(tmp_path: Path) -> None:
    result = dltutor("quiz", "--plain", "--only", "7", "--lang", "en", stdin="2C\x1b\nq\n",
                     home=tmp_path)
    lines = result.stdout.splitlines()
    shown = next(k for k, line in enumerate(lines) if line == "  2CU+001B")
    assert lines[shown + 1] == "    ^"


def test_ctrl_c_at_the_prompt_ends_with_the_summary_and_exit_130(tmp_path: Path) -> None:
    import signal

    env = {**os.environ, "DLTUTOR_HOME": str(tmp_path), "NO_COLOR": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "tutor", "quiz", "--plain", "--only", "7",
                             "--lang", "en"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env)
    try:
        assert proc.stdout is not None and proc.stdin is not None
        for line in proc.stdout:  # wait for the prompt's key line: the quiz now reads stdin
            if "type an answer" in line:
                break
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 130, err
    assert "Summary" in out and "Traceback" not in err
