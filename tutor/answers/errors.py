"""Problems a student's answer can have, as values with a column and a message key.

The message itself lives in :mod:`tutor.i18n` (keys ``answer.error.*``), so one
error renders in either language; ``column`` is 1-based, or None when the
problem is with the whole answer (too long, wrong shape).
"""

from __future__ import annotations

from tutor.i18n import t


class AnswerError(Exception):
    """Base of every error the checker reports to a person instead of a traceback."""

    def __init__(self, key: str, column: int | None = None, **values: object) -> None:
        self.key = key
        self.column = column
        self.values = values
        super().__init__(self.message("en"))

    def message(self, lang: str) -> str:
        key = f"answer.error.{self.key}"
        if self.values.get("suggestion") == "":
            key += ".plain"  # nothing close enough to suggest
        text = t(key, lang, **self.values)
        if self.column is not None:
            text = t("answer.at_column", lang, message=text, column=self.column)
        return text


class AnswerSyntaxError(AnswerError):
    """The text cannot be read as a formula (bad character, unbalanced bracket, …)."""


class AnswerLimitError(AnswerError):
    """The text is readable but past a safety limit (length, nesting, digits, exponent)."""


class AnswerShapeError(AnswerError):
    """The formula is read but its parts do not fit together (matrix sizes, vector powers)."""
