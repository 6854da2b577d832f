"""The CLI's line printer: Rich styles on a terminal only, never under NO_COLOR."""

from __future__ import annotations

import io

import pytest

from tutor.cli.output import line_printer


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_styles_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    stream = FakeTerminal()
    say = line_printer(stream)
    say("solved", "bold green")
    say("no style")
    say()
    assert stream.getvalue() == "\x1b[1;32msolved\x1b[0m\nno style\n\n"


@pytest.mark.parametrize("terminal", [True, False])
def test_plain_when_piped_or_no_color(monkeypatch: pytest.MonkeyPatch, terminal: bool) -> None:
    monkeypatch.setenv("TERM", "xterm-256color")
    if terminal:
        monkeypatch.setenv("NO_COLOR", "1")
    stream = FakeTerminal() if terminal else io.StringIO()
    line_printer(stream)("solved", "bold green")
    assert stream.getvalue() == "solved\n"
