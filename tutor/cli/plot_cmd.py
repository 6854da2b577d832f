"""``dltutor plot [NAME]``: a plot in the terminal; without NAME, the list of plots."""

from __future__ import annotations

import argparse

#: plot name -> i18n key of its one-line description
PLOTS: dict[str, str] = {"tanh": "plot.tanh.help"}
#: |z| beyond this shows nothing new (tanh is flat past 20) and plotext's ticks overflow near 1e308
RANGE_LIMIT = 1e6


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("name", nargs="?", help="the plot to draw: " + ", ".join(PLOTS))
    parser.add_argument(
        "--range",
        nargs=2,
        type=float,
        metavar=("A", "B"),
        default=(-6.0, 6.0),
        help="the interval of z (default: -6 6)",
    )


def figure_size(reserved_lines: int) -> tuple[int, int]:
    """The terminal's width and what is left of its height after ``reserved_lines``."""
    from tutor.cli.output import terminal_size

    columns, rows = terminal_size()
    return columns, max(rows - reserved_lines - 1, 12)


def run(args: argparse.Namespace) -> int:
    from tutor.cli import UsageError
    from tutor.cli.output import use_color, write
    from tutor.i18n import t

    lang = args.lang
    if args.name is None:
        lines = [t("plot.list.heading", lang)]
        lines += [f"  {name:<8} {t(key, lang)}" for name, key in PLOTS.items()]
        from tutor.labs import LABS

        lines += ["", t("lab.list.heading", lang)]
        lines += [f"  {lab.id:<11} {lab.title[lang]}" for lab in LABS.values()]
        write("\n".join(lines))
        return 0
    if args.name not in PLOTS:
        raise UsageError(t("plot.error.unknown", lang, name=args.name, names=", ".join(PLOTS)))
    a, b = args.range
    from tutor.labs.base import MIN_SPAN, interval_problem

    problem = interval_problem(a, b, RANGE_LIMIT)
    if problem is not None:
        key = {"order": "plot.error.range", "limit": "plot.error.range_limit",
               "narrow": "plot.error.range_narrow"}[problem]
        raise UsageError(t(key, lang, limit=f"{RANGE_LIMIT:.0f}", min=f"{MIN_SPAN:g}",
                           a=f"{a:g}", b=f"{b:g}"))

    from tutor import plots
    from tutor.labs.tanh import table_lines

    table = table_lines(lang)
    width, height = figure_size(len(table) + 1)
    figure = plots.render_to_text(
        lambda plt: plots.tanh_figure(plt, a, b, lang=lang), width, height, color=use_color()
    )
    write(figure + "\n\n" + "\n".join(table))
    return 0
