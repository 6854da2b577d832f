"""The one-line input of an answer box, bounded by the checker's length limit.

Textual's ``Input`` redraws its whole value on every key, so a pasted megabyte
would make each later key take a third of a second, and the checker would refuse
it anyway. Here an answer never grows past the limit: a paste that would is not
inserted and a key that would is dropped, and :class:`AnswerInput.Refused` tells
the box at once, so it can say why in one line. A paste of several lines becomes
one answer with the lines separated by ``;`` (the syntax for named steps), where
``Input`` would keep only the first line.

A terminal sends Escape and a key typed right after it as one "alt+key"; in an
answer box that always means "leave the box, then the key" (``esc`` ``k`` to skip),
never a letter to type.
"""

from __future__ import annotations

from textual import events
from textual.message import Message
from textual.widgets import Input


def answer_limit() -> int:
    """The longest answer the checker reads (it refuses longer ones without reading them)."""
    from tutor.answers.tokens import MAX_LENGTH

    return MAX_LENGTH


def joined_lines(text: str) -> str:
    """A pasted block as one answer: its non-blank lines joined by ``; ``."""
    return "; ".join(line.strip() for line in text.splitlines() if line.strip())


class AnswerInput(Input):
    class Refused(Message):
        """Text was not taken because the answer would pass the limit.

        ``length`` is how long the answer would have been.
        """

        def __init__(self, answer_input: AnswerInput, length: int) -> None:
            super().__init__()
            self.answer_input = answer_input
            self.length = length

        @property
        def control(self) -> AnswerInput:
            return self.answer_input

    def __init__(self, *, classes: str | None = None) -> None:
        super().__init__(classes=classes, select_on_focus=False, max_length=answer_limit())
        self._refused_length = 0

    async def _on_key(self, event: events.Key) -> None:
        key, character = event.key, event.character
        if key.startswith("alt+") and character and len(character) == 1 and character.isprintable():
            event.prevent_default()  # Input would type the letter
            event.stop()
            # esc's own binding first (it moves the focus), then the key, to the new focus
            escape = self.screen.active_bindings.get("escape")
            if escape is not None:
                node, binding, enabled, _ = escape
                if enabled:
                    await self.app.run_action(binding.action, node)
            self.app.post_message(events.Key(key.removeprefix("alt+"), character))

    def _on_paste(self, event: events.Paste) -> None:
        event.prevent_default()  # Input's own handler would insert the first line only
        event.stop()
        text = joined_lines(event.text)
        if not text:
            return
        selection = self.selection
        start, end = sorted((selection.start, selection.end))
        self._refused_length = len(self.value) - (end - start) + len(text)
        self.replace(text, start, end)
        self._refused_length = 0

    def restricted(self) -> None:
        """Called by ``Input`` instead of changing the value: the answer would be too long."""
        length = self._refused_length or len(self.value) + 1
        self.post_message(self.Refused(self, length))
