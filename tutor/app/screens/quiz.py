"""Quiz mode: every auto-checked item in turn (or only the missed ones), then a summary.

The :class:`~tutor.quiz.session.QuizSession` decides order, attempts, hints and
scores and records every verdict; this screen only shows it and forwards keys.
``s`` on an open item asks first (it is then given up); an item closed earlier
still takes answers, as practice.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Markdown, Static

from tutor.app.bindings import localize_tree
from tutor.app.markdown import steps_markdown
from tutor.app.screens.base import STYLES, TutorScreen
from tutor.app.screens.confirm_give_up import ConfirmGiveUp
from tutor.app.status import status_text
from tutor.app.widgets.answer_box import AnswerBox
from tutor.app.widgets.answer_boxes import answer_box_for
from tutor.app.widgets.key_footer import KeyFooter
from tutor.app.widgets.self_check_box import SelfCheckBox
from tutor.app.widgets.title_bar import TitleBar
from tutor.i18n import t


class QuizScreen(TutorScreen):

    PAGE = "#quiz-body"
    CSS_PATH: ClassVar[list[str | Path]] = [STYLES / "answer.tcss", STYLES / "quiz.tcss"]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "next", "Next item", id="quiz.next"),
        Binding("h", "hint", "Hint", id="quiz.hint"),
        Binding("s", "solution", "Solution", id="quiz.solution"),
        Binding("k", "skip", "Skip", id="quiz.skip"),
        Binding("r", "review", "Review missed", id="quiz.review"),
        Binding("escape", "escape", "Leave the answer box, else back", id="quiz.escape", show=False),
        Binding("q", "back", "Back", id="quiz.back"),
    ]

    def __init__(
        self, *, only: int | None = None, review: bool = False, start_item: str | None = None
    ) -> None:
        super().__init__(id="quiz-screen")
        self.only = only
        self.review = review
        self.start_item = start_item
        self.session: Any = None
        self.box: AnswerBox | None = None

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static(markup=False, id="quiz-header")
        with VerticalScroll(id="quiz-body", classes="page"):
            yield Markdown(id="quiz-solution")
            yield Markdown(id="summary")
        yield Static(markup=False, id="quiz-prompt", classes="prompt")
        yield KeyFooter(compact=True)

    @property
    def lang(self) -> str:
        return self.app.lang

    def on_mount(self) -> None:
        localize_tree(self, self.app.lang)
        self.start()

    def start(self) -> None:
        from tutor.quiz.session import QuizSession

        items = list(self.app.progress.items())
        if self.start_item is not None:
            ids = [item.id for item in items]
            if self.start_item in ids:
                items = items[ids.index(self.start_item) :]
        self.session = QuizSession(
            items,
            lang=self.lang,
            store=self.app.progress.store,
            only=self.only,
            review=self.review,
            course=self.app.course,
            checker=self.app.checker,
        )
        self.show_current()

    # showing ------------------------------------------------------------------

    def show_current(self) -> None:
        if self.box is not None:
            self.box.remove()
            self.box = None
        self.query_one("#quiz-solution", Markdown).display = False
        session = self.session
        if session.finished:
            self.show_summary()
            return
        self.query_one("#summary", Markdown).display = False
        item = session.current
        self.box = answer_box_for(
            item,
            self.lang,
            record=session.state(item.id),
            interpret=self.app.interpret,
            simplify=self.app.simplify,
            autofocus=True,
        )
        self.query_one("#quiz-body").mount(self.box, before=0)
        self._render_header()

    def _render_header(self) -> None:
        session, lang = self.session, self.lang
        if session.finished:
            self.query_one("#quiz-header", Static).update(t("ui.quiz.done", lang))
            self.query_one("#quiz-prompt", Static).update(t("ui.quiz.summary_prompt", lang))
            return
        item = session.current
        part = session.part_title(item)
        title = session.question_title(item) + (f" · {part}" if part else "")
        state = session.state()
        closed = state.closed
        # once an item is closed, "attempts left 0" would read as a failure: say how it ended
        self.query_one("#quiz-header", Static).update(
            t(
                "ui.quiz.header.closed" if closed else "ui.quiz.header",
                lang,
                k=session.position,
                n=session.total,
                number=item.question,
                title=title,
                left=session.attempts_left,
                hints=session.hints_left,
                outcome=outcome_text(state.outcome, lang) if closed else "",
            )
        )
        self.query_one("#quiz-prompt", Static).update(
            t("ui.quiz.prompt_closed" if closed else "ui.quiz.prompt", lang)
        )

    def show_summary(self) -> None:
        from tutor.quiz.scoring import format_points as fp

        summary = self.session.summary()
        lang = self.lang
        rows = [f"# {t('ui.quiz.summary', lang)}", ""]
        for q in summary.questions:
            rows.append(f"- №{q.number} {q.title[lang]}: **{fp(q.score)} / {fp(q.points)}**")
        rows += [
            "",
            t("ui.quiz.total", lang, score=fp(summary.score), total=fp(summary.max_score)),
        ]
        if not summary.saved:
            rows += ["", t("ui.quiz.not_saved", lang)]
        if summary.saved_score is not None:
            rows += [
                "",
                t(
                    "ui.quiz.saved",
                    lang,
                    score=fp(summary.saved_score),
                    total=fp(summary.saved_max),
                ),
            ]
        rows += ["", f"## {t('ui.quiz.review_heading', lang)}", ""]
        if summary.review:
            for entry in summary.review:
                part = f" · {entry.part_title}" if entry.part_title else ""
                outcome = outcome_text(entry.outcome, lang)
                state = self.session.state(entry.item.id)
                if state.solved_later:
                    outcome += " · " + t("progress.practice.solved_later", lang)
                rows.append(f"- **{entry.item.id}** {entry.question_title}{part}: {outcome}")
        else:
            rows.append(t("ui.quiz.nothing_to_review", lang))
        rows += ["", t("ui.quiz.scoring_rule", lang)]
        summary_md = self.query_one("#summary", Markdown)
        summary_md.update("\n".join(rows))
        summary_md.display = True
        self.focus_page()
        self._render_header()
        self.refresh_bindings()

    def apply_lang(self, lang: str) -> None:
        if self.session is None:
            return
        self.session.lang = lang
        if self.box is not None:
            self.box.set_lang(lang)
        if self.session.finished:
            self.show_summary()
        else:
            self._render_header()

    # answering ------------------------------------------------------------------

    @on(AnswerBox.Submitted)
    def _submitted(self, event: AnswerBox.Submitted) -> None:
        if self.session.finished:
            event.box.checking = False
            return
        self.check(event.box, event.text)  # on a closed item: practice

    @work(thread=True, group="check")
    def check(self, box: AnswerBox, text: str) -> None:
        """The first check may import numpy and sympy: never on the UI thread."""
        from tutor.app.judging import submit_safely

        self.session.lang = lang = self.lang
        verdict = submit_safely(self.session, box.item.id, text, lang)
        self.app.call_from_thread(self._judged, box, verdict)

    def show_progress(self) -> None:
        """The item's saved state, and the summary's saved total, as they are now."""
        if self.session is None:
            return
        self.session.refresh()
        if self.session.finished:
            self.show_summary()
        elif self.box is not None and not self.box.checking:
            self.box.show_record(self.session.state(self.box.item.id))
            self._render_header()
            self.refresh_bindings()

    def _judged(self, box: AnswerBox, verdict: Any) -> None:
        state = self.session.state(box.item.id)
        was_closed = box.closed
        saved = self.note_saved(self.session)
        box.show_record(state)
        box.show_verdict(verdict, practice=state.practice, saved=saved)
        if state.outcome == "failed" and not state.practice:
            box.show_out_of_attempts()
        if state.closed and not was_closed:  # closed by this answer: n moves on
            self.focus_page()
        self._render_header()
        self.refresh_bindings()
        self.app.progress_changed()

    @on(SelfCheckBox.RevealRequested)
    def _reveal_model_answer(self, event: SelfCheckBox.RevealRequested) -> None:
        """The model answer; asked first if it gives another open item away."""
        session, box = self.session, event.box
        session.lang = self.lang
        steps = session.solution_steps(box.item)
        stake = session.reveal_stake(steps)

        def show() -> None:
            box.show_model_answer(steps_markdown(steps, self.lang))

        if not stake:
            show()
            return

        def answered(agreed: bool | None) -> None:
            if agreed:
                session.give_up_revealed(steps)
                self.note_saved(session)
                show()
                self.app.progress_changed()

        items = session.items_named(stake.item_ids)
        self.app.push_screen(ConfirmGiveUp(items, reason=("ui.confirm.model", {})), answered)

    @on(SelfCheckBox.Assessed)
    def _self_assessed(self, event: SelfCheckBox.Assessed) -> None:
        if self.session.finished:
            return
        if not self.session.state().closed:
            self.session.self_assess(event.matched)
        saved = self.note_saved(self.session)
        event.box.show_assessed(event.matched, saved=saved)
        event.box.show_record(self.session.state(event.box.item.id))
        self._render_header()
        self.refresh_bindings()
        self.app.progress_changed()

    # keys ---------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        session = self.session
        if session is None:
            return True
        if action == "review":
            return session.finished  # hidden until the end: an 80-column footer has no room
        if action in ("hint", "solution", "skip", "next") and session.finished:
            return False  # nothing left to answer: hide these keys
        if action == "hint" and session.hints_left <= 0:
            return None
        if action == "skip" and session.state().closed:
            return None
        return True

    def action_next(self) -> None:
        """Move on (an item left open stays unanswered and goes on the review list)."""
        self.session.advance()
        self.show_current()
        self.refresh_bindings()

    def action_skip(self) -> None:
        self.session.skip()
        self.show_current()
        self.refresh_bindings()

    def action_hint(self) -> None:
        hint = self.session.next_hint()
        self.note_saved(self.session)
        if hint is not None and self.box is not None:
            self.box.show_hints(self.session.state().hints_used)
            self.box.focus_answer()  # the hint is read to answer: the cursor waits in the box
        self._render_header()
        self.refresh_bindings()
        self.app.progress_changed()

    def action_solution(self) -> None:
        """The current item's solution; on an open item, asked first (it is then given up)."""
        session = self.session
        if session.give_up_stake() is None:  # closed already: the solution costs nothing
            self._show_solution()
            return
        items = session.items_named(session.give_up_items())

        def answered(show: bool | None) -> None:
            if show and not session.finished:
                self._show_solution()

        self.app.push_screen(ConfirmGiveUp(items), answered)

    def _show_solution(self) -> None:
        session = self.session
        was_closed = session.state().closed
        steps = session.give_up()
        self.note_saved(session)
        lang = self.lang
        solution = self.query_one("#quiz-solution", Markdown)
        solution.update(f"## {t('show.solution', lang)}\n\n{steps_markdown(steps, lang)}")
        solution.display = True
        if self.box is not None:
            if not was_closed:
                self.box.show_given_up()
            self.box.show_record(session.state(self.box.item.id))
        self.focus_page()
        self._render_header()
        self.refresh_bindings()
        self.app.progress_changed()

    def action_review(self) -> None:
        self.review = True
        self.start_item = None
        self.start()
        self.refresh_bindings()

    def action_back(self) -> None:
        self.app.go_back()


def outcome_text(outcome: str, lang: str) -> str:
    """How an item ended, in the words every other screen uses for its status.

    A closed item (solved, failed, given up) reads as its status does on the
    question screen and the home table ("✗ not solved"); only the quiz's own
    outcomes (skipped, not answered) have words of their own.
    """
    from tutor.progress import CLOSED

    if outcome in CLOSED:
        return status_text(outcome, lang, of="item")
    return t(f"ui.outcome.{outcome}", lang)
