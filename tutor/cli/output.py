"""Printing for the CLI: Rich when stdout is a terminal, plain text otherwise."""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # not typing's: importing typing costs 2 ms of `dltutor list`'s start-up
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import TextIO


def is_terminal(stream: TextIO | None = None) -> bool:
    stream = stream or sys.stdout
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def use_color(stream: TextIO | None = None) -> bool:
    """Colour only on a terminal, and never under NO_COLOR (https://no-color.org)."""
    return (
        is_terminal(stream) and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"
    )


def write(text: str, stream: TextIO | None = None) -> None:
    stream = stream or sys.stdout
    stream.write(text if text.endswith("\n") else text + "\n")


def line_printer(stream: TextIO | None = None) -> Callable[..., None]:
    """``say(text="", style=None)``: one line, in Rich's ``style`` where colour is allowed, else plain.

    Shared by the plain quiz and ``progress`` so both colour (or not) by the same rule.
    """
    out = stream or sys.stdout
    console = None
    if use_color(out):
        from rich.console import Console

        console = Console(file=out, highlight=False, markup=False, soft_wrap=True)

    def say(text: str = "", style: str | None = None) -> None:
        if console is not None and style:
            from rich.text import Text

            console.print(Text(text, style=style))
        else:
            out.write(text + "\n")
        out.flush()

    return say


#: narrower than this, text is laid out for this width anyway (COLUMNS=0 or 3 must not
#: make Rich print nothing; the terminal then wraps what does not fit)
MIN_WIDTH = 40
#: wider or taller than this, output is laid out for this size: COLUMNS and LINES are
#: only hints, and COLUMNS=99999999999 must not ask plotext for a 10¹¹-cell canvas
MAX_WIDTH, MIN_ROWS, MAX_ROWS = 500, 10, 200


def terminal_size() -> tuple[int, int]:
    """The terminal's columns and rows, clamped to [MIN_WIDTH, MAX_WIDTH] × [MIN_ROWS, MAX_ROWS].

    Every verb asks here, so odd COLUMNS/LINES values are bounded in one place.
    """
    import shutil

    try:
        columns, rows = shutil.get_terminal_size((80, 24))
    except (ValueError, OverflowError, OSError):  # not an int, or an absurd one
        columns, rows = 80, 24
    return min(max(columns, MIN_WIDTH), MAX_WIDTH), min(max(rows, MIN_ROWS), MAX_ROWS)


def print_markdown(
    build: Callable[[bool], str], stream: TextIO | None = None, *, pager: bool = False
) -> None:
    """Rich's Markdown on a terminal (through a pager when it is taller than the screen
    and ``pager`` is set), the markdown text itself when piped.

    ``build(escape)`` makes the document; on a terminal the math must be escaped
    so that Rich does not read ``*`` or ``_`` inside a formula as emphasis.
    """
    stream = stream or sys.stdout
    if not is_terminal(stream):
        write(build(False), stream)
        return
    from rich.console import Console
    from rich.markdown import Markdown

    width, _ = terminal_size()
    console = Console(file=stream, width=width, no_color=not use_color(stream), highlight=False)
    document = Markdown(build(True), code_theme="ansi_dark", hyperlinks=True)
    if not pager:
        console.print(document)
        return
    with console.capture() as capture:
        console.print(document)
    page(capture.get(), stream)


def page(text: str, stream: TextIO | None = None) -> None:
    """Show ``text`` the way git does: through a pager when it is taller than the screen.

    The pager is ``$PAGER`` (run by the shell, as git runs it), else ``less -FRX``;
    ``LESS=FRX`` is set when unset, so a plain ``PAGER=less`` keeps the colours.
    An empty ``PAGER`` or ``cat``, a pager that cannot be started, or one that is
    not found (exit 126/127) means the text is printed directly.
    """
    stream = stream or sys.stdout
    _, rows = terminal_size()
    if not is_terminal(stream) or text.count("\n") < rows - 1:
        write(text, stream)
        return
    command = os.environ.get("PAGER")
    if command is not None and command.strip() in ("", "cat"):
        write(text, stream)
        return
    if not _run_pager(command, text, getattr(stream, "encoding", None) or "utf-8", stream):
        write(text, stream)


def _run_pager(command: str | None, text: str, encoding: str, stream: TextIO) -> bool:
    """True when a pager showed ``text``."""
    import contextlib
    import signal
    import subprocess

    env = dict(os.environ)
    env.setdefault("LESS", "FRX")
    env.setdefault("LV", "-c")
    if command is None:
        import shutil

        less = shutil.which("less")
        if less is None:
            return False
        argv: str | list[str] = [less, "-FRX"]
    else:
        argv = command
    stream.flush()  # what was printed before appears before the pager
    try:
        pager = subprocess.Popen(argv, shell=isinstance(argv, str), stdin=subprocess.PIPE, env=env)
    except OSError:
        return False
    assert pager.stdin is not None
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the pager's to handle
    try:
        # OSError: the reader quit (q) before the end, which is what pagers are for
        with contextlib.suppress(OSError):
            pager.stdin.write(text.encode(encoding, "replace"))
        with contextlib.suppress(OSError):
            pager.stdin.close()
        code = pager.wait()
    finally:
        signal.signal(signal.SIGINT, previous)
    return code not in (126, 127)  # the shell could not run it: print instead


#: answers that mean yes, in both languages; "н" is "y" typed on a Russian layout
YES = frozenset({"y", "yes", "д", "да", "н"})


def is_yes(answer: str) -> bool:
    return answer.strip().lower() in YES
