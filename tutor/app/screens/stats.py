"""Mastery at a glance: reviews ahead, accuracy per idea over time, the commonest mistakes.

The numbers are :func:`tutor.practice.stats.collect`'s (the same as ``dltutor
stats``), read after the first frame; the plots are the CLI's figures drawn on
the app's plot widget.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

from tutor.app.bindings import localize_tree
from tutor.app.screens.base import STYLES, TutorScreen
from tutor.app.widgets.key_footer import KeyFooter
from tutor.app.widgets.plot import Plot
from tutor.app.widgets.title_bar import TitleBar
from tutor.i18n import t


class StatsScreen(TutorScreen):
    CSS_PATH: ClassVar[list[str | Path]] = [STYLES / "practice.tcss"]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("v", "review", "Spaced review", id="stats.review"),
        Binding("q", "back", "Back", id="stats.back"),
        Binding("escape", "back", "Back", id="stats.escape", show=False),
    ]

    def __init__(self, *, clock: Any = None, tz: Any = None) -> None:
        super().__init__(id="stats-screen")
        self.clock = clock
        #: the time zone of "today" (None: the system's)
        self.tz = tz
        self.stats: Any = None

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with VerticalScroll(id="stats-body", classes="page"):
            yield Static(markup=False, id="stats-reviews", classes="heading")
            yield Plot(id="stats-forecast", classes="stats-plot")
            yield Static(markup=False, id="stats-ideas")
            yield Plot(id="stats-accuracy", classes="stats-plot")
            yield Static(markup=False, id="stats-mistakes")
        yield KeyFooter(compact=True)

    @property
    def lang(self) -> str:
        return self.app.lang

    def on_mount(self) -> None:
        localize_tree(self, self.lang)
        self.query_one("#stats-body").focus()
        self.show_progress()

    def show_progress(self) -> None:
        """Collect the stats again (after an answer anywhere, or when shown again)."""
        from tutor.practice import load_families
        from tutor.practice.review import ReviewSchedule, system_clock
        from tutor.practice.stats import collect

        store = self.app.progress.store
        if store is None:
            return
        schedule = ReviewSchedule(store, clock=self.clock or system_clock, tz=self.tz)
        self.stats = collect(load_families(self.app.course), schedule)
        self.apply_lang(self.lang)

    def on_screen_resume(self) -> None:
        super().on_screen_resume()
        self.call_after_refresh(self.show_progress)

    def on_resize(self) -> None:
        if self.stats is not None:
            self.call_after_refresh(self.apply_lang, self.lang)

    def apply_lang(self, lang: str) -> None:
        from tutor.practice import stats_plots
        from tutor.practice.stats_text import idea_lines, mistake_lines, reviews_line

        self.title = t("ui.stats.title", lang)
        stats = self.stats
        if stats is None:
            return
        # the text's own width: the page's less the margins of its lines
        width = max(20, self.query_one("#stats-body").content_region.width - 3)
        self.query_one("#stats-reviews", Static).update(reviews_line(stats, lang, self.tz))
        self.query_one("#stats-ideas", Static).update("\n".join(idea_lines(stats, lang, width)))
        self.query_one("#stats-mistakes", Static).update("\n".join(mistake_lines(stats, lang)))
        every = stats_plots.label_every(len(stats.forecast), width)
        self.query_one("#stats-forecast", Plot).draw(
            lambda plt: stats_plots.forecast_figure(plt, stats.forecast, lang=lang, every=every))
        accuracy = self.query_one("#stats-accuracy", Plot)
        accuracy.display = stats_plots.has_accuracy(stats)
        if accuracy.display:
            days = min(stats_plots.ACCURACY_DAYS, sum(1 for _, tally in stats.daily if tally.answered))
            every_day = stats_plots.label_every(days, width)
            accuracy.draw(
                lambda plt: stats_plots.accuracy_figure(plt, stats.daily, lang=lang, every=every_day))

    def action_review(self) -> None:
        self.app.open_review()

    def action_back(self) -> None:
        self.app.go_back()
