"""``dltutor check``: exit codes, human and JSON output, batch mode."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest

from tutor.cli import main
from tutor.cli.check_cmd import run_batch

KEYS = {"item", "verdict", "interpreted", "message", "convention", "mistake"}


def test_subprocess_exit_codes() -> None:
    def run(*argv: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "tutor", "check", *argv, "--lang", "en"],
                              capture_output=True, text=True, timeout=60)

    ok = run("1b", "2x")
    assert ok.returncode == 0
    assert ok.stdout.splitlines() == ["interpreted as: 2·x", "correct: Correct."]
    assert run("1b", "x").returncode == 1
    bad = run("1b", "2x)")
    assert bad.returncode == 3 and "unbalanced ')' (column 3)" in bad.stdout
    unknown = run("9z", "2x")
    assert unknown.returncode == 2 and "no quiz item '9z'" in unknown.stderr


@pytest.mark.parametrize(
    ("argv", "code", "verdict", "mistake", "convention"),
    [
        (["1b", "2xᵀ"], 0, "correct", None, "jacobian-row"),
        (["3.1", "--", "-p/ŷ"], 1, "incorrect", "dce-dyhat", None),
        (["4.params", "33"], 1, "incorrect", "weights-only", None),
        (["6.relu", "sqrt(2)"], 0, "correct", None, None),
        (["8.4", "2"], 0, "correct", None, None),
        (["8.1", "z"], 3, "invalid", None, None),
        (["2", "__import__('os')"], 3, "invalid", None, None),
    ],
)
def test_json(capsys: pytest.CaptureFixture[str], argv: list[str], code: int, verdict: str,
              mistake: str | None, convention: str | None) -> None:
    assert main(["check", "--json", "--lang", "en", *argv]) == code
    data = json.loads(capsys.readouterr().out)
    assert set(data) >= KEYS
    assert data["verdict"] == verdict
    assert data["mistake"] == mistake and data["convention"] == convention
    assert data["item"] == argv[0] and isinstance(data["message"], str) and data["message"]


def test_usage_errors(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--lang", "en"]) == 2
    assert "give an item id and an answer" in capsys.readouterr().err
    assert main(["check", "1b", "2x", "--batch"]) == 2


def test_russian(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "1b", "2x", "--lang", "ru"]) == 0
    assert capsys.readouterr().out.splitlines() == ["понято как: 2·x", "верно: Верно."]


def test_batch_keeps_order_and_survives_bad_lines() -> None:
    lines = [
        {"item": "2", "answer": "sech(z)^2"},
        "not json",
        {"item": "zz", "answer": "1"},
        {"item": "6.relu", "answer": "2"},
        {"answer": "2"},
        {"item": "1a", "answer": "(" * 50_000},
    ]
    source = io.StringIO("".join((json.dumps(x) if isinstance(x, dict) else x) + "\n" for x in lines))
    sink = io.StringIO()
    assert run_batch(source, sink, "en") == 4  # malformed lines (4) outrank the rest
    out = [json.loads(line) for line in sink.getvalue().splitlines()]
    assert len(out) == len(lines)
    assert [o["verdict"] for o in out] == ["correct", "error", "error", "incorrect", "error", "invalid"]
    assert out[3]["mistake"] == "forgot-root"
    assert [o["line"] for o in out] == [1, 2, 3, 4, 5, 6]
    assert "too long" in out[5]["message"]


def test_batch_through_the_command() -> None:
    proc = subprocess.run([sys.executable, "-m", "tutor", "check", "--batch", "--lang", "en"],
                          input='{"item": "7", "answer": "4C"}\n{"item": "7", "answer": "2C"}\n',
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1  # some incorrect
    verdicts = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [(v["verdict"], v["mistake"]) for v in verdicts] == [("incorrect", "running-stats"), ("correct", None)]
    assert "commonest mistakes: running-stats ×1" in proc.stderr
