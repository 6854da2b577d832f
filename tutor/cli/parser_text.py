"""argparse's own words (``usage:``, ``error:``, "invalid choice" …) in the user's language.

argparse looks its messages up through ``gettext`` under the module-level names
``_`` and ``ngettext``. While a command runs, :func:`translated_argparse` points
them at dltutor's catalog (i18n keys ``argparse.*``, whose English is argparse's
own text); afterwards the originals are back, so other users of argparse in the
same process (pytest) are untouched.
"""

from __future__ import annotations

import argparse

#: argparse's message id -> i18n key; the English of each key is the message id itself
MESSAGES: dict[str, str] = {
    "usage: ": "argparse.usage",
    "positional arguments": "argparse.positionals",
    "options": "argparse.options",
    "optional arguments": "argparse.options",  # Python 3.9's heading
    "show this help message and exit": "argparse.help",
    "show program's version number and exit": "argparse.version",
    "unrecognized arguments: %s": "argparse.unrecognized",
    "invalid choice: %(value)r (choose from %(choices)s)": "argparse.invalid_choice",
    "invalid %(type)s value: %(value)r": "argparse.invalid_value",
    "expected one argument": "argparse.expected_one",
    "expected at most one argument": "argparse.expected_at_most_one",
    "expected at least one argument": "argparse.expected_at_least_one",
    "argument %(argument_name)s: %(message)s": "argparse.argument",
    "the following arguments are required: %s": "argparse.required",
    "one of the arguments %s is required": "argparse.one_of_required",
    "not allowed with argument %s": "argparse.not_allowed_with",
    "ignored explicit argument %r": "argparse.ignored_explicit",
    "ambiguous option: %(option)s could match %(matches)s": "argparse.ambiguous",
    "unexpected option string: %s": "argparse.unexpected_option",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "argparse.unknown_parser",
    "%(prog)s: error: %(message)s\n": "argparse.error",
}

#: ngettext's (singular, plural) -> i18n keys of the two forms (Russian needs a third)
PLURALS: dict[tuple[str, str], str] = {
    ("expected %s argument", "expected %s arguments"): "argparse.expected_n",
}


class translated_argparse:  # lower case: used like a function, ``with translated_argparse(lang):``
    """Swap argparse's ``_``/``ngettext`` for dltutor's catalog in ``lang`` for a ``with`` block."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self._saved: tuple[object, object] | None = None

    def __enter__(self) -> translated_argparse:
        self._saved = (argparse._, argparse.ngettext)  # type: ignore[attr-defined]
        argparse._ = self.gettext  # type: ignore[attr-defined]
        argparse.ngettext = self.ngettext  # type: ignore[attr-defined]
        return self

    def __exit__(self, *exc: object) -> None:
        assert self._saved is not None
        argparse._, argparse.ngettext = self._saved  # type: ignore[attr-defined]

    def gettext(self, message: str | None) -> str | None:
        key = MESSAGES.get(message) if message is not None else None
        if key is None:
            return message
        from tutor.i18n import t

        return t(key, self.lang)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        key = PLURALS.get((singular, plural))
        if key is None:
            return singular if n == 1 else plural
        from tutor.i18n import plural_form, t

        return t(f"{key}.{plural_form(n, self.lang)}", self.lang)


