"""Variant families for question 3: the softmax cross-entropy gradient and loss on given logits, for one-hot,
soft and label-smoothed targets, and the gradient under a temperature."""

from decimal import Decimal
from fractions import Fraction

from tutor.answers.spec import Alternative, ExpressionSpec, Reading, onehot, simplex, vector
from tutor.content.models import Localized
from tutor.practice.model import Exercise, Family, both, mistake, plural_ru, step, text
from tutor.practice.numbers import approx, approx_typed, dec, exp, ln, paren, plain, tex, typed
from tutor.practice.seeds import Draws
from tutor.practice.values import vector_literals_supported

ROUNDING = 0.005
#: gradient entries smaller than this are too near zero to ask for to three significant digits
SMALLEST = Decimal("0.02")

SIGMA_IS_SOFTMAX = Reading("sigma", "softmax", {
    "ru": "запись σ(z) прочитана как softmax(z): в этом вопросе других σ нет",
    "en": "read σ(z) as softmax(z): this question has no other σ"})
GRADIENT_RULE = ("\\frac{\\partial CE}{\\partial z_k} = \\hat{y}_k - p_k, \\quad "
                 "\\hat{y}_k = \\frac{e^{z_k}}{\\sum_j e^{z_j}}")
GRADIENT_WHY = text(
    "$\\log \\hat{y}_k = z_k - \\log \\sum_j e^{z_j}$, поэтому $\\frac{\\partial CE}{\\partial z_k} = "
    "-p_k + \\hat{y}_k \\sum_j p_j = \\hat{y}_k - p_k$:",
    "$\\log \\hat{y}_k = z_k - \\log \\sum_j e^{z_j}$, so $\\frac{\\partial CE}{\\partial z_k} = "
    "-p_k + \\hat{y}_k \\sum_j p_j = \\hat{y}_k - p_k$:")


def _logits(rng: Draws, k: int) -> list[int]:
    return [rng.randint(-2, 3) for _ in range(k)]


def _softmax(z: list[int]) -> list[Decimal]:
    exps = [exp(v) for v in z]
    total = sum(exps)
    return [e / total for e in exps]


def _sum_typed(z: list[int]) -> str:
    return " + ".join(f"e^({v})" for v in z)


def _yhat_typed(z: list[int], k: int) -> str:
    return f"e^({z[k]})/({_sum_typed(z)})"


def _vector_tex(values: list) -> str:
    return "(" + ", ".join(tex(v) if not isinstance(v, Decimal) else approx(v, 4) for v in values) + ")"


def _target(rng: Draws, k: int) -> tuple[list[Fraction], Localized, str]:
    """A one-hot or a soft target: the probabilities, how the statement describes them, and its kind."""
    label = rng.randrange(k)
    if rng.random() < 0.5:
        p = [Fraction(int(i == label)) for i in range(k)]
        return p, text(f"истинный класс — {label + 1}-й (one-hot цель)", f"the true class is class {label + 1} "
                       "(a one-hot target)"), "onehot"
    votes = rng.choice([4, 5, 10])
    counts = [0] * k
    for _ in range(votes):
        counts[rng.randrange(k)] += 1
    p = [Fraction(c, votes) for c in counts]
    shown = ", ".join(tex(v) for v in p)
    return p, text(f"мягкая цель $p = ({shown})$ ({votes} {plural_ru(votes, 'разметчик', 'разметчика', 'разметчиков')} "
                   "проголосовали за классы)",
                   f"a soft target $p = ({shown})$ ({votes} annotators voted for the classes)"), "soft"


def _component(rng: Draws) -> Exercise:
    while True:
        k = rng.randint(3, 5)
        z = _logits(rng, k)
        p, described, kind = _target(rng, k)
        i = rng.randrange(k)
        y = _softmax(z)
        answer = y[i] - dec(p[i])
        if abs(answer) >= SMALLEST:
            break
    yi = _yhat_typed(z, i)
    pi = typed(p[i])
    mistakes = [
        mistake("sign", f"{pi} - {yi}", "Знак перепутан: градиентный спуск вычитает градиент и двигает ŷ к p.",
                "The sign is flipped: gradient descent subtracts the gradient and moves ŷ towards p."),
        mistake("forgot-p", yi, "Потеряно слагаемое −pₖ: оно приходит из члена −pₖ log ŷₖ в сумме потерь.",
                "The term −pₖ is missing: it comes from the summand −pₖ log ŷₖ of the loss."),
    ]
    if p[i]:
        mistakes.append(mistake(
            "dce-dyhat", f"-{pi}/({yi})",
            "Это производная по ŷₖ; нужна производная по zₖ, а ŷ зависит от всех z через softmax.",
            "That is the derivative with respect to ŷₖ; the question asks for the one with respect to zₖ, and ŷ depends on every z "
            "through softmax."))
    if i + 1 < k and abs((y[i + 1] - dec(p[i + 1])) - answer) > 2 * ROUNDING:
        # z₂ read with Python's indices (from 0) is the next component: name that slip.
        mistakes.append(mistake(
            "index-from-0", f"{_yhat_typed(z, i + 1)} - {typed(p[i + 1])}",
            "Это соседняя компонента: здесь компоненты нумеруются с 1 (z₁ — первая), а не с 0, как в Python.",
            "That is the next component: components are numbered from 1 here (z₁ is the first), not from 0 "
            "as in Python."))
    if kind == "onehot" and not p[i]:
        mistakes.append(mistake(
            "true-class-only", f"{yi} - 1",
            "ŷ − 1 верно только для истинного класса; для остальных pₖ = 0.",
            "ŷ − 1 holds only for the true class; for the others pₖ = 0."))
    z_tex = ", ".join(str(v) for v in z)
    exps = ", ".join(f"e^{{{v}}}" for v in z)
    return Exercise(
        statement=text(
            f"Логиты $z = ({z_tex})$, $\\hat{{y}} = \\operatorname{{softmax}}(z)$, {described['ru']}, "
            f"$CE = -\\sum_k p_k \\log \\hat{{y}}_k$. Найдите $\\frac{{\\partial CE}}{{\\partial z_{{{i + 1}}}}}$ "
            "(компоненты нумеруются с 1; три значащие цифры).",
            f"Logits $z = ({z_tex})$, $\\hat{{y}} = \\operatorname{{softmax}}(z)$, {described['en']}, "
            f"$CE = -\\sum_k p_k \\log \\hat{{y}}_k$. Find $\\frac{{\\partial CE}}{{\\partial z_{{{i + 1}}}}}$ "
            "(components are numbered from 1; three significant digits)."),
        spec=ExpressionSpec(answer=f"{yi} - {pi}", tolerance=ROUNDING, mistakes=tuple(mistakes)),
        answer=both(f"$\\frac{{\\partial CE}}{{\\partial z_{{{i + 1}}}}} \\approx {approx(answer)}$"),
        hints=(
            text("Производная кросс-энтропии с softmax по логитам — разность ŷ и p.",
                 "The derivative of softmax cross-entropy with respect to the logits is the difference of ŷ and p."),
            text("Посчитайте ŷ = softmax(z): экспоненты логитов, делённые на их сумму.",
                 "Compute ŷ = softmax(z): the exponentials of the logits divided by their sum."),
        ),
        steps=(
            step("Градиент", "The gradient", f"{GRADIENT_WHY['ru']}\n\n$${GRADIENT_RULE}$$",
                 f"{GRADIENT_WHY['en']}\n\n$${GRADIENT_RULE}$$"),
            step("softmax", "The softmax",
                 f"$$e^z = ({exps}), \\quad \\hat{{y}} \\approx {_vector_tex(y)}$$",
                 f"$$e^z = ({exps}), \\quad \\hat{{y}} \\approx {_vector_tex(y)}$$"),
            step("Компонента", "The component",
                 f"$$\\hat{{y}}_{{{i + 1}}} - p_{{{i + 1}}} \\approx {approx(y[i])} - {tex(p[i])} \\approx "
                 f"{approx(answer)}$$",
                 f"$$\\hat{{y}}_{{{i + 1}}} - p_{{{i + 1}}} \\approx {approx(y[i])} - {tex(p[i])} \\approx "
                 f"{approx(answer)}$$"),
        ),
        params={"z": tuple(z), "p": tuple(p), "index": i},
    )


def _smoothing(rng: Draws) -> Exercise:
    while True:
        k = rng.randint(3, 5)
        z = _logits(rng, k)
        label = rng.randrange(k)
        eps = Fraction(rng.choice([1, 2, 3]), 10)
        i = label if rng.random() < 0.5 else rng.choice([j for j in range(k) if j != label])
        p = [(1 - eps) * (j == label) + eps / k for j in range(k)]
        y = _softmax(z)
        answer = y[i] - dec(p[i])
        if abs(answer) >= SMALLEST:
            break
    yi = _yhat_typed(z, i)
    hot = Fraction(int(i == label))
    other = 1 - eps if i == label else eps / (k - 1)
    mistakes = (
        mistake("unsmoothed", f"{yi} - {typed(hot)}",
                "Это градиент для one-hot цели; со сглаживанием цель другая.",
                "That is the gradient for the one-hot target; with smoothing the target is different."),
        mistake("no-uniform-part", f"{yi} - {typed((1 - eps) * hot)}",
                "Сглаженная цель — смесь: (1 − ε)·one-hot плюс ε/K для каждого класса, включая истинный.",
                "The smoothed target is a mixture: (1 − ε)·one-hot plus ε/K for every class, the true one included."),
        mistake("other-convention", f"{yi} - {typed(other)}",
                "PyTorch распределяет ε по всем K классам, включая истинный, а не по K − 1 остальным.",
                "PyTorch spreads ε over all K classes, the true one included, not over the K − 1 others."),
        mistake("sign", f"{typed(p[i])} - {yi}", "Знак перепутан: градиент равен ŷ − p.",
                "The sign is flipped: the gradient is ŷ − p."),
    )
    z_tex = ", ".join(str(v) for v in z)
    p_tex = ", ".join(tex(v) for v in p)
    return Exercise(
        statement=text(
            f"`nn.CrossEntropyLoss(label_smoothing={plain(eps)})`, {k} {plural_ru(k, 'класс', 'класса', 'классов')}, логиты $z = ({z_tex})$, истинный "
            f"класс — {label + 1}-й. Найдите $\\frac{{\\partial L}}{{\\partial z_{{{i + 1}}}}}$ (три значащие цифры).",
            f"`nn.CrossEntropyLoss(label_smoothing={plain(eps)})`, {k} classes, logits $z = ({z_tex})$, the true class "
            f"is class {label + 1}. Find $\\frac{{\\partial L}}{{\\partial z_{{{i + 1}}}}}$ (three significant digits)."),
        spec=ExpressionSpec(answer=f"{yi} - {typed(p[i])}", tolerance=ROUNDING, mistakes=mistakes),
        answer=both(f"$\\frac{{\\partial L}}{{\\partial z_{{{i + 1}}}}} \\approx {approx(answer)}$"),
        hints=(
            text("Сглаживание меняет только цель p; градиент по-прежнему ŷ − p.",
                 "Smoothing changes only the target p; the gradient is still ŷ − p."),
            text("В PyTorch pₖ = (1 − ε)·[k — истинный класс] + ε/K.",
                 "In PyTorch pₖ = (1 − ε)·[k is the true class] + ε/K."),
        ),
        steps=(
            step("Сглаженная цель", "The smoothed target",
                 f"$$p_k = (1 - \\varepsilon)[k = y] + \\frac{{\\varepsilon}}{{K}}, \\quad p = ({p_tex})$$",
                 f"$$p_k = (1 - \\varepsilon)[k = y] + \\frac{{\\varepsilon}}{{K}}, \\quad p = ({p_tex})$$"),
            step("Градиент", "The gradient", f"{GRADIENT_WHY['ru']}\n\n$${GRADIENT_RULE}$$",
                 f"{GRADIENT_WHY['en']}\n\n$${GRADIENT_RULE}$$"),
            step("Компонента", "The component",
                 f"$$\\hat{{y}} \\approx {_vector_tex(y)}, \\quad \\hat{{y}}_{{{i + 1}}} - p_{{{i + 1}}} \\approx "
                 f"{approx(y[i])} - {tex(p[i])} \\approx {approx(answer)}$$",
                 f"$$\\hat{{y}} \\approx {_vector_tex(y)}, \\quad \\hat{{y}}_{{{i + 1}}} - p_{{{i + 1}}} \\approx "
                 f"{approx(y[i])} - {tex(p[i])} \\approx {approx(answer)}$$"),
        ),
        params={"z": tuple(z), "label": label, "eps": eps, "index": i},
    )


def _loss_value(rng: Draws) -> Exercise:
    while True:
        k = rng.randint(3, 5)
        z = _logits(rng, k)
        p, described, kind = _target(rng, k)
        y = _softmax(z)
        loss = -sum((dec(pk) * ln(yk) for pk, yk in zip(p, y, strict=True) if pk), Decimal(0))
        if loss >= Decimal("0.05"):
            break
    dot = sum((pk * zk for pk, zk in zip(p, z, strict=True)), Fraction(0))
    answer = f"log({_sum_typed(z)}) - ({typed(dot)})"
    mistakes: list[Alternative] = [
        mistake("no-minus", f"-(log({_sum_typed(z)}) - ({typed(dot)}))",
                "Потерян минус: log ŷ < 0, а кросс-энтропия неотрицательна.",
                "The minus is lost: log ŷ < 0, while the cross-entropy is non-negative."),
        mistake("log2", f"(log({_sum_typed(z)}) - ({typed(dot)}))/log(2)",
                "Логарифм здесь натуральный (так в PyTorch), а не двоичный.",
                "The logarithm is natural here (as in PyTorch), not base 2."),
        mistake("logits-as-log-probabilities", f"-({typed(dot)})",
                "Логиты — не логарифмы вероятностей: log ŷₖ = zₖ − log Σⱼ e^zⱼ, нормировка тоже входит.",
                "Logits are not log-probabilities: log ŷₖ = zₖ − log Σⱼ e^zⱼ, the normalization counts too."),
    ]
    if kind == "soft":
        top = max(range(k), key=lambda j: (p[j], -j))
        mistakes.append(mistake(
            "argmax-only", f"log({_sum_typed(z)}) - ({z[top]})",
            "С мягкой целью суммируются все классы с весами pₖ, а не только самый вероятный.",
            "With a soft target all classes count with weights pₖ, not only the most likely one."))
    z_tex = ", ".join(str(v) for v in z)
    inside = " + ".join(f"{tex(pk)} \\cdot \\log {approx(yk)}" for pk, yk in zip(p, y, strict=True) if pk)
    terms = f"-({inside})" if sum(1 for pk in p if pk) > 1 else f"-{inside}"
    return Exercise(
        statement=text(
            f"Логиты $z = ({z_tex})$, $\\hat{{y}} = \\operatorname{{softmax}}(z)$, {described['ru']}. Найдите "
            "$CE = -\\sum_k p_k \\log \\hat{y}_k$ (натуральный логарифм, три значащие цифры).",
            f"Logits $z = ({z_tex})$, $\\hat{{y}} = \\operatorname{{softmax}}(z)$, {described['en']}. Find "
            "$CE = -\\sum_k p_k \\log \\hat{y}_k$ (natural logarithm, three significant digits)."),
        spec=ExpressionSpec(answer=answer, tolerance=ROUNDING, mistakes=tuple(mistakes)),
        answer=both(f"$CE \\approx {approx(loss)}$"),
        hints=(
            text("Сначала ŷ = softmax(z), потом сумма с весами pₖ; классы с pₖ = 0 не вносят вклада.",
                 "First ŷ = softmax(z), then the sum with weights pₖ; classes with pₖ = 0 add nothing."),
            text("Удобно: log ŷₖ = zₖ − log Σⱼ e^zⱼ.", "Handy: log ŷₖ = zₖ − log Σⱼ e^zⱼ."),
        ),
        steps=(
            step("softmax", "The softmax", f"$$\\hat{{y}} \\approx {_vector_tex(y)}$$",
                 f"$$\\hat{{y}} \\approx {_vector_tex(y)}$$"),
            step("Кросс-энтропия", "The cross-entropy", f"$$CE \\approx {terms} \\approx {approx(loss)}$$",
                 f"$$CE \\approx {terms} \\approx {approx(loss)}$$"),
            step("Проверка через log-sum-exp", "A check by log-sum-exp",
                 f"$$CE = \\log \\sum_j e^{{z_j}} - \\sum_k p_k z_k \\approx {approx(ln(sum(exp(v) for v in z)), 6)} - "
                 f"{paren(dot)} \\approx {approx(loss)}$$",
                 f"$$CE = \\log \\sum_j e^{{z_j}} - \\sum_k p_k z_k \\approx {approx(ln(sum(exp(v) for v in z)), 6)} - "
                 f"{paren(dot)} \\approx {approx(loss)}$$"),
        ),
        params={"z": tuple(z), "p": tuple(p)},
    )


def _temperature(rng: Draws) -> Exercise:
    while True:
        t = rng.choice([Fraction(2), Fraction(3), Fraction(1, 2), Fraction(4), Fraction(5), Fraction(3, 2)])
        c = rng.choice([Fraction(1), Fraction(1), Fraction(2), Fraction(1, 2), Fraction(3)])
        if c != t:
            break
    soft = rng.random() < 0.5
    factor = c / t
    scaled = f"softmax(z/({typed(t)}))"
    answer = f"({typed(factor)})*({scaled} - p)"
    t_tex, c_tex = tex(t), tex(c)
    loss_tex = ("" if c == 1 else f"{c_tex} \\cdot ") + f"CE(\\operatorname{{softmax}}(z / {t_tex}), p)"
    mistakes = (
        mistake("no-chain", f"{typed(c)}*({scaled} - p)",
                "Логиты делятся на T, поэтому по правилу цепочки появляется множитель 1/T.",
                "The logits are divided by T, so the chain rule brings a factor 1/T."),
        mistake("times-t", f"({typed(c * t)})*({scaled} - p)",
                "Производная z/T по z — это 1/T, а не T.", "The derivative of z/T with respect to z is 1/T, not T."),
        mistake("sign", f"({typed(factor)})*(p - {scaled})", "Знак перепутан: градиент CE равен ŷ − p.",
                "The sign is flipped: the gradient of CE is ŷ − p."),
        mistake("no-temperature", f"({typed(factor)})*(softmax(z) - p)",
                "Вероятности здесь — softmax(z/T), а не softmax(z).", "The probabilities here are softmax(z/T), not softmax(z)."),
    )
    target = text("one-hot вектор" if not soft else "произвольный вектор вероятностей",
                  "a one-hot vector" if not soft else "any probability vector")
    result = f"\\frac{{{tex(factor.numerator)}}}{{{tex(factor.denominator)}}}" if factor.denominator != 1 else tex(factor)
    return Exercise(
        statement=text(
            f"Функция потерь $L = {loss_tex}$ с температурой $T = {t_tex}$, где $CE(q, p) = -\\sum_k p_k \\log q_k$, "
            f"а $p$ — {target['ru']}. Найдите $\\frac{{\\partial L}}{{\\partial z}}$ через z и p.",
            f"The loss $L = {loss_tex}$ with temperature $T = {t_tex}$, where $CE(q, p) = -\\sum_k p_k \\log q_k$ "
            f"and $p$ is {target['en']}. Find $\\frac{{\\partial L}}{{\\partial z}}$ in terms of z and p."),
        spec=ExpressionSpec(
            answer=answer,
            symbols={"z": vector("K"), "p": simplex("K") if soft else onehot("K")},
            what=text("производная по вектору z", "the derivative with respect to the vector z"),
            mistakes=mistakes,
            readings=(SIGMA_IS_SOFTMAX,),
        ),
        answer=both(f"$\\frac{{\\partial L}}{{\\partial z}} = {result} (\\operatorname{{softmax}}(z / {t_tex}) - p)$"),
        hints=(
            text("По логитам u = z/T градиент CE равен softmax(u) − p.",
                 "By the logits u = z/T the gradient of CE is softmax(u) − p."),
            text("Правило цепочки: ∂u/∂z = 1/T; постоянный множитель перед CE сохраняется.",
                 "The chain rule: ∂u/∂z = 1/T; a constant factor in front of CE stays."),
        ),
        steps=(
            step("Градиент по u = z/T", "The gradient by u = z/T",
                 "$$\\frac{\\partial CE(\\operatorname{softmax}(u), p)}{\\partial u} = \\operatorname{softmax}(u) - p$$",
                 "$$\\frac{\\partial CE(\\operatorname{softmax}(u), p)}{\\partial u} = \\operatorname{softmax}(u) - p$$"),
            step("Правило цепочки", "The chain rule",
                 f"$$\\frac{{\\partial u}}{{\\partial z}} = \\frac{{1}}{{T}} = \\frac{{1}}{{{t_tex}}}, \\quad "
                 f"\\frac{{\\partial L}}{{\\partial z}} = {c_tex} \\cdot \\frac{{1}}{{{t_tex}}} "
                 f"(\\operatorname{{softmax}}(z / {t_tex}) - p) = {result} (\\operatorname{{softmax}}(z / {t_tex}) - p)$$",
                 f"$$\\frac{{\\partial u}}{{\\partial z}} = \\frac{{1}}{{T}} = \\frac{{1}}{{{t_tex}}}, \\quad "
                 f"\\frac{{\\partial L}}{{\\partial z}} = {c_tex} \\cdot \\frac{{1}}{{{t_tex}}} "
                 f"(\\operatorname{{softmax}}(z / {t_tex}) - p) = {result} (\\operatorname{{softmax}}(z / {t_tex}) - p)$$"),
        ),
        params={"T": t, "c": c, "soft": soft},
    )


FAMILIES = [
    Family("3.component", text("Компонента градиента ∂CE/∂z для заданных логитов и цели",
                               "A component of ∂CE/∂z for given logits and target"), _component),
    Family("3.smoothing", text("Градиент со сглаживанием меток (label smoothing)",
                               "The gradient with label smoothing"), _smoothing),
    Family("3.loss-value", text("Значение кросс-энтропии для заданных логитов и цели",
                                "The value of the cross-entropy for given logits and target"), _loss_value),
    Family("3.temperature", text("Градиент кросс-энтропии с температурой: правило цепочки",
                                 "The cross-entropy gradient with a temperature: the chain rule"), _temperature),
]


def _vector_typed(values: list[Decimal]) -> str:
    """A column vector in the answer syntax, entries to 12 significant digits."""
    return "[" + ", ".join(approx_typed(v, 12) for v in values) + "]"


def _gradient(rng: Draws) -> Exercise:
    """The whole gradient ŷ − p for given logits, as a vector literal, for one-hot, soft and smoothed targets."""
    while True:
        k = rng.randint(3, 4)
        z = _logits(rng, k)
        kind = rng.choice(["onehot", "soft", "smoothed"])
        label = rng.randrange(k)
        hot = [Fraction(int(j == label)) for j in range(k)]
        if kind == "smoothed":
            eps = Fraction(rng.choice([1, 2]), 10)
            p = [(1 - eps) * h + eps / k for h in hot]
            described = text(f"цель со сглаживанием меток: истинный класс — {label + 1}-й, $\\varepsilon = {tex(eps)}$ "
                             "(как `label_smoothing` в PyTorch)",
                             f"a label-smoothed target: the true class is class {label + 1}, $\\varepsilon = {tex(eps)}$ "
                             "(as PyTorch's `label_smoothing`)")
        elif kind == "soft":
            p, described, _ = _target(rng, k)
            if all(v.denominator == 1 for v in p):
                continue
        else:
            p = hot
            described = text(f"истинный класс — {label + 1}-й (one-hot цель)",
                             f"the true class is class {label + 1} (a one-hot target)")
        y = _softmax(z)
        answer = [yk - dec(pk) for yk, pk in zip(y, p, strict=True)]
        if all(abs(a) >= SMALLEST for a in answer):
            break
    mistakes = [
        mistake("sign", _vector_typed([-a for a in answer]),
                "Знак перепутан: градиентный спуск вычитает градиент и двигает ŷ к p.",
                "The sign is flipped: gradient descent subtracts the gradient and moves ŷ towards p."),
        mistake("forgot-p", _vector_typed(y), "Потеряно слагаемое −p.", "The term −p is missing."),
    ]
    if kind == "smoothed":
        mistakes.append(mistake("unsmoothed", _vector_typed([yk - dec(h) for yk, h in zip(y, hot, strict=True)]),
                                "Это градиент для one-hot цели; со сглаживанием цель другая.",
                                "That is the gradient for the one-hot target; with smoothing the target is different."))
    if kind == "soft":
        top = max(range(k), key=lambda j: (p[j], -j))
        mistakes.append(mistake("argmax-only", _vector_typed([yk - int(j == top) for j, yk in enumerate(y)]),
                                "С мягкой целью вычитается весь вектор p, а не one-hot самого вероятного класса.",
                                "With a soft target the whole vector p is subtracted, not the one-hot of the most "
                                "likely class."))
    z_tex = ", ".join(str(v) for v in z)
    p_tex = "(" + ", ".join(tex(v) for v in p) + ")"
    y_tex = "(" + ", ".join(approx(v) for v in y) + ")"
    result = "(" + ", ".join(approx(a) for a in answer) + ")^\\top"
    return Exercise(
        statement=text(
            f"Логиты $z = ({z_tex})$, $\\hat{{y}} = \\operatorname{{softmax}}(z)$, {described['ru']}. Найдите "
            "$\\frac{\\partial CE}{\\partial z}$ и запишите вектором, например `[0.1, -0.3, 0.2]` (три значащие "
            "цифры в каждой компоненте).",
            f"Logits $z = ({z_tex})$, $\\hat{{y}} = \\operatorname{{softmax}}(z)$, {described['en']}. Find "
            "$\\frac{\\partial CE}{\\partial z}$ and write it as a vector, e.g. `[0.1, -0.3, 0.2]` (three "
            "significant digits in each entry)."),
        spec=ExpressionSpec(
            answer=_vector_typed(answer),
            tolerance=ROUNDING,
            what=text("производная по вектору z", "the derivative with respect to the vector z"),
            conventions=(Alternative("row", f"{_vector_typed(answer)}^T", text(
                "строка — производная в раскладке по числителю; градиент в раскладке по знаменателю — столбец.",
                "a row is the derivative in numerator layout; the gradient, in denominator layout, is a column.")),),
            mistakes=tuple(mistakes),
        ),
        answer=both(f"$\\frac{{\\partial CE}}{{\\partial z}} \\approx {result}$"),
        hints=(
            text("∂CE/∂z = ŷ − p для любой цели p с суммой 1.", "∂CE/∂z = ŷ − p for any target p that sums to 1."),
            text("Сначала ŷ = softmax(z), потом вычтите p покомпонентно.", "First ŷ = softmax(z), then subtract p entry by entry."),
        ),
        steps=(
            step("Градиент", "The gradient", f"{GRADIENT_WHY['ru']}\n\n$${GRADIENT_RULE}$$",
                 f"{GRADIENT_WHY['en']}\n\n$${GRADIENT_RULE}$$"),
            step("Цель и softmax", "The target and the softmax", f"$$p = {p_tex}, \\quad \\hat{{y}} \\approx {y_tex}$$",
                 f"$$p = {p_tex}, \\quad \\hat{{y}} \\approx {y_tex}$$"),
            step("Разность", "The difference", f"$$\\hat{{y}} - p \\approx {result}$$",
                 f"$$\\hat{{y}} - p \\approx {result}$$"),
        ),
        params={"z": tuple(z), "p": tuple(p), "kind": kind},
    )


#: families whose answer is a vector literal; they exist once the answer parser reads [1, 2]
VECTOR_FAMILIES = [
    Family("3.gradient", text("Градиент ∂CE/∂z вектором: one-hot, мягкая и сглаженная цели",
                              "The gradient ∂CE/∂z as a vector: one-hot, soft and smoothed targets"), _gradient),
]
if vector_literals_supported():
    FAMILIES += VECTOR_FAMILIES
