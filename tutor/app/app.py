"""The Textual app: screens, app-wide keys, language, command palette.

Everything heavy (the question screen's Markdown, the checker, numpy, plotext)
loads after the home screen has painted, so the first frame comes quickly.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from textual import events, on
from textual.app import App
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.reactive import reactive

from tutor.app.bindings import localize_bindings, localize_tree
from tutor.app.sizes import MIN_HEIGHT, MIN_WIDTH, NARROW_WIDTH
from tutor.content import Course, load_course
from tutor.i18n import t

if TYPE_CHECKING:
    from textual.app import SystemCommand
    from textual.screen import Screen
    from textual.widget import Widget

    from tutor.app.progress_view import ProgressView

Mode = Literal["home", "quiz", "review", "practice", "stats"]
#: modes that open a screen of practice, spaced review or stats over the home screen
PRACTICE_MODES = ("review", "practice", "stats")

#: the only keys that act while the terminal is too small (the notice names them)
TOO_SMALL_KEYS = frozenset({"ctrl+q"})


class TutorApp(App[None]):
    """dltutor's interactive front end over the shared engine."""

    CSS_PATH = Path(__file__).with_name("app.tcss")  # absolute: subclasses may live elsewhere
    ENABLE_COMMAND_PALETTE = True
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1", "help", "Help", id="app.help"),
        Binding("question_mark", "help", "Help", id="app.help_alt", show=False),
        Binding("ctrl+l", "toggle_lang", "Language", id="app.lang"),
        Binding("ctrl+q", "quit", "Quit", id="app.quit", show=False),
        # declared here (Textual adds its own otherwise) so the footer's label is localised
        Binding(
            "ctrl+p", "command_palette", "palette", id="app.palette", show=False, priority=True
        ),
    ]

    lang: reactive[str] = reactive("en", init=False)

    def __init__(
        self,
        lang: str = "en",
        mode: Mode = "home",
        question: int | None = None,
        *,
        course: Course | None = None,
        progress: ProgressView | None = None,
        checker: Callable[..., Any] | None = None,
        interpret: Callable[..., Any] | None = None,
        simplify: Callable[..., Any] | None = None,
        practice: tuple[list[str], int | None] | None = None,
    ) -> None:
        super().__init__()
        from tutor.app.commands import TutorCommands

        self.COMMANDS = App.COMMANDS | {TutorCommands}
        self.set_reactive(TutorApp.lang, lang)
        self.start_mode = mode
        self.start_question = question
        #: ``dltutor practice``: the families to practise and the first seed
        self.start_practice = practice
        self.course = course or load_course()
        #: the saved progress, read on first use (after the first frame, on the home screen)
        self._progress = progress
        if progress is not None:
            self._watch_progress(progress)
        self.title = t("app.title", lang)
        #: the answer checker given to every quiz session (None: the real one, loaded lazily)
        self.checker = checker
        self._interpret = interpret
        self._simplify = simplify
        #: the terminal is below MIN_WIDTH×MIN_HEIGHT: every screen is covered by a notice
        self.too_small = False
        #: what had the focus on each screen when the notice covered it (hiding blurs it)
        self._focus_before_small: dict[Screen[Any], Widget | None] = {}
        #: the unexpected error that ended the app, as a one-line summary and a full report
        self.crash: tuple[str, str] | None = None
        if self._starts_on_question():
            from tutor.app.screens.question import QuestionScreen

            # Read with the app's own stylesheet, so the first frame parses the CSS once:
            # a screen's stylesheet read later makes Textual parse every stylesheet again.
            self.css_path = [*self.css_path, *map(Path, QuestionScreen.CSS_PATH)]

    @property
    def progress(self) -> ProgressView:
        if self._progress is None:
            from tutor.app.progress_view import ProgressView

            self._progress = ProgressView.open(self.lang)
            self._watch_progress(self._progress)
        return self._progress

    @property
    def save_problem(self) -> Any | None:
        """Why progress is not being saved (None while it is, or before it is first read)."""
        return self._progress.problem if self._progress is not None else None

    def _watch_progress(self, view: ProgressView) -> None:
        view.on_problem = self.show_save_problem
        if view.problem is not None:  # found while the file was first read
            self.call_later(self.show_save_problem)

    def show_save_problem(self) -> None:
        """Every screen's warning line says what could not be saved (it stays until the app ends)."""
        from tutor.app.widgets.save_warning import SaveWarning

        for screen in self.screen_stack:
            for line in screen.query(SaveWarning):
                line.show_problem(self.save_problem, self.lang)

    @property
    def interpret(self) -> Callable[..., Any] | None:
        """The checker's fast reader for the live echo (None if the checker is absent)."""
        if self._interpret is None:
            from tutor.app.widgets.answer_box import default_interpreter

            self._interpret = default_interpreter()
        return self._interpret

    @property
    def simplify(self) -> Callable[..., Any] | None:
        """The checker's simplified form of an answer (sympy, in its own process)."""
        if self._simplify is None:
            try:
                from tutor.answers import simplify_echo
            except ImportError:
                return None
            self._simplify = simplify_echo
        return self._simplify

    def get_default_screen(self) -> Screen[Any]:
        """The screen at the bottom of the stack (no blank screen composed under it).

        ``dltutor open N`` starts on the question itself: the home screen is not
        built before its first frame, and "back" from it brings the home screen
        (see :meth:`go_back`).
        """
        if self.start_mode in PRACTICE_MODES:
            # ``dltutor review`` paints its first variant in the first frame: no home under it
            screen = self._practice_screen(self.start_mode)
            self._load_screen_css(screen)
            return screen
        if self._starts_on_question():
            from tutor.app.screens.question import QuestionScreen

            screen = QuestionScreen(self.start_question)  # type: ignore[arg-type]
            # Textual reads a screen's CSS_PATH when it is pushed, not for the default screen
            # (already read with the app's stylesheet, see __init__: then this does nothing).
            self._load_screen_css(screen)
            return screen
        from tutor.app.screens.home import HomeScreen

        return HomeScreen()

    def _starts_on_question(self) -> bool:
        """``dltutor open N``: the question is the first screen (not quiz mode)."""
        return self.start_mode == "home" and self.course.question(self.start_question or 0) is not None

    def on_mount(self) -> None:
        localize_bindings(self, self.lang)
        if not self.is_headless:
            self._end_on_signals()
        self.screen_change_signal.subscribe(self, self._screen_changed)
        if self.start_mode == "quiz":
            self.open_quiz(only=self.start_question)
        self.fit_to_size(self.size)
        self.call_after_refresh(self._warn_about_progress)

    def progress_changed(self) -> None:
        """Read the saved progress again; if it changed, every open screen shows it.

        Called after anything that records progress (a verdict, a hint, a give-up)
        and when a screen is shown again, so a change made by another dltutor
        process appears too.
        """
        from tutor.app.progress_view import ProgressChanged

        if self.progress.reload(self.lang):
            for screen in self.screen_stack:
                screen.post_message(ProgressChanged())

    def _warn_about_progress(self) -> None:
        """Say once what happened to a bad progress file (reading it waits for the first frame).

        A file that blocks saving is not a notice: its warning line stays on every screen.
        """
        progress = self.progress
        notices, progress.notices = progress.notices, []
        for notice in notices:
            self.notify(notice.message(self.lang), severity="warning", timeout=15)

    # navigation -----------------------------------------------------------

    def open_question(self, number: int, *, tab: str | None = None) -> None:
        """Show question ``number`` (replacing any question screen already open)."""
        from tutor.app.screens.question import QuestionScreen

        if self.course.question(number) is None:
            return
        if isinstance(self.screen, QuestionScreen):
            self.switch_screen(QuestionScreen(number, tab=tab))
        else:
            self.push_screen(QuestionScreen(number, tab=tab))

    def open_quiz(
        self, *, only: int | None = None, review: bool = False, item: str | None = None
    ) -> None:
        from tutor.app.screens.quiz import QuizScreen

        self.push_screen(QuizScreen(only=only, review=review, start_item=item))

    def _practice_screen(self, mode: str) -> Screen[Any]:
        if mode == "stats":
            from tutor.app.screens.stats import StatsScreen

            return StatsScreen()
        from tutor.app.screens.practice import PracticeScreen

        if mode == "review":
            return PracticeScreen("review")
        families, seed = self.start_practice or ([], None)
        return PracticeScreen("practice", families=families, seed=seed)

    def open_review(self) -> None:
        """Spaced review: the families due now, as fresh variants."""
        from tutor.app.screens.practice import PracticeScreen

        self.push_screen(PracticeScreen("review"))

    def open_practice(self, families: list[str], seed: int | None = None) -> None:
        """Fresh variants of ``families`` in turn (from ``seed`` on, else fresh seeds)."""
        from tutor.app.screens.practice import PracticeScreen

        self.push_screen(PracticeScreen("practice", families=families, seed=seed))

    def open_stats(self) -> None:
        from tutor.app.screens.stats import StatsScreen

        self.push_screen(StatsScreen())

    def go_back(self) -> None:
        """Close the screen on top; the bottom one gives way to the home screen."""
        from tutor.app.screens.home import HomeScreen

        if len(self.screen_stack) > 1:
            self.pop_screen()
        elif not isinstance(self.screen, HomeScreen):  # started by ``dltutor open N``
            self.push_screen(HomeScreen())  # home quits with q: what is beneath is never seen

    def go_home(self) -> None:
        """Back to the home screen, whatever is open."""
        from tutor.app.screens.home import HomeScreen

        while len(self.screen_stack) > 1 and not isinstance(self.screen, HomeScreen):
            self.pop_screen()
        if not isinstance(self.screen, HomeScreen):
            self.push_screen(HomeScreen())

    # app-wide actions -------------------------------------------------------

    def action_help(self) -> None:
        from tutor.app.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    # Textual's own words, in the app's language (see tutor/app/palette.py) -----------

    def action_command_palette(self) -> None:
        from textual.command import CommandPalette

        from tutor.app.palette import TutorPalette

        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(TutorPalette(self.lang, id="--command-palette"))

    def search_themes(self) -> None:
        from textual.theme import ThemeProvider

        from tutor.app.palette import TutorPalette

        self.push_screen(
            TutorPalette(self.lang, placeholder_key="ui.palette.themes", providers=[ThemeProvider])
        )

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        from tutor.app.palette import system_commands

        return system_commands(self, screen)

    def action_help_quit(self) -> None:
        """ctrl+c does not quit (it copies in an input): say which key does."""
        self.notify(t("ui.quit_hint", self.lang), title=t("ui.quit_hint.title", self.lang))

    @on(events.DeliveryComplete)
    def _screenshot_saved(self, event: events.DeliveryComplete) -> None:
        if event.name == "screenshot":
            event.prevent_default()  # Textual's own notice is in English
            self.notify(t("ui.screenshot.saved", self.lang, path=event.path or ""))

    @on(events.DeliveryFailed)
    def _screenshot_failed(self, event: events.DeliveryFailed) -> None:
        if event.name == "screenshot":
            event.prevent_default()
            self.notify(t("ui.screenshot.failed", self.lang), severity="error")

    def action_toggle_lang(self) -> None:
        self.lang = "en" if self.lang == "ru" else "ru"

    def watch_lang(self, lang: str) -> None:
        """Every open screen re-renders its text; the choice is remembered."""
        self.title = t("app.title", lang)
        localize_bindings(self, lang)
        for screen in self.screen_stack:
            localize_tree(screen, lang)
            apply = getattr(screen, "apply_lang", None)
            if apply is not None:
                apply(lang)
        self.progress.set_lang(lang)
        self.show_save_problem()
        self.refresh_bindings()

    # how the app ends ---------------------------------------------------------

    def _end_on_signals(self) -> None:
        """SIGTERM (kill) and SIGHUP (a closed SSH session) end the app as ctrl+q does.

        Without this the process dies on the spot and leaves the terminal in the
        alternate screen with the mouse tracked and the cursor hidden. Every verdict
        is saved when it is given, so ending normally is all it takes.
        """
        import asyncio
        import contextlib
        import signal

        loop = asyncio.get_running_loop()
        for name in ("SIGTERM", "SIGHUP"):
            signum = getattr(signal, name, None)
            if signum is None:  # Windows has no SIGHUP
                continue
            # not the main thread, or a loop without signal support: the default action stays
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                loop.add_signal_handler(signum, self.exit, None, 128 + signum)

    def _handle_exception(self, error: Exception) -> None:
        """Remember the error for the launcher, which reports it once the terminal is back."""
        if self.crash is None:
            import traceback

            report = "".join(traceback.format_exception(type(error), error, error.__traceback__))
            self.crash = (_one_line(f"{type(error).__name__}: {error}"), report)
        super()._handle_exception(error)

    def panic(self, *renderables: Any) -> None:
        """Textual's own fatal errors (a broken stylesheet, a dead input thread) end with status 1 too."""
        if self.crash is None:
            from rich.console import Console

            console = Console(width=100, no_color=True, file=None, record=True, quiet=True)
            for renderable in renderables:
                console.print(renderable)
            report = console.export_text()
            self.crash = (_one_line(report.strip().splitlines()[0] if report.strip() else ""), report)
        self._return_code = 1
        super().panic(*renderables)

    def _print_error_renderables(self) -> None:
        """No traceback on the student's terminal: the launcher prints one line instead."""
        if self.crash is None:
            super()._print_error_renderables()
        else:
            self._exit_renderables.clear()

    # terminal realities -----------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        # Called before Textual's own handler, on every size the terminal reports.
        self.fit_to_size(event.size)

    def _screen_changed(self, screen: Screen[Any]) -> None:
        """A screen was pushed, popped or switched: it must follow the size too."""
        self.fit_to_size(self.size)

    def fit_to_size(self, size: Size) -> None:
        """Cover every screen with a notice while the terminal is below the minimum size.

        Nothing is pushed or popped: a class on each screen of the stack hides its
        widgets (app.tcss) and the active screen gets a notice saying what to do.
        Growing the terminal removes the class, so the same screen, focus and
        scroll position come back whatever was open (the command palette too).
        """
        from tutor.app.widgets.too_small import TOO_SMALL, TooSmallNotice

        small = size.width < MIN_WIDTH or size.height < MIN_HEIGHT
        self.too_small = small
        stack = self.screen_stack
        for screen in stack:
            if small and not screen.has_class(TOO_SMALL):
                self._focus_before_small[screen] = screen.focused
            screen.set_class(small, TOO_SMALL)
            screen.set_class(size.width < NARROW_WIDTH, "-narrow")
        if not small:
            self._restore_focus()
            return
        if not stack:
            return
        screen = stack[-1]
        notices = screen.query_children(TooSmallNotice)
        notice = notices.first() if notices else TooSmallNotice()
        if not notices:
            screen.mount(notice)
        notice.show_size(size.width, size.height, MIN_WIDTH, MIN_HEIGHT, self.lang)

    def _restore_focus(self) -> None:
        """Give each screen back the focus it had before the notice covered it."""
        remembered, self._focus_before_small = self._focus_before_small, {}
        for screen, widget in remembered.items():
            if widget is not None and widget.is_attached and widget.screen is screen:
                screen.set_focus(widget, scroll_visible=False)

    async def on_event(self, event: events.Event) -> None:
        """While the terminal is too small, keys, pastes and clicks reach nothing hidden.

        Only the keys the notice names act, so what the student sees when the
        terminal grows again is what was there when it shrank.
        """
        if self.too_small and _is_student_input(event) and not _acts_when_small(event):
            return
        await super().on_event(event)


def _one_line(text: str, width: int = 200) -> str:
    line = " ".join(text.split())
    return line if len(line) <= width else line[: width - 1] + "…"


def _acts_when_small(event: events.Event) -> bool:
    return isinstance(event, events.Key) and event.key in TOO_SMALL_KEYS


def _is_student_input(event: events.Event) -> bool:
    """A key, a paste or a mouse event from the terminal (not one Textual forwards inside)."""
    if isinstance(event, events.InputEvent):
        return not event.is_forwarded
    return isinstance(event, events.Paste) and not event.is_forwarded
