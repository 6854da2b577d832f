"""Generated content inside markdown: fenced blocks whose info string is ``dltutor``.

An author writes

    ```dltutor
    network 3 5 2 4
    ```

(or ``plot tanh``) and the terminal shows the drawing computed from those
numbers in a plain code fence, so a figure never drifts from the sizes or the
function the text states. On GitHub the block shows as the directive itself,
which still reads sensibly.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator
from typing import NamedTuple

__all__ = ["DIRECTIVES", "DirectiveError", "directive_problems", "expand_directives"]

_OPEN = re.compile(r"^(?P<indent> {0,3})(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^\n`]*?)[ \t]*$")


class DirectiveError(ValueError):
    """A ``dltutor`` block that cannot be drawn; the message says why, for the author."""


#: the most layer sizes ``network`` draws (each layer widens the drawing by about 20 columns)
MAX_LAYERS = 12
#: the largest layer size ``network`` accepts (the drawing shows 7 nodes whatever the size)
MAX_LAYER_SIZE = 1_000_000
#: the z range ``plot tanh A B`` may cover, and its narrowest width
PLOT_Z_LIMIT, PLOT_MIN_SPAN = 50.0, 0.1


def _network_sizes(args: list[str]) -> list[int]:
    usage = "network needs two or more whole layer sizes, e.g. 'network 3 5 2 4'"
    if len(args) < 2 or not all(a.isascii() and a.isdigit() for a in args):
        raise DirectiveError(f"{usage}, got {_quote(args)}")
    if len(args) > MAX_LAYERS:
        raise DirectiveError(f"network draws at most {MAX_LAYERS} layer sizes, got {len(args)}")
    if any(len(a.lstrip("0")) > len(str(MAX_LAYER_SIZE)) for a in args):
        raise DirectiveError(f"network layer sizes must be at most {MAX_LAYER_SIZE}, got {_quote(args)}")
    sizes = [int(a) for a in args]
    if not all(1 <= n <= MAX_LAYER_SIZE for n in sizes):
        raise DirectiveError(f"network layer sizes must be at least 1 and at most {MAX_LAYER_SIZE},"
                             f" got {_quote(args)}")
    return sizes


def _network(args: list[str], lang: str) -> str:
    from tutor.diagrams import network_diagram

    return network_diagram(_network_sizes(args), lang=lang)


#: the plotting area of a generated text plot, in character cells: with its frame and
#: y labels it is 64 columns wide, narrow enough for the app's solution pane at 80 columns
PLOT_WIDTH, PLOT_HEIGHT = 57, 13


def _plot_range(args: list[str]) -> tuple[float, float]:
    usage = "plot needs a plot name and optionally the two ends of z, e.g. 'plot tanh' or 'plot tanh -4 4'"
    if not args or args[0] != "tanh" or len(args) not in (1, 3):
        raise DirectiveError(f"{usage}, got {_quote(args)}")
    if len(args) == 1:
        return -6.0, 6.0
    try:
        z_min, z_max = float(args[1]), float(args[2])
    except ValueError:
        raise DirectiveError(f"{usage}, got {_quote(args)}") from None
    limit = PLOT_Z_LIMIT
    if not (math.isfinite(z_min) and math.isfinite(z_max)) or not -limit <= z_min < z_max <= limit \
            or z_max - z_min < PLOT_MIN_SPAN:
        raise DirectiveError(f"plot tanh needs -{limit:g} <= A < B <= {limit:g} with B - A >= "
                             f"{PLOT_MIN_SPAN:g}, got {_quote(args[1:])}")
    return z_min, z_max


def _plot(args: list[str], lang: str) -> str:
    """``plot tanh [A B]``: tanh and tanh′ on [A, B] (default −6, 6), drawn in pure Python."""
    z_min, z_max = _plot_range(args)
    from tutor.i18n import t
    from tutor.textplot import tanh_plot

    return tanh_plot(
        z_min, z_max, width=PLOT_WIDTH, height=PLOT_HEIGHT, saturated_label=t("plot.tanh.saturated", lang)
    )


def _quote(args: list[str], limit: int = 60) -> str:
    """The arguments as the author wrote them, clipped: an error message is one line."""
    text = " ".join(args)
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


class Directive(NamedTuple):
    """A directive: ``check`` refuses bad arguments cheaply (at load time), ``draw`` draws."""

    check: Callable[[list[str]], object]
    draw: Callable[[list[str], str], str]


#: Directive name → its argument check and its drawing (of the arguments and the language).
#: Every kind follows one rule: bad arguments raise DirectiveError from ``check``, which the
#: loader runs on every block, so a bad block is a content error before anything is shown.
DIRECTIVES: dict[str, Directive] = {
    "network": Directive(_network_sizes, _network),
    "plot": Directive(_plot_range, _plot),
}


def _words(body: list[str]) -> tuple[str, list[str]]:
    words = " ".join(line.strip() for line in body if line.strip()).split()
    if not words:
        raise DirectiveError("an empty dltutor block; write e.g. 'network 3 5 2 4'")
    name, args = words[0], words[1:]
    if name not in DIRECTIVES:
        known = ", ".join(sorted(DIRECTIVES))
        raise DirectiveError(f"unknown dltutor directive {_quote([name], 30)} (known: {known})")
    DIRECTIVES[name].check(args)
    return name, args


def _expand_one(body: list[str], lang: str) -> str:
    name, args = _words(body)
    return DIRECTIVES[name].draw(args, lang)


class _Block(NamedTuple):
    start: int  # index of the opening fence line
    end: int | None  # index of the closing fence line; None when never closed
    indent: str
    is_directive: bool


def _blocks(lines: list[str]) -> Iterator[_Block]:
    """Every fenced block of ``lines``, in order; text between blocks is not a block."""
    i = 0
    while i < len(lines):
        m = _OPEN.match(lines[i])
        if not m:
            i += 1
            continue
        fence = m.group("fence")
        close = re.compile(rf"^ {{0,3}}{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$")
        end = next((k for k in range(i + 1, len(lines)) if close.match(lines[k])), None)
        yield _Block(i, end, m.group("indent"), m.group("info").split()[:1] == ["dltutor"])
        i = len(lines) if end is None else end + 1


def directive_problems(markdown: str) -> list[str]:
    """What is wrong with each ``dltutor`` block of ``markdown``, as ``block at line N: why``.

    Checks the arguments only (nothing is drawn, nothing heavy imported): the
    loader runs it on every text it loads.
    """
    lines = markdown.split("\n")
    problems = []
    for block in _blocks(lines):
        if not block.is_directive:
            continue
        where = f"the dltutor block at line {block.start + 1}"
        if block.end is None:
            problems.append(f"{where} is never closed")
            continue
        try:
            _words(lines[block.start + 1 : block.end])
        except DirectiveError as err:
            problems.append(f"{where}: {err}")
    return problems


def expand_directives(markdown: str, lang: str = "en") -> str:
    """``markdown`` with every ``dltutor`` block replaced by the drawing it asks for.

    Raises DirectiveError (a ValueError) with a message for the author on an
    unknown directive, bad arguments or an unclosed block; content that went
    through the loader has none (it checks every block), and lint reports them.
    """
    lines = markdown.split("\n")
    out: list[str] = []
    copied = 0
    for block in _blocks(lines):
        if not block.is_directive:
            continue  # another code block: copied untouched, directives inside it included
        out.extend(lines[copied : block.start])
        if block.end is None:
            raise DirectiveError("a ```dltutor block is never closed")
        drawing = _expand_one(lines[block.start + 1 : block.end], lang)
        indent = block.indent
        out.append(f"{indent}```")
        out.extend(f"{indent}{row}" if row else "" for row in drawing.split("\n"))
        out.append(f"{indent}```")
        copied = block.end + 1
    out.extend(lines[copied:])
    return "\n".join(out)
