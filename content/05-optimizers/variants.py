"""Variant families for question 5: one step of SGDW, SGD + L2, AdamW and Adam + L2 on given numbers,
and the PyTorch arguments that realize the paper's α, ηₜ and λ.

The notation is the solution's (Loshchilov and Hutter's): α is the base learning rate, ηₜ the schedule
multiplier, λ the decay factor; PyTorch's AdamW does θ ← θ − lr·(m̂/(√v̂ + ε) + wd·θ), so lr = ηₜα and
lr·wd = ηₜλ.
"""

from collections.abc import Callable
from decimal import Decimal

from tutor.answers.spec import ExpressionSpec
from tutor.content.models import Localized
from tutor.practice.model import Exercise, Family, both, mistake, step, text
from tutor.practice.numbers import approx, approx_typed, equals, paren, plain, power, sqrt
from tutor.practice.seeds import Draws

ROUNDING = 0.005
#: digits of a reference written as a decimal (an Adam step has no short exact form)
REFERENCE_DIGITS = 12
EPSILON = Decimal("1e-8")


def _d(rng: Draws, low: int, high: int, scale: int = 10, nonzero: bool = True) -> Decimal:
    """A random decimal low/scale … high/scale (not zero when ``nonzero``)."""
    while True:
        value = Decimal(rng.randint(low, high)) / scale
        if value or not nonzero:
            return value


def _typed(x: Decimal) -> str:
    return approx_typed(x, REFERENCE_DIGITS)


def _bracketed(latex: str) -> str:
    """A number already written as LaTeX, bracketed when negative."""
    return f"({latex})" if latex.startswith("-") else latex


def _clear_step(old: Decimal, new: Decimal) -> bool:
    """A step that moves θ by at least 10 %, so that leaving θ unchanged is never close enough to pass."""
    return abs(new - old) >= Decimal("0.1") * max(abs(old), abs(new))


def _sgd(rng: Draws) -> Exercise:
    decoupled = rng.random() < 0.6
    while True:
        theta, g = _d(rng, 5, 30), _d(rng, -20, 20)
        m_prev = rng.choice([Decimal(0), _d(rng, -10, 10, 100)])
        beta, alpha = Decimal(rng.choice(["0.9", "0.5", "0.8"])), Decimal(rng.choice(["0.1", "0.2", "0.5", "0.05"]))
        eta, lam = Decimal(rng.choice(["1", "0.5", "0.8"])), Decimal(rng.choice(["0.1", "0.2", "0.5", "0.05"]))
        m_w = beta * m_prev + eta * alpha * g
        sgdw = theta - m_w - eta * lam * theta
        m_l2 = beta * m_prev + eta * alpha * (g + lam * theta)
        l2 = theta - m_l2
        answer = sgdw if decoupled else l2
        if _clear_step(theta, answer):
            break
    mistakes = [
        mistake("no-decay", _typed(theta - (m_w if decoupled else beta * m_prev + eta * alpha * g)),
                "Затухание весов потеряно: оно уменьшает θ на каждом шаге.",
                "The weight decay is lost: it shrinks θ at every step."),
        mistake("no-momentum", _typed(answer + beta * m_prev),
                "Импульс mₜ₋₁ тоже входит в шаг: mₜ = β₁mₜ₋₁ + ηₜα·(градиент).",
                "The momentum mₜ₋₁ enters the step too: mₜ = β₁mₜ₋₁ + ηₜα·(gradient)."),
    ]
    if decoupled:
        mistakes += [
            mistake("l2-coupled", _typed(l2),
                    "Это SGD с L2: там λθ добавляется к градиенту и проходит через импульс. В SGDW затухание "
                    "вычитается отдельно.",
                    "That is SGD with L2: there λθ is added to the gradient and goes through the momentum. In SGDW "
                    "the decay is subtracted separately."),
            mistake("decay-times-alpha", _typed(theta - m_w - eta * alpha * lam * theta),
                    "В SGDW шаг затухания умножается только на ηₜ, без α.",
                    "In SGDW the decay step is multiplied by ηₜ only, not by α."),
        ]
    else:
        mistakes.append(mistake(
            "decoupled", _typed(sgdw),
            "Это SGDW: там затухание вычитается отдельно. В SGD с L2 слагаемое λθ добавляется к градиенту "
            "и проходит через импульс.",
            "That is SGDW, where the decay is subtracted separately. In SGD with L2 the term λθ is added to the "
            "gradient and goes through the momentum."))
    given = (f"$\\theta_{{t-1}} = {plain(theta)}$, $\\nabla f_t(\\theta_{{t-1}}) = {plain(g)}$, "
             f"$m_{{t-1}} = {plain(m_prev)}$, $\\beta_1 = {plain(beta)}$, $\\alpha = {plain(alpha)}$, "
             f"$\\eta_t = {plain(eta)}$, $\\lambda = {plain(lam)}$")
    name = text("SGDW (алгоритм 1 статьи с зелёным слагаемым)" if decoupled else
                "SGD с импульсом и L2-регуляризацией (алгоритм 1 статьи без зелёного слагаемого)",
                "SGDW (the paper's Algorithm 1 with the green term)" if decoupled else
                "SGD with momentum and L2 regularization (the paper's Algorithm 1 without the green term)")
    if decoupled:
        rules = ("m_t = \\beta_1 m_{t-1} + \\eta_t \\alpha \\nabla f_t(\\theta_{t-1}), \\quad "
                 "\\theta_t = \\theta_{t-1} - m_t - \\eta_t \\lambda \\theta_{t-1}")
        m_line = (f"m_t = {plain(beta)} \\cdot {paren(m_prev)} + {plain(eta)} \\cdot {plain(alpha)} \\cdot {paren(g)}"
                  f" = {plain(m_w)}")
        theta_line = (f"\\theta_t = {plain(theta)} - {paren(m_w)} - {plain(eta)} \\cdot {plain(lam)} \\cdot "
                      f"{plain(theta)} = {plain(sgdw)}")
    else:
        rules = ("g_t = \\nabla f_t(\\theta_{t-1}) + \\lambda \\theta_{t-1}, \\quad m_t = \\beta_1 m_{t-1} + "
                 "\\eta_t \\alpha g_t, \\quad \\theta_t = \\theta_{t-1} - m_t")
        g_t = g + lam * theta
        m_line = (f"g_t = {plain(g)} + {plain(lam)} \\cdot {plain(theta)} = {plain(g_t)}, \\quad "
                  f"m_t = {plain(beta)} \\cdot {paren(m_prev)} + {plain(eta)} \\cdot {plain(alpha)} \\cdot "
                  f"{paren(g_t)} = {plain(m_l2)}")
        theta_line = f"\\theta_t = {plain(theta)} - {paren(m_l2)} = {plain(l2)}"
    return Exercise(
        statement=text(
            f"Один шаг {name['ru']} для одного веса: {given}. Найдите $\\theta_t$.",
            f"One step of {name['en']} for a single weight: {given}. Find $\\theta_t$."),
        spec=ExpressionSpec(answer=_typed(answer), tolerance=ROUNDING, mistakes=tuple(mistakes)),
        answer=both(f"$\\theta_t = {plain(answer)}$"),
        hints=(
            text("Сначала обновите импульс mₜ, затем веса.", "Update the momentum mₜ first, then the weights."),
            text("В SGDW затухание −ηₜλθₜ₋₁ вычитается отдельно; в SGD с L2 слагаемое λθₜ₋₁ добавляется к градиенту.",
                 "In SGDW the decay −ηₜλθₜ₋₁ is subtracted separately; in SGD with L2 the term λθₜ₋₁ is added to "
                 "the gradient."),
        ),
        steps=(
            step("Формулы", "The update", f"$${rules}$$", f"$${rules}$$"),
            step("Импульс", "The momentum", f"$${m_line}$$", f"$${m_line}$$"),
            step("Новые веса", "The new weights", f"$${theta_line}$$", f"$${theta_line}$$"),
        ),
        params={"decoupled": decoupled, "theta": theta, "g": g, "m": m_prev, "beta1": beta, "alpha": alpha,
                "eta": eta, "lambda": lam},
    )


def _adam_numbers(rng: Draws) -> dict[str, Decimal | int]:
    t = rng.choice([1, 2, 3, 5, 10])
    values: dict[str, Decimal | int] = {
        "t": t,
        "theta": _d(rng, 2, 20),
        "g": _d(rng, -20, 20),
        "m": Decimal(0) if t == 1 else _d(rng, -10, 10, 100),
        "v": Decimal(0) if t == 1 else _d(rng, 1, 30, 1000),
        "beta1": Decimal("0.9"),
        "beta2": Decimal(rng.choice(["0.999", "0.99", "0.9"])),
        "lr": Decimal(rng.choice(["0.1", "0.05", "0.2"])),
        "decay": Decimal(rng.choice(["0.1", "0.2", "0.5", "0.05"])),
        "eta": Decimal(rng.choice(["1", "0.5"])),
    }
    return values


def _adam_update(n: dict[str, Decimal | int], g: Decimal, correct: bool = True) -> tuple[Decimal, ...]:
    """(m_t, v_t, m̂, v̂, the normalized step m̂/(√v̂ + ε)) for gradient ``g``."""
    t, b1, b2 = n["t"], n["beta1"], n["beta2"]
    m = b1 * n["m"] + (1 - b1) * g
    v = b2 * n["v"] + (1 - b2) * g * g
    m_hat = m / (1 - power(b1, t)) if correct else m
    v_hat = v / (1 - power(b2, t)) if correct else v
    return m, v, m_hat, v_hat, m_hat / (sqrt(v_hat) + EPSILON)


def _adam_given(n: dict[str, Decimal | int], names: Localized, hyper: str) -> Localized:
    """The statement's list of numbers; ``hyper`` names the hyperparameters the code does not already show."""
    t = n["t"]
    state = (f"$\\theta_{{t-1}} = {plain(n['theta'])}$, $g_t = {plain(n['g'])}$, $m_{{t-1}} = {plain(n['m'])}$, "
             f"$v_{{t-1}} = {plain(n['v'])}$" + (f", {hyper}" if hyper else ""))
    return text(f"{names['ru']}, шаг $t = {t}$: {state}.", f"{names['en']}, step $t = {t}$: {state}.")


def _adam_steps(n: dict[str, Decimal | int], g_line: str, g: Decimal, rule: str, final: str) -> tuple:
    m, v, m_hat, v_hat, normalized = _adam_update(n, g)
    t = n["t"]
    moments = (f"m_t = {plain(n['beta1'])} \\cdot {paren(n['m'])} + {plain(1 - n['beta1'])} \\cdot {paren(g)} = "
               f"{approx(m, 6)}, \\quad v_t = {plain(n['beta2'])} \\cdot {plain(n['v'])} + {plain(1 - n['beta2'])}"
               f" \\cdot {paren(g)}^2 = {approx(v, 6)}")
    corrected = (f"\\hat{{m}}_t = \\frac{{{approx(m, 6)}}}{{1 - {plain(n['beta1'])}^{{{t}}}}} = {approx(m_hat, 6)},"
                 f" \\quad \\hat{{v}}_t = \\frac{{{approx(v, 6)}}}{{1 - {plain(n['beta2'])}^{{{t}}}}} = "
                 f"{approx(v_hat, 6)}, \\quad \\frac{{\\hat{{m}}_t}}{{\\sqrt{{\\hat{{v}}_t}} + \\epsilon}} = "
                 f"{approx(normalized, 6)}")
    steps = [step("Правило", "The rule", f"$${rule}$$", f"$${rule}$$")]
    if g_line:
        steps.append(step("Градиент с L2", "The gradient with L2", f"$${g_line}$$", f"$${g_line}$$"))
    steps += [
        step("Моменты", "The moments", f"$${moments}$$", f"$${moments}$$"),
        step("Поправка на смещение", "Bias correction",
             f"$${corrected}$$\n\nБез поправки моменты при малом $t$ занижены: $m_0 = v_0 = 0$.",
             f"$${corrected}$$\n\nWithout the correction the moments are too small for small $t$: $m_0 = v_0 = 0$."),
        step("Новые веса", "The new weights", f"$${final}$$", f"$${final}$$"),
    ]
    return tuple(steps)


def _redraw(rng: Draws, compute: Callable[[dict[str, Decimal | int]], Decimal]) -> dict[str, Decimal | int]:
    while True:
        n = _adam_numbers(rng)
        if _clear_step(n["theta"], compute(n)):
            return n


def _adamw_value(n: dict[str, Decimal | int]) -> Decimal:
    return n["theta"] - n["eta"] * (n["lr"] * _adam_update(n, n["g"])[4] + n["decay"] * n["theta"])


def _adamw(rng: Draws) -> Exercise:
    n = _redraw(rng, _adamw_value)
    theta, eta, alpha, lam = n["theta"], n["eta"], n["lr"], n["decay"]
    answer = _adamw_value(n)
    normalized = _adam_update(n, n["g"])[4]
    l2_step = _adam_update(n, n["g"] + lam * theta)[4]
    raw = _adam_update(n, n["g"], correct=False)[4]
    mistakes = (
        mistake("no-bias-correction", _typed(theta - eta * (alpha * raw + lam * theta)),
                "Пропущена поправка на смещение: m̂ₜ = mₜ/(1 − β₁ᵗ), v̂ₜ = vₜ/(1 − β₂ᵗ).",
                "The bias correction is missing: m̂ₜ = mₜ/(1 − β₁ᵗ), v̂ₜ = vₜ/(1 − β₂ᵗ)."),
        mistake("l2-coupled", _typed(theta - eta * alpha * l2_step),
                "Это Adam с L2: λθ добавлен к градиенту и нормирован вместе с ним. В AdamW затухание вычитается "
                "отдельно, после нормировки.",
                "That is Adam with L2: λθ is added to the gradient and normalized with it. In AdamW the decay is "
                "subtracted separately, after the normalization."),
        mistake("no-decay", _typed(theta - eta * alpha * normalized),
                "Затухание весов ηₜλθₜ₋₁ потеряно.", "The weight decay ηₜλθₜ₋₁ is lost."),
        mistake("decay-times-alpha", _typed(theta - eta * alpha * (normalized + lam * theta)),
                "В алгоритме 2 статьи λθₜ₋₁ умножается на ηₜ, но не на α (так устроен weight_decay в PyTorch, "
                "а не λ статьи).",
                "In the paper's Algorithm 2, λθₜ₋₁ is multiplied by ηₜ but not by α (that is how PyTorch's "
                "weight_decay works, not the paper's λ)."),
    )
    rule = ("\\theta_t = \\theta_{t-1} - \\eta_t \\left( \\frac{\\alpha \\hat{m}_t}{\\sqrt{\\hat{v}_t} + \\epsilon}"
            " + \\lambda \\theta_{t-1} \\right)")
    final = (f"\\theta_t = {plain(theta)} - {plain(eta)} \\cdot ({plain(alpha)} \\cdot {_bracketed(approx(normalized, 6))}"
             f" + {plain(lam)} \\cdot {plain(theta)}) \\approx {approx(answer)}")
    names = text("Один шаг AdamW (алгоритм 2 статьи с зелёным слагаемым) для одного веса",
                 "One step of AdamW (the paper's Algorithm 2 with the green term) for a single weight")
    given = _adam_given(n, names, f"$\\beta_1 = {plain(n['beta1'])}$, $\\beta_2 = {plain(n['beta2'])}$, "
                        f"$\\epsilon = 10^{{-8}}$, $\\alpha = {plain(alpha)}$, $\\eta_t = {plain(eta)}$, "
                        f"$\\lambda = {plain(lam)}$")
    return Exercise(
        statement=text(f"{given['ru']} Найдите $\\theta_t$ (три значащие цифры).",
                       f"{given['en']} Find $\\theta_t$ (three significant digits)."),
        spec=ExpressionSpec(answer=_typed(answer), tolerance=ROUNDING, mistakes=mistakes),
        answer=both(f"$\\theta_t \\approx {approx(answer)}$"),
        hints=(
            text("Моменты AdamW видят только градиент функции потерь.", "AdamW's moments see only the gradient of the loss."),
            text("Не забудьте поправку на смещение 1 − βᵗ и затухание ηₜλθₜ₋₁ вне нормировки.",
                 "Do not forget the bias correction 1 − βᵗ and the decay ηₜλθₜ₋₁ outside the normalization."),
        ),
        steps=_adam_steps(n, "", n["g"], rule, final),
        params=dict(n),
    )


def _adam_l2_value(n: dict[str, Decimal | int]) -> Decimal:
    return n["theta"] - n["lr"] * _adam_update(n, n["g"] + n["decay"] * n["theta"])[4]


def _adam_l2(rng: Draws) -> Exercise:
    n = _redraw(rng, _adam_l2_value)
    theta, lr, wd = n["theta"], n["lr"], n["decay"]
    answer = _adam_l2_value(n)
    g_l2 = n["g"] + wd * theta
    decoupled = theta - lr * (_adam_update(n, n["g"])[4] + wd * theta)
    mistakes = (
        mistake("decoupled", _typed(decoupled),
                "Так считает AdamW. torch.optim.Adam добавляет weight_decay·θ к градиенту, и это слагаемое "
                "проходит через моменты.",
                "That is what AdamW computes. torch.optim.Adam adds weight_decay·θ to the gradient, and the term "
                "goes through the moments."),
        mistake("no-decay", _typed(theta - lr * _adam_update(n, n["g"])[4]),
                "weight_decay потерян: в Adam он добавляется к градиенту.",
                "weight_decay is lost: in Adam it is added to the gradient."),
        mistake("no-bias-correction", _typed(theta - lr * _adam_update(n, g_l2, correct=False)[4]),
                "Пропущена поправка на смещение: m̂ₜ = mₜ/(1 − β₁ᵗ), v̂ₜ = vₜ/(1 − β₂ᵗ).",
                "The bias correction is missing: m̂ₜ = mₜ/(1 − β₁ᵗ), v̂ₜ = vₜ/(1 − β₂ᵗ)."),
    )
    rule = ("g_t \\leftarrow g_t + wd \\cdot \\theta_{t-1}, \\quad \\theta_t = \\theta_{t-1} - lr \\cdot "
            "\\frac{\\hat{m}_t}{\\sqrt{\\hat{v}_t} + \\epsilon}")
    g_line = f"g_t = {plain(n['g'])} + {plain(wd)} \\cdot {plain(theta)} = {plain(g_l2)}"
    normalized = _adam_update(n, g_l2)[4]
    final = f"\\theta_t = {plain(theta)} - {plain(lr)} \\cdot {_bracketed(approx(normalized, 6))} \\approx {approx(answer)}"
    code = (f"torch.optim.Adam([θ], lr={plain(lr)}, betas=({plain(n['beta1'])}, {plain(n['beta2'])}), eps=1e-8, "
            f"weight_decay={plain(wd)})")
    names = text(f"Один шаг `{code}` для одного веса", f"One step of `{code}` for a single weight")
    given = _adam_given(n, names, "")
    return Exercise(
        statement=text(f"{given['ru']} ($m_{{t-1}}$, $v_{{t-1}}$ — состояние оптимизатора, $g_t$ — градиент "
                       "функции потерь.) Найдите $\\theta_t$ (три значащие цифры).",
                       f"{given['en']} ($m_{{t-1}}$, $v_{{t-1}}$ are the optimizer's state, $g_t$ is the gradient of "
                       "the loss.) Find $\\theta_t$ (three significant digits)."),
        spec=ExpressionSpec(answer=_typed(answer), tolerance=ROUNDING, mistakes=mistakes),
        answer=both(f"$\\theta_t \\approx {approx(answer)}$"),
        hints=(
            text("weight_decay в torch.optim.Adam — это L2: wd·θ добавляется к градиенту до моментов.",
                 "The weight_decay of torch.optim.Adam is L2: wd·θ is added to the gradient before the moments."),
            text("Дальше обычный шаг Adam с поправкой на смещение.", "Then an ordinary Adam step with bias correction."),
        ),
        steps=_adam_steps(n, g_line, g_l2, rule, final),
        params={k: v for k, v in n.items() if k != "eta"},
    )


def _torch_args(rng: Draws) -> Exercise:
    form = rng.choice(["adamw-wd", "adamw-lambda", "sgd-wd", "shrink"])
    steps = 0
    alpha = Decimal(rng.choice(["0.001", "0.0003", "0.002", "0.0001", "0.01"]))
    lam = Decimal(rng.choice(["0.00001", "0.00005", "0.0001", "0.000002", "0.0002"]))
    wd = Decimal(rng.choice(["0.01", "0.05", "0.1", "0.001"]))
    if form in ("adamw-wd", "sgd-wd"):
        optimizer = "AdamW" if form == "adamw-wd" else "SGD"
        answer, value = f"{lam}/{alpha}", lam / alpha
        statement = text(
            f"В обозначениях статьи: $\\alpha = {plain(alpha)}$, $\\lambda = {plain(lam)}$, без расписания "
            f"($\\eta_t = 1$). Какой `weight_decay` передать в `torch.optim.{optimizer}(params, lr={plain(alpha)}, "
            f"weight_decay=…)`, чтобы получить {'AdamW' if optimizer == 'AdamW' else 'SGDW'} из статьи"
            f"{'' if optimizer == 'AdamW' else ' (без импульса)'}?",
            f"In the paper's notation, $\\alpha = {plain(alpha)}$, $\\lambda = {plain(lam)}$, no schedule "
            f"($\\eta_t = 1$). What `weight_decay` should `torch.optim.{optimizer}(params, lr={plain(alpha)}, "
            f"weight_decay=…)` get to do the paper's {'AdamW' if optimizer == 'AdamW' else 'SGDW without momentum'}?")
        why = (text("PyTorch AdamW вычитает $lr \\cdot wd \\cdot \\theta_{t-1}$, статья — $\\eta_t \\lambda "
                    "\\theta_{t-1}$; при $lr = \\eta_t \\alpha$ это $wd = \\frac{\\lambda}{\\alpha}$.",
                    "PyTorch's AdamW subtracts $lr \\cdot wd \\cdot \\theta_{t-1}$, the paper $\\eta_t \\lambda "
                    "\\theta_{t-1}$; with $lr = \\eta_t \\alpha$ this gives $wd = \\frac{\\lambda}{\\alpha}$.")
               if optimizer == "AdamW" else
               text("weight_decay в SGD — это L2: шаг $lr \\cdot wd \\cdot \\theta_{t-1}$; в SGDW — "
                    "$\\eta_t \\lambda \\theta_{t-1}$. Без импульса они совпадают при $wd = \\frac{\\lambda}{\\alpha}$ "
                    "(предложение 1 статьи).",
                    "SGD's weight_decay is L2: a step of $lr \\cdot wd \\cdot \\theta_{t-1}$; SGDW takes "
                    "$\\eta_t \\lambda \\theta_{t-1}$. Without momentum they agree when $wd = \\frac{\\lambda}{\\alpha}$ "
                    "(the paper's Proposition 1)."))
        formula = f"wd = \\frac{{\\lambda}}{{\\alpha}} = \\frac{{{plain(lam)}}}{{{plain(alpha)}}} = {approx(value)}"
        mistakes = (
            mistake("same-name", str(lam), "weight_decay в PyTorch умножается на lr, а λ статьи — нет.",
                    "PyTorch multiplies weight_decay by lr; the paper does not multiply λ by α."),
            mistake("times-alpha", f"{lam}*{alpha}", "Чтобы lr·wd совпало с λ, wd надо делить на lr, а не умножать.",
                    "For lr·wd to equal λ, divide by lr instead of multiplying."),
        )
    elif form == "adamw-lambda":
        answer, value = f"{alpha}*{wd}", alpha * wd
        statement = text(
            f"`torch.optim.AdamW(params, lr={plain(alpha)}, weight_decay={plain(wd)})` без планировщика. Чему равно "
            "$\\lambda$ статьи (доля, на которую затухание уменьшает веса за шаг)?",
            f"`torch.optim.AdamW(params, lr={plain(alpha)}, weight_decay={plain(wd)})` without a scheduler. What is "
            "the paper's $\\lambda$ (the fraction by which the decay shrinks the weights per step)?")
        why = text("PyTorch вычитает $lr \\cdot wd \\cdot \\theta_{t-1}$, статья — $\\eta_t \\lambda \\theta_{t-1}$ "
                   "при $\\eta_t = 1$.", "PyTorch subtracts $lr \\cdot wd \\cdot \\theta_{t-1}$, the paper "
                   "$\\eta_t \\lambda \\theta_{t-1}$ with $\\eta_t = 1$.")
        formula = f"\\lambda = lr \\cdot wd = {plain(alpha)} \\cdot {plain(wd)} = {plain(value)}"
        mistakes = (
            mistake("same-name", str(wd), "weight_decay в PyTorch ещё умножается на lr; λ статьи — готовая доля за шаг.",
                    "PyTorch still multiplies weight_decay by lr; the paper's λ is the fraction per step itself."),
            mistake("divided", f"{wd}/{alpha}", "Доля за шаг — произведение lr и weight_decay, а не частное.",
                    "The fraction per step is the product of lr and weight_decay, not their quotient."),
        )
    else:
        rate = alpha * wd
        steps = rng.choice([n for n in (100, 1000, 5000, 10000, 20000, 50000, 100000, 10**6, 10**7)
                            if Decimal("0.05") <= rate * n <= 3])
        value = power(1 - rate, steps)
        answer = _typed(value)
        statement = text(
            f"`torch.optim.AdamW(params, lr={plain(alpha)}, weight_decay={plain(wd)})` без планировщика. Во сколько "
            f"раз одно только затухание уменьшит веса за {steps} шагов (какой множитель)? Три значащие цифры.",
            f"`torch.optim.AdamW(params, lr={plain(alpha)}, weight_decay={plain(wd)})` without a scheduler. By what "
            f"factor does the decay alone multiply the weights over {steps} steps? Three significant digits.")
        why = text("Каждый шаг AdamW в PyTorch сначала умножает веса на $1 - lr \\cdot wd$.",
                   "Every step of PyTorch's AdamW first multiplies the weights by $1 - lr \\cdot wd$.")
        formula = (f"(1 - lr \\cdot wd)^{{{steps}}} = (1 - {plain(alpha)} \\cdot {plain(wd)})^{{{steps}}} "
                   f"\\approx {approx(value)}")
        mistakes = (
            mistake("linear", _typed(1 - steps * rate),
                    "Множители шагов перемножаются: это степень, а не вычитание суммы.",
                    "The factors of the steps multiply: it is a power, not a subtracted sum."),
        )
        no_lr = power(1 - wd, steps)
        if no_lr > Decimal("1e-6"):
            mistakes += (mistake("no-lr", _typed(no_lr), "Затухание за шаг в PyTorch — lr·weight_decay, а не weight_decay.",
                                 "PyTorch's decay per step is lr·weight_decay, not weight_decay."),)
    return Exercise(
        statement=statement,
        spec=ExpressionSpec(answer=answer, tolerance=ROUNDING, mistakes=mistakes),
        answer=both(f"${equals(value).removeprefix('= ')}$"),
        hints=(
            text("PyTorch AdamW: θ ← θ − lr·(m̂/(√v̂ + ε) + wd·θ). Статья: θ ← θ − ηₜ(αm̂/(√v̂ + ε) + λθ).",
                 "PyTorch's AdamW: θ ← θ − lr·(m̂/(√v̂ + ε) + wd·θ). The paper: θ ← θ − ηₜ(αm̂/(√v̂ + ε) + λθ)."),
            text("Сопоставьте слагаемые: lr = ηₜα и lr·wd = ηₜλ.", "Match the terms: lr = ηₜα and lr·wd = ηₜλ."),
        ),
        steps=(
            step("Сопоставление", "Matching the terms", why["ru"], why["en"]),
            step("Подстановка", "Substitution", f"$${formula}$$", f"$${formula}$$"),
        ),
        params={"form": form, "alpha": alpha, "lambda": lam, "wd": wd, "steps": steps},
    )


FAMILIES = [
    Family("5.sgd-step", text("Один шаг SGDW или SGD + L2 на заданных числах",
                              "One step of SGDW or SGD + L2 on given numbers"), _sgd),
    Family("5.adamw-step", text("Один шаг AdamW в обозначениях статьи на заданных числах",
                                "One step of AdamW in the paper's notation on given numbers"), _adamw),
    Family("5.adam-l2-step", text("Один шаг torch.optim.Adam с weight_decay (Adam + L2)",
                                  "One step of torch.optim.Adam with weight_decay (Adam + L2)"), _adam_l2),
    Family("5.torch-args", text("lr и weight_decay PyTorch для α, ηₜ и λ статьи",
                                "PyTorch's lr and weight_decay for the paper's α, ηₜ and λ"), _torch_args),
]
