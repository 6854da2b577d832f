"""The home screen: the 8 questions, their status and score, the total out of 10."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Footer, Header, Static

from tutor.app.bindings import localize_tree
from tutor.app.screens.base import TutorScreen
from tutor.app.status import status_text
from tutor.app.widgets.score_bar import ScoreBar
from tutor.i18n import t


class HomeScreen(TutorScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", "Open", id="home.open", priority=False),
        Binding("c", "continue", "Continue", id="home.continue"),
        Binding("z", "quiz", "Quiz", id="home.quiz"),
        Binding("r", "review", "Review", id="home.review"),
        Binding("q", "quit", "Quit", id="home.quit"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="home"):
            yield Static(markup=False, id="home-heading", classes="heading")
            yield DataTable(id="questions", cursor_type="row", zebra_stripes=True)
            with Horizontal(id="total-row"):
                yield Static(markup=False, id="total")
                yield ScoreBar(id="total-bar")
            yield Static(markup=False, id="home-prompt", classes="prompt")
        yield Footer()

    def on_mount(self) -> None:
        localize_tree(self, self.app.lang)
        self.apply_lang(self.app.lang)
        self.query_one(DataTable).focus()

    def on_screen_resume(self) -> None:
        """Coming back from a question or the quiz: scores may have changed."""
        self.refresh_table()

    @property
    def lang(self) -> str:
        return self.app.lang

    def apply_lang(self, lang: str) -> None:
        course = self.app.course
        self.query_one("#home-heading", Static).update(
            t("ui.home.heading", lang, total=f"{course.total_points:g}")
        )
        self.query_one("#home-prompt", Static).update(t("ui.home.prompt", lang))
        table = self.query_one(DataTable)
        table.clear(columns=True)
        table.add_column("№", key="number", width=3)
        table.add_column(t("ui.home.col.title", lang), key="title")
        table.add_column(t("ui.home.col.points", lang), key="points")
        table.add_column(t("ui.home.col.status", lang), key="status")
        table.add_column(t("ui.home.col.score", lang), key="score")
        for q in course:
            table.add_row(str(q.number), q.title[lang], f"{q.points:g}", "", "", key=str(q.number))
        # Statuses need the quiz items and the saved file: fill them in just after the
        # first frame, so the titles appear at once.
        self.call_after_refresh(self.refresh_table)

    def refresh_table(self) -> None:
        lang = self.lang
        table = self.query_one(DataTable)
        progress = self.app.progress
        total = 0.0
        for q in self.app.course:
            state = progress.question_state(q.number)
            total += state.score
            table.update_cell(str(q.number), "points", f"{q.points:g}")
            table.update_cell(
                str(q.number), "status", status_text(state.status, lang), update_width=True
            )
            table.update_cell(
                str(q.number), "score", f"{state.score:g}/{q.points:g}", update_width=True
            )
        points = self.app.course.total_points
        self.query_one("#total", Static).update(
            t("ui.home.total", lang, score=f"{total:g}", total=f"{points:g}")
        )
        bar = self.query_one(ScoreBar)
        bar.total, bar.score = points, total

    def _selected(self) -> int | None:
        table = self.query_one(DataTable)
        if table.row_count == 0:
            return None
        return int(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value or 1)

    def action_open(self) -> None:
        number = self._selected()
        if number is not None:
            self.app.open_question(number)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.app.open_question(int(event.row_key.value or 1))

    def action_continue(self) -> None:
        number = self.app.progress.last_question or self.app.progress.first_unsolved()
        self.app.open_question(number or 1)

    def action_quiz(self) -> None:
        self.app.open_quiz()

    def action_review(self) -> None:
        self.app.open_quiz(review=True)

    async def action_quit(self) -> None:
        self.app.exit()
