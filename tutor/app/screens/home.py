"""The home screen: the 8 questions, their status and score, the total out of 10."""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

from tutor.app.bindings import localize_tree
from tutor.app.screens.base import TutorScreen
from tutor.app.sizes import NARROW_WIDTH
from tutor.app.status import status_text
from tutor.app.widgets.key_footer import KeyFooter
from tutor.app.widgets.question_table import QuestionTable
from tutor.app.widgets.score_bar import ScoreBar
from tutor.app.widgets.title_bar import TitleBar
from tutor.i18n import t

#: the full layout (blank lines between the parts) needs this many rows
SHORT_HEIGHT = 20
#: the points column, left out below NARROW_WIDTH
POINTS_COLUMN = frozenset({2})
#: digits open a question directly (those past the course's last question do nothing)
DIGITS = range(1, 10)


class HomeScreen(TutorScreen):
    #: statuses and scores are shown (they are filled in just after the first frame)
    _filled = False

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", "Open", id="home.open", priority=False),
        Binding("c", "continue", "Continue", id="home.continue"),
        Binding("z", "quiz", "Quiz", id="home.quiz"),
        Binding("r", "review", "Review", id="home.review"),
        Binding("q", "quit", "Quit", id="home.quit"),
        # spaced review, practice and stats: named on the line under the total (no room below)
        Binding("v", "spaced_review", "Spaced review", id="home.spaced_review", show=False),
        Binding("p", "practice", "Practice", id="home.practice", show=False),
        Binding("t", "stats", "Stats", id="home.stats", show=False),
        *(
            Binding(str(n), f"open_number({n})", f"Question {n}", id=f"home.question_{n}", show=False)
            for n in DIGITS
        ),
    ]

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Vertical(id="home"):
            yield Static(markup=False, id="home-heading", classes="heading")
            yield QuestionTable(id="questions")
            with Horizontal(id="total-row"):
                yield Static(markup=False, id="total")
                yield ScoreBar(id="total-bar")
            yield Static(markup=False, id="home-reviews")
            yield Static(markup=False, id="home-prompt", classes="prompt")
        yield KeyFooter(compact=True)

    def on_mount(self) -> None:
        localize_tree(self, self.app.lang)
        self.apply_lang(self.app.lang)
        self.query_one(QuestionTable).focus()

    def on_resize(self, event: events.Resize) -> None:
        # Below this height the blank lines between the parts would push the key
        # prompt off the screen: drop them.
        self.set_class(event.size.height < SHORT_HEIGHT, "-short")
        self._show_reviews()  # a narrow screen has room for its short form only
        # Below 80 columns the titles need the room of the points column (the score
        # column says "0/3" anyway).
        narrow = event.size.width < NARROW_WIDTH
        self.query_one(QuestionTable).hide_columns(POINTS_COLUMN if narrow else frozenset())

    def on_screen_resume(self) -> None:
        super().on_screen_resume()
        if self._filled:  # back from practice or review: the cards may have moved
            self.call_after_refresh(self.refresh_reviews)

    def show_progress(self) -> None:
        if self._filled:  # before the first fill, apply_lang's own fill will show it
            self.refresh_table()
            self.refresh_reviews()

    #: what the reviews line says: (due today, new today, next due) once read
    _reviews: tuple[int, int, object] | None = None

    def refresh_reviews(self) -> None:
        """How many reviews are due today and when the next is, just after the first frame.

        Reading the cards is one small query; the families (whose loading costs more
        than the home screen's own work) are loaded only when a question is closed in
        the homework, since only then can ``review`` introduce new ones.
        """
        from tutor.practice.review import ReviewSchedule, met_questions, question_items

        progress = self.app.progress
        store = progress.store
        if store is None:
            return
        schedule = ReviewSchedule(store)
        cards = schedule.cards()
        saved = store.load()
        items = question_items(progress.items())
        new: list[str] = []
        if met_questions(saved, items):
            from tutor.practice import load_families

            ids = [f.id for f in load_families(self.app.course)]
            new = schedule.new_families(ids, saved, items, cards)
        summary = schedule.summary(cards)
        self._show_reviews((summary.due_today, len(new), summary.next_due))

    def _show_reviews(self, reviews: tuple[int, int, object] | None = None) -> None:
        """Say how many reviews are due today and when the next is, in the longest form that
        fits on one line (the keys of practice and stats go first when it does not)."""
        from rich.cells import cell_len

        from tutor.practice.review import system_clock
        from tutor.practice.when import due_text

        if reviews is not None:
            self._reviews = reviews
        if self._reviews is None:
            return
        due, new, next_due = self._reviews
        lang = self.lang
        now = system_clock()
        # new families can be started at once
        when = due_text(now if new else next_due, now, lang)  # type: ignore[arg-type]
        if next_due is None and not new:
            status = t("ui.home.reviews.none", lang)
        elif new:
            status = t("ui.home.reviews.due_new", lang, due=due, new=new, when=when)
        elif due:
            status = t("ui.home.reviews.due", lang, due=due, when=when)
        else:
            status = t("ui.home.reviews.next", lang, when=when)
        room = self.app.size.width - 2  # the line's padding
        forms = [t(key, lang, status=status) for key in ("ui.home.reviews", "ui.home.reviews.medium",
                                                      "ui.home.reviews.short")]
        text = next((f for f in forms if cell_len(f) <= room), forms[-1])
        self.query_one("#home-reviews", Static).update(text)

    @property
    def lang(self) -> str:
        return self.app.lang

    def apply_lang(self, lang: str) -> None:
        course = self.app.course
        self.query_one("#home-heading", Static).update(
            t("ui.home.heading", lang, total=f"{course.total_points:g}")
        )
        self.query_one("#home-prompt", Static).update(t("ui.home.prompt", lang))
        self.query_one("#home-reviews", Static).update(t("ui.home.reviews", lang, status="…"))
        self._show_reviews()
        table = self.query_one(QuestionTable)
        table.set_columns(
            [
                "№",
                t("ui.home.col.title", lang),
                t("ui.home.col.points", lang),
                t("ui.home.col.status", lang),
                t("ui.home.col.score", lang),
            ],
        )
        table.set_rows(
            [
                (str(q.number), (str(q.number), q.title[lang], f"{q.points:g}", "", ""))
                for q in course
            ]
        )
        # Statuses need the quiz items and the saved file: fill them in just after the
        # first frame, so the titles appear at once.
        self.call_after_refresh(self.refresh_table)
        if self._reviews is None:
            self.call_after_refresh(self.refresh_reviews)

    def refresh_table(self) -> None:
        from tutor.quiz.scoring import format_points as fp

        self._filled = True
        lang = self.lang
        table = self.query_one(QuestionTable)
        progress = self.app.progress
        total = 0.0
        for q in self.app.course:
            state = progress.question_state(q.number)
            total += state.score
            table.update_cells(
                str(q.number),
                {
                    2: fp(q.points),
                    3: status_text(state.status, lang),
                    4: f"{fp(state.score)}/{fp(q.points)}",
                },
            )
        points = self.app.course.total_points
        self.query_one("#total", Static).update(
            t("ui.home.total", lang, score=fp(total), total=fp(points))
        )
        bar = self.query_one(ScoreBar)
        bar.total, bar.score = points, total

    def action_open(self) -> None:
        number = self.query_one(QuestionTable).cursor_key
        if number is not None:
            self.app.open_question(int(number))

    def on_question_table_selected(self, event: QuestionTable.Selected) -> None:
        event.stop()
        self.app.open_question(int(event.key))

    def action_open_number(self, number: int) -> None:
        self.app.open_question(number)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "open_number":
            return self.app.course.question(int(parameters[0])) is not None  # type: ignore[arg-type]
        return True

    def action_continue(self) -> None:
        number = self.app.progress.last_question or self.app.progress.first_unsolved()
        self.app.open_question(number or 1)

    def action_quiz(self) -> None:
        self.app.open_quiz()

    def action_review(self) -> None:
        self.app.open_quiz(review=True)

    def action_spaced_review(self) -> None:
        self.app.open_review()

    def action_practice(self) -> None:
        """Practice the highlighted question's ideas (every family, if it has none)."""
        from tutor.practice import families_of

        number = self.query_one(QuestionTable).cursor_key
        families = families_of(int(number), self.app.course) if number is not None else ()
        self.app.open_practice([f.id for f in families])

    def action_stats(self) -> None:
        self.app.open_stats()

    async def action_quit(self) -> None:
        self.app.exit()
