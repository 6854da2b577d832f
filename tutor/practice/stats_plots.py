"""The stats drawn on a plotext-like object (the CLI's figure or the app's ``PlotextPlot.plt``).

Counts have whole-number ticks, accuracy is in per cent from 0 to 100, and the
key of each plot is its title: a single series needs no legend box over its data.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from tutor.i18n import t

if TYPE_CHECKING:
    from tutor.practice.stats import Stats, Tally

#: the most recent days of the history drawn in the accuracy plot
ACCURACY_DAYS = 30


def count_ticks(top: int, most: int = 5) -> list[int]:
    """Whole-number ticks 0, step, 2·step … up to the first at or above ``top`` (at least 1),
    with a step of 1, 2, 5, 10, 20 … chosen so that there are at most ``most`` of them."""
    top = max(1, int(top))
    for k in range(20):
        for s in (1, 2, 5):
            step = s * 10**k
            n = -(-top // step)
            if n + 1 <= most:
                return [i * step for i in range(n + 1)]
    return [0, top]


def day_label(day: date, lang: str) -> str:
    return day.strftime("%d.%m") if lang == "ru" else day.strftime("%m-%d")


def forecast_figure(plt: Any, forecast: Sequence[tuple[date, int]], *, lang: str, every: int = 1) -> None:
    """Bars of the reviews due on each of the next days (today's bar holds the overdue ones).

    ``every``: label every n-th day only, for a narrow plot.
    """
    counts = [n for _, n in forecast]
    xs = list(range(len(forecast)))
    plt.bar(xs, counts, marker="█", width=0.6)
    plt.title(t("stats.plot.forecast", lang))
    plt.xticks(xs[::every], [day_label(d, lang) for d, _ in forecast][::every])
    ticks = count_ticks(max(counts, default=0))
    plt.yticks(ticks, [str(v) for v in ticks])
    plt.ylim(0, ticks[-1])


def accuracy_figure(plt: Any, daily: Sequence[tuple[date, Tally]], *, lang: str, every: int = 1) -> None:
    """Per cent right on each day with answers (the last ACCURACY_DAYS of them), as bars:
    one day alone reads as well as thirty, and the days stay labelled by date."""
    recent = [(d, tally) for d, tally in daily if tally.answered][-ACCURACY_DAYS:]
    xs = list(range(len(recent)))
    ys = [100.0 * (tally.accuracy or 0.0) for _, tally in recent]
    plt.bar(xs, ys, marker="█", width=0.6)
    plt.title(t("stats.plot.accuracy", lang))
    plt.xticks(xs[::every], [day_label(d, lang) for d, _ in recent][::every])
    plt.yticks([0, 25, 50, 75, 100], ["0", "25", "50", "75", "100"])
    plt.ylim(0, 100)


def label_every(days: int, width: int) -> int:
    """Label every n-th day so that the labels (5 characters and a gap) fit ``width`` columns."""
    room = max(1, (width - 8) // 7)
    return max(1, -(-days // room))


def has_accuracy(stats: Stats) -> bool:
    return any(tally.answered for _, tally in stats.daily)
