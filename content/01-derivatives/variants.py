"""Variant families for question 1: derivatives by a vector x — the chain rule through xᵀx, the quadratic form
xᵀAx (general and symmetric A), and least squares ‖Ax − b‖² (‖x − a‖² when A = I)."""

from fractions import Fraction

from tutor.answers.spec import Alternative, ExpressionSpec, vector
from tutor.practice.model import Exercise, Family, both, mistake, step, text
from tutor.practice.numbers import tex, typed
from tutor.practice.seeds import Draws
from tutor.practice.values import vector_literals_supported

GRADIENT = text("градиент скалярной функции", "the gradient of a scalar function")
ROW_FORM = text(
    "строка — производная в раскладке по числителю (матрица Якоби 1×n); градиент в раскладке по знаменателю — столбец.",
    "a row is the derivative in numerator layout (the 1×n Jacobian); the gradient, in denominator layout, is a column.")
INNER = text("$\\nabla_x (x^\\top x) = 2x$: $x^\\top x = x_1^2 + \\dots + x_n^2$, и $\\frac{\\partial}{\\partial x_i} = 2x_i$.",
             "$\\nabla_x (x^\\top x) = 2x$: $x^\\top x = x_1^2 + \\dots + x_n^2$, and $\\frac{\\partial}{\\partial x_i} = 2x_i$.")


def _coefficient(c: Fraction) -> str:
    """A coefficient in front of a formula in LaTeX: nothing for 1, a minus for −1."""
    if c == 1:
        return ""
    if c == -1:
        return "-"
    return tex(c) + " "


def _chain(rng: Draws) -> Exercise:
    outer = rng.choice(["power", "power", "sqrt", "exp", "log"])
    u = "x^T x"
    if outer == "power":
        k = rng.choice([2, 3, 4])
        c = Fraction(rng.choice([1, 2, 3, -1, -2]), rng.choice([1, 1, 2]))
        f_tex = f"{_coefficient(c)}(x^\\top x)^{{{k}}}"
        outer_tex = f"h(u) = {_coefficient(c)}u^{{{k}}}, \\quad h'(u) = {tex(c * k)} u^{{{k - 1}}}"
        power = f"({u})^{k - 1}" if k > 2 else f"({u})"
        answer = f"({typed(2 * c * k)})*{power}*x"
        result = f"{tex(2 * c * k)} (x^\\top x)^{{{k - 1}}} x" if k > 2 else f"{tex(2 * c * k)} (x^\\top x) x"
        mistakes = [
            mistake("forgot-2", f"({typed(c * k)})*{power}*x", "Потерян множитель 2 от внутренней функции: ∇(xᵀx) = 2x.",
                    "The factor 2 from the inner function is lost: ∇(xᵀx) = 2x."),
            mistake("power-not-lowered", f"({typed(2 * c * k)})*({u})^{k}*x",
                    "Показатель степени уменьшается на единицу: (uᵏ)′ = k·uᵏ⁻¹.",
                    "The power drops by one: (uᵏ)′ = k·uᵏ⁻¹."),
            mistake("outer-only", f"({typed(2 * c)})*x",
                    "Это градиент c·xᵀx; производная внешней степени h′(u) потеряна.",
                    "That is the gradient of c·xᵀx; the outer power's derivative h′(u) is lost."),
        ]
    elif outer == "sqrt":
        c = Fraction(rng.choice([1, 2, 3, 5, -1, -2]))
        f_tex = f"{_coefficient(c)}\\sqrt{{x^\\top x}}"
        outer_tex = f"h(u) = {_coefficient(c)}\\sqrt{{u}}, \\quad h'(u) = \\frac{{{tex(c)}}}{{2 \\sqrt{{u}}}}"
        answer = f"({typed(c)})*x/sqrt({u})"
        result = f"\\frac{{{_coefficient(c)}x}}{{\\sqrt{{x^\\top x}}}}"
        mistakes = [
            mistake("forgot-2", f"({typed(c)})*x/(2*sqrt({u}))",
                    "Двойка из h′(u) = 1/(2√u) сокращается с двойкой из ∇(xᵀx) = 2x; здесь вторая потеряна.",
                    "The 2 of h′(u) = 1/(2√u) cancels with the 2 of ∇(xᵀx) = 2x; here the second one is lost."),
            mistake("no-root-derivative", f"({typed(c)})*2*x*sqrt({u})",
                    "Производная √u — это 1/(2√u), а не √u.", "The derivative of √u is 1/(2√u), not √u."),
            mistake("outer-only", f"({typed(2 * c)})*x",
                    "Это градиент c·xᵀx; производная корня h′(u) потеряна.",
                    "That is the gradient of c·xᵀx; the root's derivative h′(u) is lost."),
        ]
    elif outer == "exp":
        # not 1/2 (then 2c = 1 and the answer looks like the function itself) and not 1 (then c·e·x is e·x)
        c = rng.choice([Fraction(-1), Fraction(2), Fraction(-2), Fraction(-1, 2), Fraction(3, 2), Fraction(3)])
        f_tex = f"e^{{{_coefficient(c)}x^\\top x}}"
        outer_tex = f"h(u) = e^{{{_coefficient(c)}u}}, \\quad h'(u) = {tex(c)} e^{{{_coefficient(c)}u}}"
        e = f"exp(({typed(c)})*{u})"
        answer = f"({typed(2 * c)})*{e}*x"
        result = f"{tex(2 * c)} e^{{{_coefficient(c)}x^\\top x}} x"
        mistakes = [
            mistake("forgot-2", f"({typed(c)})*{e}*x", "Потерян множитель 2 от ∇(xᵀx) = 2x.",
                    "The factor 2 from ∇(xᵀx) = 2x is lost."),
            mistake("function-itself", f"{e}*x", "Экспонента переписана без множителя производной внутренней функции.",
                    "The exponential is copied without the factor from the inner function's derivative."),
        ]
    else:
        # not 1 or 2: then a lost factor c or a lost factor 2 would give the same formula as another mistake
        c = rng.choice([Fraction(3), Fraction(5), Fraction(1, 2), Fraction(3, 2), Fraction(1, 3)])
        f_tex = f"\\log(1 + {_coefficient(c)}x^\\top x)"
        outer_tex = (f"h(u) = \\log(1 + {_coefficient(c)}u), \\quad h'(u) = "
                     f"\\frac{{{tex(c)}}}{{1 + {_coefficient(c)}u}}")
        answer = f"({typed(2 * c)})*x/(1 + ({typed(c)})*{u})"
        result = f"\\frac{{{tex(2 * c)} x}}{{1 + {_coefficient(c)}x^\\top x}}"
        mistakes = [
            mistake("forgot-2", f"({typed(c)})*x/(1 + ({typed(c)})*{u})", "Потерян множитель 2 от ∇(xᵀx) = 2x.",
                    "The factor 2 from ∇(xᵀx) = 2x is lost."),
            mistake("no-inner-factor", f"2*x/(1 + ({typed(c)})*{u})",
                    "Внутренняя функция 1 + c·xᵀx даёт при дифференцировании множитель c.",
                    "The inner function 1 + c·xᵀx brings the factor c when differentiated."),
            mistake("outer-only", f"1/(1 + ({typed(c)})*{u})",
                    "Производная логарифма ещё умножается на градиент его аргумента.",
                    "The log's derivative is still multiplied by the gradient of its argument."),
        ]
    mistakes = [m for m in mistakes if m.answer != answer]
    return Exercise(
        statement=text(f"$f(x) = {f_tex}$, $x \\in \\mathbb{{R}}^n$. Найдите $\\nabla_x f$.",
                       f"$f(x) = {f_tex}$, $x \\in \\mathbb{{R}}^n$. Find $\\nabla_x f$."),
        spec=ExpressionSpec(
            answer=answer,
            symbols={"x": vector("n")},
            what=GRADIENT,
            conventions=(Alternative("jacobian-row", f"({answer})^T", ROW_FORM),),
            mistakes=tuple(mistakes),
        ),
        answer=both(f"$\\nabla_x f = {result}$"),
        hints=(
            text("Обозначьте u = xᵀx: f = h(u), и ∇f = h′(u)·∇u.", "Let u = xᵀx: f = h(u), and ∇f = h′(u)·∇u."),
            text("∇(xᵀx) = 2x — вектор, h′(u) — число.", "∇(xᵀx) = 2x is a vector, h′(u) is a number."),
        ),
        steps=(
            step("Внутренняя функция", "The inner function", INNER["ru"], INNER["en"]),
            step("Внешняя функция", "The outer function", f"$${outer_tex}$$", f"$${outer_tex}$$"),
            step("Правило цепочки", "The chain rule",
                 f"$$\\nabla_x f = h'(x^\\top x) \\cdot 2x = {result}$$",
                 f"$$\\nabla_x f = h'(x^\\top x) \\cdot 2x = {result}$$"),
        ),
        params={"outer": outer, "c": c, **({"k": k} if outer == "power" else {})},
    )


def _matrix(rng: Draws, n: int, symmetric: bool) -> list[list[int]]:
    a = [[rng.randint(-3, 3) for _ in range(n)] for _ in range(n)]
    if symmetric:
        for i in range(n):
            for j in range(i):
                a[i][j] = a[j][i]
    return a


def _matrix_tex(a: list[list[int]]) -> str:
    rows = " \\\\ ".join(" & ".join(str(v) for v in row) for row in a)
    return f"\\begin{{bmatrix}} {rows} \\end{{bmatrix}}"


def _column_tex(x: list[int]) -> str:
    return "(" + ", ".join(str(v) for v in x) + ")^\\top"


def _times(a: list[list[int]], x: list[int]) -> list[int]:
    return [sum(r * v for r, v in zip(row, x, strict=True)) for row in a]


def _transposed(a: list[list[int]]) -> list[list[int]]:
    return [list(col) for col in zip(*a, strict=True)]


def _row_times(row: list[int], x: list[int]) -> str:
    return " + ".join(f"({r})({v})" for r, v in zip(row, x, strict=True))


def _quadratic_form(rng: Draws) -> Exercise:
    while True:
        n = rng.choice([2, 3])
        symmetric = rng.random() < 0.35
        a = _matrix(rng, n, symmetric)
        x = [rng.randint(-2, 3) for _ in range(n)]
        k = rng.randrange(n)
        s = [[a[i][j] + a[j][i] for j in range(n)] for i in range(n)]
        answer = _times(s, x)[k]
        if answer and (symmetric or a != _transposed(a)):
            break
    ax, atx = _times(a, x)[k], _times(_transposed(a), x)[k]
    mistakes = [mistake("half", str(ax), "Учтена только одна из двух зависимостей: x входит в xᵀAx дважды.",
                        "Only one of the two dependencies is counted: x enters xᵀAx twice.")]
    if not symmetric:
        mistakes.append(mistake("half", str(atx), "Учтена только одна из двух зависимостей: x входит в xᵀAx дважды.",
                                "Only one of the two dependencies is counted: x enters xᵀAx twice."))
        mistakes.append(mistake("symmetric-rule", str(2 * ax),
                                "Формула 2Ax верна только для симметричной A; здесь A ≠ Aᵀ.",
                                "The formula 2Ax holds only for a symmetric A; here A ≠ Aᵀ."))
    rule = text("Для симметричной $A$ это $2Ax$." if symmetric else "Здесь $A \\ne A^\\top$, так что $2Ax$ не годится.",
                "For a symmetric $A$ this is $2Ax$." if symmetric else "Here $A \\ne A^\\top$, so $2Ax$ would be wrong.")
    return Exercise(
        statement=text(
            f"$f(x) = x^\\top A x$, $A = {_matrix_tex(a)}$. Найдите $\\frac{{\\partial f}}{{\\partial x_{{{k + 1}}}}}$ "
            f"в точке $x = {_column_tex(x)}$.",
            f"$f(x) = x^\\top A x$, $A = {_matrix_tex(a)}$. Find $\\frac{{\\partial f}}{{\\partial x_{{{k + 1}}}}}$ "
            f"at $x = {_column_tex(x)}$."),
        spec=ExpressionSpec(answer=str(answer), mistakes=tuple(mistakes)),
        answer=both(f"${answer}$"),
        hints=(
            text("Распишите xᵀAx = Σᵢ Σⱼ xᵢ Aᵢⱼ xⱼ и продифференцируйте по xₖ.",
                 "Write xᵀAx = Σᵢ Σⱼ xᵢ Aᵢⱼ xⱼ and differentiate by xₖ."),
            text("xₖ встречается и как левый множитель (строка k), и как правый (столбец k).",
                 "xₖ appears both as the left factor (row k) and as the right one (column k)."),
        ),
        steps=(
            step("Градиент квадратичной формы", "The gradient of a quadratic form",
                 "$$\\frac{\\partial}{\\partial x_k} \\sum_{i,j} x_i A_{ij} x_j = \\sum_j A_{kj} x_j + \\sum_i A_{ik} x_i,"
                 f" \\quad \\nabla_x (x^\\top A x) = (A + A^\\top) x$$\n\n{rule['ru']}",
                 "$$\\frac{\\partial}{\\partial x_k} \\sum_{i,j} x_i A_{ij} x_j = \\sum_j A_{kj} x_j + \\sum_i A_{ik} x_i,"
                 f" \\quad \\nabla_x (x^\\top A x) = (A + A^\\top) x$$\n\n{rule['en']}"),
            step("Матрица A + Aᵀ", "The matrix A + Aᵀ", f"$$A + A^\\top = {_matrix_tex(s)}$$",
                 f"$$A + A^\\top = {_matrix_tex(s)}$$"),
            step("Нужная компонента", "The component",
                 f"Строка {k + 1} матрицы $A + A^\\top$, умноженная на $x$:\n\n"
                 f"$$\\frac{{\\partial f}}{{\\partial x_{{{k + 1}}}}} = {_row_times(s[k], x)} = {answer}$$",
                 f"Row {k + 1} of $A + A^\\top$ times $x$:\n\n"
                 f"$$\\frac{{\\partial f}}{{\\partial x_{{{k + 1}}}}} = {_row_times(s[k], x)} = {answer}$$"),
        ),
        params={"A": tuple(map(tuple, a)), "x": tuple(x), "index": k},
    )


def _least_squares(rng: Draws) -> Exercise:
    while True:
        n = rng.choice([2, 3])
        identity = rng.random() < 0.3
        a = [[int(i == j) for j in range(n)] for i in range(n)] if identity else _matrix(rng, n, False)
        b = [rng.randint(-3, 3) for _ in range(n)]
        x = [rng.randint(-2, 3) for _ in range(n)]
        half = rng.random() < 0.4
        k = rng.randrange(n)
        r = [v - w for v, w in zip(_times(a, x), b, strict=True)]
        scale = 1 if half else 2
        grad = [scale * v for v in _times(_transposed(a), r)]
        if grad[k] and (identity or a != _transposed(a)):
            break
    answer = grad[k]
    mistakes = [
        mistake("sign", str(-answer), "Знак перепутан: производная ‖r‖² по r равна 2r, где r = Ax − b, а не b − Ax.",
                "The sign is flipped: the derivative of ‖r‖² by r is 2r with r = Ax − b, not b − Ax."),
        mistake("factor", str(answer * 2 if half else answer // 2),
                "Множитель не тот: ∇‖r‖² = 2r, и коэффициент ½ перед нормой его сокращает.",
                "The factor is off: ∇‖r‖² = 2r, and a ½ in front of the norm cancels it."),
    ]
    if not identity:
        mistakes.append(mistake(
            "no-transpose", str(scale * _times(a, r)[k]),
            "По правилу цепочки якобиан Ax переходит в градиент транспонированным: ∇ = Aᵀ·(…).",
            "By the chain rule the Jacobian of Ax enters the gradient transposed: ∇ = Aᵀ·(…)."))
    coefficient = "\\frac{1}{2} " if half else ""
    if identity:
        f_tex = f"{coefficient}\\lVert x - a \\rVert^2"
        given = f"$a = {_column_tex(b)}$"
        rule = "\\nabla_x f = x - a" if half else "\\nabla_x f = 2(x - a)"
        residual = f"x - a = {_column_tex(r)}"
    else:
        f_tex = f"{coefficient}\\lVert Ax - b \\rVert^2"
        given = f"$A = {_matrix_tex(a)}$, $b = {_column_tex(b)}$"
        rule = "\\nabla_x f = A^\\top (Ax - b)" if half else "\\nabla_x f = 2 A^\\top (Ax - b)"
        residual = f"r = Ax - b = {_column_tex(r)}"
    column = [row[k] for row in a]
    product = _row_times(column, r) if not identity else str(r[k])
    if half:
        component = f"{product} = {answer}" if not identity else f"x_{{{k + 1}}} - a_{{{k + 1}}} = {answer}"
    else:
        component = f"2 \\cdot ({product}) = {answer}"
    return Exercise(
        statement=text(
            f"$f(x) = {f_tex}$, {given}. Найдите $\\frac{{\\partial f}}{{\\partial x_{{{k + 1}}}}}$ в точке "
            f"$x = {_column_tex(x)}$.",
            f"$f(x) = {f_tex}$, {given}. Find $\\frac{{\\partial f}}{{\\partial x_{{{k + 1}}}}}$ at "
            f"$x = {_column_tex(x)}$."),
        spec=ExpressionSpec(answer=str(answer), mistakes=tuple(mistakes)),
        answer=both(f"${answer}$"),
        hints=(
            text("Обозначьте r = Ax − b: f = ‖r‖² = rᵀr, и ∇ᵣ(rᵀr) = 2r.",
                 "Let r = Ax − b: f = ‖r‖² = rᵀr, and ∇ᵣ(rᵀr) = 2r."),
            text("Якобиан r по x равен A; в градиент он входит транспонированным.",
                 "The Jacobian of r by x is A; it enters the gradient transposed."),
        ),
        steps=(
            step("Градиент", "The gradient",
                 "$\\lVert r \\rVert^2 = r^\\top r$ даёт $2r$, а якобиан $r(x)$ — это $A$ "
                 f"(единичная матрица для $x - a$):\n\n$${rule}$$",
                 "$\\lVert r \\rVert^2 = r^\\top r$ gives $2r$, and the Jacobian of $r(x)$ is $A$ "
                 f"(the identity for $x - a$):\n\n$${rule}$$"),
            step("Невязка", "The residual", f"$${residual}$$", f"$${residual}$$"),
            step("Нужная компонента", "The component",
                 (f"Столбец {k + 1} матрицы $A$ (строка {k + 1} матрицы $A^\\top$), умноженный на невязку:"
                  if not identity else f"Компонента {k + 1} невязки:") + f"\n\n$${component}$$",
                 (f"Column {k + 1} of $A$ (row {k + 1} of $A^\\top$) times the residual:"
                  if not identity else f"Component {k + 1} of the residual:") + f"\n\n$${component}$$"),
        ),
        params={"A": tuple(map(tuple, a)), "b": tuple(b), "x": tuple(x), "index": k, "half": half},
    )


FAMILIES = [
    Family("1.chain", text("Градиент h(xᵀx): правило цепочки через xᵀx", "The gradient of h(xᵀx): the chain rule through xᵀx"),
           _chain),
    Family("1.quadratic-form", text("Производная xᵀAx для общей и симметричной A",
                                    "The derivative of xᵀAx for a general and a symmetric A"), _quadratic_form),
    Family("1.least-squares", text("Производная ‖Ax − b‖² и ‖x − a‖²", "The derivative of ‖Ax − b‖² and ‖x − a‖²"),
           _least_squares),
]


def _vector(values: list[int]) -> str:
    """A column vector in the answer syntax: [1, -2, 3]."""
    return "[" + ", ".join(str(v) for v in values) + "]"


def _gradient(rng: Draws) -> Exercise:
    """The whole gradient at a point, as a vector literal: the rules of 1.chain … 1.least-squares at once."""
    while True:
        n = rng.choice([2, 3])
        kind = rng.choice(["quadratic", "quadratic", "distance", "least-squares", "bilinear", "linear"])
        x = [rng.randint(-2, 3) for _ in range(n)]
        a = _matrix(rng, n, symmetric=kind == "quadratic" and rng.random() < 0.3)
        v = [rng.randint(-3, 3) for _ in range(n)]
        at = _transposed(a)
        if kind == "quadratic":
            s = [[a[i][j] + a[j][i] for j in range(n)] for i in range(n)]
            answer = _times(s, x)
            mistakes = [("half", _times(a, x)), ("half", _times(at, x))]
            if a != at:
                mistakes.append(("symmetric-rule", [2 * y for y in _times(a, x)]))
            f_tex, given = "x^\\top A x", f"$A = {_matrix_tex(a)}$"
            rule = "\\nabla_x f = (A + A^\\top) x"
            work = f"A + A^\\top = {_matrix_tex(s)}"
        elif kind == "distance":
            answer = [2 * (p - q) for p, q in zip(x, v, strict=True)]
            mistakes = [("forgot-2", [p - q for p, q in zip(x, v, strict=True)]), ("sign", [-y for y in answer])]
            f_tex, given = "\\lVert x - a \\rVert^2", f"$a = {_column_tex(v)}$"
            rule = "\\nabla_x f = 2(x - a)"
            work = f"x - a = {_column_tex([p - q for p, q in zip(x, v, strict=True)])}"
        elif kind == "least-squares":
            r = [p - q for p, q in zip(_times(a, x), v, strict=True)]
            answer = [2 * y for y in _times(at, r)]
            mistakes = [("no-transpose", [2 * y for y in _times(a, r)]), ("forgot-2", _times(at, r)),
                        ("sign", [-y for y in answer])]
            f_tex, given = "\\lVert Ax - b \\rVert^2", f"$A = {_matrix_tex(a)}$, $b = {_column_tex(v)}$"
            rule = "\\nabla_x f = 2 A^\\top (Ax - b)"
            work = f"Ax - b = {_column_tex(r)}"
        elif kind == "bilinear":
            answer = _times(at, v)
            mistakes = [("no-transpose", _times(a, v))]
            f_tex, given = "w^\\top A x", f"$A = {_matrix_tex(a)}$, $w = {_column_tex(v)}$"
            rule = "\\nabla_x (w^\\top A x) = \\nabla_x ((A^\\top w)^\\top x) = A^\\top w"
            work = f"A^\\top = {_matrix_tex(at)}"
        else:
            answer = [p + 2 * q for p, q in zip(v, x, strict=True)]
            mistakes = [("forgot-2", [p + q for p, q in zip(v, x, strict=True)]), ("no-linear", [2 * q for q in x])]
            f_tex, given = "a^\\top x + x^\\top x", f"$a = {_column_tex(v)}$"
            rule = "\\nabla_x (a^\\top x) = a, \\quad \\nabla_x (x^\\top x) = 2x"
            work = f"2x = {_column_tex([2 * q for q in x])}"
        if any(answer) and (kind != "bilinear" or a != at):
            break
    notes = {
        "half": ("Учтена только одна из двух зависимостей: x входит в xᵀAx дважды.",
                 "Only one of the two dependencies is counted: x enters xᵀAx twice."),
        "symmetric-rule": ("Формула 2Ax верна только для симметричной A; здесь A ≠ Aᵀ.",
                           "The formula 2Ax holds only for a symmetric A; here A ≠ Aᵀ."),
        "forgot-2": ("Потерян множитель 2: производная квадрата удваивает.", "The factor 2 is lost: a square's derivative doubles."),
        "sign": ("Знак перепутан: градиент направлен в сторону роста f.", "The sign is flipped: the gradient points where f grows."),
        "no-transpose": ("Якобиан Ax входит в градиент транспонированным: нужен Aᵀ.",
                         "The Jacobian of Ax enters the gradient transposed: Aᵀ is needed."),
        "no-linear": ("Потерян градиент линейной части aᵀx.", "The gradient of the linear part aᵀx is lost."),
    }
    result = _column_tex(answer)
    return Exercise(
        statement=text(
            f"$f(x) = {f_tex}$, {given}. Найдите $\\nabla_x f$ в точке $x = {_column_tex(x)}$ и запишите его "
            "вектором, например `[1, -2]`.",
            f"$f(x) = {f_tex}$, {given}. Find $\\nabla_x f$ at $x = {_column_tex(x)}$ and write it as a vector, "
            "e.g. `[1, -2]`."),
        spec=ExpressionSpec(
            answer=_vector(answer),
            what=GRADIENT,
            conventions=(Alternative("jacobian-row", f"{_vector(answer)}^T", ROW_FORM),),
            mistakes=tuple(mistake(i, _vector(m), *notes[i]) for i, m in mistakes),
        ),
        answer=both(f"$\\nabla_x f = {result}$"),
        hints=(
            text("Сначала найдите градиент как формулу от x, потом подставьте точку.",
                 "Find the gradient as a formula in x first, then substitute the point."),
            text("∇(aᵀx) = a, ∇(xᵀAx) = (A + Aᵀ)x, ∇‖r(x)‖² = 2Jᵀr, где J — якобиан r.",
                 "∇(aᵀx) = a, ∇(xᵀAx) = (A + Aᵀ)x, ∇‖r(x)‖² = 2Jᵀr with J the Jacobian of r."),
        ),
        steps=(
            step("Формула градиента", "The gradient's formula", f"$${rule}$$", f"$${rule}$$"),
            step("Промежуточный результат", "An intermediate result", f"$${work}$$", f"$${work}$$"),
            step("В точке", "At the point", f"$$\\nabla_x f = {result}$$", f"$$\\nabla_x f = {result}$$"),
        ),
        params={"kind": kind, "A": tuple(map(tuple, a)), "v": tuple(v), "x": tuple(x)},
    )


#: families whose answer is a vector literal; they exist once the answer parser reads [1, 2]
VECTOR_FAMILIES = [
    Family("1.gradient", text("Градиент aᵀx, xᵀAx, ‖x − a‖², ‖Ax − b‖² и wᵀAx в точке — вектором",
                              "The gradient of aᵀx, xᵀAx, ‖x − a‖², ‖Ax − b‖² and wᵀAx at a point, as a vector"),
           _gradient),
]
if vector_literals_supported():
    FAMILIES += VECTOR_FAMILIES
