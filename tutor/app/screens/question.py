"""One question: statement and step-by-step derivation, quiz items, plot and lab tabs."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Input, Markdown, Static, TabbedContent, TabPane

from tutor.app.bindings import localize_tree
from tutor.app.markdown import statement_markdown, steps_markdown
from tutor.app.screens.base import STYLES, TutorScreen
from tutor.app.widgets.answer_box import AnswerBox
from tutor.app.widgets.answer_boxes import answer_box_for
from tutor.app.widgets.derivation import Derivation
from tutor.app.widgets.key_footer import KeyFooter
from tutor.app.widgets.question_page import QuestionPage
from tutor.app.widgets.self_check_box import SelfCheckBox
from tutor.app.widgets.title_bar import TitleBar
from tutor.content.models import Question
from tutor.i18n import t

if TYPE_CHECKING:
    from textual.widget import AwaitMount

TABS = ("question", "quiz", "plot", "lab")
#: what holds the keyboard on each tab (a CSS selector)
FOCUS_ON_TAB = {
    "question": "QuestionPage",
    "quiz": "AnswerInput",
    "plot": "TanhPlot",
    "lab": "LabPanel",
}


class QuestionScreen(TutorScreen):
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
        q, lang = self.question, self.lang
        yield TitleBar()
        with TabbedContent(id="tabs", initial=self.start_tab or "question"):
            with (
                TabPane(t("ui.tab.question", lang), id="question"),
                QuestionPage(id="question-scroll", classes="page"),
            ):
                yield Markdown(self._statement(lang), id="statement")
            with TabPane(t("ui.tab.quiz", lang), id="quiz"):
                yield VerticalScroll(id="quiz-scroll", classes="page")
            if "tanh" in q.plots:
                yield TabPane(t("ui.tab.plot", lang), id="plot")
            if q.lab:
                yield TabPane(t("ui.tab.lab", lang), id="lab")
        yield KeyFooter(compact=True)

    def _statement(self, lang: str) -> str:
        q = self.question
        return f"## {q.number}. {q.title[lang]}\n\n{statement_markdown(q, lang)}"

    def on_mount(self) -> None:
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
        mounting = [page.mount(Derivation(q, lang, id="derivation"))]
        items = self.items()
        boxes = [
            answer_box_for(
                item,
                lang,
                status=self.app.progress.item_status(item.id),
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
        active = self.query_one(TabbedContent).active
        mounting.append(self._fill_tab(active))
        for mounted in mounting:
            if mounted is not None:
                await mounted
        self._focus_tab(active)
        self.refresh_bindings()

    def _fill_tab(self, tab: str) -> AwaitMount | None:
        """The plot and the lab are built the first time their tab is shown."""
        pane = self.query_one(f"TabPane#{tab}", TabPane)
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
        self.query_one("#statement", Markdown).update(self._statement(lang))
        tabs = self.query_one(TabbedContent)
        for pane in self.query(TabPane):
            tabs.get_tab(pane.id or "").label = t(f"ui.tab.{pane.id}", lang)
        for derivation in self.query(Derivation):
            derivation.set_lang(lang)
        for box in self.query(AnswerBox):
            box.set_lang(lang)
        for widget in self.query(".-localized"):
            widget.set_lang(lang)  # type: ignore[attr-defined]

    def show_progress(self) -> None:
        """Each item's status as saved (it may have been answered in quiz mode meanwhile)."""
        progress = self.app.progress
        for box in self.query(AnswerBox):
            status = progress.item_status(box.item.id)
            if status != box.status and not box.checking:
                box.set_status(status)
        self.refresh_bindings()

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

    @on(TabbedContent.TabActivated)
    def _tab_changed(self, event: TabbedContent.TabActivated) -> None:
        tab = event.pane.id or "question"
        if self.query(Derivation):  # filled (else _fill builds and focuses it)
            self._fill_tab(tab)
            self.call_after_refresh(self._focus_tab, tab)
        self.refresh_bindings()

    def show_tab(self, tab: str) -> None:
        """Bring ``tab`` forward; the focus follows (see :meth:`_focus_tab`)."""
        tabs = self.query_one(TabbedContent)
        if tabs.active != tab:
            tabs.active = tab
        else:
            self._focus_tab(tab)

    def action_tab(self, tab: str) -> None:
        self.show_tab(tab)

    def action_escape(self) -> None:
        """Out of the answer box onto its page (arrows then scroll, letters act); else back."""
        if isinstance(self.focused, Input):
            self.query_one("#quiz-scroll").focus()
            self.refresh_bindings()
        else:
            self.action_back()

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
            return bool(self.query(f"TabPane#{parameters[0]}"))
        if action in ("hint", "solution"):
            box = self.current_box
            if box is None or box.given_up or box.status == "solved":
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
        return self.sessions[item.id]

    @on(AnswerBox.Focused)
    def _box_focused(self, event: AnswerBox.Focused) -> None:
        self.current_box = event.box
        self.app.progress.set_last_question(self.number, event.box.item.id)
        self.refresh_bindings()

    @on(AnswerBox.Submitted)
    def _submitted(self, event: AnswerBox.Submitted) -> None:
        self.current_box = event.box
        if self.session_for(event.box.item).state(event.box.item.id).closed:
            event.box.checking = False
            event.box.show_out_of_attempts()
            return
        self.check(event.box, event.text)

    @work(thread=True, exclusive=False, group="check")
    def check(self, box: AnswerBox, text: str) -> None:
        """The first check may import numpy and sympy: never on the UI thread."""
        from tutor.app.judging import submit_safely

        session = self.session_for(box.item)
        session.lang = lang = self.lang
        verdict = submit_safely(session, box.item.id, text, lang)
        self.app.call_from_thread(self._judged, box, verdict)

    def _judged(self, box: AnswerBox, verdict: Any) -> None:
        box.show_verdict(verdict)
        if self.session_for(box.item).state(box.item.id).outcome == "failed":
            box.show_out_of_attempts()
        if verdict.correct:
            box.set_status("solved")
        elif box.status == "not-started" and verdict.status != "error":
            box.set_status("in-progress")
        self.app.progress_changed()
        self.refresh_bindings()

    @on(SelfCheckBox.RevealRequested)
    def _reveal_model_answer(self, event: SelfCheckBox.RevealRequested) -> None:
        self.current_box = event.box
        session = self.session_for(event.box.item)
        session.lang = self.lang
        event.box.show_model_answer(
            steps_markdown(session.solution_steps(event.box.item), self.lang)
        )

    @on(SelfCheckBox.Assessed)
    def _self_assessed(self, event: SelfCheckBox.Assessed) -> None:
        box = event.box
        session = self.session_for(box.item)
        if not session.state(box.item.id).closed:
            session.self_assess(event.matched)
        box.show_assessed(event.matched)
        box.set_status("solved" if event.matched else "in-progress")
        self.app.progress_changed()
        self.refresh_bindings()

    def action_hint(self) -> None:
        box = self.current_box
        if box is None:
            return
        hint = self.session_for(box.item).next_hint()
        if hint is None:
            self.notify(t("ui.answer.no_more_hints", self.lang))
            return
        box.add_hint(hint)
        self.app.progress_changed()
        self.show_tab("quiz")
        box.focus_answer()  # the hint is read to answer: the cursor waits in the box
        self.refresh_bindings()

    def action_solution(self) -> None:
        """Show the steps of the current item's part; the item then counts as given up."""
        box = self.current_box
        if box is None:
            return
        self.session_for(box.item).give_up()
        box.show_given_up()
        box.set_status("given-up")
        self.app.progress_changed()
        for derivation in self.query(Derivation):
            derivation.reveal_part(box.item.part)
        self.action_tab("question")  # the page takes the focus: ←/→ walk the steps
        self.refresh_bindings()


def _box_id(item_id: str) -> str:
    return "item-" + item_id.replace(".", "_")
