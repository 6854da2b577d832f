"""Practice and spaced review: fresh variants one at a time, with hints, verdicts and worked solutions.

The engine decides everything (:class:`~tutor.practice.session.VariantSession`
judges, records and rates; :class:`~tutor.practice.review.ReviewSchedule` says
what is due); this screen shows it and forwards keys. In practice mode the
variants come from the chosen families in turn (from ``seed`` on, or fresh
seeds); in review mode from the families due now, then today's new ones.
The worked solution appears only once the variant is closed: solved, out of
tries, or given up with ``s``. Nothing here changes the homework's points.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar, Literal

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

from tutor.app.bindings import localize_tree
from tutor.app.markdown import steps_markdown, terminal_markdown
from tutor.app.screens.base import STYLES, TutorScreen
from tutor.app.widgets.answer_box import AnswerBox
from tutor.app.widgets.key_footer import KeyFooter
from tutor.app.widgets.prose import Prose
from tutor.app.widgets.title_bar import TitleBar
from tutor.app.widgets.variant_box import VariantBox
from tutor.i18n import t

Mode = Literal["practice", "review"]


class PracticeScreen(TutorScreen):
    PAGE = "#practice-body"
    CSS_PATH: ClassVar[list[str | Path]] = [STYLES / "answer.tcss", STYLES / "practice.tcss"]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "next", "Next variant", id="practice.next"),
        Binding("h", "hint", "Hint", id="practice.hint"),
        Binding("s", "solution", "Solution", id="practice.solution"),
        Binding("escape", "escape", "Leave the answer box, else back", id="practice.escape", show=False),
        Binding("q", "back", "Back", id="practice.back"),
    ]

    def __init__(
        self,
        mode: Mode = "practice",
        *,
        families: list[str] | None = None,
        seed: int | None = None,
        title: str | None = None,
        clock: Any = None,
    ) -> None:
        super().__init__(id=f"{mode}-screen")
        self.mode: Mode = mode
        self.family_ids = families
        self.seed = seed
        self.heading = title
        self.clock = clock
        self.session: Any = None
        self.box: VariantBox | None = None
        self.queue: Any = None
        self.schedule: Any = None
        #: review: families passed over in this run (left unanswered, or not saved)
        self.passed: set[str] = set()
        self.count = 0
        self.new_ids: set[str] = set()
        self.nothing_due = False

    def compose(self) -> ComposeResult:
        # The first variant is part of the first frame (``dltutor review`` paints it at once).
        self._prepare()
        first = self._pick()
        if first is not None:
            self._start(first)
        yield TitleBar()
        yield Static(markup=False, id="practice-header")
        with VerticalScroll(id="practice-body", classes="page"):
            if self.box is not None:
                yield self.box
            yield Static(markup=False, id="practice-outcome")
            yield Prose(id="practice-solution")
            yield Static(markup=False, id="practice-empty")
        yield Static(markup=False, id="practice-prompt", classes="prompt")
        yield KeyFooter(compact=True)

    @property
    def lang(self) -> str:
        return self.app.lang

    def _prepare(self) -> None:
        from tutor.practice.review import system_clock

        self.clock = self.clock or system_clock
        self.families: dict[str, Any] = {}
        if self.mode == "review":
            from tutor.practice.review import ReviewSchedule

            # families are read as they are needed (see _due): the first frame waits on them
            self.schedule = ReviewSchedule(self.app.progress.store, clock=self.clock)
            return
        from tutor.practice import load_families
        from tutor.practice.session import VariantQueue

        families = load_families(self.app.course)
        self.families = {f.id: f for f in families}
        chosen = [self.families[i] for i in self.family_ids or [] if i in self.families]
        self.queue = VariantQueue(chosen or list(families), seed=self.seed)

    def on_mount(self) -> None:
        localize_tree(self, self.lang)
        self.query_one("#practice-solution", Prose).display = False
        self.query_one("#practice-outcome", Static).display = False
        if self.session is None:
            self.show_nothing_due()
        else:
            self.query_one("#practice-empty", Static).display = False
            self._show_state()

    # the variants ---------------------------------------------------------------

    def _due(self) -> tuple[list[str], list[str]]:
        """Review: the families due now and the new ones for today, less those passed over.

        Only the questions concerned have their families read: those of the due cards,
        and those closed in the homework (whose families may be introduced).
        """
        from tutor.practice import families_in
        from tutor.practice.review import met_questions, question_items

        schedule = self.schedule
        store = self.app.progress.store
        cards = schedule.cards()
        due_cards = schedule.due_cards(cards)
        progress = store.load() if store is not None else None
        items = question_items(self.app.progress.items())
        met = met_questions(progress, items) if progress is not None else set()
        numbers = {int(c.family_id.split(".", 1)[0]) for c in due_cards if c.family_id[:1].isdigit()}
        self.families.update((f.id, f) for f in families_in(numbers | met, self.app.course))
        due = [c.family_id for c in due_cards if c.family_id in self.families]
        new = [] if not met else schedule.new_families(
            [f for f in self.families if int(f.split(".", 1)[0]) in met], progress, items, cards)
        return ([f for f in due if f not in self.passed], [f for f in new if f not in self.passed])

    def _pick(self) -> Any:
        """The next variant, or None when nothing is due (review)."""
        from tutor.practice.seeds import fresh_seed

        if self.mode != "review":
            return self.queue.next() if self.queue.families else None
        due, new = self._due()
        self.new_ids = set(new) - set(due)
        queue = due + new
        if not queue:
            return None
        self.due_left = len(queue)
        return self.families[queue[0]].variant(fresh_seed())

    def _start(self, variant: Any) -> None:
        """A session and an answer box for ``variant`` (the caller mounts the box)."""
        from tutor.practice.session import VariantSession

        self.count += 1
        self.nothing_due = False
        self.session = VariantSession(variant, kind=self.mode, lang=self.lang,
                                      store=self.app.progress.store, clock=self.clock)
        self.box = VariantBox(variant, self.lang, interpret=self._interpret, autofocus=True)

    def _interpret(self, item: Any, text: str, lang: str) -> Any:
        """The live echo's reader, loaded when the student first types (not for the first frame)."""
        interpret = self.app.interpret
        if interpret is None:
            raise LookupError("the checker's reader is not installed")  # the echo stays quiet
        return interpret(item, text, lang)

    def next_variant(self) -> None:
        """Leave the current variant (rated only if answered) and show the next one."""
        if self.session is not None:
            self.session.leave()
            if self.mode == "review" and self.session.card is None:
                self.passed.add(self.session.family)
        if self.box is not None:
            self.box.remove()
            self.box = None
        self.query_one("#practice-solution", Prose).display = False
        self.query_one("#practice-outcome", Static).display = False
        variant = self._pick()
        if variant is None:
            self.show_nothing_due()
            return
        self.query_one("#practice-empty", Static).display = False
        self._start(variant)
        self.query_one("#practice-body").mount(self.box, before=0)
        self._show_state()
        self.refresh_bindings()

    def show_nothing_due(self) -> None:
        from tutor.practice.when import due_text

        self.session = None
        self.nothing_due = True
        summary = self.schedule.summary() if self.schedule is not None else None
        if summary is None:  # practice, and the content has no variant families
            text = t("ui.practice.none", self.lang)
        elif summary.next_due is None and self.count == 0:
            text = t("review.nothing_yet", self.lang)
        elif summary.due_now:  # the ones left unanswered in this run are still due
            text = t("ui.review.done_skipped", self.lang, n=self.count, skipped=summary.due_now)
        else:
            when = due_text(summary.next_due, self.schedule.now(), self.lang)
            key = "review.nothing_due" if self.count == 0 else "ui.review.done"
            text = t(key, self.lang, when=when, n=self.count)
        empty = self.query_one("#practice-empty", Static)
        empty.update(text)
        empty.display = True
        self.query_one("#practice-body").focus()
        self._show_state()
        self.refresh_bindings()

    # showing ------------------------------------------------------------------------

    def _show_state(self) -> None:
        lang = self.lang
        header = self.query_one("#practice-header", Static)
        prompt = self.query_one("#practice-prompt", Static)
        if self.session is None:
            header.update(t(f"ui.{self.mode}.title", lang))
            prompt.update(t("ui.practice.prompt_done", lang))
            return
        variant = self.session.variant
        family = self.families.get(variant.family)
        idea = family.idea[lang] if family else ""
        if self.mode == "review":
            new = t("ui.review.new", lang) if variant.family in self.new_ids else ""
            header.update(t("ui.review.header", lang, k=self.count, left=self.due_left, new=new, idea=idea))
        else:
            header.update(t("ui.practice.header", lang, k=self.count, idea=idea))
        if self.box is not None:
            self.box.set_state(self._state_text())
        closed = self.session.closed is not None
        prompt.update(t("ui.practice.prompt_closed" if closed else "ui.practice.prompt", lang))

    def _state_text(self) -> str:
        session, lang = self.session, self.lang
        if session.closed is None:
            return t("ui.practice.tries_left", lang, n=session.tries_left)
        return t(f"ui.practice.closed.{session.closed}", lang)

    def _show_outcome(self) -> None:
        """How the variant was rated and when its family comes back; the solution if not solved."""
        from tutor.practice.rating import RATING_NAMES
        from tutor.practice.review import parse_time
        from tutor.practice.when import due_text

        session, lang = self.session, self.lang
        outcome = self.query_one("#practice-outcome", Static)
        rating = t(f"review.rating.{RATING_NAMES[session.rating]}", lang) if session.rating else ""
        if session.card is not None:
            when = due_text(parse_time(session.card.due), self.clock(), lang)
            outcome.update(t("ui.practice.rated", lang, rating=rating, when=when))
        elif session.save_error is not None:
            outcome.update(t("progress.not_saved", lang, error=session.save_error.message(lang)))
        else:
            outcome.update(rating)
        outcome.display = True
        if session.closed != "solved":
            self.show_solution()
        self.call_after_refresh(outcome.scroll_visible, animate=False)

    def show_solution(self) -> None:
        session, lang = self.session, self.lang
        answer = t("quiz.model_answer", lang, text=terminal_markdown(session.model_answer(), lang))
        solution = self.query_one("#practice-solution", Prose)
        solution.update(f"{answer}\n\n## {t('show.solution', lang)}\n\n{steps_markdown(session.solution(), lang)}")
        solution.display = True

    def apply_lang(self, lang: str) -> None:
        if self.session is not None:
            self.session.lang = lang
        if self.box is not None:
            self.box.set_lang(lang)
        if self.nothing_due:
            self.show_nothing_due()
            return
        self._show_state()
        if self.session is not None and self.session.closed is not None:
            self._show_outcome()
            if self.query_one("#practice-solution", Prose).display or self.session.closed != "solved":
                self.show_solution()

    # answering ---------------------------------------------------------------------------

    @on(AnswerBox.Submitted)
    def _submitted(self, event: AnswerBox.Submitted) -> None:
        if self.session is None or self.session.closed is not None:
            event.box.checking = False
            return
        self.check(event.box, event.text)

    @work(thread=True, group="check")
    def check(self, box: AnswerBox, text: str) -> None:
        """The first check may import numpy and sympy: never on the UI thread."""
        from tutor.app.judging import submit_safely

        session = self.session
        session.lang = self.lang
        verdict = submit_safely(session, box.item.id, text, self.lang)
        self.app.call_from_thread(self._judged, session, box, verdict)

    def _judged(self, session: Any, box: AnswerBox, verdict: Any) -> None:
        if session is not self.session or not box.is_attached:
            return  # moved on meanwhile
        box.show_verdict(verdict)
        if session.closed is not None:
            box.close_answer()
            self._show_outcome()
            self.focus_page()
        self._show_state()
        self.refresh_bindings()

    # keys -----------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        session = self.session
        if action in ("hint", "solution") and session is None:
            return False
        if action == "next" and self.nothing_due:
            return False
        if action == "hint" and (session.closed is not None
                                 or session.hints_used >= len(session.variant.item.hints)):
            return None
        if action == "solution" and self.query_one("#practice-solution", Prose).display:
            return None
        return True

    def action_next(self) -> None:
        self.next_variant()

    def action_hint(self) -> None:
        hint = self.session.next_hint()
        if hint is not None and self.box is not None:
            self.box.add_hint(terminal_markdown(hint, self.lang))
            self.box.focus_answer()
        self.refresh_bindings()

    def action_solution(self) -> None:
        """Show the worked solution: gives the variant up (not recalled) if it is still open."""
        session = self.session
        if session.closed is None:
            session.give_up()
            if self.box is not None:
                self.box.show_given_up()
                self.box.close_answer()
            self._show_outcome()
        else:
            self.show_solution()
        self.focus_page()
        self._show_state()
        self.refresh_bindings()

    def action_back(self) -> None:
        if self.session is not None:
            self.session.leave()
        self.app.go_back()
