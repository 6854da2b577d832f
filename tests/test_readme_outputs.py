"""The README's "What it prints" is what dltutor prints: every command there is run and compared.

Each ``$ dltutor …`` line of that section's code block is run (a trailing
``| tail -N`` or ``| head -N`` is applied here), and the lines below it must be
its output; a lone ``…`` line ends an excerpt (only the lines before it are
compared). After a deliberate change of output, regenerate the section with

    DLTUTOR_UPDATE_README=1 .venv/bin/pytest tests/test_readme_outputs.py
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

README = Path(__file__).resolve().parent.parent / "README.md"
SECTION = "## What it prints"
ELLIPSIS = " …"


@dataclass
class Example:
    command: str
    shown: list[str]

    @property
    def excerpt(self) -> bool:
        return bool(self.shown) and self.shown[-1] == ELLIPSIS


def _block(text: str) -> tuple[int, int]:
    """Start and end offsets of the code block under the section heading."""
    start = text.index(SECTION)
    open_ = text.index("```text\n", start) + len("```text\n")
    return open_, text.index("```", open_)


def examples(text: str) -> list[Example]:
    start, end = _block(text)
    found: list[Example] = []
    for line in text[start:end].rstrip("\n").split("\n"):
        if line.startswith("$ "):
            found.append(Example(line[2:], []))
        elif found:
            found[-1].shown.append(line)
    for example in found:  # the blank line between two examples is not output
        while example.shown and example.shown[-1] == "":
            example.shown.pop()
    return found


def run(command: str) -> list[str]:
    """The output of a README command, as a user piping it to a file sees it."""
    pipe = None
    if "|" in command:
        command, pipe = (part.strip() for part in command.split("|", 1))
    argv = shlex.split(command)
    assert argv[0] == "dltutor"
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "80", "LINES": "24"}
    result = subprocess.run([sys.executable, "-m", "tutor", *argv[1:]], capture_output=True, text=True,
                            env=env, timeout=120)
    assert result.returncode in (0, 1), result.stderr
    lines = result.stdout.rstrip("\n").split("\n")
    if pipe:
        m = re.fullmatch(r"(tail|head) -(\d+)", pipe)
        assert m, f"unsupported pipe {pipe!r}"
        n = int(m.group(2))
        lines = lines[-n:] if m.group(1) == "tail" else lines[:n]
    return [line.rstrip() for line in lines]


def render(example: Example, output: list[str]) -> list[str]:
    if example.excerpt:
        kept = len(example.shown) - 1
        return [*output[:kept], ELLIPSIS]
    return output


def test_the_readme_shows_commands() -> None:
    found = examples(README.read_text(encoding="utf-8"))
    assert len(found) >= 4
    assert any("plot tanh" in e.command for e in found)


def test_what_it_prints_is_what_dltutor_prints() -> None:
    text = README.read_text(encoding="utf-8")
    found = examples(text)
    actual = [render(e, run(e.command)) for e in found]
    if os.environ.get("DLTUTOR_UPDATE_README"):
        start, end = _block(text)
        body = "\n\n".join("\n".join([f"$ {e.command}", *out]) for e, out in zip(found, actual, strict=True))
        README.write_text(text[:start] + body + "\n" + text[end:], encoding="utf-8")
        pytest.skip("README regenerated")
    for example, output in zip(found, actual, strict=True):
        assert example.shown == output, f"$ {example.command}"


def test_the_class_grading_example_is_what_check_csv_prints(tmp_path: Path) -> None:
    """The README's `check --csv` example (a class's answers) is run on its own input and compared:
    its messages changed when feedback stopped stating answers, and a hand-kept copy drifted."""
    text = README.read_text(encoding="utf-8")
    head, command = "$ cat answers.csv\n", "$ dltutor check --csv --lang en < answers.csv\n"
    start = text.index(head) + len(head)
    middle = text.index(command, start)
    end = text.index("$ echo $?\n", middle)
    answers, shown = text[start:middle], text[middle + len(command):end]
    env = {**os.environ, "NO_COLOR": "1", "DLTUTOR_HOME": str(tmp_path)}
    result = subprocess.run([sys.executable, "-m", "tutor", "check", "--csv", "--lang", "en"], input=answers,
                            capture_output=True, text=True, env=env, timeout=120)
    assert result.stdout + result.stderr == shown
    assert text[end:].startswith(f"$ echo $?\n{result.returncode}\n")
