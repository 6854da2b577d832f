"""``dltutor stats``: accuracy per idea over time, the commonest mistakes, reviews ahead.

Text for a person (plots drawn with plotext, without colour when piped), or
``--json`` for scripts (the layout is :meth:`tutor.practice.stats.Stats.to_json`,
versioned by its ``schema`` field). Exit status: 0, or 1 when the progress
file cannot be used (as ``progress``).
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from datetime import tzinfo

    from tutor.practice.stats import Stats

#: lines of a plot
PLOT_HEIGHT = 12


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print one JSON object")


def run(args: argparse.Namespace) -> int:
    from tutor.practice import load_families
    from tutor.practice.review import ReviewSchedule
    from tutor.practice.stats import collect
    from tutor.progress import ProgressStore

    store = ProgressStore()
    schedule = ReviewSchedule(store)
    stats = collect(load_families(), schedule)
    warnings = store.take_warnings()
    for warning in warnings:
        print(f"dltutor: {warning.message(args.lang)}", file=sys.stderr)
    if args.json:
        print(json.dumps(stats.to_json(args.lang), ensure_ascii=False, indent=2))
    else:
        from tutor.cli.output import terminal_size, use_color, write

        width, _ = terminal_size()
        write(render(stats, args.lang, width=width, color=use_color(), tz=schedule.tz))
    return 1 if any(w.saving_blocked for w in warnings) else 0


def render(stats: Stats, lang: str, *, width: int, color: bool, tz: tzinfo | None = None) -> str:
    """The report as text ``width`` columns wide."""
    from tutor import plots
    from tutor.i18n import t
    from tutor.practice import stats_plots
    from tutor.practice.stats_text import idea_lines, mistake_lines, reviews_line

    out = [t("stats.heading", lang), "", *idea_lines(stats, lang, width)]
    if stats_plots.has_accuracy(stats):
        days = sum(1 for _, tally in stats.daily if tally.answered)
        every = stats_plots.label_every(min(days, stats_plots.ACCURACY_DAYS), width)
        out += ["", plots.render_to_text(
            lambda plt: stats_plots.accuracy_figure(plt, stats.daily, lang=lang, every=every),
            width, PLOT_HEIGHT, color=color)]
    out += ["", *mistake_lines(stats, lang), "", reviews_line(stats, lang, tz)]
    every = stats_plots.label_every(len(stats.forecast), width)
    out.append(plots.render_to_text(
        lambda plt: stats_plots.forecast_figure(plt, stats.forecast, lang=lang, every=every),
        width, PLOT_HEIGHT, color=color))
    return "\n".join(out)
