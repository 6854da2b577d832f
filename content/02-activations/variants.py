"""Variant families for question 2: derivatives of activations at a symbol and at a number, saturation and
the vanishing product of derivatives through many layers."""

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from tutor.answers.spec import Alternative, ExpressionSpec, scalar
from tutor.content.models import Localized
from tutor.practice.model import Exercise, Family, both, mistake, plural_ru, step, text
from tutor.practice.numbers import (
    approx,
    arccosh,
    equals,
    ln,
    paren,
    plain,
    sigmoid,
    softplus,
    sqrt,
    tanh,
    tex,
    typed,
)
from tutor.practice.seeds import Draws

ROUNDING = 0.005

FUNCTION_ITSELF = (
    "Это значение самой функции, а не её производной.", "That is the value of the function itself, not of its derivative.")


@dataclass(frozen=True)
class Activation:
    """An activation: its name, LaTeX, typed form of f and f′ at an argument, and the derivative rule."""

    name: str
    latex: Callable[[str], str]
    typed: Callable[[str], str]
    derivative: Callable[[str], str]
    value: Callable[[Decimal], Decimal]
    slope: Callable[[Decimal], Decimal]
    rule: str
    why: Localized


ACTIVATIONS = {
    "tanh": Activation(
        "tanh", lambda a: f"\\tanh({a})", lambda a: f"tanh({a})", lambda a: f"(1 - tanh({a})^2)",
        tanh, lambda z: 1 - tanh(z) ** 2, "\\tanh'(z) = 1 - \\tanh^2(z)",
        text("$\\tanh z = \\frac{\\sinh z}{\\cosh z}$, по правилу частного "
             "$\\tanh'(z) = \\frac{\\cosh^2 z - \\sinh^2 z}{\\cosh^2 z} = 1 - \\tanh^2 z$.",
             "$\\tanh z = \\frac{\\sinh z}{\\cosh z}$, and the quotient rule gives "
             "$\\tanh'(z) = \\frac{\\cosh^2 z - \\sinh^2 z}{\\cosh^2 z} = 1 - \\tanh^2 z$.")),
    "sigmoid": Activation(
        "sigmoid", lambda a: f"\\sigma({a})", lambda a: f"sigmoid({a})",
        lambda a: f"sigmoid({a})*(1 - sigmoid({a}))", sigmoid, lambda z: sigmoid(z) * (1 - sigmoid(z)),
        "\\sigma'(z) = \\sigma(z)(1 - \\sigma(z))",
        text("$\\sigma(z) = \\frac{1}{1 + e^{-z}}$, поэтому $\\sigma'(z) = \\frac{e^{-z}}{(1 + e^{-z})^2} = "
             "\\sigma(z)(1 - \\sigma(z))$.",
             "$\\sigma(z) = \\frac{1}{1 + e^{-z}}$, so $\\sigma'(z) = \\frac{e^{-z}}{(1 + e^{-z})^2} = "
             "\\sigma(z)(1 - \\sigma(z))$.")),
    "softplus": Activation(
        "softplus", lambda a: f"\\log(1 + e^{{{a}}})", lambda a: f"log(1 + e^({a}))", lambda a: f"sigmoid({a})",
        softplus, sigmoid, "\\operatorname{softplus}'(z) = \\frac{e^z}{1 + e^z} = \\sigma(z)",
        text("$\\operatorname{softplus}(z) = \\log(1 + e^z)$; производная логарифма, умноженная на производную "
             "$e^z$: $\\frac{e^z}{1 + e^z} = \\sigma(z)$.",
             "$\\operatorname{softplus}(z) = \\log(1 + e^z)$; the derivative of the log times the derivative of "
             "$e^z$: $\\frac{e^z}{1 + e^z} = \\sigma(z)$.")),
}

NAME_TEXT = {"tanh": "\\tanh", "sigmoid": "\\sigma", "softplus": "\\operatorname{softplus}"}


def _z(rng: Draws, low: int = 2, high: int = 30) -> Decimal:
    value = Decimal(rng.randint(low, high)) / 10
    return -value if rng.random() < 0.5 else value


def _at_number_mistakes(name: str, z: str) -> tuple[Alternative, ...]:
    f = ACTIVATIONS[name]
    itself = mistake("function-itself", f.typed(z), *FUNCTION_ITSELF)
    if name == "tanh":
        return (itself,
                mistake("no-square", f"1 - tanh({z})", "Не хватает квадрата: производная равна 1 − tanh² от аргумента.",
                        "The square is missing: the derivative is 1 − tanh² of the argument."),
                mistake("sigmoid-pattern", f"tanh({z})*(1 - tanh({z}))",
                        "Формула f(1 − f) — это производная сигмоиды, а не tanh.",
                        "The pattern f(1 − f) is the sigmoid's derivative, not tanh's."))
    if name == "sigmoid":
        return (itself,
                mistake("tanh-pattern", f"1 - sigmoid({z})^2", "Формула 1 − f² — это производная tanh, а не сигмоиды.",
                        "The pattern 1 − f² is tanh's derivative, not the sigmoid's."))
    return (itself,
            mistake("no-chain", f"1/(1 + e^({z}))",
                    "Производная логарифма умножается на производную его аргумента 1 + e^z.",
                    "The derivative of the log is multiplied by the derivative of its argument, 1 + e^z."),
            mistake("sigmoid-derivative", f"sigmoid({z})*(1 - sigmoid({z}))",
                    "Это производная сигмоиды, то есть вторая производная softplus.",
                    "That is the sigmoid's derivative, i.e. the second derivative of softplus."))


def _derivative_at(rng: Draws) -> Exercise:
    name = rng.choice(list(ACTIVATIONS))
    f = ACTIVATIONS[name]
    z = _z(rng)
    value = f.slope(z)
    arg = plain(z)
    inner = f.value(z) if name != "softplus" else sigmoid(z)
    inner_line = {
        "tanh": f"\\tanh({arg}) \\approx {approx(inner, 6)}",
        "sigmoid": f"\\sigma({arg}) = \\frac{{1}}{{1 + e^{{{plain(-z)}}}}} \\approx {approx(inner, 6)}",
        "softplus": f"\\sigma({arg}) = \\frac{{1}}{{1 + e^{{{plain(-z)}}}}} \\approx {approx(inner, 6)}",
    }[name]
    final = {
        "tanh": f"1 - {paren(approx(inner, 6))}^2 \\approx {approx(value)}",
        "sigmoid": f"{approx(inner, 6)} \\cdot (1 - {approx(inner, 6)}) \\approx {approx(value)}",
        "softplus": f"\\sigma({arg}) \\approx {approx(value)}",
    }[name]
    f_latex = f.latex("z")
    return Exercise(
        statement=text(f"$f(z) = {f_latex}$. Найдите $f'({arg})$ (три значащие цифры).",
                       f"$f(z) = {f_latex}$. Find $f'({arg})$ (three significant digits)."),
        spec=ExpressionSpec(answer=f.derivative(arg), tolerance=ROUNDING, mistakes=_at_number_mistakes(name, arg)),
        answer=both(f"$f'({arg}) \\approx {approx(value)}$"),
        hints=(
            text("Сначала найдите производную как функцию от z, потом подставьте число.",
                 "Find the derivative as a function of z first, then substitute the number."),
            text("Производные tanh и σ удобно выражаются через сами функции.",
                 "The derivatives of tanh and σ are neatest in terms of the functions themselves."),
        ),
        steps=(
            step("Производная", "The derivative", f"{f.why['ru']}\n\n$${f.rule}$$", f"{f.why['en']}\n\n$${f.rule}$$"),
            step("Значение в точке", "The value at the point", f"$${inner_line}$$", f"$${inner_line}$$"),
            step("Ответ", "The answer", f"$$f'({arg}) = {final}$$", f"$$f'({arg}) = {final}$$"),
        ),
        params={"function": name, "z": z},
    )


def _chain(rng: Draws) -> Exercise:
    name = rng.choice(list(ACTIVATIONS))
    f = ACTIVATIONS[name]
    a = rng.choice([Fraction(2), Fraction(3), Fraction(-2), Fraction(1, 2), Fraction(4), Fraction(-3), Fraction(3, 2)])
    az = f"({typed(a)})*z"
    a_tex = "-" if a == -1 else tex(a)
    arg_tex = f"{a_tex}z" if a.denominator == 1 else f"{tex(a)} z"
    answer = f"({typed(a)})*{f.derivative(az)}"
    derivative_tex = {
        "tanh": f"1 - \\tanh^2({arg_tex})",
        "sigmoid": f"\\sigma({arg_tex})(1 - \\sigma({arg_tex}))",
        "softplus": f"\\sigma({arg_tex})",
    }[name]
    result = f"{paren(a)} \\cdot ({derivative_tex})" if name != "softplus" else f"{paren(a)} \\cdot {derivative_tex}"
    mistakes = [
        mistake("chain-factor", f.derivative(az),
                "Потерян множитель от внутренней функции: по правилу цепочки (g(az))′ = a·g′(az).",
                "The factor from the inner function is lost: by the chain rule (g(az))′ = a·g′(az)."),
        mistake("wrong-argument", f"({typed(a)})*{f.derivative('z')}",
                "Производная внешней функции берётся в точке az, а не z.",
                "The outer derivative is taken at az, not at z."),
    ]
    if name == "tanh":
        mistakes.append(mistake("no-square", f"({typed(a)})*(1 - tanh({az}))",
                                "Не хватает квадрата: tanh′ = 1 − tanh².", "The square is missing: tanh′ = 1 − tanh²."))
    if name == "softplus":
        mistakes.append(mistake("no-chain", f"({typed(a)})/(1 + e^({az}))",
                                "Производная логарифма умножается на производную его аргумента 1 + e^(az).",
                                "The derivative of the log is multiplied by the derivative of its argument, 1 + e^(az)."))
    f_latex = f.latex(arg_tex)
    return Exercise(
        statement=text(f"$f(z) = {f_latex}$. Найдите $f'(z)$.", f"$f(z) = {f_latex}$. Find $f'(z)$."),
        spec=ExpressionSpec(answer=answer, symbols={"z": scalar(-2.0, 2.0)}, mistakes=tuple(mistakes)),
        answer=both(f"$f'(z) = {result}$"),
        hints=(
            text("Правило цепочки: (g(u(z)))′ = g′(u(z))·u′(z).", "The chain rule: (g(u(z)))′ = g′(u(z))·u′(z)."),
            text("Внутренняя функция здесь u = a·z с числом a из условия.",
                 "The inner function here is u = a·z with the number a of the statement."),
        ),
        steps=(
            step("Производная внешней функции", "The outer derivative", f"{f.why['ru']}\n\n$${f.rule}$$",
                 f"{f.why['en']}\n\n$${f.rule}$$"),
            step("Правило цепочки", "The chain rule",
                 f"Для $u = {arg_tex}$: $u' = {tex(a)}$, и $f'(z) = g'(u) \\cdot u'$.",
                 f"With $u = {arg_tex}$: $u' = {tex(a)}$, and $f'(z) = g'(u) \\cdot u'$."),
            step("Ответ", "The answer", f"$$f'(z) = {result}$$", f"$$f'(z) = {result}$$"),
        ),
        params={"function": name, "a": a},
    )


def _saturation(rng: Draws) -> Exercise:
    name = rng.choice(["tanh", "tanh", "sigmoid"])
    eps = Decimal(rng.choice(["0.1", "0.05", "0.01", "0.001", "0.0001", "0.02", "0.005"]))
    e = plain(eps)
    tanh_ref = f"log(1/sqrt({e}) + sqrt(1/{e} - 1))"
    sigmoid_ref = f"log((1 + sqrt(1 - 4*{e}))/(1 - sqrt(1 - 4*{e})))"
    u = 1 / sqrt(eps)
    tanh_value = arccosh(u)
    root = sqrt(1 - 4 * eps)
    sigmoid_value = ln((1 + root) / (1 - root))
    if name == "tanh":
        answer, value = tanh_ref, tanh_value
        mistakes = [
            mistake("no-root", f"log(1/{e} + sqrt(1/{e}^2 - 1))",
                    "tanh′ = 1/cosh², поэтому условие — cosh² z > 1/ε: из неравенства нужно извлечь корень.",
                    "tanh′ = 1/cosh², so the condition is cosh² z > 1/ε: take the square root of the inequality."),
            mistake("function-value", f"log((2 - {e})/{e})/2",
                    "Здесь найдено, где tanh z = 1 − ε; условие же на производную, а не на саму функцию.",
                    "That is where tanh z = 1 − ε; the condition is on the derivative, not on the function."),
            mistake("sigmoid-formula", sigmoid_ref, "Это порог для производной сигмоиды, а не tanh.",
                    "That is the threshold for the sigmoid's derivative, not tanh's."),
        ]
        why = text(
            f"$\\tanh'(z) = \\frac{{1}}{{\\cosh^2 z}} < {e} \\iff \\cosh |z| > \\frac{{1}}{{\\sqrt{{{e}}}}} "
            f"{equals(u, 6)}$, а $\\operatorname{{arccosh}} u = \\log(u + \\sqrt{{u^2 - 1}})$.",
            f"$\\tanh'(z) = \\frac{{1}}{{\\cosh^2 z}} < {e} \\iff \\cosh |z| > \\frac{{1}}{{\\sqrt{{{e}}}}} "
            f"{equals(u, 6)}$, and $\\operatorname{{arccosh}} u = \\log(u + \\sqrt{{u^2 - 1}})$.")
        formula = (f"|z| > \\log\\left({approx(u, 6)} + \\sqrt{{{approx(u, 6)}^2 - 1}}\\right) \\approx "
                   f"{approx(value)}")
    else:
        answer, value = sigmoid_ref, sigmoid_value
        mistakes = [
            mistake("tanh-formula", tanh_ref, "Это порог для производной tanh, а не сигмоиды.",
                    "That is the threshold for tanh's derivative, not the sigmoid's."),
            mistake("function-value", f"log((1 - {e})/{e})",
                    "Здесь найдено, где σ(z) = 1 − ε; условие же на производную σ(1 − σ).",
                    "That is where σ(z) = 1 − ε; the condition is on the derivative σ(1 − σ)."),
        ]
        why = text(
            f"$\\sigma'(z) = \\sigma(1 - \\sigma) = {e}$ — квадратное уравнение относительно $\\sigma$: "
            f"$\\sigma = \\frac{{1 + \\sqrt{{1 - 4 \\cdot {e}}}}}{{2}} \\approx {approx((1 + root) / 2, 6)}$; "
            "а $z = \\log\\left(\\frac{\\sigma}{1 - \\sigma}\\right)$.",
            f"$\\sigma'(z) = \\sigma(1 - \\sigma) = {e}$ is a quadratic equation in $\\sigma$: "
            f"$\\sigma = \\frac{{1 + \\sqrt{{1 - 4 \\cdot {e}}}}}{{2}} \\approx {approx((1 + root) / 2, 6)}$; "
            "and $z = \\log\\left(\\frac{\\sigma}{1 - \\sigma}\\right)$.")
        formula = (f"|z| > \\log\\left(\\frac{{1 + \\sqrt{{1 - 4 \\cdot {e}}}}}{{1 - \\sqrt{{1 - 4 \\cdot {e}}}}}\\right) \\approx "
                   f"{approx(value)}")
    symbol = NAME_TEXT[name]
    return Exercise(
        statement=text(
            f"При каких $|z|$ производная ${symbol}'(z)$ меньше ${e}$? Найдите порог (три значащие цифры; "
            "натуральный логарифм).",
            f"For which $|z|$ is ${symbol}'(z)$ below ${e}$? Find the threshold (three significant digits; "
            "natural logarithm)."),
        spec=ExpressionSpec(answer=answer, tolerance=ROUNDING, mistakes=tuple(mistakes)),
        answer=both(f"$|z| > {approx(value)}$"),
        hints=(
            text("Производная чётная и убывает с ростом |z|: найдите точку, где она равна ε.",
                 "The derivative is even and falls as |z| grows: find where it equals ε."),
            text("tanh′ = 1/cosh²; σ′ = σ(1 − σ).", "tanh′ = 1/cosh²; σ′ = σ(1 − σ)."),
        ),
        steps=(
            step("Условие на производную", "The condition on the derivative", why["ru"], why["en"]),
            step("Порог", "The threshold", f"$${formula}$$", f"$${formula}$$"),
            step("Смысл", "What it means",
                 "За этим порогом нейрон насыщен: градиент через него почти не проходит, и при многих слоях "
                 "такие множители затухают.",
                 "Beyond this threshold the unit is saturated: almost no gradient passes through it, and over many "
                 "layers such factors vanish."),
        ),
        params={"function": name, "eps": eps},
    )


def _depth_product(rng: Draws) -> Exercise:
    name = rng.choice(["tanh", "sigmoid"])
    f = ACTIVATIONS[name]
    z = Decimal(0) if name == "sigmoid" and rng.random() < 0.3 else _z(rng, 3, 20)
    layers = rng.randint(3, 10)
    arg = plain(z)
    slope = f.slope(z)
    value = slope**layers
    mistakes = (
        mistake("sum", f"{layers}*{f.derivative(arg)}",
                "По правилу цепочки множители слоёв перемножаются, а не складываются.",
                "By the chain rule the layers' factors multiply; they do not add up."),
        mistake("one-layer", f.derivative(arg), "Это множитель одного слоя; слоёв несколько.",
                "That is one layer's factor; there are several layers."),
        mistake("function-not-derivative", f"{f.typed(arg)}^{layers}",
                "В произведение входят производные, а не значения функции.",
                "The product is of derivatives, not of the function's values."),
    )
    symbol = NAME_TEXT[name]
    return Exercise(
        statement=text(
            f"Цепочка из {layers} {plural_ru(layers, 'слоя', 'слоёв', 'слоёв')} с одним нейроном: "
            f"$h_k = {symbol}(z_k)$, $z_k = w_k h_{{k-1}} + b_k$, все $w_k = 1$. На текущем входе каждая "
            f"предактивация $z_k = {arg}$. По правилу цепочки "
            f"$\\frac{{\\partial h_L}}{{\\partial h_0}} = \\prod_k w_k {symbol}'(z_k)$. Вычислите это "
            "произведение (три значащие цифры).",
            f"A chain of {layers} one-unit layers: $h_k = {symbol}(z_k)$, $z_k = w_k h_{{k-1}} + b_k$, all "
            f"$w_k = 1$. For the current input every pre-activation is $z_k = {arg}$. By the chain rule "
            f"$\\frac{{\\partial h_L}}{{\\partial h_0}} = \\prod_k w_k {symbol}'(z_k)$. Compute this product "
            "(three significant digits)."),
        spec=ExpressionSpec(answer=f"({f.derivative(arg)})^{layers}", tolerance=ROUNDING, mistakes=mistakes),
        answer=both(f"$\\approx {approx(value)}$"),
        hints=(
            text("Все множители одинаковы.", "All the factors are the same."),
            text("Найдите производную одного слоя и возведите в степень числа слоёв.",
                 "Find one layer's derivative and raise it to the number of layers."),
        ),
        steps=(
            step("Один слой", "One layer", f"$${f.rule}, \\quad {symbol}'({arg}) \\approx {approx(slope, 6)}$$",
                 f"$${f.rule}, \\quad {symbol}'({arg}) \\approx {approx(slope, 6)}$$"),
            step("Все слои", "All the layers",
                 f"$$\\left({approx(slope, 6)}\\right)^{{{layers}}} \\approx {approx(value)}$$\n\n"
                 "Каждый множитель меньше 1, и произведение убывает экспоненциально с глубиной: градиент затухает.",
                 f"$$\\left({approx(slope, 6)}\\right)^{{{layers}}} \\approx {approx(value)}$$\n\n"
                 "Every factor is below 1, so the product falls exponentially with depth: the gradient vanishes."),
        ),
        params={"function": name, "z": z, "layers": layers},
    )


FAMILIES = [
    Family("2.derivative-at", text("Производные tanh, сигмоиды и softplus в точке",
                                   "Derivatives of tanh, sigmoid and softplus at a number"), _derivative_at),
    Family("2.chain", text("Производная активации от az: правило цепочки",
                           "The derivative of an activation of az: the chain rule"), _chain),
    Family("2.saturation", text("Порог |z|, за которым производная меньше ε",
                                "The |z| beyond which the derivative is below ε"), _saturation),
    Family("2.depth-product", text("Произведение производных через L слоёв: затухание градиента",
                                   "The product of derivatives through L layers: vanishing gradients"), _depth_product),
]
