"""``dltutor plot``: the tanh plot and its table, plain when piped, coloured only on a terminal."""

from __future__ import annotations

import os
import pty
import re
import subprocess
import sys

import pytest

from tutor import plots
from tutor.cli import main

ANSI = re.compile(r"\x1b")


def run_cli(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tutor", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        timeout=60,
    )


def run_on_terminal(*args: str, **env: str) -> str:
    """Run with stdout on a pseudo-terminal and return what it printed."""
    leader, follower = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "tutor", *args],
        stdout=follower,
        stderr=subprocess.PIPE,
        env={
            **{k: v for k, v in os.environ.items() if k != "NO_COLOR"},
            "TERM": "xterm-256color",
            **env,
        },
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            data = os.read(leader, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=60)
    os.close(leader)
    return b"".join(chunks).decode("utf-8")


def test_plot_tanh_piped_is_plain_and_has_the_table() -> None:
    proc = run_cli("plot", "tanh", "--lang", "en", COLUMNS="100", LINES="40")
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert not ANSI.search(out)
    # the key is the title (no legend box over the curves): marker, then series
    assert "▞ tanh(z)  • tanh′(z)  x tanh′ < 0.01" in out
    for text in ("tanh′(z) = 1.000", "0.4200", "0.07065", "0.009866", "0.0001816", "8.245e-09"):
        assert text in out
    assert "|z| > 2.993" in out and "|z| > 4.147" in out
    assert max(len(line) for line in out.splitlines()) <= 100
    assert "-6" in out and " 6" in out  # the default range's ends label the axis


def test_plot_tanh_sized_to_terminal() -> None:
    small = run_cli("plot", "tanh", COLUMNS="60", LINES="30").stdout.splitlines()
    wide = run_cli("plot", "tanh", COLUMNS="120", LINES="50").stdout.splitlines()
    assert max(map(len, small)) <= 60 < max(map(len, wide)) <= 120
    assert len(small) <= 30 and len(small) < len(wide) <= 50


def test_plot_colour_on_terminal_not_under_no_color() -> None:
    coloured = run_on_terminal("plot", "tanh", "--lang", "en")
    assert "\x1b[" in coloured and "2.993" in coloured
    plain = run_on_terminal("plot", "tanh", "--lang", "en", NO_COLOR="1")
    assert "\x1b[" not in plain and "2.993" in plain


def test_plot_range_and_russian(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plot", "tanh", "--range", "-2", "3", "--lang", "ru"]) == 0
    out = capsys.readouterr().out
    assert "▞ tanh(z)  • tanh′(z)" in out and "-2" in out
    assert "|z| > 2.993" in out


def test_plot_without_name_lists_plots(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plot", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "tanh" in out and "question 2" in out and "dltutor lab" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["plot", "sine"], "no plot 'sine'"),
        (["plot", "tanh", "--range", "3", "1"], "A < B"),
        (["plot", "tanh", "--range", "0", "inf"], "within ±1000000"),
        (["plot", "tanh", "--range", "1", "1e308"], "within ±1000000"),
        (["plot", "tanh", "--range", "nan", "1"], "A < B"),
        (["plot", "tanh", "--range", "0", "1e-310"], "at least 1e-06 wide"),
        (["plot", "tanh", "--range", "0", "1e-300"], "at least 1e-06 wide"),
        (["plot", "tanh", "--range", "5", "5.0000000001"], "at least 1e-06 wide"),
        (["lab", "tanh", "--z-min", "0", "--z-max", "1e-310"], "at least 1e-06 greater"),
        (["lab", "tanh", "--z-min", "1", "--z-max", "0.5"], "at least 1e-06 greater"),
    ],
)
def test_plot_usage_errors(args: list[str], message: str) -> None:
    proc = run_cli(*args, "--lang", "en")
    assert proc.returncode == 2
    assert message in proc.stderr and "Traceback" not in proc.stderr
    assert proc.stderr.count("\n") == 1


def test_the_narrowest_range_allowed_still_has_tick_labels() -> None:
    from tutor.labs.base import MIN_SPAN

    proc = run_cli("plot", "tanh", "--range", "0", f"{MIN_SPAN:g}", "--lang", "en", NO_COLOR="1")
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    axis = next(k for k, line in enumerate(lines) if "└" in line)
    assert len(re.findall(r"\d\.\d+", lines[axis + 1])) >= 3  # distinct x tick labels


def test_render_to_text_size_and_escape_codes() -> None:
    def draw(plt: object) -> None:
        plots.tanh_figure(plt, -4, 4, point=1.0, lang="en")

    plain = plots.render_to_text(draw, 70, 20, color=False)
    coloured = plots.render_to_text(draw, 70, 20, color=True)
    assert "\x1b" not in plain and "\x1b[" in coloured
    assert len(plain.splitlines()) == 20
    assert max(map(len, plain.splitlines())) <= 70
    assert "tanh′(1) = 0.42" in plain  # the readout at the movable point (sech²1 = 0.41997)
    assert plots.strip_ansi(coloured).splitlines()[0].strip() == plain.splitlines()[0].strip()
