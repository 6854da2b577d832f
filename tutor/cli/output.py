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


def print_markdown(build: Callable[[bool], str], stream: TextIO | None = None) -> None:
    """Rich's Markdown on a terminal, the markdown text itself when piped.

    ``build(escape)`` makes the document; on a terminal the math must be escaped
    so that Rich does not read ``*`` or ``_`` inside a formula as emphasis.
    """
    stream = stream or sys.stdout
    if not is_terminal(stream):
        write(build(False), stream)
        return
    from rich.console import Console
    from rich.markdown import Markdown

    console = Console(file=stream, no_color=not use_color(stream), highlight=False)
    console.print(Markdown(build(True), code_theme="ansi_dark", hyperlinks=True))


#: answers that mean yes, in both languages; "н" is "y" typed on a Russian layout
YES = frozenset({"y", "yes", "д", "да", "н"})


def is_yes(answer: str) -> bool:
    return answer.strip().lower() in YES
