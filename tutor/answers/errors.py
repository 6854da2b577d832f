"""Problems a student's answer can have, as values with a column and a message key.

The message itself lives in :mod:`tutor.i18n` (keys ``answer.error.*``), so one
error renders in either language; ``column`` is 1-based, or None when the
problem is with the whole answer (too long, wrong shape).
"""

from __future__ import annotations

import unicodedata

from tutor.i18n import t


class AnswerError(Exception):
    """Base of every error the checker reports to a person instead of a traceback."""

    #: typed text quoted in the message is cut after this many characters (a 2,000-letter "word")
    quote_limit: int | None = 40

    def __init__(self, key: str, column: int | None = None, **values: object) -> None:
        self.key = key
        self.column = column
        self.values = values
        super().__init__(self.message("en"))

    def message(self, lang: str) -> str:
        key = f"answer.error.{self.key}"
        if self.values.get("suggestion") == "":
            key += ".plain"  # nothing close enough to suggest
        values = {name: printable(v, self.quote_limit) if isinstance(v, str) else v
                  for name, v in self.values.items()}
        text = t(key, lang, **values)
        if self.column is not None:
            text = t("answer.at_column", lang, message=text, column=self.column)
        return text


class AnswerSyntaxError(AnswerError):
    """The text cannot be read as a formula (bad character, unbalanced bracket, …)."""


class AnswerLimitError(AnswerError):
    """The text is readable but past a safety limit (length, nesting, digits, exponent)."""


class AnswerShapeError(AnswerError):
    """The formula is read but its parts do not fit together (matrix sizes, vector powers)."""

    quote_limit = None  # its values are echoes of parts of the formula, kept whole


def printable(value: str, limit: int | None = None) -> str:
    """``value`` with invisible characters written as U+XXXX, for quoting typed text in a message.

    Control and format characters (an escape sequence, a NUL, a zero-width space) would
    move a terminal's cursor or hide what was typed, and a combining mark on its own
    would fall on the quote before it. A value longer than ``limit`` is cut with "…".
    """
    if limit is not None and len(value) > limit:
        value = value[:limit] + "…"
    if value.isascii() and value.isprintable():
        return value
    out = []
    for i, ch in enumerate(value):
        category = unicodedata.category(ch)
        if category[0] == "C" or category in ("Zl", "Zp") or (i == 0 and category[0] == "M"):
            out.append(f"U+{ord(ch):04X}")
        else:
            out.append(ch)
    return "".join(out)
