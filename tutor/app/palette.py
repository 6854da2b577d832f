"""Textual's own words in the app's language: the command palette and its system commands.

Textual writes "Search for commands…", "No matches found", the system commands
(Theme, Quit, Keys, Screenshot, Maximize) and a few notices in English. The app
opens :class:`TutorPalette` instead and yields :func:`system_commands`, both
speaking the app's language. ``Keys`` (Textual's key panel) is left out: the
app's own help (F1, in the palette as "Help") lists every key in either language.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from textual.command import CommandPalette

from tutor.i18n import t

if TYPE_CHECKING:
    from textual.app import SystemCommand
    from textual.screen import Screen

    from tutor.app.app import TutorApp


class TutorPalette(CommandPalette):
    """The command palette with its placeholder and "no matches" line in the app's language."""

    def __init__(
        self, lang: str, *, placeholder_key: str = "ui.palette.placeholder", **kwargs: Any
    ) -> None:
        super().__init__(placeholder=t(placeholder_key, lang), **kwargs)
        self.lang = lang

    def _start_no_matches_countdown(self, search_value: str) -> None:
        """Textual's own (8.2), with the line it adds in the app's language."""
        from rich.align import Align
        from rich.text import Text
        from textual.command import CommandList
        from textual.widgets.option_list import Option

        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:
                self.query_one(CommandList).add_option(
                    Option(
                        Align.center(Text(t("ui.palette.no_matches", self.lang), style="not bold")),
                        disabled=True,
                        id=self._NO_MATCHES,
                    )
                )
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)


def system_commands(app: TutorApp, screen: Screen[Any]) -> Iterator[SystemCommand]:
    """Textual's system commands (App.get_system_commands in 8.2) in the app's language.

    They are found by searching, not listed when the palette opens: the list
    starts with the course. Maximize is left out (nothing in the app gains by it).
    """
    from textual.app import SystemCommand

    lang = app.lang
    commands = [
        ("theme", app.action_change_theme),
        ("quit", app.action_quit),
        ("screenshot", lambda: app.set_timer(0.1, app.deliver_screenshot)),
    ]
    for name, callback in commands:
        key = f"ui.palette.sys.{name}"
        yield SystemCommand(t(key, lang), t(f"{key}.help", lang), callback, discover=False)
