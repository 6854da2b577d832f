"""COLUMNS and LINES are hints: every verb lays out for a size clamped in one place."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tutor.cli.output import MAX_ROWS, MAX_WIDTH, MIN_ROWS, MIN_WIDTH, terminal_size


def run_cli(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tutor", *args], capture_output=True, text=True,
                          env={**os.environ, **env}, timeout=60, check=False)


@pytest.mark.parametrize(
    ("columns", "lines", "expected"),
    [
        ("100000", "100000", (MAX_WIDTH, MAX_ROWS)),
        ("99999999999999999999", "99999999999999999999", (MAX_WIDTH, MAX_ROWS)),
        ("3", "2", (MIN_WIDTH, MIN_ROWS)),
        ("120", "40", (120, 40)),
    ],
)
def test_terminal_size_is_clamped(monkeypatch: pytest.MonkeyPatch, columns: str, lines: str,
                                  expected: tuple[int, int]) -> None:
    monkeypatch.setenv("COLUMNS", columns)
    monkeypatch.setenv("LINES", lines)
    assert terminal_size() == expected


@pytest.mark.parametrize("args", [["plot", "tanh"], ["lab", "tanh"], ["lab", "softmax"]])
@pytest.mark.parametrize("size", ["100000", "9999999999", "99999999999999999999"])
def test_huge_columns_and_lines_draw_a_bounded_figure(args: list[str], size: str) -> None:
    result = run_cli(*args, "--lang", "en", COLUMNS=size, LINES=size, NO_COLOR="1")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert max(map(len, lines)) <= MAX_WIDTH
    assert len(lines) < 4 * MAX_ROWS
