"""``show`` and ``export`` on a real terminal (a pty): a pager for long text, a sane width."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

import pytest
from terminal import run_on_pty

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a pty")


def recording_pager(tmp_path: Path) -> tuple[str, Path]:
    """A $PAGER that stores what it is given, so the test sees whether a pager ran."""
    target = tmp_path / "paged.txt"
    code = f"import sys; open({str(target)!r}, 'wb').write(sys.stdin.buffer.read())"
    return f"{shlex.quote(sys.executable)} -c {shlex.quote(code)}", target


@pytest.mark.parametrize("args", [["show", "3", "--solution"], ["export"]])
def test_long_output_goes_through_the_pager(tmp_path: Path, args: list[str]) -> None:
    pager, paged = recording_pager(tmp_path)
    out = run_on_pty([*args, "--lang", "en"], [], columns=80, rows=24, home=tmp_path,
                     env={"PAGER": pager})
    text = paged.read_text(encoding="utf-8")
    assert "Loss functions" in text and text.count("\n") > 24
    assert "Loss functions" not in out  # nothing but the pager reached the terminal


@pytest.mark.parametrize("args", [["show", "3", "--solution", "--no-pager"], ["show", "1"]])
def test_no_pager_when_asked_or_when_the_text_fits(tmp_path: Path, args: list[str]) -> None:
    pager, paged = recording_pager(tmp_path)
    out = run_on_pty([*args, "--lang", "en"], [], columns=80, rows=60 if "1" in args else 24,
                     home=tmp_path, env={"PAGER": pager})
    assert not paged.exists()
    assert ("Loss functions" if "3" in args else "Derivatives") in out


def test_a_pager_that_is_not_there_falls_back_to_printing(tmp_path: Path) -> None:
    out = run_on_pty(["show", "3", "--solution", "--lang", "en"], [], columns=80, home=tmp_path,
                     env={"PAGER": "no-such-pager-anywhere"})
    assert "Loss functions" in out and "Traceback" not in out


@pytest.mark.parametrize("columns", ["0", "1", "3", "12"])
def test_a_zero_or_tiny_columns_never_prints_nothing(tmp_path: Path, columns: str) -> None:
    out = run_on_pty(["show", "1", "--no-pager", "--lang", "en"], [], columns=80, home=tmp_path,
                     env={"COLUMNS": columns})
    assert "Derivatives" in out and "xᵀx" in out.replace("\n", "")
