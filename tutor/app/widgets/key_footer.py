"""Textual's footer, with each key tagged by its action so a narrow screen can leave some out.

At 60 columns every key of a screen does not fit on one line; rather than cut the
last ones, app.tcss hides the keys that are available elsewhere (the language
switch is on the home screen's prompt and in the command palette) on screens
with the ``-narrow`` class.
"""

from __future__ import annotations

import re

from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey


def action_class(action: str) -> str:
    """The class a footer key of ``action`` carries: ``-action-toggle_lang``."""
    return "-action-" + re.sub(r"[^\w-]", "-", action)


class KeyFooter(Footer):
    def compose(self) -> ComposeResult:
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                widget.add_class(action_class(widget.action), update=False)  # not mounted yet
            yield widget
