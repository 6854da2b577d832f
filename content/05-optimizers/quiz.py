"""Quiz items for question 5: the SGDW and AdamW updates in the lecture's notation."""

from tutor.answers.spec import Alternative, ExpressionSpec, scalar, vector
from tutor.quiz.items import QuizItem

NO_DECAY = {
    "ru": "Не хватает затухания весов: −ηₜλθₜ₋₁ (оно и отличает SGDW/AdamW).",
    "en": "The weight decay term −ηₜλθₜ₋₁ is missing (it is what makes SGDW/AdamW).",
}

ITEMS = [
    QuizItem(
        id="5.sgdw",
        question=5,
        part="5.sgdw",
        kind="expression",
        prompt={
            "ru": "SGDW: выразите θₜ через θₜ₋₁, mₜ (импульс, уже включает ηₜ), ηₜ и λ.",
            "en": "SGDW: write θₜ in terms of θₜ₋₁, mₜ (the momentum, already including ηₜ), ηₜ and λ.",
        },
        hints=(
            {"ru": "В SGDW затухание весов не входит в градиент, а вычитается отдельно.",
             "en": "In SGDW the weight decay is not part of the gradient; it is subtracted separately."},
            {"ru": "Отдельный шаг затухания масштабируется расписанием: ηₜλθₜ₋₁.",
             "en": "The separate decay step is scaled by the schedule: ηₜλθₜ₋₁."},
        ),
        points=0.5,
        spec=ExpressionSpec(
            answer="theta - m - eta lambda theta",
            symbols={"theta": vector("n"), "m": vector("n"), "eta": scalar(), "lambda": scalar()},
            what={"ru": "новые веса θₜ", "en": "the new weights θₜ"},
            mistakes=(
                Alternative("no-decay", "theta - m", NO_DECAY),
                Alternative("decay-without-eta", "theta - m - lambda theta", {
                    "ru": "В SGDW шаг затухания умножается на ηₜ: θₜ₋₁ − mₜ − ηₜλθₜ₋₁.",
                    "en": "In SGDW the decay step is multiplied by ηₜ: θₜ₋₁ − mₜ − ηₜλθₜ₋₁."}),
                Alternative("sign", "theta - m + eta lambda theta", {
                    "ru": "Затухание уменьшает веса: −ηₜλθₜ₋₁.", "en": "Decay shrinks the weights: −ηₜλθₜ₋₁."}),
                Alternative("sign", "theta + m - eta lambda theta", {
                    "ru": "Шаг идёт против градиента: −mₜ.", "en": "The step goes against the gradient: −mₜ."}),
                Alternative("eta-twice", "theta - eta m - eta lambda theta", {
                    "ru": "mₜ уже содержит ηₜ (mₜ = βmₜ₋₁ + ηₜ∇f), второй раз умножать не нужно.",
                    "en": "mₜ already contains ηₜ (mₜ = βmₜ₋₁ + ηₜ∇f); do not multiply by it again."}),
            ),
        ),
    ),
    QuizItem(
        id="5.adamw",
        question=5,
        part="5.adamw",
        kind="expression",
        prompt={
            "ru": "AdamW: выразите θₜ через θₜ₋₁, m̂ₜ, v̂ₜ, ηₜ, α, λ и ε.",
            "en": "AdamW: write θₜ in terms of θₜ₋₁, m̂ₜ, v̂ₜ, ηₜ, α, λ and ε.",
        },
        hints=(
            {"ru": "Шаг Adam: α m̂ₜ/(√v̂ₜ + ε).", "en": "Adam's step: α m̂ₜ/(√v̂ₜ + ε)."},
            {"ru": "Затухание λθₜ₋₁ добавляется к шагу отдельно, а не к градиенту.",
             "en": "The decay λθₜ₋₁ is added to the step separately, not to the gradient."},
            {"ru": "Расписание ηₜ умножает всю сумму.", "en": "The schedule ηₜ multiplies the whole sum."},
        ),
        points=0.5,
        spec=ExpressionSpec(
            answer="theta - eta (alpha m_hat/(sqrt(v_hat) + eps) + lambda theta)",
            symbols={"theta": vector("n"), "m_hat": vector("n"), "v_hat": vector("n", 0.1, 2.0),
                     "eta": scalar(), "alpha": scalar(), "lambda": scalar(), "eps": scalar()},
            what={"ru": "новые веса θₜ", "en": "the new weights θₜ"},
            elementwise=True,  # m̂·(√v̂ + ε)⁻¹ is elementwise, as in the Adam paper
            mistakes=(
                Alternative("no-decay", "theta - eta alpha m_hat/(sqrt(v_hat) + eps)", NO_DECAY),
                Alternative("missing-eps", "theta - eta (alpha m_hat/sqrt(v_hat) + lambda theta)", {
                    "ru": "Не хватает ε в знаменателе: √v̂ₜ + ε (защита от деления на ноль).",
                    "en": "ε is missing from the denominator: √v̂ₜ + ε (it guards against division by zero)."}),
                Alternative("l2-inside", "theta - eta alpha (m_hat + lambda theta)/(sqrt(v_hat) + eps)", {
                    "ru": "Это Adam с L2: затухание попало внутрь адаптивного шага и делится на √v̂. В AdamW оно отделено: −ηₜλθₜ₋₁.",
                    "en": "That is Adam with L2: the decay went inside the adaptive step and is divided by √v̂. AdamW decouples it: −ηₜλθₜ₋₁."}),
                Alternative("no-sqrt", "theta - eta (alpha m_hat/(v_hat + eps) + lambda theta)", {
                    "ru": "В знаменателе корень: √v̂ₜ + ε.", "en": "The denominator has a square root: √v̂ₜ + ε."}),
                Alternative("missing-eta", "theta - alpha m_hat/(sqrt(v_hat) + eps) - eta lambda theta", {
                    "ru": "Расписание ηₜ умножает и шаг Adam: θₜ₋₁ − ηₜ(α m̂ₜ/(√v̂ₜ + ε) + λθₜ₋₁).",
                    "en": "The schedule ηₜ multiplies Adam's step too: θₜ₋₁ − ηₜ(α m̂ₜ/(√v̂ₜ + ε) + λθₜ₋₁)."}),
                Alternative("missing-eta", "theta - eta alpha m_hat/(sqrt(v_hat) + eps) - lambda theta", {
                    "ru": "Расписание ηₜ умножает и затухание: −ηₜλθₜ₋₁.",
                    "en": "The schedule ηₜ multiplies the decay too: −ηₜλθₜ₋₁."}),
            ),
        ),
    ),
]

EXAMPLES = {
    "5.sgdw": {
        "accept": ["θ − m − ηλθ", "theta - m - eta lambda theta", "θₜ₋₁ − mₜ − ηₜλθₜ₋₁", "(1-ηλ)θ - m",
                   "theta_{t-1} - m_t - eta_t*lambda*theta_{t-1}", "θ(1 − ηλ) − m", "-m + θ - λ η θ",
                   "\\theta - m - \\eta\\lambda\\theta", "theta - (m + eta lam theta)"],
        "reject": [("θ − m", "no-decay"), ("θ − m − λθ", "decay-without-eta"), ("θ − m + ηλθ", "sign"),
                   ("θ + m − ηλθ", "sign"), ("θ − ηm − ηλθ", "eta-twice"), ("θ − ηλθ", None),
                   ("m − ηλθ", None), ("θ − m − ηλ", None), ("θ − m − η θ", None)],
    },
    "5.adamw": {
        "accept": ["θ − η(α m̂/(√v̂ + ε) + λθ)", "θ − ηα m̂/(√v̂ + ε) − ηλθ", "(1 − ηλ)θ − ηα m̂/(√v̂+ε)",
                   "theta_{t-1} - eta_t*(alpha*m_hat_t/(sqrt(v_hat_t)+epsilon) + lambda*theta_{t-1})",
                   "θ - η(α \\frac{\\hat{m}}{\\sqrt{\\hat{v}} + ε} + λθ)", "θ − η·α·m̂/(v̂^(1/2) + ε) − η·λ·θ",
                   "θ - η α m̂ ⊙ (√v̂+ε)^-1 - η λ θ", "theta - eta*lambda*theta - eta*alpha*m_hat/(eps + sqrt(v_hat))"],
        "reject": [("θ − ηα m̂/(√v̂ + ε)", "no-decay"), ("θ − η(α m̂/√v̂ + λθ)", "missing-eps"),
                   ("θ − ηα(m̂ + λθ)/(√v̂ + ε)", "l2-inside"), ("θ − η(α m̂/(v̂ + ε) + λθ)", "no-sqrt"),
                   ("θ − α m̂/(√v̂ + ε) − ηλθ", "missing-eta"), ("θ − ηα m̂/(√v̂ + ε) − λθ", "missing-eta"),
                   ("θ + η(α m̂/(√v̂ + ε) + λθ)", None), ("θ − η(α m̂/(√v̂ + ε) + λ)", None),
                   ("θ − η(m̂/(√v̂ + ε) + λθ)", None)],
    },
}
