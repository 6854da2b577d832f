"""The gate every typed answer passes before any other work: its length, then its characters.

Checked here once, so that the statement splitter, the regexes and the lexer
only ever see at most ``MAX_LENGTH`` characters (a pasted megabyte costs one
``len``), and so that no echo or message can fail to encode: a lone surrogate
(``\\ud800`` from a JSON escape or a broken clipboard) becomes U+FFFD, which the
lexer then refuses as an unexpected character at its own column.
"""

from __future__ import annotations

from tutor.answers.errors import AnswerLimitError

MAX_LENGTH = 2000


def admit(text: str) -> str:
    """``text`` ready for the parser; raises :class:`AnswerLimitError` past ``MAX_LENGTH`` characters."""
    if len(text) > MAX_LENGTH:  # len of a str is O(1): nothing else has looked at the text yet
        raise AnswerLimitError("too_long", None, limit=MAX_LENGTH, length=len(text))
    return encodable(text)


def encodable(text: str) -> str:
    """``text`` with every lone surrogate replaced by U+FFFD, so it always encodes as UTF-8.

    A surrogate pair left as two code points (``\\ud835\\udc65``) is joined into its
    character (𝑥) on the way, as a UTF-16 decoder would read it.
    """
    if text.isascii():
        return text
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    return text
