"""LaTeX math → readable Unicode for the terminal.

Content keeps LaTeX (it renders on GitHub and exports unchanged); the terminal
shows Unicode such as ``xᵀx``, ``∑ₖ₌₁ᴷ pₖ log ŷₖ`` or ``W₁ ∈ ℝ⁵ˣ³``.  This is a
small tokenizer plus a recursive-descent converter for the subset the course
uses.  Anything outside that subset raises :class:`MathError`, so ``dltutor
lint`` reports it instead of a student seeing half-converted source.

Spacing follows TeX: source whitespace is ignored and every atom has a class
(ord, op, bin, rel, open, close, punct, inner) that decides where a space goes.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field

__all__ = ["MathError", "find_math", "latex_to_unicode", "render_markdown_math"]


class MathError(ValueError):
    """A formula outside the supported subset (unknown command, unbalanced braces …)."""


# ---------------------------------------------------------------------------
# Symbol tables
# ---------------------------------------------------------------------------


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_GREEK = {
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ",
    # ε for both: terminal readers know it, and the lunate ϵ is easy to misread.
    "epsilon": "ε", "varepsilon": "ε", "zeta": "ζ", "eta": "η", "theta": "θ",
    "vartheta": "ϑ", "iota": "ι", "kappa": "κ", "varkappa": "ϰ", "lambda": "λ",
    "mu": "μ", "nu": "ν", "xi": "ξ", "pi": "π", "varpi": "ϖ", "rho": "ρ",
    "varrho": "ϱ", "sigma": "σ", "varsigma": "ς", "tau": "τ", "upsilon": "υ",
    "phi": "φ", "varphi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω",
    "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π",
    "Sigma": "Σ", "Upsilon": "Υ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω",
}  # fmt: skip

_ORD = {
    "infty": "∞", "partial": "∂", "nabla": "∇", "ldots": "…", "dots": "…",
    "cdots": "⋯", "vdots": "⋮", "ddots": "⋱", "forall": "∀", "exists": "∃",
    "nexists": "∄", "emptyset": "∅", "varnothing": "∅", "ell": "ℓ", "prime": "′",
    "top": "⊤", "bot": "⊥", "intercal": "ᵀ", "dagger": "†", "neg": "¬", "lnot": "¬",
    "angle": "∠", "triangle": "△", "hbar": "ℏ", "Re": "ℜ", "Im": "ℑ", "aleph": "ℵ",
    "%": "%", "_": "_", "&": "&", "#": "#", "$": "$",
}  # fmt: skip

_BIN = {
    "cdot": "·", "times": "×", "div": "÷", "pm": "±", "mp": "∓", "circ": "∘",
    "odot": "⊙", "otimes": "⊗", "oplus": "⊕", "ominus": "⊖", "oslash": "⊘",
    "ast": "∗", "star": "⋆", "bullet": "•", "setminus": "∖", "cup": "∪", "cap": "∩",
    "wedge": "∧", "land": "∧", "vee": "∨", "lor": "∨",
}  # fmt: skip

_REL = {
    "le": "≤", "leq": "≤", "leqslant": "≤", "ge": "≥", "geq": "≥", "geqslant": "≥",
    "ne": "≠", "neq": "≠", "approx": "≈", "sim": "∼", "simeq": "≃", "cong": "≅",
    "equiv": "≡", "propto": "∝", "in": "∈", "notin": "∉", "ni": "∋", "subset": "⊂",
    "subseteq": "⊆", "supset": "⊃", "supseteq": "⊇", "to": "→", "rightarrow": "→",
    "leftarrow": "←", "gets": "←", "leftrightarrow": "↔", "longrightarrow": "⟶",
    "mapsto": "↦", "Rightarrow": "⇒", "Leftarrow": "⇐", "Leftrightarrow": "⇔",
    "implies": "⇒", "impliedby": "⇐", "iff": "⇔", "ll": "≪", "gg": "≫", "perp": "⊥",
    "parallel": "∥", "mid": "|", "coloneqq": ":=", "uparrow": "↑", "downarrow": "↓",
    "doteq": "≐", "asymp": "≍", "prec": "≺", "succ": "≻",
}  # fmt: skip

_LARGE_OPS = {
    "sum": "∑", "prod": "∏", "coprod": "∐", "int": "∫", "iint": "∬", "oint": "∮",
    "bigcup": "⋃", "bigcap": "⋂", "bigoplus": "⨁", "bigotimes": "⨂",
    "bigvee": "⋁", "bigwedge": "⋀",
}  # fmt: skip

# Function names are upright words with operator spacing: "log x", "tanh(z)".
_FUNCTIONS = _words(
    "log ln lg exp sin cos tan cot sec csc sinh cosh tanh coth sech csch arcsin arccos "
    "arctan det dim ker deg gcd hom lim liminf limsup sup inf max min arg Pr argmin argmax"
)

_OPEN = {"langle": "⟨", "lVert": "‖", "lvert": "|", "lfloor": "⌊", "lceil": "⌈", "lbrack": "["}
_CLOSE = {"rangle": "⟩", "rVert": "‖", "rvert": "|", "rfloor": "⌋", "rceil": "⌉", "rbrack": "]"}
# Delimiters whose side is only known from context: the first opens, the next closes.
_FENCE = {"|": "‖", "vert": "|", "Vert": "‖"}

_SPACES = {",": " ", ";": " ", ":": " ", ">": " ", " ": " ", "quad": " ", "qquad": " ",
           "enspace": " ", "thinspace": " ", "!": "", "negthinspace": ""}  # fmt: skip
_IGNORED = _words("displaystyle textstyle scriptstyle limits nolimits")
_SIZES = _words("big Big bigg Bigg bigl bigr Bigl Bigr biggl biggr Biggl Biggr bigm Bigm")
_FRACS = _words("frac dfrac tfrac cfrac")
_FONTS = _words("mathrm mathit mathbf mathsf mathtt mathcal mathscr mathfrak boldsymbol bm")
_TEXTS = _words("text textrm textit textbf textsf texttt textnormal mbox emph")
# Accents: (combining mark for one letter, spacing mark after a parenthesised group or
# None when the combining mark goes on every letter instead).
_ACCENTS: dict[str, tuple[str, str | None]] = {
    "hat": ("\u0302", "ˆ"), "widehat": ("\u0302", "ˆ"),
    "tilde": ("\u0303", "˜"), "widetilde": ("\u0303", "˜"),
    "bar": ("\u0304", None), "overline": ("\u0305", None),
    "underline": ("\u0332", None), "vec": ("\u20d7", None),
    "dot": ("\u0307", "˙"), "ddot": ("\u0308", "¨"),
}  # fmt: skip
_MATRICES = {"matrix": "[]", "pmatrix": "[]", "bmatrix": "[]", "smallmatrix": "[]",
             "array": "[]", "vmatrix": "||", "Vmatrix": "‖‖"}  # fmt: skip
_ROW_ENVS = _words("cases dcases aligned align align* split gathered gather gather*")

_CHAR_CLASS = {
    "+": "bin", "-": "bin", "*": "bin", "=": "rel", "<": "rel", ">": "rel",
    ",": "punct", ";": "punct", ":": "punct", "(": "open", "[": "open",
    ")": "close", "]": "close", "!": "close", "?": "close", "|": "fence",
}  # fmt: skip
_CHAR_TEXT = {"-": "−", "*": "∗"}
# Unicode typed straight into a formula gets the class of the command it stands for.
for _table, _cls in ((_BIN, "bin"), (_REL, "rel"), (_LARGE_OPS, "op")):
    for _text in _table.values():
        _CHAR_CLASS.setdefault(_text, _cls)
_CHAR_CLASS.update({"−": "bin", "‖": "fence"})

_SUBSCRIPT = dict(
    zip(
        "0123456789+−=()aehijklmnoprstuvxβγρφχ",
        "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓᵦᵧᵨᵩᵪ",
        strict=True,
    )
)
_SUPERSCRIPT = dict(
    zip(
        "0123456789+−=()abcdefghijklmnoprstuvwxyzABDEGHIJKLMNOPRTUVWβγδθφχ×⊤ᵀ′″‴∗*†∘",
        "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻᴬᴮᴰᴱᴳᴴᴵᴶᴷᴸᴹᴺᴼᴾᴿᵀᵁⱽᵂᵝᵞᵟᶿᵠᵡˣᵀᵀ′″‴**†°",
        strict=True,
    )
)
_DOUBLE_STRUCK = {"C": "ℂ", "H": "ℍ", "N": "ℕ", "P": "ℙ", "Q": "ℚ", "R": "ℝ", "Z": "ℤ"}
_COMBINING = re.compile("[\u0300-\u036f\u20d0-\u20ff]")
_SCRIPT_CHARS = frozenset(_SUBSCRIPT.values()) | frozenset(_SUPERSCRIPT.values())

_BRACE_ADVICE = (
    "braces would be left in the terminal rendering; write the set in words "
    "or with another notation (e.g. \\lbrack 0, 1 \\rbrack or \\langle … \\rangle)"
)


# ---------------------------------------------------------------------------
# Tokenizer
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Token:
    kind: str  # "cmd", "char" or "space"
    text: str
    pos: int


def _tokenize(latex: str) -> list[_Token]:
    tokens: list[_Token] = []
    i, n = 0, len(latex)
    while i < n:
        c = latex[i]
        if c == "\\":
            if i + 1 >= n:
                raise MathError("a lone backslash at the end of the formula")
            j = i + 1
            if latex[j].isascii() and latex[j].isalpha():
                while j < n and latex[j].isascii() and latex[j].isalpha():
                    j += 1
                name = latex[i + 1 : j]
                if name == "operatorname" and j < n and latex[j] == "*":
                    j += 1
                tokens.append(_Token("cmd", name, i))
                i = j
            else:
                tokens.append(_Token("cmd", latex[j], i))
                i = j + 1
        elif c.isspace():
            j = i
            while j < n and latex[j].isspace():
                j += 1
            tokens.append(_Token("space", " ", i))
            i = j
        elif c == "%":
            raise MathError("an unescaped % starts a LaTeX comment; write \\% for a percent sign")
        else:
            tokens.append(_Token("char", c, i))
            i += 1
    return tokens


# ---------------------------------------------------------------------------
# Atoms and their layout
# ---------------------------------------------------------------------------


@dataclass
class _Atom:
    """One typeset unit: its text, TeX spacing class and attached scripts."""

    text: str
    cls: str
    sub: str | None = None
    sup: str | None = None
    primes: str = ""
    parts: list[_Atom] = field(default_factory=list)  # inner atoms, for fraction layout
    fence: bool = False  # a | or ‖ whose side was found from context
    kind: str = ""  # "large" (∑ ∏ ∫) or "root" (√…): they want room on their right

    def finish(self) -> str:
        sup = self.primes + (self.sup or "")
        if self.sub is None and not sup:
            return self.text
        base = f"({self.text})" if self.cls == "inner" else self.text
        sub_text = _to_script(self.sub, _SUBSCRIPT, "_") if self.sub is not None else None
        sup_text = _to_script(sup, _SUPERSCRIPT, "^") if sup else None
        both = sub_text is not None and sup_text is not None
        if both and (sub_text[:1] == "_" or sup_text[:1] == "^"):
            # x_α² would be ambiguous: spell both scripts out in full.
            sub_text = _to_script(self.sub or "", {}, "_", group=True)
            sup_text = _to_script(sup, {}, "^", group=True)
        return base + (sub_text or "") + (sup_text or "")


def _to_script(text: str, table: dict[str, str], marker: str, *, group: bool = False) -> str:
    """Unicode sub/superscript, or ``_x`` / ``_(…)`` when a character has no such form."""
    if not group and text and all(c in table for c in text):
        return "".join(table[c] for c in text)
    if len(text) == 1 and not group:
        return marker + text
    if text.startswith("(") and text.endswith(")") and _balanced(text[1:-1]):
        return marker + text
    return f"{marker}({text})"


def _balanced(text: str) -> bool:
    depth = 0
    for c in text:
        depth += {"(": 1, ")": -1}.get(c, 0)
        if depth < 0:
            return False
    return depth == 0


# Where TeX puts space between two classes (left-right); everything else touches.
_SPACED = frozenset(
    tuple(pair.split("-"))
    for pair in _words(
        "ord-op ord-bin ord-rel ord-inner op-ord op-op op-rel op-inner bin-ord bin-op "
        "bin-open bin-inner rel-ord rel-op rel-open rel-inner close-op close-bin "
        "close-rel close-inner punct-ord punct-op punct-rel punct-open punct-punct "
        "punct-inner inner-ord inner-op inner-bin inner-rel inner-open inner-inner "
    )
)


def _resolve_classes(atoms: list[_Atom]) -> list[_Atom]:
    """Give fences a side and turn a binary operator in unary position into a sign."""
    result = [a for a in atoms if a.cls != "skip"]
    open_fences: list[str] = []
    for atom in result:
        if atom.cls == "fence":
            atom.fence = True
            if open_fences and open_fences[-1] == atom.text:
                open_fences.pop()
                atom.cls = "close"
            else:
                open_fences.append(atom.text)
                atom.cls = "open"
    solid = [a for a in result if a.cls != "space"]
    for k, atom in enumerate(solid):
        if atom.cls != "bin":
            continue
        before = solid[k - 1].cls if k else None
        after = solid[k + 1].cls if k + 1 < len(solid) else None
        if before in (None, "bin", "op", "rel", "open", "punct", "unary") or after in (
            None,
            "rel",
            "close",
            "punct",
        ):
            atom.cls = "unary"
    return result


def _layout(atoms: list[_Atom], *, spaced: bool = True) -> str:
    """Join atoms into text; scripts (``spaced=False``) get no spacing at all."""
    atoms = _resolve_classes(atoms)
    out: list[str] = []
    prev: str | None = None
    prev_kind = ""
    for atom in atoms:
        if atom.cls == "space":
            out.append(" ")
            continue
        cls = "ord" if atom.cls == "unary" else atom.cls
        # TeX treats | as an ordinary symbol, so "cosh |z|" keeps its space.
        wanted = (
            (prev, cls) in _SPACED
            or (prev == "op" and atom.fence and cls == "open")
            # "∑ⱼ (x − μ)²" and "√q ξ": without TeX's big symbols the operand needs a gap.
            or (prev_kind == "large" and cls == "open")
            or (prev_kind == "root" and cls == "ord")
        )
        if spaced and prev is not None and prev != "unary" and wanted:
            out.append(" ")
        out.append(atom.finish())
        prev, prev_kind = atom.cls, atom.kind
    return re.sub(" {2,}", " ", "".join(out)).strip()


def _solid(atoms: list[_Atom]) -> list[_Atom]:
    return [a for a in _resolve_classes(atoms) if a.cls != "space"]


def _is_wrapped(atoms: list[_Atom]) -> bool:
    """``(…)``, ``|…|`` or ``‖…‖`` as one unit, so it needs no extra parentheses."""
    if len(atoms) < 2 or atoms[0].cls != "open" or atoms[-1].cls != "close":
        return False
    depth = 0
    for k, atom in enumerate(atoms):
        depth += {"open": 1, "close": -1}.get(atom.cls, 0)
        if depth == 0 and k < len(atoms) - 1:
            return False
    return True


def _is_application(atoms: list[_Atom]) -> bool:
    """A named function applied to a bracketed argument: ``Var(z)``, ``𝔼[h²]``."""
    head = atoms[0] if atoms else None
    if head is None or not ((head.cls == "op" and head.kind != "large") or head.text == "𝔼"):
        return False
    return _is_wrapped(atoms[1:])


def _is_simple(atoms: list[_Atom]) -> bool:
    """One symbol (with scripts), one number, one bracketed unit or one function call."""
    solid = _solid(atoms)
    if len(solid) == 1 and solid[0].cls == "inner":
        return False  # a fraction: "√(2/(1 + a²))", not "√2/(1 + a²)"
    return len(solid) <= 1 or _is_wrapped(solid) or _is_application(solid)


def _numerator_is_simple(atoms: list[_Atom]) -> bool:
    solid = _solid(atoms)
    if _is_wrapped(solid) or _is_application(solid):
        return True
    return not any(a.cls in ("bin", "rel", "punct", "op", "inner") or a.text == "/" for a in solid)


def _denominator_is_simple(atoms: list[_Atom]) -> bool:
    solid = _solid(atoms)
    if len(solid) == 2 and solid[0].text in ("∂", "d", "δ", "Δ") and not solid[0].sup:
        return solid[1].cls == "ord"  # a differential such as ∂z or dx
    return _is_simple(atoms)


def _wrap(text: str, simple: bool) -> str:
    return text if simple else f"({text})"


# ---------------------------------------------------------------------------
# Parser
# ---------------------------------------------------------------------------


#: groups, arguments and commands inside one another beyond this are refused: TeX written by
#: hand nests a few; each costs up to four Python frames, so this stays far from the recursion
#: limit even when called from deep inside the app
MAX_DEPTH = 100


class _Parser:
    def __init__(self, latex: str) -> None:
        self.tokens = _tokenize(latex)
        self.i = 0
        self.depth = 0

    # -- token access -------------------------------------------------------

    def peek(self) -> _Token | None:
        while self.i < len(self.tokens) and self.tokens[self.i].kind == "space":
            self.i += 1
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def take(self) -> _Token:
        tok = self.peek()
        if tok is None:
            raise MathError("the formula ends too early (a command is missing its argument)")
        self.i += 1
        return tok

    @staticmethod
    def key(tok: _Token) -> str:
        if tok.kind == "cmd":
            return "\\\\" if tok.text == "\\" else "\\" + tok.text
        return tok.text

    # -- lists --------------------------------------------------------------

    def enter(self) -> None:
        """Count one more level of nesting (every recursion passes a list or an atom)."""
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise MathError(
                f"the formula is nested too deeply (more than {MAX_DEPTH} groups and commands"
                " inside one another)"
            )

    def parse_list(self, stop: frozenset[str]) -> tuple[list[_Atom], str | None]:
        """Atoms up to (not including) a token whose key is in ``stop``."""
        self.enter()
        try:
            return self._parse_list(stop)
        finally:
            self.depth -= 1

    def _parse_list(self, stop: frozenset[str]) -> tuple[list[_Atom], str | None]:
        atoms: list[_Atom] = []
        while True:
            tok = self.peek()
            if tok is None:
                return atoms, None
            key = self.key(tok)
            if key in stop:
                return atoms, key
            if key == "}":
                raise MathError("unbalanced braces: a } without its {")
            if key in ("&", "\\\\"):
                raise MathError(f"{key} is only allowed inside \\begin{{…}} … \\end{{…}}")
            if key in ("^", "_", "'"):
                if not atoms or atoms[-1].cls in ("space", "skip"):
                    atoms.append(_Atom("", "ord"))
                self.parse_script(atoms[-1])
                continue
            atoms.extend(self.parse_atom())

    def parse_group(self) -> list[_Atom]:
        """The atoms of a ``{…}`` group whose ``{`` was just taken."""
        atoms, end = self.parse_list(frozenset({"}"}))
        if end is None:
            raise MathError("unbalanced braces: a { without its }")
        self.take()
        return atoms

    def parse_arg(self) -> list[_Atom]:
        """A command argument: a group, or (as in TeX) a single token."""
        tok = self.peek()
        if tok is None:
            raise MathError("the formula ends too early (a command is missing its argument)")
        if tok.kind == "char" and tok.text == "{":
            self.take()
            return self.parse_group()
        if tok.kind == "char" and tok.text in "}^_&":
            raise MathError(f"a command is missing its argument before {tok.text!r}")
        return self.parse_atom(single=True)

    def parse_script(self, atom: _Atom) -> None:
        tok = self.take()
        if tok.text == "'":
            if atom.sup is not None:
                raise MathError("double superscript: a prime after ^ (write the prime first)")
            count = 1
            while self.i < len(self.tokens) and self.tokens[self.i].text == "'":
                self.i += 1
                count += 1
            atom.primes += {1: "′", 2: "″", 3: "‴"}.get(count, "′" * count)
            return
        text = _layout(self.parse_arg(), spaced=False)
        if tok.text == "^":
            if atom.sup is not None:
                raise MathError("double superscript: use braces, e.g. x^{ab}")
            atom.sup = text
        else:
            if atom.sub is not None:
                raise MathError("double subscript: use braces, e.g. x_{ij}")
            atom.sub = text

    # -- atoms --------------------------------------------------------------

    def parse_atom(self, *, single: bool = False) -> list[_Atom]:
        """One atom; every nested group or argument passes through here, so depth is counted here."""
        tok = self.take()
        self.enter()
        try:
            if tok.kind == "char":
                return self.parse_char(tok, single=single)
            return self.parse_command(tok.text)
        finally:
            self.depth -= 1

    def parse_char(self, tok: _Token, *, single: bool) -> list[_Atom]:
        c = tok.text
        if c == "{":
            inner = self.parse_group()
            return [_Atom(_layout(inner), "ord", parts=inner)]
        if c in "#$":
            raise MathError(f"a bare {c} is not allowed in a formula; write \\{c}")
        if c == "~":
            return [_Atom(" ", "space")]
        if c.isdigit() and not single:
            text = c
            while self.i < len(self.tokens):
                nxt = self.tokens[self.i].text
                follow = self.tokens[self.i + 1].text if self.i + 1 < len(self.tokens) else ""
                if nxt.isdigit() or (nxt == "." and follow.isdigit()):
                    text += nxt
                    self.i += 1
                else:
                    break
            return [_Atom(text, "ord")]
        if c == "." and self.i == len(self.tokens):
            return [_Atom(".", "punct")]  # the full stop of a sentence: "b/2.", not "b/2 ."
        if c == ":" and self.i < len(self.tokens) and self.tokens[self.i].text == "=":
            self.i += 1
            return [_Atom(":=", "rel")]
        return [_Atom(_CHAR_TEXT.get(c, c), _CHAR_CLASS.get(c, "ord"))]

    def parse_command(self, name: str) -> list[_Atom]:
        if name in _GREEK:
            return [_Atom(_GREEK[name], "ord")]
        if name in _ORD:
            return [_Atom(_ORD[name], "ord")]
        if name in _BIN:
            return [_Atom(_BIN[name], "bin")]
        if name in _REL:
            return [_Atom(_REL[name], "rel")]
        if name in _LARGE_OPS:
            return [_Atom(_LARGE_OPS[name], "op", kind="large")]
        if name in _FUNCTIONS:
            return [_Atom(name, "op")]
        if name in _OPEN:
            return [_Atom(_OPEN[name], "open")]
        if name in _CLOSE:
            return [_Atom(_CLOSE[name], "close")]
        if name in _FENCE:
            return [_Atom(_FENCE[name], "fence")]
        if name in _SPACES:
            return [_Atom(" ", "space")] if _SPACES[name] else [_Atom("", "skip")]
        if name in _IGNORED:
            return []
        if name in ("left", "right", "middle") or name in _SIZES:
            return self.parse_delimiter(name)
        if name in ("{", "}", "lbrace", "rbrace"):
            raise MathError(f"\\{name}: {_BRACE_ADVICE}")
        if name in _FRACS:
            return [self.parse_fraction()]
        if name == "sqrt":
            return [self.parse_sqrt()]
        if name in _ACCENTS:
            return [self.parse_accent(name)]
        if name in _FONTS:
            return self.parse_arg()
        if name in _TEXTS:
            return [_Atom(self.read_text(), "ord")]
        if name in ("operatorname", "operatorname*"):
            return [_Atom(self.read_text(), "op")]
        if name == "mathop":
            return [_Atom(_layout(self.parse_arg()), "op")]
        if name == "mathbb":
            return [_Atom(self.read_double_struck(), "ord")]
        if name == "not":
            return [self.parse_negation()]
        if name in ("underset", "overset", "stackrel"):
            return [self.parse_stacked(name)]
        if name == "begin":
            return [self.parse_environment()]
        if name == "end":
            raise MathError("\\end without a matching \\begin")
        if name == "\\":
            raise MathError("\\\\ is only allowed inside \\begin{…} … \\end{…}")
        raise MathError(f"unknown command \\{name}")

    def parse_delimiter(self, name: str) -> list[_Atom]:
        """``\\left(``, ``\\big|`` …: the size is dropped, the delimiter is kept."""
        tok = self.take()
        if tok.kind == "char" and tok.text in "()[]|/.<>":
            text = {"<": "⟨", ">": "⟩", ".": ""}.get(tok.text, tok.text)
            cls = _CHAR_CLASS.get(tok.text, "ord")
        elif tok.kind == "cmd" and tok.text in ("{", "}", "lbrace", "rbrace"):
            raise MathError(f"\\{tok.text}: {_BRACE_ADVICE}")
        elif tok.kind == "cmd" and tok.text in _OPEN:
            text, cls = _OPEN[tok.text], "open"
        elif tok.kind == "cmd" and tok.text in _CLOSE:
            text, cls = _CLOSE[tok.text], "close"
        elif tok.kind == "cmd" and tok.text in _FENCE:
            text, cls = _FENCE[tok.text], "fence"
        else:
            raise MathError(f"\\{name} must be followed by a delimiter such as ( or |")
        if name == "left" or name.endswith("l"):
            cls = "open"
        elif name == "right" or name.endswith("r"):
            cls = "close"
        return [_Atom(text, cls)] if text else [_Atom("", "skip")]

    def parse_fraction(self) -> _Atom:
        num, den = self.parse_arg(), self.parse_arg()
        text = (
            _wrap(_layout(num), _numerator_is_simple(num))
            + "/"
            + _wrap(_layout(den), _denominator_is_simple(den))
        )
        return _Atom(text, "inner")

    def parse_sqrt(self) -> _Atom:
        index = ""
        tok = self.peek()
        if tok is not None and tok.text == "[":
            self.take()
            atoms, end = self.parse_list(frozenset({"]"}))
            if end is None:
                raise MathError("\\sqrt[ without its ]")
            self.take()
            index = _layout(atoms, spaced=False)
        body = self.parse_arg()
        root = {"": "√", "2": "√", "3": "∛", "4": "∜"}.get(index)
        if root is None:
            root = _to_script(index, _SUPERSCRIPT, "^") + "√"
        return _Atom(root + _wrap(_layout(body), _is_simple(body)), "ord", kind="root")

    def parse_accent(self, name: str) -> _Atom:
        mark, spacing = _ACCENTS[name]
        text = _layout(self.parse_arg())
        rest = _COMBINING.sub("", text[1:])
        if text and all(c in _SCRIPT_CHARS for c in rest):
            # One letter, perhaps already carrying scripts: the mark sits on the letter.
            head = re.match(r".[\u0300-\u036f\u20d0-\u20ff]*", text)
            assert head is not None
            return _Atom(head.group() + mark + text[head.end() :], "ord")
        if spacing is None:
            mark = "\u0305" if mark == "\u0304" else mark  # overlines join into one bar
            return _Atom("".join(c + mark if c.strip() else c for c in text), "ord")
        return _Atom(f"({text}){spacing}", "ord")

    def parse_negation(self) -> _Atom:
        atom = self.parse_atom(single=True)[0]
        negated = {"=": "≠", "∈": "∉", "⊂": "⊄", "≡": "≢", "∼": "≁"}.get(atom.text)
        return _Atom(negated or atom.text + "\u0338", atom.cls)

    def parse_stacked(self, name: str) -> _Atom:
        over, base = self.parse_arg(), self.parse_arg()
        solid = _solid(base)
        cls = solid[0].cls if len(solid) == 1 else "ord"
        if name == "stackrel":
            cls = "rel"
        atom = _Atom(_layout(base), cls)
        if name == "underset":
            atom.sub = _layout(over, spaced=False)
        else:
            atom.sup = _layout(over, spaced=False)
        return atom

    def read_text(self) -> str:
        """The raw contents of a ``{…}`` text argument (spaces kept, no math)."""
        tok = self.peek()
        if tok is None or tok.text != "{":
            return _layout(self.parse_arg())
        self.take()
        out: list[str] = []
        depth = 1
        while True:
            if self.i >= len(self.tokens):
                raise MathError("unbalanced braces: a { without its }")
            tok = self.tokens[self.i]
            self.i += 1
            if tok.kind == "space":
                out.append(" ")
            elif tok.kind == "char":
                if tok.text == "{":
                    depth += 1
                elif tok.text == "}":
                    depth -= 1
                    if depth == 0:
                        return "".join(out)
                elif tok.text == "$":
                    raise MathError(
                        "math inside \\text{…} is not supported; close the \\text first"
                    )
                else:
                    out.append(" " if tok.text == "~" else tok.text)
            elif tok.text in ("{", "}", "lbrace", "rbrace"):
                raise MathError(f"\\{tok.text}: {_BRACE_ADVICE}")
            elif tok.text in "%_&#$" and len(tok.text) == 1:
                out.append(tok.text)
            elif tok.text in _SPACES:
                out.append(_SPACES[tok.text])
            elif tok.text in ("ldots", "dots"):
                out.append("…")
            elif tok.text in _TEXTS:
                continue  # nested \textbf{…}: its braces are counted above
            else:
                raise MathError(f"unknown command \\{tok.text} inside \\text{{…}}")

    def read_double_struck(self) -> str:
        out = []
        for c in self.read_text():
            if c in _DOUBLE_STRUCK:
                out.append(_DOUBLE_STRUCK[c])
            elif "A" <= c <= "Z":
                out.append(chr(0x1D538 + ord(c) - ord("A")))
            elif "a" <= c <= "z":
                out.append(chr(0x1D552 + ord(c) - ord("a")))
            elif c.isdigit():
                out.append(chr(0x1D7D8 + int(c)))
            elif c != " ":
                raise MathError(f"\\mathbb has no form for {c!r}")
        return "".join(out)

    def read_env_name(self) -> str:
        tok = self.peek()
        if tok is None or tok.text != "{":
            raise MathError("\\begin and \\end need an environment name in braces")
        return self.read_text().strip()

    def parse_environment(self) -> _Atom:
        env = self.read_env_name()
        if env not in _MATRICES and env not in _ROW_ENVS:
            raise MathError(f"unknown environment {env!r} in \\begin{{{env}}}")
        if env == "array":
            self.read_text()  # the column spec, e.g. {cc}
        rows: list[list[str]] = [[]]
        stop = frozenset({"&", "\\\\", "\\end"})
        while True:
            atoms, end = self.parse_list(stop)
            rows[-1].append(_layout(atoms))
            if end is None:
                raise MathError(f"\\begin{{{env}}} without \\end{{{env}}}")
            self.take()
            if end == "&":
                continue
            if end == "\\\\":
                rows.append([])
                continue
            closing = self.read_env_name()
            if closing != env:
                raise MathError(f"\\begin{{{env}}} is closed by \\end{{{closing}}}")
            break
        if rows and not any(rows[-1]):
            rows.pop()
        if env in _MATRICES:
            left, right = _MATRICES[env]
            body = "; ".join(", ".join(row) for row in rows)
            return _Atom(f"{left}{body}{right}", "ord")
        joiner = ", " if "cases" in env else " "  # "x, x > 0" reads as a case; aligned cells join
        text = "; ".join(re.sub(" {2,}", " ", joiner.join(c for c in row if c)) for row in rows)
        return _Atom(text, "inner" if "cases" not in env else "ord")


def latex_to_unicode(latex: str) -> str:
    """Readable Unicode for one formula's LaTeX source (without the ``$`` delimiters)."""
    parser = _Parser(latex)
    atoms, end = parser.parse_list(frozenset())
    assert end is None
    # Precomposed letters (ŷ rather than y + U+0302) render best in terminals.
    return unicodedata.normalize("NFC", _layout(atoms))


# ---------------------------------------------------------------------------
# Markdown
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _MathSpan:
    start: int
    end: int
    latex: str
    display: bool


_FENCE_OPEN = re.compile(r"^ {0,3}(`{3,}|~{3,})")


def _prose_regions(markdown: str) -> Iterator[tuple[int, int]]:
    """(start, end) of every stretch outside fenced code blocks."""
    pos = 0
    region_start = 0
    fence: str | None = None
    for line in markdown.splitlines(keepends=True):
        if fence is None:
            m = _FENCE_OPEN.match(line)
            if m and not (m.group(1)[0] == "`" and "`" in line[m.end() :]):
                yield region_start, pos
                fence = m.group(1)
        else:
            m = re.match(r"^ {0,3}(`{3,}|~{3,})\s*$", line)
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence):
                fence = None
                region_start = pos + len(line)
        pos += len(line)
    if fence is None:
        yield region_start, len(markdown)


_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_BACKTICKS = re.compile(r"`+")


class _Closers:
    """Finds the closing ``$``/``$$`` of a formula in linear total time.

    A search that fails stops at a blank line (inline math) or the region's end;
    every later search that starts before that point would fail the same way, so
    it is remembered instead of scanned again (``$5 and $6 …`` was quadratic).
    """

    def __init__(self, text: str, end: int) -> None:
        self.text = text
        self.end = end
        self.fails_before = {"$": -1, "$$": -1}

    def find(self, start: int, delim: str) -> int:
        """Index of the closing ``delim`` at or after ``start``, or -1."""
        if start < self.fails_before[delim]:
            return -1
        text, end = self.text, self.end
        i = start
        while i < end:
            c = text[i]
            if c == "\\":
                i += 2
                continue
            if delim == "$" and c == "\n" and _BLANK_LINE.match(text, i, end):
                self.fails_before[delim] = i  # inline math never crosses a blank line
                return -1
            if text.startswith(delim, i):
                if delim == "$$":
                    return i
                after = text[i + 1] if i + 1 < len(text) else ""
                if not text[i - 1].isspace() and not after.isdigit():
                    return i
            i += 1
        self.fails_before[delim] = end
        return -1


class _CodeSpans:
    """Where each backtick run's code span closes: the next run of the same length.

    All runs of a region are found once; a lookup is a bisection, so unclosed runs
    cost no rescans.
    """

    def __init__(self, text: str, start: int, end: int) -> None:
        import bisect

        self._bisect = bisect.bisect_right
        self.by_length: dict[int, list[int]] = {}
        for m in _BACKTICKS.finditer(text, start, end):
            self.by_length.setdefault(m.end() - m.start(), []).append(m.start())

    def closing_end(self, start: int, length: int) -> int | None:
        """End of the run that closes the span opened at ``start``, or None."""
        starts = self.by_length.get(length, [])
        k = self._bisect(starts, start)
        return starts[k] + length if k < len(starts) else None


def _math_spans(markdown: str) -> list[_MathSpan]:
    spans: list[_MathSpan] = []
    for start, end in _prose_regions(markdown):
        closers = _Closers(markdown, end)
        code: _CodeSpans | None = None
        i = start
        while i < end:
            c = markdown[i]
            if c == "\\":
                i += 2
            elif c == "`":
                if code is None:
                    code = _CodeSpans(markdown, start, end)
                run_end = _BACKTICKS.match(markdown, i, end)
                run = run_end.end() - i if run_end else 1
                closed = code.closing_end(i, run)
                i = closed if closed is not None else i + run
            elif markdown.startswith("$$", i):
                close = closers.find(i + 2, "$$")
                if close < 0:
                    i += 2
                    continue
                spans.append(_MathSpan(i, close + 2, markdown[i + 2 : close].strip(), True))
                i = close + 2
            elif c == "$" and i + 1 < end and not markdown[i + 1].isspace():
                close = closers.find(i + 1, "$")
                if close < 0:
                    i += 1
                    continue
                spans.append(_MathSpan(i, close + 1, markdown[i + 1 : close], False))
                i = close + 1
            else:
                i += 1
    return spans


def find_math(markdown: str) -> list[str]:
    """The LaTeX source of every ``$…$`` and ``$$…$$`` formula, outside code."""
    return [span.latex for span in _math_spans(markdown)]


# The rest of the line and blank lines after display math (the next line keeps its indent).
_LEADING_BLANK = re.compile(r"\A[ \t]*(?:\n[ \t]*(?=\n))*\n?")
_MD_SPECIAL = frozenset("\\`*_[]<>|&")


def _escape_markdown(text: str, *, line_start: bool) -> str:
    out = "".join("\\" + c if c in _MD_SPECIAL else c for c in text)
    if line_start and out[:1] in ("#", "+", "-", "="):
        out = "\\" + out
    return out


def render_markdown_math(markdown: str, *, escape_markdown: bool = False) -> str:
    """``markdown`` with every formula replaced by its Unicode rendering.

    Display math becomes its own paragraph indented by two spaces (four would
    make a code block).  A formula that does not convert stays as its source:
    lint reports it, and a reader never sees a crash.  Linear in the text's
    length: the output is a list of pieces that is never re-joined while it grows.
    """
    out: list[str] = []
    pos = 0
    after_display = False
    for span in _math_spans(markdown):
        text = markdown[pos : span.start]
        if after_display:
            text = _LEADING_BLANK.sub("", text, count=1)
        try:
            rendered = latex_to_unicode(span.latex)
        except MathError:
            out.append(text + markdown[span.start : span.end])
            pos, after_display = span.end, False
            continue
        if span.display:
            _append(out, text)
            _rstrip_pieces(out, " \t\n")
            if escape_markdown:
                rendered = _escape_markdown(rendered, line_start=True)
            if out:
                out.append("\n\n")
            out.append(f"  {rendered}\n\n")
        else:
            _append(out, text)
            if escape_markdown:
                rendered = _escape_markdown(rendered, line_start=_at_line_start(out))
            _append(out, rendered)
        pos, after_display = span.end, span.display
    tail = markdown[pos:]
    if after_display:
        tail = _LEADING_BLANK.sub("", tail, count=1)
        if not tail:
            _rstrip_pieces(out, "\n")
            return "".join(out) + ("\n" if markdown.endswith("\n") else "")
    return "".join(out) + tail


def _append(pieces: list[str], text: str) -> None:
    if text:  # no empty pieces: _at_line_start then looks at one piece only
        pieces.append(text)


def _rstrip_pieces(pieces: list[str], chars: str) -> None:
    """Strip ``chars`` from the end of the concatenation of ``pieces``, in place.

    Each character is removed once, so stripping after every formula stays linear.
    """
    while pieces:
        stripped = pieces[-1].rstrip(chars)
        if stripped:
            pieces[-1] = stripped
            return
        pieces.pop()


def _at_line_start(pieces: list[str]) -> bool:
    """True when the concatenation of ``pieces`` (none of them empty) is empty or ends a line."""
    return not pieces or pieces[-1].endswith("\n")
