"""The vocabulary of answers: every symbol and function a student may type.

Many spellings map to one canonical name (``y_hat``, ``ŷ`` and ``\\hat{y}`` are
all ``y_hat``); the checker and the echo only ever see canonical names.
"""

from __future__ import annotations

import difflib
from functools import cache

#: canonical symbol -> how the echo prints it
SYMBOLS: dict[str, str] = {
    "x": "x",
    "z": "z",
    "p": "p",
    "y_hat": "ŷ",
    "W1": "W₁",
    "W2": "W₂",
    "W3": "W₃",
    "b1": "b₁",
    "b2": "b₂",
    "b3": "b₃",
    "theta": "θ",
    "m": "m",
    "m_hat": "m̂",
    "v_hat": "v̂",
    "eta": "η",
    "alpha": "α",
    "lambda": "λ",
    "eps": "ε",
    # the gradient gₜ of the optimizer items; g followed by a bracket is the activation σ (see parser)
    "g": "g",
    "C": "C",
    "B": "B",
    "h": "h",
    "w": "w",
    "n": "n",
    "I": "I",
    "e": "e",
    "pi": "π",
}

#: canonical function -> how the echo prints it; every function takes one argument
FUNCTIONS: dict[str, str] = {
    "tanh": "tanh",
    "sinh": "sinh",
    "cosh": "cosh",
    "sech": "sech",
    "exp": "exp",
    "log": "log",
    "sqrt": "√",
    "softmax": "softmax",
    "sum": "Σ",
    "sigma": "σ",
    "sigmoid": "sigmoid",
    "eye": "eye",
    # the length of a vector (len(x), x.shape[0]), and the diagonal matrix diag(v) or diag(1, …, 1)
    "len": "len",
    "diag": "diag",
    # reductions of a vector to a number, and the log-softmax: the numerically stable softmax is
    # exp(z − max z)/Σ exp(z − max z), or exp(z − logsumexp(z)), as numpy and PyTorch code write it
    "max": "max",
    "logsumexp": "logsumexp",
    "log_softmax": "log_softmax",
    # two arguments, from numpy code: dot(A, x) and matmul(A, x) are the matrix product A·x
    "dot": "dot",
    "matmul": "matmul",
}

#: functions that take two arguments (all others take one)
TWO_ARGUMENTS = frozenset({"dot", "matmul"})
#: functions that code calls with an axis (softmax(z, dim=0), z.sum(0), np.max(z, axis=-1)): a
#: second argument that is a whole number only picks the axis of a vector, and is dropped
AXIS_FUNCTIONS = frozenset({"softmax", "sum", "max", "logsumexp", "log_softmax"})
#: reductions written with limits under them, as Σ is: max_j z_j, \max_{j} z_j
REDUCTIONS = frozenset({"sum", "max"})

#: spelling (letters only, hat as U+0302 or precomposed) -> canonical name
ALIASES: dict[str, str] = {
    "y\u0302": "y_hat",
    "ŷ": "y_hat",
    "yhat": "y_hat",
    "θ": "theta",
    "ϑ": "theta",
    "Θ": "theta",
    "vartheta": "theta",
    "m\u0302": "m_hat",
    "mhat": "m_hat",
    "v\u0302": "v_hat",
    "p\u0302": "y_hat",
    "vhat": "v_hat",
    "η": "eta",
    "α": "alpha",
    "λ": "lambda",
    "lam": "lambda",
    "lmbda": "lambda",
    # λ is the weight decay in both optimizer items
    "wd": "lambda",
    "weight_decay": "lambda",
    # the prediction ŷ = softmax(z) under the names it has in code
    "y_pred": "y_hat",
    "ypred": "y_hat",
    "ε": "eps",
    "ϵ": "eps",
    "epsilon": "eps",
    "varepsilon": "eps",
    "π": "pi",
    "E": "I",
    "Id": "I",
    "identity": "I",
    "σ": "sigma",
    # other names students give the activation; the echo notes the reading
    "φ": "sigma",
    "phi": "sigma",
    "varphi": "sigma",
    "ϕ": "sigma",
    "f": "sigma",
    "act": "sigma",
    "relu": "sigma",
    "ReLU": "sigma",
    "Relu": "sigma",
    "RELU": "sigma",
    "ln": "log",
    "amax": "max",
    "logsoftmax": "log_softmax",
    "log_softmax": "log_softmax",
    "Σ": "sum",
    "∑": "sum",
    "√": "sqrt",
    # channels: a lower-case c means the same C (no other c exists in the course)
    "c": "C",
    "с": "C",  # Cyrillic с on a Russian layout
    # Russian textbooks write th, ch, sh for tanh, cosh, sinh.
    "th": "tanh",
    "ch": "cosh",
    "sh": "sinh",
    # Cyrillic look-alikes typed on a Russian layout; Е is the identity in Russian texts.
    "х": "x",
    "р": "p",
    "е": "e",
    "С": "C",
    "В": "B",
    "Е": "I",
}

#: spellings of another tradition; the echo notes them so the student sees how they were read
RUSSIAN_NOTATION = frozenset({"E", "Е", "th", "ch", "sh"})
#: spellings read as the activation σ ("any elementwise nonlinearity" in the questions)
ACTIVATION_SPELLINGS = frozenset({"φ", "ϕ", "phi", "varphi", "f", "g", "act", "relu", "ReLU", "Relu", "RELU"})
#: letters that take a hat: ŷ (also p̂, the estimate of p), m̂, v̂
HATTED = frozenset({"y", "p", "m", "v"})
#: Greek letters the course does not use (γ and β of batch norm are counted, not written)
UNUSED_GREEK = frozenset({"gamma", "beta", "delta", "mu", "nu", "rho", "tau", "omega", "γ", "β", "δ", "μ", "ν",
                          "ρ", "τ", "ω"})
#: hyperbolic functions whose trailing digit is a power (``tanh2(z)`` is tanh²(z)); ``log2`` is not
DIGIT_POWER_FUNCTIONS = frozenset({"tanh", "sinh", "cosh", "sech"})
#: spellings that name a quantity of the course in another way; suggested instead of a guess
GLOSSARY: dict[str, tuple[str, ...]] = {
    "y": ("y_hat", "p"),
    "lr": ("eta", "alpha"),
    "learning_rate": ("eta", "alpha"),
}

#: symbols that carry a time index in the seed's notation (θₜ₋₁, mₜ, ηₜ): the index is dropped
#: longer unknown runs are reported as unknown rather than split (bounded work)
MAX_SPLIT = 16
HAT_MARK = "\u0302"
TIME_INDEXED = frozenset({"theta", "m", "m_hat", "v_hat", "eta", "g"})
TIME_SUBSCRIPTS = frozenset({"t", "t-1", "t−1", "t+1", "k", "prev", "old"})
#: component indices (ŷᵢ − pᵢ, 2xᵢ, e^{z_j}): the answer holds for every component, so they are dropped
INDEX_SUBSCRIPTS = frozenset({"i", "j", "k"})
INDEXED = frozenset({"x", "z", "p", "y_hat", "theta", "m", "m_hat", "v_hat"})
#: sizes written under the identity: I_n, I_{n×n}, I_{nxn}
IDENTITY_SUBSCRIPTS = frozenset({"n", "nxn", "n×n", "n\\timesn", "n*n"})
#: symbols whose numeric subscript is part of the name (W₁ is not W)
LAYER_INDEXED = {"W": "W", "w": "W", "b": "b"}


#: the Kronecker delta δᵢⱼ is the identity: its letters, and its two indices in either order
KRONECKER = frozenset({"δ", "delta"})


def canonical(letters: str, subscripts: list[str]) -> str | None:
    """The canonical name for ``letters`` with ``subscripts`` (``W``, ``['1']`` → ``W1``), or None."""
    if letters in KRONECKER and "".join(subscripts).replace(",", "") in ("ij", "ji"):
        return "I"
    joined = "_".join([letters, *subscripts])
    if subscripts and joined in ALIASES:  # weight_decay, y_pred
        return ALIASES[joined]
    base = ALIASES.get(letters, letters)
    if base not in SYMBOLS and base not in FUNCTIONS and len(letters) >= 3:
        # Tanh, TANH, Softmax, Theta: case does not matter in a word (but Sigma stays Σ)
        lowered = ALIASES.get(letters.lower(), letters.lower())
        if lowered != "sigma":
            base = lowered
    hat = False
    index: str | None = None
    for sub in subscripts:
        if sub == "hat":
            hat = True
        elif sub.isdigit() and index is None:
            index = sub
        elif not _droppable(sub, base):
            return None
    if hat:
        # p̂ is the estimate of p, i.e. the prediction ŷ
        base = {"y": "y_hat", "p": "y_hat", "m": "m_hat", "v": "v_hat"}.get(base, "") if letters in HATTED else ""
    if index is not None:
        if letters not in LAYER_INDEXED or index not in ("1", "2", "3"):
            return None
        return LAYER_INDEXED[letters] + index
    if base in SYMBOLS or base in FUNCTIONS:
        if any(s in TIME_SUBSCRIPTS - INDEX_SUBSCRIPTS for s in subscripts) and base not in TIME_INDEXED:
            return None
        return base
    return None


def component_index(name: str, subscripts: list[str]) -> str:
    """The component index ``name`` carries (``ŷᵢ``: i), or "".

    ``k`` on a symbol with a time index (θ_k, m_k) is the step, as optimization texts write it.
    """
    if name not in INDEXED:
        return ""
    for sub in subscripts:
        if sub in ("i", "j") or (sub == "k" and name not in TIME_INDEXED):
            return sub
    return ""


def _droppable(sub: str, base: str) -> bool:
    """A subscript that does not change which symbol is meant: a time, a component, a size."""
    if sub in TIME_SUBSCRIPTS or (sub in IDENTITY_SUBSCRIPTS and base == "I"):
        return True
    return sub in INDEX_SUBSCRIPTS and base in INDEXED | {"y", "m", "v"}


def spellings() -> list[str]:
    """Every whole-word spelling a student might have meant (for 'did you mean')."""
    return sorted(set(SYMBOLS) | set(FUNCTIONS) | set(ALIASES))


@cache
def _known() -> dict[str, str]:
    """Spelling -> canonical name, built once (split_run asks for it at every unknown word)."""
    return {s: ALIASES.get(s, s) for s in spellings()}


def display(name: str) -> str:
    return SYMBOLS.get(name) or FUNCTIONS.get(name) or name


def suggest(word: str, allowed: set[str] | None = None, guess: bool = True) -> str | None:
    """The closest known name to an unknown ``word``, printed as the echo would print it.

    ``guess``: for a short word with nothing close, still name the nearest (else None).
    """
    pool = {s: ALIASES.get(s, s) for s in spellings() if ALIASES.get(s, s) not in TWO_ARGUMENTS}
    if allowed is not None:
        # short words are usually a mistyped symbol, longer ones may be a function
        pool = {s: c for s, c in pool.items() if c in allowed or (c in FUNCTIONS and len(word) > 2)}
    match = difflib.get_close_matches(word, list(pool), n=1, cutoff=0.5)
    if not match and len(word) <= 2 and guess:
        match = difflib.get_close_matches(word, list(pool), n=1, cutoff=0.0)
    return display(pool[match[0]]) if match else None


def split_run(letters: str) -> list[str] | None:
    """Split an unknown run of letters into known names (``xy`` → x, y), fewest pieces first.

    Only whole known names are used, so a typo is never silently read as a product.
    """
    if len(letters) > MAX_SPLIT:
        return None
    known = _known()
    best: list[list[str] | None] = [None] * (len(letters) + 1)
    best[0] = []
    for end in range(1, len(letters) + 1):
        for start in range(end):
            prev = best[start]
            piece = letters[start:end]
            if prev is not None and piece in known:
                candidate = [*prev, known[piece]]
                if best[end] is None or len(candidate) < len(best[end] or []):
                    best[end] = candidate
    result = best[len(letters)]
    if result is None or len(result) < 2:
        return None
    return result
