"""Quiz items for question 5: the SGDW and AdamW updates in the lecture's notation."""

from tutor.answers.spec import Alternative, ExpressionSpec, scalar, vector
from tutor.quiz.items import QuizItem

NO_DECAY = {
    "ru": "Нет затухания весов: SGDW и AdamW вычитают его отдельным слагаемым, вне градиентного шага (это и есть буква W).",
    "en": "The weight decay is missing: SGDW and AdamW subtract it as a term of its own, outside the gradient step (that is the W).",
}

#: the key slip of question 5: α scales the gradient step, not the decay (PyTorch's parameterization does)
DECAY_TIMES_ALPHA = {
    "ru": "Затухание умножено на α: в SGDW и AdamW статьи α масштабирует только градиентный шаг, а затухание — одно лишь расписание ηₜ. Множитель α при затухании — это параметризация PyTorch (там lr = ηₜα, и её weight_decay соответствует λ/α).",
    "en": "The decay is multiplied by α: in the paper's SGDW and AdamW α scales only the gradient step, and the decay only the schedule ηₜ. α on the decay is PyTorch's parameterization (there lr = ηₜα, and its weight_decay corresponds to λ/α).",
}
SIGN_STEP = {
    "ru": "Знак шага Adam перепутан: шаг идёт против градиента, и его слагаемое вычитается из θₜ₋₁.",
    "en": "The sign of Adam's step is flipped: the step goes against the gradient, so its term is subtracted from θₜ₋₁.",
}
SIGN_DECAY = {
    "ru": "Знак затухания перепутан: затухание уменьшает веса, его слагаемое вычитается.",
    "en": "The decay has the wrong sign: decay shrinks the weights, so its term is subtracted.",
}

ITEMS = [
    QuizItem(
        id="5.sgdw",
        question=5,
        part="5.sgdw",
        kind="expression",
        prompt={
            "ru": "SGDW: выразите θₜ через θₜ₋₁, буфер импульса mₜ = β₁mₜ₋₁ + ηₜαgₜ, ηₜ и λ.",
            "en": "SGDW: write θₜ in terms of θₜ₋₁, the momentum buffer mₜ = β₁mₜ₋₁ + ηₜαgₜ, ηₜ and λ.",
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
            # α and gₜ are in the prompt (inside mₜ): known here, so their misuse can be named
            symbols={"theta": vector("n"), "m": vector("n"), "eta": scalar(), "lambda": scalar(),
                     "alpha": scalar(), "g": vector("n")},
            what={"ru": "новые веса θₜ", "en": "the new weights θₜ"},
            updates="theta",  # θ ← …, θ -= …: the update rules of pseudocode and code
            mistakes=(
                Alternative("no-decay", "theta - m", NO_DECAY),
                Alternative("decay-without-eta", "theta - m - lambda theta", {
                    "ru": "Затуханию не хватает множителя расписания: в SGDW расписание ηₜ масштабирует и затухание (а α — нет).",
                    "en": "The decay lacks the schedule: in SGDW the schedule multiplier ηₜ scales the decay too (α does not)."}),
                Alternative("sign", "theta - m + eta lambda theta", SIGN_DECAY),
                Alternative("sign", "theta + m - eta lambda theta", {
                    "ru": "Знак при mₜ перепутан: буфер накапливает градиенты, а шаг идёт против градиента.",
                    "en": "The sign of mₜ is flipped: the buffer accumulates gradients, and the step goes against the gradient."}),
                Alternative("decay-after-step", "theta - m - eta lambda (theta - m)", {
                    "ru": "Затухание применено после шага: так оно сжимает уже обновлённые веса и добавляет лишнее слагаемое ηₜλmₜ. В статье затухает θₜ₋₁, веса до шага: в коде — между backward() и step().",
                    "en": "The decay comes after the step: it then shrinks the already updated weights and adds an extra ηₜλmₜ term. The paper decays θₜ₋₁, the weights before the step: in code, between backward() and step()."}),
                Alternative("decay-times-alpha", "theta - m - eta alpha lambda theta", DECAY_TIMES_ALPHA),
                Alternative("gradient-not-buffer", "theta - eta alpha g - eta lambda theta", {
                    "ru": "Шаг сделан по самому градиенту gₜ, без буфера импульса: с импульсом шаг — это mₜ, где ηₜαgₜ уже сложен с прошлыми шагами.",
                    "en": "The step uses the gradient gₜ itself, without the momentum buffer: with momentum the step is mₜ, which already adds ηₜαgₜ to the past steps."}),
                Alternative("eta-twice", "theta - eta m - eta lambda theta", {
                    "ru": "mₜ уже содержит ηₜ (mₜ = β₁mₜ₋₁ + ηₜαgₜ), второй раз умножать на него не нужно.",
                    "en": "mₜ already contains ηₜ (mₜ = β₁mₜ₋₁ + ηₜαgₜ); do not multiply by it again."}),
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
                     "eta": scalar(), "alpha": scalar(), "lambda": scalar(), "eps": scalar(), "g": vector("n")},
            what={"ru": "новые веса θₜ", "en": "the new weights θₜ"},
            updates="theta",
            elementwise=True,  # m̂·(√v̂ + ε)⁻¹ is elementwise, as in the Adam paper
            mistakes=(
                Alternative("no-decay", "theta - eta alpha m_hat/(sqrt(v_hat) + eps)", NO_DECAY),
                Alternative("missing-eps", "theta - eta (alpha m_hat/sqrt(v_hat) + lambda theta)", {
                    "ru": "В знаменателе не хватает ε: он прибавляется к √v̂ₜ и защищает от деления на ноль.",
                    "en": "ε is missing from the denominator: it is added to √v̂ₜ and guards against division by zero."}),
                Alternative("l2-inside", "theta - eta alpha (m_hat + lambda theta)/(sqrt(v_hat) + eps)", {
                    "ru": "По сути это Adam с L2: там λθₜ₋₁ входит в градиент gₜ, а значит, и в mₜ, и в vₜ, и его действие на вес делится на √v̂ₜ. В AdamW затухание вынесено из адаптивного шага.",
                    "en": "This is, in effect, Adam with L2: there λθₜ₋₁ enters the gradient gₜ, and so both mₜ and vₜ, and its pull on a weight is divided by √v̂ₜ. AdamW keeps the decay out of the adaptive step."}),
                Alternative("no-sqrt", "theta - eta (alpha m_hat/(v_hat + eps) + lambda theta)", {
                    "ru": "Не хватает корня: v̂ₜ — оценка квадрата градиента, а делить нужно на величину масштаба самого градиента.",
                    "en": "The square root is missing: v̂ₜ estimates the squared gradient, and the step divides by the gradient's own scale."}),
                Alternative("eps-inside-root", "theta - eta (alpha m_hat/sqrt(v_hat + eps) + lambda theta)", {
                    "ru": "ε оказался под корнем: в Adam он прибавляется к уже извлечённому √v̂ₜ, и при малых v̂ₜ это заметно меняет шаг.",
                    "en": "ε went under the root: Adam adds it to √v̂ₜ after the root is taken, and for a small v̂ₜ that changes the step noticeably."}),
                Alternative("eps-outside-fraction", "theta - eta (alpha m_hat/sqrt(v_hat) + eps + lambda theta)", {
                    "ru": "ε стоит вне дроби: он должен защищать знаменатель от нуля, а здесь просто прибавлен к шагу. Проверьте скобки вокруг знаменателя.",
                    "en": "ε stands outside the fraction: it is there to keep the denominator away from zero, and here it is only added to the step. Check the brackets around the denominator."}),
                Alternative("eps-outside-fraction", "theta - eta alpha m_hat/sqrt(v_hat) + eps - eta lambda theta", {
                    "ru": "ε стоит вне дроби: он должен защищать знаменатель от нуля, а здесь просто прибавлен к весам. Проверьте скобки вокруг знаменателя.",
                    "en": "ε stands outside the fraction: it is there to keep the denominator away from zero, and here it is only added to the weights. Check the brackets around the denominator."}),
                Alternative("sign", "theta + eta (alpha m_hat/(sqrt(v_hat) + eps) + lambda theta)", {
                    "ru": "Знак всего шага перепутан: и шаг Adam, и затухание вычитаются из θₜ₋₁.",
                    "en": "The sign of the whole update is flipped: both Adam's step and the decay are subtracted from θₜ₋₁."}),
                Alternative("sign", "theta - eta (alpha m_hat/(sqrt(v_hat) + eps) - lambda theta)", SIGN_DECAY),
                Alternative("sign", "theta + eta alpha m_hat/(sqrt(v_hat) + eps) - eta lambda theta", SIGN_STEP),
                Alternative("precedence", "theta - eta alpha m_hat/(sqrt(v_hat) + eps) + lambda theta", {
                    "ru": "Похоже, потеряна скобка: ηₜ и минус перед ним должны относиться к обоим слагаемым, а здесь затухание осталось без ηₜ и со знаком плюс.",
                    "en": "A bracket seems lost: ηₜ and the minus before it must apply to both terms, and here the decay is left without ηₜ and with a plus sign."}),
                Alternative("decay-times-alpha", "theta - eta alpha (m_hat/(sqrt(v_hat) + eps) + lambda theta)", DECAY_TIMES_ALPHA),
                Alternative("gradient-not-moment", "theta - eta (alpha g/(sqrt(v_hat) + eps) + lambda theta)", {
                    "ru": "В числителе стоит сам градиент gₜ: Adam делает шаг по оценке первого момента m̂ₜ (скользящему среднему градиентов с поправкой).",
                    "en": "The numerator holds the gradient gₜ itself: Adam steps along the first-moment estimate m̂ₜ (the bias-corrected moving average of the gradients)."}),
                Alternative("missing-eta", "theta - alpha m_hat/(sqrt(v_hat) + eps) - eta lambda theta", {
                    "ru": "Шагу Adam не хватает расписания: ηₜ масштабирует и его, а не только затухание.",
                    "en": "Adam's step lacks the schedule: ηₜ scales it as well, not only the decay."}),
                Alternative("missing-eta", "theta - eta alpha m_hat/(sqrt(v_hat) + eps) - lambda theta", {
                    "ru": "Затуханию не хватает расписания: ηₜ масштабирует и его, а не только шаг Adam.",
                    "en": "The decay lacks the schedule: ηₜ scales it as well, not only Adam's step."}),
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
                   ("θ + η(α m̂/(√v̂ + ε) + λθ)", "sign"), ("θ − η(α m̂/(√v̂ + ε) + λ)", None),
                   ("θ − η(m̂/(√v̂ + ε) + λθ)", None)],
    },
}


# Other ways students write the same answers: pasted from LaTeX, a PDF, numpy or PyTorch
# code, typed on a phone or a Russian layout (tests/test_answers_items.py runs them all).
EXAMPLES["5.sgdw"]["accept"] += [
    'θ_{t-1} - m_t - η_t λ θ_{t-1}', '\\theta_{t-1} - m_t - \\eta_t \\lambda \\theta_{t-1}',
    'θ(1 - ηλ) - m', 'θ - (m + ηλθ)', 'theta - m - eta*lam*theta',
    'θ_t = θ_{t-1} - m_t - η_t λ θ_{t-1}', 'θ_{t−1} − m_t − η_tλθ_{t−1}',
    'theta_(t-1) - m_t - eta_t*lambda*theta_(t-1)',
    'theta[t-1] - m[t] - eta[t]*lambda*theta[t-1]', 'θ - m - λη θ', 'θ - m - ηθλ', 'θ − ηλθ − m',
    'θ*(1-η*λ) - m', '(1 - \\eta_t \\lambda)\\theta_{t-1} - m_t',
    '\\theta_{t-1} - m_{t} - \\eta_{t}\\lambda\\theta_{t-1}', 'θ_prev - m - ηλθ_prev',
    'theta - m - eta*weight_decay*theta', 'θ-m-ηλθ', 'θ_{t - 1} - m_{t} - η_{t} λ θ_{t - 1}',
    'theta_old - m - eta*lambda*theta_old', 'θ_{t-1}(1-η_tλ) - m_t', 'θ - m - η·λ·θ',
    'θ − m_t − η_t·λ·θ', 'Θ - m - ηλΘ', '\\vartheta - m - \\eta\\lambda\\vartheta',
    'θ_{t-1} - m_t - \\eta_t\\lambda\\theta_{t-1}', 'θ_{t-1} - (m_t + η_t λ θ_{t-1})',
    '-ηλθ + θ - m',
]
EXAMPLES["5.sgdw"]["reject"] += [
    ('θ − m − ηθ', None), ('θ - η(m + λθ)', 'eta-twice'), ('m - ηλθ', None),
]
# update rules as pseudocode and code write them (the judged expression is the new θ), in order as code
# runs them: decaying first and then stepping is SGDW; stepping first is the decay-after-step mistake
EXAMPLES["5.sgdw"]["accept"] += [
    'θ -= m + ηλθ', 'θ ← θ − m − ηλθ', '-= m + η λ θ', 'θ_t ← θ_{t-1} − m_t − η_t λ θ_{t-1}',
    'θ := θ - m - ηλθ', 'theta -= m + eta*lambda*theta', 'θ *= 1 - ηλ; θ -= m', 'θₜ ← (1 − ηₜλ)θₜ₋₁ − mₜ',
    'theta <- theta - m - eta*lambda*theta', 'θ ≔ θ − m − ηλθ', 'θ -= ηλθ\nθ -= m', '← θ − m − ηλθ',
    'θ_{t+1} = θ_t − m_{t+1} − η λ θ_t', 'θ −= ηλθ, θ −= m', 'theta = theta*(1 - eta*lam); theta -= m',
    'θₜ := θₜ₋₁ − mₜ − ηₜλθₜ₋₁', '\\theta_t \\leftarrow \\theta_{t-1} - m_t - \\eta_t\\lambda\\theta_{t-1}',
]
EXAMPLES["5.sgdw"]["reject"] += [
    ('θ -= m', 'no-decay'), ('θ ← θ − m; θ ← θ − ηλθ', 'decay-after-step'), ('θ -= m; θ -= ηλθ', 'decay-after-step'),
    ('θ -= m - ηλθ', 'sign'), ('θ += m + ηλθ', None), ('θ ← m + ηλθ', None), ('θ -= θ - m - ηλθ', None),
]
EXAMPLES["5.sgdw"]["unreadable"] = [("m -= θ", "θ"), ("x -= m", "θ")]
EXAMPLES["5.adamw"]["accept"] += [
    'θ -= η(α m̂/(√v̂ + ε) + λθ)', 'θ ← θ − ηₜ(α m̂ₜ/(√v̂ₜ + ε) + λθₜ₋₁)', '-= η(α m̂/(√v̂ + ε) + λθ)',
    'theta -= eta*(alpha*m_hat/(torch.sqrt(v_hat) + eps) + weight_decay*theta)',
    'θ *= 1 - ηλ; θ -= ηα m̂/(√v̂ + ε)', 'θ := θ − η(α m̂/(√v̂ + ε) + λθ)',
]
EXAMPLES["5.adamw"]["reject"] += [
    ('θ -= ηα m̂/(√v̂ + ε)', 'no-decay'), ('θ -= η(α m̂/√v̂ + λθ)', 'missing-eps'),
]
EXAMPLES["5.adamw"]["accept"] += [
    'θ_{t-1} - η_t(α m̂_t/(√v̂_t + ε) + λθ_{t-1})',
    '\\theta_{t-1} - \\eta_t \\left(\\frac{\\alpha \\hat{m}_t}{\\sqrt{\\hat{v}_t} + \\epsilon} + \\lambda \\theta_{t-1}\\right)',
    '\\theta_{t-1} - \\eta_t \\left(\\frac{\\alpha \\hat{m}_t}{\\sqrt{\\hat{v}_t} + \\varepsilon} + \\lambda \\theta_{t-1}\\right)',
    'theta - eta*(alpha*m_hat/(sqrt(v_hat)+eps) + lambda*theta)',
    'θ - η(α m̂/(v̂^0.5 + ε) + λθ)', 'theta - eta*(alpha*m_hat/(v_hat**0.5+eps)+lam*theta)',
    'θ - η(α m̂/(sqrt(vhat) + ε) + λθ)', 'θ - η α m̂/(√v̂ + ε) - η λ θ',
    '(1 - ηλ)θ - ηα m̂/(√v̂ + ε)', 'theta - eta*(alpha*mhat/(np.sqrt(vhat)+eps) + lambda*theta)',
    'θ − ηₜ(α·m̂ₜ/(√v̂ₜ + ε) + λ·θₜ₋₁)',
    'θ_t = θ_{t-1} - η_t (α \\hat m_t / (\\sqrt{\\hat v_t} + ε) + λ θ_{t-1})',
    'θ - η*(α*m̂/(√(v̂)+ε) + λ*θ)', 'θ - ηα \\frac{\\hat{m}}{\\sqrt{\\hat{v}}+\\epsilon} - ηλθ',
    'θ - η (α \\hat{m}_t / (\\sqrt{\\hat{v}_t} + \\epsilon) + λ θ)',
    'θ - η(α m_hat / (sqrt(v_hat) + eps) + λ θ)', 'θ-η(αm̂/(√v̂+ε)+λθ)',
    'theta - eta*alpha*m_hat/(sqrt(v_hat)+epsilon) - eta*lambda*theta',
    'θ - η(α m̂ / (v̂^{1/2} + ε) + λθ)', 'θ - η(α m̂ / (v̂^(1/2) + ε) + λθ)',
    'θ - η(α m̂ / (\\sqrt{v̂} + ε) + λθ)', 'θ - η(α m̂ (√v̂ + ε)^{-1} + λθ)',
    'θ - η α m̂ / (√v̂ + ε) - η λ θ', 'θ(1-ηλ) - ηα m̂/(√v̂+ε)', 'θ − η(αm̂ₜ/(√v̂ₜ+ε) + λθ)',
    'θ - η(α m̂/(ε + √v̂) + λθ)',
    'theta - eta * (alpha * m_hat_t / (sqrt(v_hat_t) + eps) + lambda * theta)',
    'θ - η(α \\hat{m}/(\\sqrt{\\hat{v}}+ϵ) + λθ)', 'θ - η·(α·m̂/(√v̂+ε) + λ·θ)',
    'θ - η(α m̂/(√v̂ + ε) + λ θ)', 'θ − η (α m̂ ⊘ (√v̂ + ε) + λ θ)',
    'θ - η(α m̂/(√{v̂} + ε) + λθ)', 'θ - η(α m̂/(v̂^½ + ε) + λθ)',
    'θ - η(α m̂/(\\sqrt{\\widehat{v}} + ε) + λθ)',
]
EXAMPLES["5.adamw"]["reject"] += [
    ('θ − η(α m̂/√(v̂ + ε) + λθ)', 'eps-inside-root'), ('θ − η(α m̂/(√v̂ + ε) − λθ)', 'sign'),
]
# one component of the update, every vector with the same index (the products are elementwise anyway)
EXAMPLES["5.adamw"]["accept"] += ['θ_i − η(α m̂_i/(√v̂_i + ε) + λθ_i)', 'θᵢ − ηₜ(α m̂ᵢ/(√v̂ᵢ + ε) + λθᵢ)']
EXAMPLES["5.sgdw"]["accept"] += ['θ_i − m_i − ηλθ_i', 'θ_j(1 − ηλ) − m_j']

# the named slips of question 5, as students type them: α on the decay (PyTorch's form), ε in the wrong
# place, signs, a lost bracket, the raw gradient g (a lone g is gₜ here, never the activation)
EXAMPLES["5.sgdw"]["reject"] += [
    ('θ − m − ηαλθ', 'decay-times-alpha'), ('theta - m - eta*alpha*lambda*theta', 'decay-times-alpha'),
    ('θ -= m + α η λ θ', 'decay-times-alpha'), ('(1 − ηₜαλ)θₜ₋₁ − mₜ', 'decay-times-alpha'),
    ('θ − ηαg − ηλθ', 'gradient-not-buffer'), ('θ - η α g_t - η λ θ', 'gradient-not-buffer'),
    ('theta - eta*alpha*g - eta*lambda*theta', 'gradient-not-buffer'), ('θ − g − ηλθ', None),
    ('θ − m − ηλ', None), ('θ − m − αλθ', None),
]
EXAMPLES["5.adamw"]["reject"] += [
    ('θ − η(α m̂/sqrt(v̂ + ε) + λθ)', 'eps-inside-root'), ('θ - ηα m̂/\\sqrt{\\hat v + ε} - ηλθ', 'eps-inside-root'),
    ('θ − η(α m̂/√v̂ + ε + λθ)', 'eps-outside-fraction'), ('θ − ηα m̂/√v̂ + ε − ηλθ', 'eps-outside-fraction'),
    ('theta - eta*alpha*m_hat/sqrt(v_hat) + eps - eta*lambda*theta', 'eps-outside-fraction'),
    ('θ + η(α m̂/(√v̂ + ε) + λθ)', 'sign'), ('θ + ηα m̂/(√v̂ + ε) − ηλθ', 'sign'),
    ('θ − ηα m̂/(√v̂ + ε) + ηλθ', 'sign'), ('θ -= η(α m̂/(√v̂ + ε) − λθ)', 'sign'),
    ('θ − ηα m̂/(√v̂ + ε) + λθ', 'precedence'), ('theta - eta*alpha*m_hat/(sqrt(v_hat)+eps) + lambda*theta', 'precedence'),
    ('θ − ηα(m̂/(√v̂ + ε) + λθ)', 'decay-times-alpha'), ('θ − ηα m̂/(√v̂ + ε) − ηαλθ', 'decay-times-alpha'),
    ('θ *= 1 − ηαλ; θ −= ηα m̂/(√v̂ + ε)', 'decay-times-alpha'),
    ('θ − η(α g/(√v̂ + ε) + λθ)', 'gradient-not-moment'), ('θ − ηα gₜ/(√v̂ₜ + ε) − ηλθ', 'gradient-not-moment'),
    ('θ − η(α m̂/(√v̂ + ε) + λθ) + ε', None), ('θ − η(α g + λθ)', None),
]
