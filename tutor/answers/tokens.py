"""Split answer text into tokens, folding every spelling into one form.

Unicode, ASCII and a LaTeX subset meet here: ``−``/``–`` become ``-``,
``·``/``×``/``\\cdot`` become ``*``, ``ᵀ``/``^T``/``.T``/``'`` a transpose,
``²`` a power, ``W₁``/``W_1``/``W_{1}`` the name ``W1``. The parser then has a
small, regular language to read.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Literal

from tutor.answers import names
from tutor.answers.errors import AnswerLimitError, AnswerSyntaxError
from tutor.answers.intake import MAX_LENGTH

MAX_DIGITS = 30
MAX_DEPTH = 100

Kind = Literal["num", "name", "op", "lp", "rp", "comma", "sup", "tr", "sqrt", "frac", "method", "ellipsis", "end"]


@dataclass(frozen=True)
class Token:
    kind: Kind
    text: str
    column: int
    #: num: Fraction; name/method: canonical name; op: one of + - * / ^ @ ⊙; sup: int; lp/rp: bracket
    value: object = None
    #: a name read from a run of letters split into known names (``xy`` → x, y)
    pieces: tuple[str, ...] = field(default=())
    #: name: the component index it carries (``ŷᵢ``, ``p_i``), or "" (see names.component_index)
    index: str = ""


OPS = {
    "+": "+", "-": "-", "−": "-", "–": "-", "—": "-", "*": "*", "·": "*", "⋅": "*",
    "∙": "*", "×": "*", "/": "/", "÷": "/", "^": "^", "@": "@", "⊙": "⊙", "∘": "⊙",
    # ⁄ and ∕ are fraction slashes (5⁄3), ⊘ elementwise division, ':' division in Russian schools (5:3)
    "⁄": "/", "∕": "/", "⊘": "/", ":": "/",
}
OPEN = {"(": ")", "[": "]", "{": "}"}
CLOSE = {v: k for k, v in OPEN.items()}
SUPERSCRIPTS = {"⁰": "0", "¹": "1", "²": "2", "³": "3", "⁴": "4", "⁵": "5", "⁶": "6",
                "⁷": "7", "⁸": "8", "⁹": "9", "⁻": "-", "⁺": "+"}
SUBSCRIPTS = {"₀": "0", "₁": "1", "₂": "2", "₃": "3", "₄": "4", "₅": "5", "₆": "6",
              "₇": "7", "₈": "8", "₉": "9", "ₜ": "t", "₋": "-", "₊": "+", "ₙ": "n", "ₖ": "k",
              "ᵢ": "i", "ⱼ": "j"}
TRANSPOSE_MARKS = {"ᵀ", "⊤", "'", "′"}
HAT = "\u0302"
#: LaTeX commands that are only spacing or sizing
LATEX_SKIP = {"left", "right", "big", "Big", "bigl", "bigr", "Bigl", "Bigr", ",", ";", "!", ":", " ",
              "quad", "displaystyle",
              # math-mode delimiters around a pasted formula: \( … \), \[ … \]
              "(", ")", "[", "]"}
LATEX_OPS = {"cdot": "*", "times": "*", "div": "/", "odot": "⊙", "circ": "⊙", "oslash": "/"}
LATEX_WRAPPERS = {"operatorname", "text", "mathrm", "mathit", "mathbf", "boldsymbol", "bm", "vec",
                  "mathsf", "mathbb", "rm", "bf"}
#: what may follow ^ to mean a transpose: T, ⊤, \top, \intercal, each maybe in braces or a font
_FONT_T = r"\\(?:mathsf|mathrm|text|mathbf|mathit)\s*\{\s*T\s*\}|\\rm\s*T"
_T_MARK = rf"(?:{_FONT_T}|\\top|\\intercal|T|⊤)"
TRANSPOSE_AFTER_CARET = re.compile(rf"\{{\s*{_T_MARK}\s*\}}|{_T_MARK}")
#: a layer index written as a superscript or an array index: W^{(1)}, W^{[1]}, W^(1), W[1]
LAYER_INDEX = re.compile(r"\^\{?[(\[]([0-9])[)\]]\}?|\[([0-9])\]")
#: a time or component index written as an array index: theta[t-1], m[t], x[i]
BRACKET_INDEX = re.compile(r"\[\s*(t\s*[-−+]\s*1|t|k|i|j)\s*\]")
#: module prefixes of code a student pastes: np.tanh, torch.exp, F.softmax, math.sqrt
MODULE_PREFIX = re.compile(r"(?:torch\.nn\.functional|nn\.functional|scipy\.special|torch\.special|tf\.nn|tf\.math|"
                           r"jax\.nn|jax\.numpy|numpy|np|torch|math|sympy|sp|jnp|F|scipy|special|tf|jax)\.(?=[^\W\d_])")
#: limits under and over \sum: \sum_j, \sum_{j=1}^{K}
SUM_LIMITS = re.compile(r"\s*(?:[_^](?:\{[^{}]*\}|[A-Za-z0-9]))*")
OVERLINE = "\u0305"
#: the repeating digits of 1.(6), and the exponent of 1e-2: ASCII digits only (\d would take ٣, and
#: digits the 30-digit limit does not count)
REPETEND = re.compile(r"[.,]?\(([0-9]+)\)")
EXPONENT = re.compile(r"[eE]([-+−]?[0-9]{1,3})(?![0-9.])")
#: keyword arguments of numpy/PyTorch calls that only choose an axis
KEYWORD_ARGUMENT = re.compile(r",\s*(?:dim|axis|keepdim|keepdims)\s*=\s*(?:-?[0-9]+|True|False|None)\s*(?=[),])")
#: what follows .shape, .size or .numel when it means the length of a vector: [0], (), (0), nothing
SIZE_METHOD = re.compile(r"(?:\[\s*-?[01]\s*\]|\(\s*-?[01]?\s*\))?")
#: the same as a method's first argument: z.softmax(dim=0), z.sum(axis=-1, keepdims=True)
FIRST_KEYWORD_ARGUMENT = re.compile(r"\s*(?:dim|axis)\s*=\s*-?[0-9]+\s*(?=[),])")



def _is_letter(ch: str) -> bool:
    return ch.isalpha() and ch not in "ᵀΣ∑" and ch not in SUBSCRIPTS and ch not in SUPERSCRIPTS


def _is_digit(ch: str) -> bool:
    """ASCII digits only: ``str.isdigit`` is also true for ² and ₁, which mean other things."""
    return "0" <= ch <= "9"


def tokenize(text: str, defined: frozenset[str] = frozenset()) -> list[Token]:
    """Tokens of ``text`` ending with an ``end`` token; raises :class:`AnswerSyntaxError`.

    ``defined``: names the student defined in earlier statements (``h1 = …; W3 h1``),
    as :func:`definition_key` spells them; each becomes a name token ``=key``.
    """
    if len(text) > MAX_LENGTH:
        raise AnswerLimitError("too_long", None, limit=MAX_LENGTH, length=len(text))
    return _Lexer(fold_math_letters(text), defined).run()


def definition_key(name: str) -> str:
    """One spelling of a defined name: ``h_1``, ``h_{1}``, ``h₁`` and ``h1`` are all ``h1``."""
    return "".join(SUBSCRIPTS.get(c, c) for c in name if c not in "_{} ")


def fold_math_letters(text: str) -> str:
    """𝑥, 𝐖, 𝜎, ℎ pasted from a PDF or Word become x, W, σ, h; one character each, so columns hold."""
    out = []
    for ch in text:
        if "\U0001d400" <= ch <= "\U0001d7ff" or ch == "ℎ":
            folded = unicodedata.normalize("NFKC", ch)
            out.append(folded if len(folded) == 1 else ch)
        else:
            out.append(ch)
    return "".join(out)


def _with_repetend(prefix: str, repetend: str) -> Fraction:
    """``1.`` with ``6`` repeating is 5/3; ``1.6`` with ``6`` repeating too; ``.`` with ``6`` is 2/3."""
    decimals = len(prefix.partition(".")[2])
    if prefix.startswith("."):
        prefix = "0" + prefix  # .6̅: no digit before the point, as in .5
    return Fraction(prefix) + Fraction(int(repetend), (10 ** len(repetend) - 1) * 10**decimals)


def _vulgar_fraction(ch: str) -> Fraction | None:
    """½, ⅔, ¾ … as exact fractions."""
    if unicodedata.category(ch) != "No" or "FRACTION" not in unicodedata.name(ch, ""):
        return None
    return Fraction(unicodedata.numeric(ch)).limit_denominator(10)


class _Lexer:
    def __init__(self, text: str, defined: frozenset[str] = frozenset()) -> None:
        self.text = text
        self.defined = defined
        self.i = 0
        self.tokens: list[Token] = []
        #: open brackets: (char, column, a comma inside separates: a function's arguments or a
        #: vector's entries, so that 1,5 there is two numbers, not the decimal 1.5)
        self.stack: list[tuple[str, int, bool]] = []

    def emit(self, kind: Kind, text: str, start: int, value: object = None,
             pieces: tuple[str, ...] = (), index: str = "") -> None:
        self.tokens.append(Token(kind, text, start + 1, value, pieces, index))

    def run(self) -> list[Token]:
        text = self.text
        content_end = len(text.rstrip())  # where the text ends but for spaces (found once, not per '.')
        while self.i < len(text):
            ch = text[self.i]
            start = self.i
            if ch.isspace() or ch == "$":  # $…$ around a formula pasted from LaTeX
                self.i += 1
            elif ch in "…⋯" or (ch == "." and text.startswith("...", self.i)):
                self.i += 1 if ch in "…⋯" else 3
                self.emit("ellipsis", text[start : self.i], start)  # diag(1, …, 1)
            elif ch == "." and self.i + 1 >= content_end:
                self.i = len(text)  # a full stop ending the answer
            elif _vulgar_fraction(ch) is not None:
                self.i += 1
                self.emit("num", ch, start, _vulgar_fraction(ch))
            elif _is_digit(ch) or (ch == "." and self.i + 1 < len(text) and _is_digit(text[self.i + 1])):
                self.number()
            elif ch == "/" and text.startswith("//", self.i):
                self.i += 2
                self.emit("op", "//", start, "/")  # Python's floor division, read as a fraction bar
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
            elif ch == "," and KEYWORD_ARGUMENT.match(text, self.i) and self.stack and self.stack[-1][2]:
                self.i = KEYWORD_ARGUMENT.match(text, self.i).end()  # softmax(z, dim=0): how code picks the axis
            elif ch == ",":
                self.i += 1
                self.emit("comma", ch, start)
            elif ch == ";" and self.stack and self.stack[-1][0] == "[":
                raise AnswerSyntaxError("vector_semicolon", start + 1)  # [a; b; c], as MATLAB writes it
            elif ch in SUPERSCRIPTS:
                self.superscript()
            elif ch in TRANSPOSE_MARKS:
                self.i += 1
                self.emit("tr", ch, start)
            elif ch == "." and text.startswith(".T", self.i) and not self._letter_at(self.i + 2):
                self.i += 2
                self.emit("tr", ".T", start)
            elif ch == "." and self._letter_at(self.i + 1) and self.tokens:
                self.method()
            elif ch == "√":
                self.i += 1
                self.emit("sqrt", ch, start)
            elif ch in "Σ∑":
                self.emit("name", ch, start, "sum")
                self.i = SUM_LIMITS.match(text, self.i + 1).end()
            elif ch == "\\":
                self.latex()
            elif _is_letter(ch):
                prefix = MODULE_PREFIX.match(text, self.i)
                if prefix and (start == 0 or not _is_letter(text[start - 1])):
                    self.i = prefix.end()  # np.tanh is tanh: the module says nothing about the math
                else:
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
        value = Fraction(text[start:j].replace(",", "."))
        # 1.(6), 1,(6) (with the decimal comma of Russian schools) and 1.6̅: a repeating decimal
        decimal = "." in text[start:j] or "," in text[start:j]
        repeat = REPETEND.match(text, j) if decimal or (
            j < len(text) and (text[j] == "." or (text[j] == "," and not in_call))) else None
        if repeat:
            value = _with_repetend(text[start:j].replace(",", ".").rstrip("."), repeat.group(1))
            j = repeat.end()
        elif j < len(text) and text[j] == OVERLINE and "." in text[start : j - 1]:
            value = _with_repetend(text[start : j - 1], text[j - 1])
            j += 1
        # 1e-2, 4.4E1: scientific notation, as Python and calculators print it
        exponent = EXPONENT.match(text, j)
        if exponent and not self._letter_at(exponent.end()):
            value *= Fraction(10) ** int(exponent.group(1).replace("−", "-"))
            j = exponent.end()
        if j < len(text) and text[j] == "%":
            value /= 100
            j += 1
        if j < len(text) and _vulgar_fraction(text[j]) is not None:
            value += _vulgar_fraction(text[j]) or 0  # 1⅔
            j += 1
        literal = text[start:j]
        digits = sum(_is_digit(c) for c in literal)
        if digits > MAX_DIGITS:
            raise AnswerLimitError("too_many_digits", start + 1, limit=MAX_DIGITS)
        if abs(value) > sys.float_info.max:  # 1e309: every later step computes in floats
            raise AnswerLimitError("number_too_large", start + 1)
        self.i = j
        self.emit("num", literal, start, value)

    def caret(self) -> None:
        """``^`` is a power, except ``^T``/``^{T}``/``^\\top``/``^\\intercal``/``^⊤``, which are transposes."""
        text, start = self.text, self.i
        j = start + 1
        while j < len(text) and text[j] == " ":
            j += 1
        mark = TRANSPOSE_AFTER_CARET.match(text, j)
        if mark and mark.group(0).strip():
            end = mark.end()
            bare_t = mark.group(0) == "T"
            if not (bare_t and end < len(text) and _is_letter(text[end]) and text[end] not in "xzp"):
                # ^Tanh… is not a transpose; x^Tx is
                self.i = end
                self.emit("tr", text[start:end], start)
                return
        self.i = start + 1
        self.emit("op", "^", start, "^")

    def method(self) -> None:
        """``z.tanh()``, ``W1.dot(x)``: a method of numpy or PyTorch code (``.T`` is handled apart)."""
        text, start = self.text, self.i
        j = start + 1
        while j < len(text) and text[j].isascii() and (text[j].isalpha() or text[j] == "_"):
            j += 1
        word = text[start + 1 : j]
        name = names.canonical(word, [])
        if word in ("t", "transpose") and text.startswith("()", j):
            self.i = j + 2
            self.emit("tr", text[start : self.i], start)
            return
        size = SIZE_METHOD.match(text, j) if word in ("shape", "size", "numel") else None
        if size:  # x.shape[0], x.size, x.numel(): the length of x, as in np.eye(x.shape[0])
            self.i = size.end()
            self.emit("method", text[start : self.i], start, "len")
            self.emit("lp", "(", self.i - 1, "(")
            self.emit("rp", ")", self.i - 1, ")")
            return
        if name not in names.FUNCTIONS or name in ("sigma", "eye"):
            raise AnswerSyntaxError("unknown_method", start + 1, name=word)
        self.i = j
        self.emit("method", text[start:j], start, name)
        if j < len(text) and text[j] == "(":
            self.stack.append(("(", j + 1, True))
            self.emit("lp", "(", j, "(")
            self.i = j + 1
            keyword = FIRST_KEYWORD_ARGUMENT.match(text, self.i)
            if keyword and name in names.AXIS_FUNCTIONS:
                self.i = keyword.end()  # z.softmax(dim=0): the axis only
                if text.startswith(",", self.i) and not KEYWORD_ARGUMENT.match(text, self.i):
                    raise AnswerSyntaxError("unexpected", self.i + 1, text=",")

    def open_bracket(self, ch: str) -> None:
        previous = self.tokens[-1] if self.tokens else None
        is_call = previous is not None and previous.kind == "name" and previous.value in names.FUNCTIONS
        self.stack.append((ch, self.i + 1, is_call or ch == "["))
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
            self.frac_shorthand()
        elif command == "sqrt":
            self.emit("sqrt", text[start:j], start)
        elif command in ("dots", "ldots", "cdots", "dotsc"):
            self.emit("ellipsis", text[start:j], start)
        elif command == "top" or command == "intercal":
            self.emit("tr", text[start:j], start)
        elif command == "hat" or command == "widehat":
            self.hat_name(start)
        elif command in LATEX_WRAPPERS:
            self.wrapped_name(start)
        elif names.canonical(command, []) in names.REDUCTIONS:
            self.emit("name", text[start:j], start, names.canonical(command, []))
            self.i = SUM_LIMITS.match(text, self.i).end()  # \sum_j, \sum_{j=1}^{K}: limits say nothing new
        else:
            subscripts = self._subscripts()
            name = names.canonical(command, subscripts)
            if name is None:
                hint = names.suggest(command)
                raise AnswerSyntaxError("unknown_command", start + 1, command="\\" + command,
                                        suggestion=hint or "")
            self.emit("name", text[start : self.i], start, name, index=names.component_index(name, subscripts))

    def _group_word(self) -> str:
        """The text of ``{…}`` (matching braces) or of a single letter or command, after ``\\hat`` etc."""
        text = self.text
        j = self.i
        while j < len(text) and text[j] == " ":
            j += 1
        if j < len(text) and text[j] == "{":
            level, end = 0, j
            while end < len(text):
                level += {"{": 1, "}": -1}.get(text[end], 0)
                if level == 0:
                    break
                end += 1
            if end == len(text):
                raise AnswerSyntaxError("unclosed", j + 1, bracket="{")
            self.i = end + 1
            return text[j + 1 : end].strip()
        if j < len(text) and text[j] == "\\":
            k = j + 1
            while k < len(text) and text[k].isalpha():
                k += 1
            self.i = k
            return text[j:k]
        if j < len(text) and _is_letter(text[j]):
            self.i = j + 1
            return text[j]
        raise AnswerSyntaxError("hat_needs_letter", self.i + 1)

    def _group_name(self, hat: bool) -> tuple[str, bool]:
        """Letters and hat of a group: ``{\\mathbf{y}}``, ``{\\hat{y}}`` and ``{y}`` all give ``y``."""
        word = self._group_word()
        for _ in range(4):  # \\mathbf{\\hat{\\boldsymbol{y}}}: a few layers at most
            inner = re.fullmatch(r"\\([A-Za-z]+)\s*(?:\{(.*)\}|([A-Za-z]))", word)
            if inner and inner.group(1) in LATEX_WRAPPERS | {"hat", "widehat"}:
                hat = hat or inner.group(1) in ("hat", "widehat")
                word = (inner.group(2) if inner.group(2) is not None else inner.group(3)).strip()
            else:
                break
        return word.lstrip("\\"), hat

    def hat_name(self, start: int) -> None:
        word, _ = self._group_name(hat=True)
        subscripts = self._subscripts()
        name = names.canonical(word, ["hat", *subscripts])
        if name is None:
            raise AnswerSyntaxError("unknown_name", start + 1, name=f"\\hat{{{word}}}",
                                    suggestion=names.suggest(word + "hat") or "")
        self.emit("name", self.text[start : self.i], start, name, index=names.component_index(name, subscripts))

    def wrapped_name(self, start: int) -> None:
        word, hat = self._group_name(hat=False)
        subscripts = self._subscripts()
        name = names.canonical(word, ["hat", *subscripts] if hat else subscripts)
        if name is None:
            raise AnswerSyntaxError("unknown_name", start + 1, name=word,
                                    suggestion=names.suggest(word) or "")
        self.emit("name", self.text[start : self.i], start, name, index=names.component_index(name, subscripts))

    def frac_shorthand(self) -> None:
        """``\\frac53`` and ``\\frac1{2}``: a single digit or letter needs no braces."""
        text = self.text
        for _ in range(2):
            j = self.i
            while j < len(text) and text[j] == " ":
                j += 1
            if j >= len(text) or not (_is_digit(text[j]) or _is_letter(text[j])):
                return
            name = None if _is_digit(text[j]) else names.canonical(text[j], [])
            if name is None and not _is_digit(text[j]):
                return
            self.emit("lp", "{", j, "(")
            if name is None:
                self.emit("num", text[j], j, Fraction(int(text[j])))
            else:
                self.emit("name", text[j], j, name)
            self.emit("rp", "}", j, ")")
            self.i = j + 1

    def _subscripts(self) -> list[str]:
        """Subscripts after a name: ``_1``, ``_{t-1}``, ``_hat``, ``₁``, ``ₜ₋₁`` (any mix)."""
        text = self.text
        subs: list[str] = []
        while self.i < len(text):
            ch = text[self.i]
            index = BRACKET_INDEX.match(text, self.i)
            if index:  # theta[t-1], x[i]
                subs.append(re.sub(r"\s", "", index.group(1)).replace("−", "-"))
                self.i = index.end()
            elif ch == "_":
                j = self.i + 1
                if j < len(text) and text[j] in "{(":
                    end = text.find("}" if text[j] == "{" else ")", j)
                    if end == -1:
                        raise AnswerSyntaxError("unclosed", j + 1, bracket=text[j])
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
        if k > j and names.canonical(letters, []) in names.DIGIT_POWER_FUNCTIONS and len(text[j:k]) == 1:
            # tanh2(z) is tanh²(z): hyperbolic functions have no index
            self.emit("name", letters, start, names.canonical(letters, []))
            self.emit("sup", text[j:k], j, int(text[j:k]))
            return
        reduction = names.canonical(letters, [])
        if reduction in names.REDUCTIONS and k == j:
            self.emit("name", letters, start, reduction)
            self.i = SUM_LIMITS.match(text, j).end()  # max_j z_j: the limits under it say nothing new
            return
        subs += self._subscripts()
        layer = LAYER_INDEX.match(text, self.i) if letters in names.LAYER_INDEXED and not subs else None
        if layer:  # W^{(1)}, W^{[1]}, W[1]
            subs.append(layer.group(1) or layer.group(2))
            self.i = layer.end()
        if letters in names.HATTED and text.startswith("^", self.i) and (
            self.i + 1 == len(text) or text[self.i + 1].isspace() or text[self.i + 1] in ")]}+*/·"
        ):
            subs.append("hat")  # y^ with nothing raised: the ASCII way to put a hat on y
            self.i += 1
        raw = text[start : self.i]
        if definition_key(raw) in self.defined:
            self.emit("name", raw, start, "=" + definition_key(raw))
            return
        name = names.canonical(letters, subs)
        if name is not None:
            self.emit("name", raw, start, name, index=names.component_index(name, subs))
            return
        pieces = names.split_run(letters)
        if pieces is not None and subs:
            # λθₜ₋₁: the subscript belongs to the last letter
            last = names.canonical(pieces[-1], subs)
            pieces = None if last is None else [*pieces[:-1], last]
        if pieces is None:
            raise AnswerSyntaxError("unknown_name", start + 1, name=raw,
                                    suggestion=names.suggest(letters) or "")
        for n, piece in enumerate(pieces):
            last = n == len(pieces) - 1
            self.emit("name", raw, start, piece, tuple(pieces), names.component_index(piece, subs) if last else "")
