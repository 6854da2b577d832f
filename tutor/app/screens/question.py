"""One question: statement and step-by-step derivation, quiz items, plot and lab tabs.

Reading a solution step that states an open item's answer, or the solution of
an open item (``s``), gives that item up: the screen asks first
(:class:`~tutor.app.screens.confirm_give_up.ConfirmGiveUp`) and records the
give-up through the item's quiz session before anything is shown.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from tutor.app.bindings import localize_tree
from tutor.app.markdown import statement_markdown, steps_markdown
from tutor.app.screens.base import STYLES, TutorScreen
from tutor.app.widgets.key_footer import KeyFooter
from tutor.app.widgets.prose import Prose
from tutor.app.widgets.question_page import QuestionPage
from tutor.app.widgets.tab_strip import TabStrip
from tutor.app.widgets.title_bar import TitleBar
from tutor.content.models import Question, Step
from tutor.i18n import t

if TYPE_CHECKING:
    from textual.widget import AwaitMount

    from tutor.app.widgets.answer_box import AnswerBox
    from tutor.app.widgets.derivation import Derivation
    from tutor.app.widgets.self_check_box import SelfCheckBox

TABS = ("question", "quiz", "plot", "lab")
#: what holds the keyboard on each tab (a CSS selector)
FOCUS_ON_TAB = {
    "question": "QuestionPage",
    "quiz": "AnswerInput",
    "plot": "TanhPlot",
    "lab": "LabPanel",
}


class QuestionScreen(TutorScreen):

    PAGE = "#quiz-scroll"
    CSS_PATH: ClassVar[list[str | Path]] = [STYLES / "question.tcss", STYLES / "answer.tcss"]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "next_question", "Next question", id="question.next"),
        Binding("p", "previous_question", "Previous", id="question.previous"),
        Binding("h", "hint", "Hint", id="question.hint"),
        Binding("s", "solution", "Solution", id="question.solution"),
        Binding("1", "tab('question')", "Question", id="question.tab_question", show=False),
        Binding("2", "tab('quiz')", "Quiz", id="question.tab_quiz", show=False),
        Binding("3", "tab('plot')", "Plot", id="question.tab_plot", show=False),
        Binding("4", "tab('lab')", "Lab", id="question.tab_lab", show=False),
        Binding("escape", "escape", "Leave the answer box, else back", id="question.escape", show=False),
        Binding("q", "back", "Back", id="question.back"),
    ]

    def __init__(self, number: int, *, tab: str | None = None) -> None:
        super().__init__(id=f"question-{number}")
        self.number = number
        self.start_tab = tab
        # Where the keyboard is when the screen opens (Textual's default: the tab strip).
        self.AUTO_FOCUS = FOCUS_ON_TAB.get(tab or "question", "*")
        self.sessions: dict[str, Any] = {}
        self.current_box: AnswerBox | None = None
        #: items the student agreed to give up here (a step or solution was shown for them)
        self.given_up_here: set[str] = set()
        #: the steps and answer boxes are mounted and the keyboard is where it belongs
        self.filled = False

    @property
    def question(self) -> Question:
        question = self.app.course.question(self.number)
        assert question is not None  # the app opens only questions that exist
        return question

    @property
    def lang(self) -> str:
        return self.app.lang

    def items(self) -> list[Any]:
        return [item for item in self.app.progress.items() if item.question == self.number]

    def compose(self) -> ComposeResult:
        """The statement and the footer only: what the first frame must show.

        The solution steps, the answer boxes, the plot and the lab are mounted
        just after it (:meth:`_fill`, :meth:`_fill_tab`): below the statement or on
        other tabs, so nothing already painted moves. The checker, numpy and
        plotext load then, not before the student can read.
        """
        lang = self.lang
        tabs = self.tab_ids()
        active = self.start_tab if self.start_tab in tabs else "question"
        yield TitleBar()
        yield TabStrip([(tab, t(f"ui.tab.{tab}", lang)) for tab in tabs], active, id="tabs")
        with Vertical(id="question", classes="tab-pane"), QuestionPage(
            id="question-scroll", classes="page"
        ):
            yield Prose(self._statement(lang), id="statement")
        with Vertical(id="quiz", classes="tab-pane"):
            yield VerticalScroll(id="quiz-scroll", classes="page")
        for tab in tabs[2:]:
            yield Vertical(id=tab, classes="tab-pane")
        yield KeyFooter(compact=True)

    def tab_ids(self) -> list[str]:
        """The screen's tabs: the question and the answers, then the plot and the lab if any."""
        q = self.question
        return ["question", "quiz"] + ["plot"] * ("tanh" in q.plots) + ["lab"] * bool(q.lab)

    def _statement(self, lang: str) -> str:
        q = self.question
        return f"## {q.number}. {q.title[lang]}\n\n{statement_markdown(q, lang)}"

    def on_mount(self) -> None:
        self._show_pane(self.query_one(TabStrip).active)
        localize_tree(self, self.app.lang)
        self.sub_title = f"{self.question.number}. {self.question.title[self.lang]}"
        self.call_after_refresh(self._fill)

    async def _fill(self) -> None:
        """After the first frame: the steps under the statement, the answer boxes, the open tab.

        The position ("continue" opens this question) is saved here too: a locked,
        fsynced write has no business before the statement is on screen.
        """
        page = self.query_one(QuestionPage)
        if not page.is_attached:  # the screen was closed before its first frame was out
            return
        self.app.progress.set_last_question(self.number)
        q, lang = self.question, self.lang
        from tutor.app.widgets.answer_boxes import answer_box_for
        from tutor.app.widgets.derivation import Derivation

        mounting = [page.mount(Derivation(q, lang, withheld=self._withheld, id="derivation"))]
        items = self.items()
        boxes = [
            answer_box_for(
                item,
                lang,
                record=self.item_record(item),
                interpret=self.app.interpret,
                simplify=self.app.simplify,
                id=_box_id(item.id),
            )
            for item in items
        ]
        scroll = self.query_one("#quiz-scroll")
        if boxes:
            mounting.append(scroll.mount(*boxes))
        else:
            mounting.append(scroll.mount(Static(t("ui.no_items", lang), classes="prompt", markup=False)))
        self.current_box = next(
            (b for b in boxes if b.status != "solved"), boxes[0] if boxes else None
        )
        active = self.query_one(TabStrip).active
        mounting.append(self._fill_tab(active))
        for mounted in mounting:
            if mounted is not None:
                await mounted
        self._focus_tab(active)
        self.refresh_bindings()
        self.filled = True

    def _fill_tab(self, tab: str) -> AwaitMount | None:
        """The plot and the lab are built the first time their tab is shown."""
        pane = self.query_one(f"#{tab}.tab-pane")
        if pane.children or not pane.is_attached:
            return None
        lang = self.lang
        if tab == "plot":
            from tutor.app.widgets.tanh_plot import TanhPlot

            return pane.mount(TanhPlot(lang, id="tanh-plot"))
        if tab == "lab" and self.question.lab:
            from tutor.app.widgets.lab_panel import LabPanel

            return pane.mount(LabPanel(self.question.lab, lang, id="lab-panel"))
        return None

    def apply_lang(self, lang: str) -> None:
        q = self.question
        self.sub_title = f"{q.number}. {q.title[lang]}"
        self.query_one("#statement", Prose).update(self._statement(lang))
        self.query_one(TabStrip).set_labels({tab: t(f"ui.tab.{tab}", lang) for tab in self.tab_ids()})
        for derivation in self.query("Derivation"):
            derivation.set_lang(lang)
        for box in self.query("AnswerBox"):
            box.set_lang(lang)
        for widget in self.query(".-localized"):
            widget.set_lang(lang)  # type: ignore[attr-defined]

    def show_progress(self) -> None:
        """Each item's state as saved (it may have been answered in quiz mode meanwhile)."""
        for session in self.sessions.values():
            session.refresh()
        self._show_records()

    # tabs and focus -------------------------------------------------------------

    def _focus_tab(self, tab: str) -> None:
        """Where the keyboard goes on each tab: the steps, the answer box, the plot, the lab."""
        if tab == "question":
            self.query_one(QuestionPage).focus()
        elif tab == "quiz":
            box = self.current_box
            if box is not None:
                box.focus_answer()
            else:
                self.query_one("#quiz-scroll").focus()
        elif tab == "plot":
            for plot in self.query("#tanh-plot"):
                plot.focus()
        elif tab == "lab":
            for lab in self.query("#lab-panel"):
                lab.focus()

    def _show_pane(self, tab: str) -> None:
        # a class, not ``display``: the too-small notice hides every pane through CSS
        for pane in self.query(".tab-pane"):
            pane.set_class(pane.id != tab, "-inactive")

    def on_tab_strip_activated(self, event: TabStrip.Activated) -> None:
        tab = event.tab
        self._show_pane(tab)
        if self.filled:  # else _fill builds and focuses it
            self._fill_tab(tab)
            self.call_after_refresh(self._focus_tab, tab)
        self.refresh_bindings()

    @property
    def active_tab(self) -> str:
        return self.query_one(TabStrip).active

    def show_tab(self, tab: str) -> None:
        """Bring ``tab`` forward; the focus follows (see :meth:`_focus_tab`)."""
        strip = self.query_one(TabStrip)
        if tab not in strip.ids:
            return
        if strip.active != tab:
            strip.active = tab
        else:
            self._focus_tab(tab)

    def action_tab(self, tab: str) -> None:
        self.show_tab(tab)

    # navigation -------------------------------------------------------------

    def _neighbour(self, step: int) -> int | None:
        numbers = [q.number for q in self.app.course]
        index = numbers.index(self.number) + step
        return numbers[index] if 0 <= index < len(numbers) else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "next_question":
            return True if self._neighbour(1) is not None else None
        if action == "previous_question":
            return True if self._neighbour(-1) is not None else None
        if action == "tab":
            return parameters[0] in self.tab_ids()
        if action in ("hint", "solution"):
            box = self.current_box
            if box is None:
                return None
            if action == "hint" and len(box.hints) >= len(box.item.hints):
                return None
        return True

    def action_next_question(self) -> None:
        number = self._neighbour(1)
        if number is not None:
            self.app.open_question(number)

    def action_previous_question(self) -> None:
        number = self._neighbour(-1)
        if number is not None:
            self.app.open_question(number)

    def action_back(self) -> None:
        self.app.go_back()

    # the quiz -----------------------------------------------------------------

    def session_for(self, item: Any) -> Any:
        """One session per item: the student answers this question's items in any order."""
        if item.id not in self.sessions:
            from tutor.quiz.session import QuizSession

            store = self.app.progress.store
            self.sessions[item.id] = QuizSession(
                [item],
                lang=self.lang,
                store=store,
                checker=self.app.checker,
                course=self.app.course,
            )
            self.note_saved(self.sessions[item.id])
        session = self.sessions[item.id]
        session.lang = self.lang
        return session

    def item_record(self, item: Any) -> Any:
        """The item's state as this screen knows it: its session's (which may hold what could
        not be saved), else the app's saved progress."""
        session = self.sessions.get(item.id)
        if session is not None:
            return session.state(item.id)
        return self.app.progress.item_record(item.id)

    def item_closed(self, item_id: str) -> bool:
        if item_id in self.given_up_here:
            return True
        item = self._item(item_id)
        from tutor.progress import CLOSED

        return item is not None and self.item_record(item).status in CLOSED

    def _item(self, item_id: str) -> Any | None:
        return next((i for i in self.app.progress.items() if i.id == item_id), None)

    def _items_revealed(self, steps: Sequence[Step]) -> list[Any]:
        """The open items (course order) that showing ``steps`` would give away now."""
        revealed = {item_id for step in steps for item_id in step.reveals}
        return [
            item
            for item in self.app.progress.items()
            if item.id in revealed and not self.item_closed(item.id)
        ]

    def _withheld(self, step: Step) -> tuple[str, ...]:
        return tuple(item.id for item in self._items_revealed((step,)))

    def _show_records(self) -> None:
        """Every box and the steps as the items stand now (after a give-up or a save elsewhere)."""
        for box in self.query("AnswerBox"):
            if not box.checking:
                box.show_record(self.item_record(box.item))
        for derivation in self.query("Derivation"):
            derivation.refresh_steps()
        self.refresh_bindings()

    def on_answer_box_focused(self, event: AnswerBox.Focused) -> None:
        self.current_box = event.box
        self.session_for(event.box.item)  # its answers' seconds count from the first focus
        self.app.progress.set_last_question(self.number, event.box.item.id)
        self.refresh_bindings()

    def on_answer_box_submitted(self, event: AnswerBox.Submitted) -> None:
        self.current_box = event.box
        self.check(event.box, event.text)

    @work(thread=True, exclusive=False, group="check")
    def check(self, box: AnswerBox, text: str) -> None:
        """The first check may import numpy and sympy: never on the UI thread."""
        from tutor.app.judging import submit_safely

        session = self.session_for(box.item)
        verdict = submit_safely(session, box.item.id, text, session.lang)
        self.app.call_from_thread(self._judged, box, verdict)

    def _judged(self, box: AnswerBox, verdict: Any) -> None:
        session = self.session_for(box.item)
        state = session.state(box.item.id)
        saved = self.note_saved(session)
        box.show_record(state)
        box.show_verdict(verdict, practice=state.practice, saved=saved)
        if state.outcome == "failed" and not state.practice:
            box.show_out_of_attempts()
        self.app.progress_changed()
        self.refresh_bindings()

    def on_self_check_box_reveal_requested(self, event: SelfCheckBox.RevealRequested) -> None:
        """The model answer of a self-check item: asked first if it gives another item away."""
        box = event.box
        self.current_box = box
        session = self.session_for(box.item)
        steps = session.solution_steps(box.item)

        def show() -> None:
            box.show_model_answer(steps_markdown(steps, self.lang))

        self.ask_before_showing(steps, show, reason=("ui.confirm.model", {}), declined=None)

    def on_self_check_box_assessed(self, event: SelfCheckBox.Assessed) -> None:
        box = event.box
        session = self.session_for(box.item)
        if not session.state(box.item.id).closed:
            session.self_assess(event.matched)
        saved = self.note_saved(session)
        box.show_assessed(event.matched, saved=saved)
        box.show_record(session.state(box.item.id))
        self.app.progress_changed()
        self.refresh_bindings()

    def action_hint(self) -> None:
        box = self.current_box
        if box is None:
            return
        session = self.session_for(box.item)
        hint = session.next_hint()
        self.note_saved(session)
        if hint is None:
            self.notify(t("ui.answer.no_more_hints", self.lang))
            return
        box.show_hints(session.state(box.item.id).hints_used)
        self.app.progress_changed()
        self.show_tab("quiz")
        box.focus_answer()  # the hint is read to answer: the cursor waits in the box
        self.refresh_bindings()

    # giving up: the solution, a step, a model answer -----------------------------

    def action_solution(self) -> None:
        """The steps of the current item's part; on an open item, asked first (it is then given up)."""
        box = self.current_box
        if box is None:
            return
        session = self.session_for(box.item)
        at_stake = [item for i in session.give_up_items(box.item) if (item := self._item(i))]
        if not at_stake:  # closed already: the solution costs nothing
            self._show_solution(box)
            return

        def answered(show: bool | None) -> None:
            if show:
                self._give_up(box)

        from tutor.app.screens.confirm_give_up import ConfirmGiveUp

        self.app.push_screen(ConfirmGiveUp(at_stake), answered)

    def _give_up(self, box: AnswerBox) -> None:
        session = self.session_for(box.item)
        closing = session.give_up_items(box.item)
        steps = session.give_up()
        self.note_saved(session)
        self.given_up_here.update(closing)
        for item_id in closing:  # the other items this solution gives away, as their sessions see it
            other = self.sessions.get(item_id)
            if other is not None and other is not session:
                other.give_up_revealed(steps)
                self.note_saved(other)
        box.show_given_up()
        self._after_give_up()
        self._show_solution(box)

    def _show_solution(self, box: AnswerBox) -> None:
        for derivation in self.query("Derivation"):
            derivation.reveal_part(box.item.part)
        self.action_tab("question")  # the page takes the focus: ←/→ walk the steps
        self.refresh_bindings()

    def on_derivation_reveal_requested(self, event: Derivation.RevealRequested) -> None:
        """→ or a onto steps that give an open item away: ask first; a no leaves them hidden."""
        derivation = event.derivation
        steps = derivation.steps[derivation.revealed : event.target]
        gated = [step.index for step in steps if self._withheld(step)]
        if len(gated) == 1:
            reason = ("ui.confirm.step", {"k": gated[0]})
        else:
            listed = ", ".join(map(str, gated[:-1])) + t("ui.confirm.and", self.lang) + str(gated[-1]) if gated else ""
            reason = ("ui.confirm.steps", {"steps": listed})

        def show() -> None:
            derivation.show_up_to(event.target)

        self.ask_before_showing(steps, show, reason=reason, declined=show)

    def ask_before_showing(
        self,
        steps: Sequence[Step],
        show: Callable[[], None],
        *,
        reason: tuple[str, dict[str, object]],
        declined: Callable[[], None] | None,
    ) -> None:
        """``show`` the steps at once if they give nothing open away; else ask, and on yes give
        those items up first. On no, ``declined`` (if any) runs instead: a step then stays hidden."""
        at_stake = self._items_revealed(steps)
        if not at_stake:
            show()
            return

        def answered(agreed: bool | None) -> None:
            if agreed:
                self._give_up_revealed(steps, at_stake)
                show()
            elif declined is not None:
                declined()

        from tutor.app.screens.confirm_give_up import ConfirmGiveUp

        self.app.push_screen(ConfirmGiveUp(at_stake, reason=reason), answered)

    def _give_up_revealed(self, steps: Sequence[Step], items: Sequence[Any]) -> None:
        """The student agreed: ``items`` are given up (through their sessions), then shown."""
        own = [item for item in items if item.question == self.number]
        # another question's item is recorded through one of ours: its session would
        # save that question as the place to continue from
        owners = own or [next(iter(self.items()), items[0])]
        self.given_up_here.update(item.id for item in items)
        for item in owners:
            session = self.session_for(item)
            session.give_up_revealed(steps)
            self.note_saved(session)
        self._after_give_up()

    def _after_give_up(self) -> None:
        for session in self.sessions.values():
            session.refresh()
        self._show_records()
        self.app.progress_changed()


def _box_id(item_id: str) -> str:
    return "item-" + item_id.replace(".", "_")
