"""Split answer text into tokens, folding every spelling into one form.

Unicode, ASCII and a LaTeX subset meet here: ``−``/``–`` become ``-``,
``·``/``×``/``\\cdot`` become ``*``, ``ᵀ``/``^T``/``.T``/``'`` a transpose,
``²`` a power, ``W₁``/``W_1``/``W_{1}`` the name ``W1``. The parser then has a
small, regular language to read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Literal

from tutor.answers import names
from tutor.answers.errors import AnswerLimitError, AnswerSyntaxError

MAX_LENGTH = 2000
MAX_DIGITS = 30
MAX_DEPTH = 100

Kind = Literal["num", "name", "op", "lp", "rp", "comma", "sup", "tr", "sqrt", "frac", "end"]


@dataclass(frozen=True)
class Token:
    kind: Kind
    text: str
    column: int
    #: num: Fraction; name: canonical name; op: one of + - * / ^ @ ⊙; sup: int; lp/rp: bracket
    value: object = None
    #: a name read from a run of letters split into known names (``xy`` → x, y)
    pieces: tuple[str, ...] = field(default=())


OPS = {
    "+": "+", "-": "-", "−": "-", "–": "-", "—": "-", "*": "*", "·": "*", "⋅": "*",
    "∙": "*", "×": "*", "/": "/", "÷": "/", "^": "^", "@": "@", "⊙": "⊙", "∘": "⊙",
}
OPEN = {"(": ")", "[": "]", "{": "}"}
CLOSE = {v: k for k, v in OPEN.items()}
SUPERSCRIPTS = {"⁰": "0", "¹": "1", "²": "2", "³": "3", "⁴": "4", "⁵": "5", "⁶": "6",
                "⁷": "7", "⁸": "8", "⁹": "9", "⁻": "-", "⁺": "+"}
SUBSCRIPTS = {"₀": "0", "₁": "1", "₂": "2", "₃": "3", "₄": "4", "₅": "5", "₆": "6",
              "₇": "7", "₈": "8", "₉": "9", "ₜ": "t", "₋": "-", "₊": "+", "ₙ": "n", "ₖ": "k"}
TRANSPOSE_MARKS = {"ᵀ", "⊤", "'", "′"}
HAT = "\u0302"
#: LaTeX commands that are only spacing or sizing
LATEX_SKIP = {"left", "right", "big", "Big", "bigl", "bigr", "Bigl", "Bigr", ",", ";", "!", ":", " ",
              "quad", "displaystyle"}
LATEX_OPS = {"cdot": "*", "times": "*", "div": "/", "odot": "⊙", "circ": "⊙"}
LATEX_WRAPPERS = {"operatorname", "text", "mathrm", "mathit", "mathbf", "boldsymbol", "bm", "vec"}


def _is_letter(ch: str) -> bool:
    return ch.isalpha() and ch not in "ᵀΣ∑" and ch not in SUBSCRIPTS and ch not in SUPERSCRIPTS


def _is_digit(ch: str) -> bool:
    """ASCII digits only: ``str.isdigit`` is also true for ² and ₁, which mean other things."""
    return "0" <= ch <= "9"


def tokenize(text: str) -> list[Token]:
    """Tokens of ``text`` ending with an ``end`` token; raises :class:`AnswerSyntaxError`."""
    if len(text) > MAX_LENGTH:
        raise AnswerLimitError("too_long", None, limit=MAX_LENGTH, length=len(text))
    return _Lexer(text).run()


class _Lexer:
    def __init__(self, text: str) -> None:
        self.text = text
        self.i = 0
        self.tokens: list[Token] = []
        #: open brackets: (char, column, belongs to a function call)
        self.stack: list[tuple[str, int, bool]] = []

    def emit(self, kind: Kind, text: str, start: int, value: object = None,
             pieces: tuple[str, ...] = ()) -> None:
        self.tokens.append(Token(kind, text, start + 1, value, pieces))

    def run(self) -> list[Token]:
        text = self.text
        while self.i < len(text):
            ch = text[self.i]
            start = self.i
            if ch.isspace():
                self.i += 1
            elif _is_digit(ch) or (ch == "." and self.i + 1 < len(text) and _is_digit(text[self.i + 1])):
                self.number()
            elif ch == "*" and text.startswith("**", self.i):
                self.i += 2
                self.emit("op", "**", start, "^")
            elif ch == "^":
                self.caret()
            elif ch in OPS:
                self.i += 1
                self.emit("op", ch, start, OPS[ch])
            elif ch in OPEN:
                self.open_bracket(ch)
            elif ch in CLOSE:
                self.close_bracket(ch)
            elif ch == ",":
                self.i += 1
                self.emit("comma", ch, start)
            elif ch in SUPERSCRIPTS:
                self.superscript()
            elif ch in TRANSPOSE_MARKS:
                self.i += 1
                self.emit("tr", ch, start)
            elif ch == "." and text.startswith(".T", self.i) and not self._letter_at(self.i + 2):
                self.i += 2
                self.emit("tr", ".T", start)
            elif ch == "√":
                self.i += 1
                self.emit("sqrt", ch, start)
            elif ch in "Σ∑":
                self.i += 1
                self.emit("name", ch, start, "sum")
            elif ch == "\\":
                self.latex()
            elif _is_letter(ch):
                self.word()
            else:
                raise AnswerSyntaxError("bad_char", start + 1, char=ch)
        if self.stack:
            bracket, column, _ = self.stack[-1]
            raise AnswerSyntaxError("unclosed", column, bracket=bracket)
        self.emit("end", "", len(text))
        return self.tokens

    def _letter_at(self, j: int) -> bool:
        return j < len(self.text) and _is_letter(self.text[j])

    def number(self) -> None:
        text, start = self.text, self.i
        j = start
        while j < len(text) and _is_digit(text[j]):
            j += 1
        # A decimal comma (1,667) is read only outside a function's argument list.
        in_call = bool(self.stack) and self.stack[-1][2]
        if j + 1 < len(text) and text[j] in ".," and _is_digit(text[j + 1]) and (
            text[j] == "." or not in_call
        ):
            j += 1
            while j < len(text) and _is_digit(text[j]):
                j += 1
        literal = text[start:j]
        digits = sum(_is_digit(c) for c in literal)
        if digits > MAX_DIGITS:
            raise AnswerLimitError("too_many_digits", start + 1, limit=MAX_DIGITS)
        self.i = j
        self.emit("num", literal, start, Fraction(literal.replace(",", ".")))

    def caret(self) -> None:
        """``^`` is a power, except ``^T``/``^{T}``/``^\\top``/``^⊤``, which are transposes."""
        text, start = self.text, self.i
        j = start + 1
        while j < len(text) and text[j] == " ":
            j += 1
        for mark in ("{T}", "{\\top}", "\\top", "⊤", "T"):
            if text.startswith(mark, j):
                end = j + len(mark)
                if mark == "T" and end < len(text) and _is_letter(text[end]) and text[end] not in "xzp":
                    break  # ^Tanh… is not a transpose; x^Tx is
                self.i = end
                self.emit("tr", text[start:end], start)
                return
        self.i = start + 1
        self.emit("op", "^", start, "^")

    def open_bracket(self, ch: str) -> None:
        previous = self.tokens[-1] if self.tokens else None
        is_call = previous is not None and previous.kind == "name" and previous.value in names.FUNCTIONS
        self.stack.append((ch, self.i + 1, is_call))
        if len(self.stack) > MAX_DEPTH:
            raise AnswerLimitError("too_deep", self.i + 1, limit=MAX_DEPTH)
        self.emit("lp", ch, self.i, ch)
        self.i += 1

    def close_bracket(self, ch: str) -> None:
        if not self.stack:
            raise AnswerSyntaxError("unbalanced", self.i + 1, bracket=ch)
        opener, column, _ = self.stack.pop()
        if OPEN[opener] != ch:
            raise AnswerSyntaxError("mismatched", self.i + 1, bracket=ch, opener=opener, column_open=column)
        self.emit("rp", ch, self.i, ch)
        self.i += 1

    def superscript(self) -> None:
        text, start = self.text, self.i
        j = start
        while j < len(text) and text[j] in SUPERSCRIPTS:
            j += 1
        raw = "".join(SUPERSCRIPTS[c] for c in text[start:j])
        body = raw.lstrip("+-")
        if not body.isdigit() or raw.count("-") + raw.count("+") > 1:
            raise AnswerSyntaxError("bad_superscript", start + 1, text=text[start:j])
        if len(body) > 3:
            raise AnswerLimitError("exponent_too_large", start + 1, limit=100)
        self.i = j
        self.emit("sup", text[start:j], start, int(raw))

    def latex(self) -> None:
        text, start = self.text, self.i
        j = start + 1
        if j < len(text) and not text[j].isalpha():
            command = text[j]  # \, \; \! \{ \}
            j += 1
        else:
            while j < len(text) and text[j].isascii() and text[j].isalpha():
                j += 1
            command = text[start + 1 : j]
        self.i = j
        if command in LATEX_SKIP:
            return
        if command in ("{", "}"):
            (self.open_bracket if command == "{" else self.close_bracket)({"{": "(", "}": ")"}[command])
            return
        if command in LATEX_OPS:
            self.emit("op", text[start:j], start, LATEX_OPS[command])
        elif command == "frac" or command == "dfrac" or command == "tfrac":
            self.emit("frac", text[start:j], start)
        elif command == "sqrt":
            self.emit("sqrt", text[start:j], start)
        elif command == "top":
            self.emit("tr", text[start:j], start)
        elif command == "hat" or command == "widehat":
            self.hat_name(start)
        elif command in LATEX_WRAPPERS:
            self.wrapped_name(start)
        elif command == "sum":
            self.emit("name", text[start:j], start, "sum")
        else:
            name = names.canonical(command, self._subscripts())
            if name is None:
                hint = names.suggest(command)
                raise AnswerSyntaxError("unknown_command", start + 1, command="\\" + command,
                                        suggestion=hint or "")
            self.emit("name", text[start : self.i], start, name)

    def _group_word(self) -> str:
        """The letters of ``{word}`` or of a single following letter, after ``\\hat`` etc."""
        text = self.text
        j = self.i
        while j < len(text) and text[j] == " ":
            j += 1
        if j < len(text) and text[j] == "{":
            end = text.find("}", j)
            if end == -1:
                raise AnswerSyntaxError("unclosed", j + 1, bracket="{")
            word = text[j + 1 : end].strip().lstrip("\\")
            self.i = end + 1
            return word
        if j < len(text) and text[j] == "\\":
            k = j + 1
            while k < len(text) and text[k].isalpha():
                k += 1
            self.i = k
            return text[j + 1 : k]
        if j < len(text) and _is_letter(text[j]):
            self.i = j + 1
            return text[j]
        raise AnswerSyntaxError("hat_needs_letter", self.i + 1)

    def hat_name(self, start: int) -> None:
        word = self._group_word()
        name = names.canonical(word, ["hat", *self._subscripts()])
        if name is None:
            raise AnswerSyntaxError("unknown_name", start + 1, name=f"\\hat{{{word}}}",
                                    suggestion=names.suggest(word + "hat") or "")
        self.emit("name", self.text[start : self.i], start, name)

    def wrapped_name(self, start: int) -> None:
        word = self._group_word()
        name = names.canonical(word, self._subscripts())
        if name is None:
            raise AnswerSyntaxError("unknown_name", start + 1, name=word,
                                    suggestion=names.suggest(word) or "")
        self.emit("name", self.text[start : self.i], start, name)

    def _subscripts(self) -> list[str]:
        """Subscripts after a name: ``_1``, ``_{t-1}``, ``_hat``, ``₁``, ``ₜ₋₁`` (any mix)."""
        text = self.text
        subs: list[str] = []
        while self.i < len(text):
            ch = text[self.i]
            if ch == "_":
                j = self.i + 1
                if j < len(text) and text[j] == "{":
                    end = text.find("}", j)
                    if end == -1:
                        raise AnswerSyntaxError("unclosed", j + 1, bracket="{")
                    subs.append(text[j + 1 : end].replace(" ", "").replace("−", "-"))
                    self.i = end + 1
                else:
                    # one run of digits or of letters: W_1x is W₁·x
                    same_kind = _is_digit if j < len(text) and _is_digit(text[j]) else (
                        lambda c: c.isascii() and c.isalpha())
                    k = j
                    while k < len(text) and same_kind(text[k]):
                        k += 1
                    if k == j:
                        raise AnswerSyntaxError("empty_subscript", self.i + 1)
                    subs.append(text[j:k])
                    self.i = k
            elif ch in SUBSCRIPTS:
                j = self.i
                while j < len(text) and text[j] in SUBSCRIPTS:
                    j += 1
                subs.append("".join(SUBSCRIPTS[c] for c in text[self.i : j]))
                self.i = j
            else:
                break
        return subs

    def word(self) -> None:
        text, start = self.text, self.i
        j = start
        while j < len(text) and (_is_letter(text[j]) or text[j] == names.HAT_MARK):
            j += 1
        letters = text[start:j]
        k = j
        while k < len(text) and _is_digit(text[k]):
            k += 1
        subs = [text[j:k]] if k > j else []
        self.i = k
        subs += self._subscripts()
        raw = text[start : self.i]
        name = names.canonical(letters, subs)
        if name is not None:
            self.emit("name", raw, start, name)
            return
        pieces = names.split_run(letters)
        if pieces is not None and subs:
            # λθₜ₋₁: the subscript belongs to the last letter
            last = names.canonical(pieces[-1], subs)
            pieces = None if last is None else [*pieces[:-1], last]
        if pieces is None:
            raise AnswerSyntaxError("unknown_name", start + 1, name=raw,
                                    suggestion=names.suggest(letters) or "")
        for piece in pieces:
            self.emit("name", raw, start, piece, tuple(pieces))
