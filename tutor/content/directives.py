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

import re
from collections.abc import Callable

__all__ = ["DIRECTIVES", "expand_directives"]

_OPEN = re.compile(r"^(?P<indent> {0,3})(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^\n`]*?)[ \t]*$")


def _network(args: list[str], lang: str) -> str:
    from tutor.diagrams import network_diagram

    usage = "network needs two or more whole layer sizes, e.g. 'network 3 5 2 4'"
    if len(args) < 2 or not all(a.isdigit() for a in args):
        raise ValueError(f"{usage}, got {' '.join(args)!r}")
    return network_diagram([int(a) for a in args], lang=lang)


#: the plotting area of a generated text plot, in character cells: with its frame and
#: y labels it is 64 columns wide, narrow enough for the app's solution pane at 80 columns
PLOT_WIDTH, PLOT_HEIGHT = 57, 13


def _plot(args: list[str], lang: str) -> str:
    """``plot tanh [A B]``: tanh and tanh′ on [A, B] (default −6, 6), drawn in pure Python."""
    usage = "plot needs a plot name and optionally the two ends of z, e.g. 'plot tanh' or 'plot tanh -4 4'"
    if not args or args[0] != "tanh" or len(args) not in (1, 3):
        raise ValueError(f"{usage}, got {' '.join(args)!r}")
    try:
        z_min, z_max = (float(args[1]), float(args[2])) if len(args) == 3 else (-6.0, 6.0)
    except ValueError:
        raise ValueError(f"{usage}, got {' '.join(args)!r}") from None
    if not -50.0 <= z_min < z_max <= 50.0:
        raise ValueError(f"plot tanh needs -50 <= A < B <= 50, got {z_min:g} {z_max:g}")
    from tutor.i18n import t
    from tutor.textplot import tanh_plot

    return tanh_plot(
        z_min, z_max, width=PLOT_WIDTH, height=PLOT_HEIGHT, saturated_label=t("plot.tanh.saturated", lang)
    )


#: Directive name → function of its arguments and the language, returning the drawing.
DIRECTIVES: dict[str, Callable[[list[str], str], str]] = {"network": _network, "plot": _plot}


def _expand_one(body: list[str], lang: str) -> str:
    words = " ".join(line.strip() for line in body if line.strip()).split()
    if not words:
        raise ValueError("an empty dltutor block; write e.g. 'network 3 5 2 4'")
    name, args = words[0], words[1:]
    if name not in DIRECTIVES:
        known = ", ".join(sorted(DIRECTIVES))
        raise ValueError(f"unknown dltutor directive {name!r} (known: {known})")
    return DIRECTIVES[name](args, lang)


def expand_directives(markdown: str, lang: str = "en") -> str:
    """``markdown`` with every ``dltutor`` block replaced by the drawing it asks for.

    Raises ValueError with a message for the author on an unknown directive,
    bad arguments or an unclosed block; lint reports it.
    """
    lines = markdown.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        m = _OPEN.match(lines[i])
        if not m:
            out.append(lines[i])
            i += 1
            continue
        fence, indent = m.group("fence"), m.group("indent")
        close = re.compile(rf"^ {{0,3}}{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$")
        end = next((k for k in range(i + 1, len(lines)) if close.match(lines[k])), None)
        if m.group("info").split()[:1] != ["dltutor"]:
            # Another code block: copy it untouched, directives inside it included.
            stop = len(lines) if end is None else end + 1
            out.extend(lines[i:stop])
            i = stop
            continue
        if end is None:
            raise ValueError("a ```dltutor block is never closed")
        drawing = _expand_one(lines[i + 1 : end], lang)
        out.append(f"{indent}```")
        out.extend(f"{indent}{row}" if row else "" for row in drawing.split("\n"))
        out.append(f"{indent}```")
        i = end + 1
    return "\n".join(out)
