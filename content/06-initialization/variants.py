"""Variant families for question 6: calculate_gain, and the std or bound of Kaiming and Xavier initialization.

Every number follows the formulas of the torch.nn.init documentation.
"""

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from tutor.answers.spec import Alternative, ExpressionSpec
from tutor.content.models import Localized
from tutor.practice.model import Exercise, Family, both, mistake, step, text
from tutor.practice.numbers import approx, dec, plain, sqrt
from tutor.practice.seeds import Draws

ROUNDING = 0.005

GAIN_IDEA = text(
    "gain — множитель стандартного отклонения весов; он возмещает то, насколько функция активации "
    "меняет второй момент сигнала, чтобы дисперсия не менялась от слоя к слою.",
    "The gain multiplies the standard deviation of the weights; it makes up for how much the activation "
    "changes the second moment of the signal, so that the variance stays the same from layer to layer.",
)


@dataclass(frozen=True)
class Gain:
    """One row of calculate_gain's table: how to call it, its value as typed and as LaTeX, and why."""

    call: str
    typed: str
    latex: str
    value: Decimal
    why: Localized


def _leaky(slope: str) -> Gain:
    s = Decimal(slope)
    return Gain(
        f"calculate_gain('leaky_relu', {slope})", f"sqrt(2/(1+{slope}^2))",
        f"\\sqrt{{\\frac{{2}}{{1 + {slope}^2}}}}", sqrt(2 / (1 + s * s)),
        text(f"Для leaky ReLU с наклоном $a = {slope}$ и симметрично распределённого $z$ "
             "выполнено $\\mathbb{E}[f(z)^2] = \\frac{1 + a^2}{2} \\mathbb{E}[z^2]$, поэтому "
             "$gain = \\sqrt{\\frac{2}{1 + a^2}}$.",
             f"For leaky ReLU with slope $a = {slope}$ and a symmetric $z$, "
             "$\\mathbb{E}[f(z)^2] = \\frac{1 + a^2}{2} \\mathbb{E}[z^2]$, hence "
             "$gain = \\sqrt{\\frac{2}{1 + a^2}}$."))


def _gains() -> dict[str, Gain]:
    one = Decimal(1)
    return {
        "linear": Gain("calculate_gain('linear')", "1", "1", one, text(
            "Линейная функция не меняет дисперсию, компенсировать нечего.",
            "The identity does not change the variance; there is nothing to make up for.")),
        "conv2d": Gain("calculate_gain('conv2d')", "1", "1", one, text(
            "Свёртка — линейная операция: nn.init ставит её в одну строку с линейной функцией.",
            "A convolution is linear: nn.init puts it in the same row as the identity.")),
        "sigmoid": Gain("calculate_gain('sigmoid')", "1", "1", one, text(
            "Для сигмоиды PyTorch не вводит поправки: в таблице nn.init она стоит вместе с линейными функциями.",
            "PyTorch makes no correction for the sigmoid: nn.init's table lists it with the linear functions.")),
        "tanh": Gain("calculate_gain('tanh')", "5/3", "\\frac{5}{3}", dec(Fraction(5, 3)), text(
            "tanh сжимает большие значения и теряет около 60 % дисперсии; PyTorch берёт подобранное "
            "значение $\\frac{5}{3}$.",
            "tanh squashes large values and loses about 60 % of the variance; PyTorch uses the empirical "
            "value $\\frac{5}{3}$.")),
        "relu": Gain("calculate_gain('relu')", "sqrt(2)", "\\sqrt{2}", sqrt(2), text(
            "ReLU обнуляет половину входов: $\\mathbb{E}[\\operatorname{relu}(z)^2] = \\frac{1}{2}\\mathbb{E}[z^2]$, "
            "поэтому дисперсию нужно удвоить, а стандартное отклонение умножить на $\\sqrt{2}$.",
            "ReLU zeroes half of its inputs: $\\mathbb{E}[\\operatorname{relu}(z)^2] = \\frac{1}{2}\\mathbb{E}[z^2]$, "
            "so the variance must be doubled and the standard deviation multiplied by $\\sqrt{2}$.")),
        "selu": Gain("calculate_gain('selu')", "3/4", "\\frac{3}{4}", Decimal("0.75"), text(
            "Для SELU PyTorch возвращает $\\frac{3}{4}$: это значение жертвует самонормализацией ради "
            "более устойчивых градиентов (для самонормализующихся сетей документация советует 'linear').",
            "For SELU PyTorch returns $\\frac{3}{4}$: this value gives up self-normalization for more stable "
            "gradients (for self-normalizing networks the docs advise 'linear').")),
    }


def _gain_mistakes(name: str, gain: Gain) -> tuple[Alternative, ...]:
    relu = mistake("relu-gain", "sqrt(2)",
                   "√2 — gain для ReLU, которая обнуляет половину входов; у этой функции своя строка в таблице.",
                   "√2 is the gain of ReLU, which zeroes half of its inputs; this function has its own row in the table.")
    linear = mistake("linear-gain", "1",
                     "1 — gain линейной функции; эта функция меняет второй момент сигнала, и PyTorch это учитывает.",
                     "1 is the identity's gain; this function changes the second moment of the signal, and PyTorch "
                     "accounts for it.")
    tanh = mistake("tanh-gain", "5/3", "5/3 — gain для tanh, а не для этой функции.",
                   "5/3 is tanh's gain, not this function's.")
    if name == "leaky_relu":
        slope = gain.call.split(", ")[1].rstrip(")")
        return (
            mistake("ignored-slope", "sqrt(2)",
                    "Наклон отрицательной части тоже пропускает сигнал: он входит в формулу как a².",
                    "The slope of the negative part passes some signal too: it enters the formula as a²."),
            mistake("forgot-root", f"2/(1+{slope}^2)",
                    "Это множитель для дисперсии; gain умножает стандартное отклонение, нужен корень.",
                    "That is the factor for the variance; the gain multiplies the standard deviation, so take the root."),
            mistake("slope-not-squared", f"sqrt(2/(1+{slope}))",
                    "Отрицательная часть даёт вклад a²·z² во второй момент: наклон входит в квадрате.",
                    "The negative part contributes a²·z² to the second moment: the slope enters squared."),
        )
    if name == "relu":
        return (
            mistake("forgot-root", "2", "2 — множитель для дисперсии; gain умножает стандартное отклонение.",
                    "2 is the factor for the variance; the gain multiplies the standard deviation."),
            linear,
            mistake("inverted", "1/sqrt(2)", "Наоборот: gain возмещает потерю дисперсии, поэтому он больше 1.",
                    "The other way round: the gain makes up for the lost variance, so it is above 1."),
        )
    if name == "tanh":
        return (linear, relu, mistake(
            "inverted", "3/5", "Дробь перевёрнута: tanh теряет дисперсию, и gain её возмещает, он больше 1.",
            "The fraction is upside down: tanh loses variance and the gain makes up for it, so it is above 1."))
    if name == "selu":
        return (
            mistake("self-normalizing", "1",
                    "SELU сама нормализует сигнал, но PyTorch для 'selu' возвращает не gain линейной функции: "
                    "посмотрите строку SELU в таблице nn.init.",
                    "SELU normalizes the signal itself, yet for 'selu' PyTorch does not return the identity's "
                    "gain: look up SELU's row in the table of nn.init."),
            relu, tanh)
    if name == "sigmoid":
        return (
            mistake("slope-at-zero", "4",
                    "calculate_gain не возмещает наклон сигмоиды в нуле (1/4): найдите строку sigmoid в таблице nn.init.",
                    "calculate_gain does not make up for the sigmoid's slope at zero (1/4): look up the sigmoid's row "
                    "in the table of nn.init."),
            relu, tanh)
    return (
        mistake("relu-gain", "sqrt(2)",
                "√2 — gain для ReLU; здесь нелинейности нет.", "√2 is ReLU's gain; there is no nonlinearity here."),
        tanh)


def _gain(rng: Draws) -> Exercise:
    name = rng.choice(["leaky_relu", "leaky_relu", "leaky_relu", "selu", "tanh", "relu", "sigmoid", "linear", "conv2d"])
    gain = _leaky(rng.choice(["0.1", "0.2", "0.25", "0.3", "0.5", "0.01"])) if name == "leaky_relu" else _gains()[name]
    value = gain.value
    shown = gain.latex if gain.latex == plain(value) else f"{gain.latex} \\approx {approx(value)}"
    return Exercise(
        statement=text(f"Что возвращает `torch.nn.init.{gain.call}`?", f"What does `torch.nn.init.{gain.call}` return?"),
        spec=ExpressionSpec(answer=gain.typed, tolerance=ROUNDING, mistakes=_gain_mistakes(name, gain)),
        answer=both(f"${shown}$"),
        hints=(
            text("gain умножает стандартное отклонение весов, а не дисперсию.",
                 "The gain multiplies the standard deviation of the weights, not their variance."),
            text("Сравните второй момент сигнала после функции активации с его дисперсией до неё.",
                 "Compare the second moment of the signal after the activation with its variance before it."),
        ),
        steps=(
            step("Смысл gain", "What the gain means", GAIN_IDEA["ru"], GAIN_IDEA["en"]),
            step("Эта функция", "This function", gain.why["ru"], gain.why["en"]),
            step("Значение", "The value", f"$$gain = {shown}$$", f"$$gain = {shown}$$"),
        ),
        params={"nonlinearity": name, "call": gain.call},
    )


@dataclass(frozen=True)
class Layer:
    """A layer whose weight the exercise initializes, with its fans as PyTorch computes them."""

    code: str
    fan_in: int
    fan_out: int
    fans: Localized
    kernel: int = 1


def _layer(rng: Draws) -> Layer:
    if rng.random() < 0.5:
        n_in, n_out = rng.choice([(64, 128), (128, 64), (256, 512), (512, 256), (100, 300), (300, 100),
                                  (784, 256), (256, 10), (128, 32), (48, 192)])
        return Layer(f"nn.Linear({n_in}, {n_out})", n_in, n_out, text(
            f"Вес `nn.Linear({n_in}, {n_out})` имеет размер ${n_out} \\times {n_in}$: "
            f"$fan_{{in}} = {n_in}$, $fan_{{out}} = {n_out}$.",
            f"The weight of `nn.Linear({n_in}, {n_out})` has shape ${n_out} \\times {n_in}$: "
            f"$fan_{{in}} = {n_in}$, $fan_{{out}} = {n_out}$."))
    c_in, c_out = rng.choice([(3, 16), (3, 32), (16, 32), (32, 64), (64, 32), (64, 128), (128, 64), (8, 24)])
    k = rng.choice([3, 5])
    code = f"nn.Conv2d({c_in}, {c_out}, kernel_size={k})"
    return Layer(code, c_in * k * k, c_out * k * k, text(
        f"Вес `{code}` имеет размер ${c_out} \\times {c_in} \\times {k} \\times {k}$: "
        f"$fan_{{in}} = {c_in} \\cdot {k} \\cdot {k} = {c_in * k * k}$, "
        f"$fan_{{out}} = {c_out} \\cdot {k} \\cdot {k} = {c_out * k * k}$.",
        f"The weight of `{code}` has shape ${c_out} \\times {c_in} \\times {k} \\times {k}$: "
        f"$fan_{{in}} = {c_in} \\cdot {k} \\cdot {k} = {c_in * k * k}$, "
        f"$fan_{{out}} = {c_out} \\cdot {k} \\cdot {k} = {c_out * k * k}$."), kernel=k)


def _kaiming(rng: Draws) -> Exercise:
    layer = _layer(rng)
    uniform = rng.random() < 0.5
    mode = rng.choice(["fan_in", "fan_out"])
    slope = rng.choice([None, None, "0.1", "0.2", "0.5"])
    if slope is None:
        gain = Gain("", "sqrt(2)", "\\sqrt{2}", sqrt(2), text("", ""))
        args = f"mode='{mode}', nonlinearity='relu'"
    else:
        gain = _leaky(slope)
        args = f"a={slope}, mode='{mode}', nonlinearity='leaky_relu'"
    fan, other = (layer.fan_in, layer.fan_out) if mode == "fan_in" else (layer.fan_out, layer.fan_in)
    function = "kaiming_uniform_" if uniform else "kaiming_normal_"

    def formula(g: str, n: int, bound: bool = uniform) -> str:
        return f"{g}*sqrt(3/{n})" if bound else f"{g}/sqrt({n})"

    answer = formula(gain.typed, fan)
    if uniform:
        value = gain.value * sqrt(Fraction(3, fan))
        what = text("границу $b$ равномерного распределения $U(-b, b)$", "the bound $b$ of the uniform $U(-b, b)$")
        rule, symbol = "b = gain \\cdot \\sqrt{\\frac{3}{fan}}", "b"
        numbers = f"b = {gain.latex} \\cdot \\sqrt{{\\frac{{3}}{{{fan}}}}} \\approx {approx(value)}"
        swap = mistake("std-for-bound", formula(gain.typed, fan, bound=False),
                       "Это стандартное отклонение; граница равномерного распределения в √3 раза больше, "
                       "потому что Var U(−b, b) = b²/3.",
                       "That is the standard deviation; the bound of the uniform distribution is √3 times larger, "
                       "because Var U(−b, b) = b²/3.")
    else:
        value = gain.value / sqrt(fan)
        what = text("стандартное отклонение $\\sigma$ нормального распределения",
                    "the standard deviation $\\sigma$ of the normal distribution")
        rule, symbol = "\\sigma = \\frac{gain}{\\sqrt{fan}}", "\\sigma"
        numbers = f"\\sigma = \\frac{{{gain.latex}}}{{\\sqrt{{{fan}}}}} \\approx {approx(value)}"
        swap = mistake("bound-for-std", formula(gain.typed, fan, bound=True),
                       "Множитель √3 нужен только для границы равномерного распределения, а здесь нормальное.",
                       "The factor √3 belongs to the bound of the uniform distribution; this one is normal.")
    mistakes = [
        mistake("other-fan", formula(gain.typed, other),
                f"mode='{mode}' выбирает, какой fan стоит в формуле; взят другой.",
                f"mode='{mode}' chooses which fan enters the formula; the other one was used."),
        mistake("no-gain", formula("1", fan),
                "Kaiming-инициализация сама вычисляет gain по nonlinearity (и a) и умножает на него.",
                "Kaiming initialization computes the gain from nonlinearity (and a) and multiplies by it."),
        swap,
    ]
    if layer.kernel > 1:
        mistakes.append(mistake(
            "no-kernel", formula(gain.typed, fan // (layer.kernel * layer.kernel)),
            "fan свёртки включает размер ядра: число каналов умножается на k·k.",
            "A convolution's fan includes the kernel size: the number of channels times k·k."))
    call = f"nn.init.{function}(layer.weight, {args})"
    gain_line = gain.why if slope is not None else text("Для ReLU $gain = \\sqrt{2}$.", "For ReLU $gain = \\sqrt{2}$.")
    return Exercise(
        statement=text(
            f"Слой `layer = {layer.code}` инициализируется вызовом `{call}`. Найдите {what['ru']} весов.",
            f"The layer `layer = {layer.code}` is initialized with `{call}`. Find {what['en']} of its weights."),
        spec=ExpressionSpec(answer=answer, tolerance=ROUNDING, mistakes=tuple(mistakes)),
        answer=both(f"${symbol} \\approx {approx(value)}$"),
        hints=(
            text("Kaiming: σ = gain/√fan, а граница равномерного распределения b = gain·√(3/fan).",
                 "Kaiming: σ = gain/√fan, and the uniform bound is b = gain·√(3/fan)."),
            text("Вес nn.Linear(in, out) имеет размер out×in; у свёртки fan умножается на площадь ядра.",
                 "The weight of nn.Linear(in, out) is out×in; a convolution's fan is multiplied by the kernel area."),
        ),
        steps=(
            step("Какой fan", "Which fan",
                 f"{layer.fans['ru']} Режим `mode='{mode}'` берёт $fan = {fan}$.",
                 f"{layer.fans['en']} The mode `mode='{mode}'` takes $fan = {fan}$."),
            step("Множитель gain", "The gain", gain_line["ru"], gain_line["en"]),
            step("Формула", "The formula", f"$${rule}$$", f"$${rule}$$"),
            step("Подстановка", "Substitution", f"$${numbers}$$", f"$${numbers}$$"),
        ),
        params={"layer": layer.code, "fan_in": layer.fan_in, "fan_out": layer.fan_out, "mode": mode,
                "uniform": uniform, "slope": slope},
    )


XAVIER_GAINS = (
    ("1.0", "1", "1", Decimal(1)),
    ("nn.init.calculate_gain('tanh')", "5/3", "\\frac{5}{3}", dec(Fraction(5, 3))),
    ("nn.init.calculate_gain('relu')", "sqrt(2)", "\\sqrt{2}", sqrt(2)),
    ("2.0", "2", "2", Decimal(2)),
    ("0.5", "0.5", "0.5", Decimal("0.5")),
)


def _xavier(rng: Draws) -> Exercise:
    layer = _layer(rng)
    uniform = rng.random() < 0.5
    code, g, g_latex, g_value = rng.choice(XAVIER_GAINS)
    total = layer.fan_in + layer.fan_out
    k = 6 if uniform else 2
    answer = f"{g}*sqrt({k}/({layer.fan_in}+{layer.fan_out}))"
    value = g_value * sqrt(Fraction(k, total))
    function = "xavier_uniform_" if uniform else "xavier_normal_"
    symbol = "b" if uniform else "\\sigma"
    what = (text("границу $b$ равномерного распределения $U(-b, b)$", "the bound $b$ of the uniform $U(-b, b)$")
            if uniform else text("стандартное отклонение $\\sigma$ нормального распределения",
                                 "the standard deviation $\\sigma$ of the normal distribution"))
    mistakes = [
        mistake("no-gain", f"sqrt({k}/({layer.fan_in}+{layer.fan_out}))",
                "Аргумент gain умножает весь результат.", "The gain argument multiplies the whole result."),
        mistake("fan-in-only", f"{g}*sqrt({k // 2}/{layer.fan_in})",
                "Xavier усредняет оба направления: в знаменателе сумма fan_in + fan_out, а не один fan_in.",
                "Xavier averages both directions: the denominator is fan_in + fan_out, not fan_in alone."),
        mistake("normal-uniform", f"{g}*sqrt({8 - k}/({layer.fan_in}+{layer.fan_out}))",
                "Перепутаны формулы нормального и равномерного вариантов: у равномерного под корнем 6, "
                "у нормального 2 (Var U(−b, b) = b²/3).",
                "The normal and uniform formulas are swapped: the uniform one has 6 under the root, the normal "
                "one 2 (Var U(−b, b) = b²/3)."),
    ]
    if not uniform:
        mistakes.append(mistake(
            "variance", f"({g})^2*2/({layer.fan_in}+{layer.fan_out})",
            "Это дисперсия; спрашивается стандартное отклонение.", "That is the variance; the question asks for the std."))
    formula = (f"{symbol} = gain \\cdot \\sqrt{{\\frac{{{k}}}{{fan_{{in}} + fan_{{out}}}}}}")
    numbers = (f"{symbol} = {g_latex} \\cdot \\sqrt{{\\frac{{{k}}}{{{layer.fan_in} + {layer.fan_out}}}}}"
               f" \\approx {approx(value)}")
    call = f"nn.init.{function}(layer.weight, gain={code})"
    return Exercise(
        statement=text(
            f"Слой `layer = {layer.code}` инициализируется вызовом `{call}`. Найдите {what['ru']} весов.",
            f"The layer `layer = {layer.code}` is initialized with `{call}`. Find {what['en']} of its weights."),
        spec=ExpressionSpec(answer=answer, tolerance=ROUNDING, mistakes=tuple(mistakes)),
        answer=both(f"${symbol} \\approx {approx(value)}$"),
        hints=(
            text("Xavier: σ² = gain² · 2/(fan_in + fan_out); у равномерного распределения дисперсия b²/3.",
                 "Xavier: σ² = gain² · 2/(fan_in + fan_out); the uniform distribution has variance b²/3."),
            text("Для свёртки fan включает площадь ядра.", "For a convolution the fan includes the kernel area."),
        ),
        steps=(
            step("Fan слоя", "The layer's fans", layer.fans["ru"], layer.fans["en"]),
            step("Формула Xavier", "The Xavier formula",
                 "Glorot и Bengio берут среднее прямого и обратного условий: "
                 "$\\sigma^2 = gain^2 \\cdot \\frac{2}{fan_{in} + fan_{out}}$"
                 + (", а у $U(-b, b)$ дисперсия $\\frac{b^2}{3}$, поэтому" if uniform else ", поэтому")
                 + f"\n\n$${formula}.$$",
                 "Glorot and Bengio take the average of the forward and backward conditions: "
                 "$\\sigma^2 = gain^2 \\cdot \\frac{2}{fan_{in} + fan_{out}}$"
                 + (", and $U(-b, b)$ has variance $\\frac{b^2}{3}$, so" if uniform else ", so")
                 + f"\n\n$${formula}.$$"),
            step("Подстановка", "Substitution", f"$${numbers}$$", f"$${numbers}$$"),
        ),
        params={"layer": layer.code, "fan_in": layer.fan_in, "fan_out": layer.fan_out, "uniform": uniform,
                "gain": code},
    )


FAMILIES = [
    Family("6.gain", text("Значения calculate_gain: leaky_relu с наклоном, selu, tanh, relu, sigmoid, линейные слои",
                          "The values of calculate_gain: leaky_relu with a slope, selu, tanh, relu, sigmoid, linear layers"),
           _gain),
    Family("6.kaiming", text("Kaiming-инициализация: σ или граница по fan_in/fan_out и gain",
                             "Kaiming initialization: the std or bound from fan_in/fan_out and the gain"), _kaiming),
    Family("6.xavier", text("Xavier-инициализация: σ или граница по сумме fan и gain",
                            "Xavier initialization: the std or bound from the sum of fans and the gain"), _xavier),
]
