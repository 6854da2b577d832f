"""Quiz items for question 3: ∂CE/∂z for a one-hot target and for any probability vector."""

from tutor.answers.spec import (
    Alternative,
    ExpressionSpec,
    Reading,
    derived,
    onehot,
    simplex,
    vector,
)
from tutor.quiz.items import QuizItem

WHAT = {"ru": "производная по вектору z", "en": "the derivative with respect to the vector z"}
SIGN = Alternative("sign", "p - y_hat", {
    "ru": "Знак перепутан: проверьте минус в CE = −Σₖ pₖ log ŷₖ. Шаг против градиента должен двигать ŷ к p.",
    "en": "The sign is flipped: check the minus in CE = −Σₖ pₖ log ŷₖ. A step against the gradient must move ŷ towards p."})
DCE_DYHAT = Alternative("dce-dyhat", "-p/y_hat", {
    "ru": "−p/ŷ — это ∂CE/∂ŷ. Нужна производная по z: умножьте на якобиан softmax ∂ŷ/∂z = diag(ŷ) − ŷŷᵀ.",
    "en": "−p/ŷ is ∂CE/∂ŷ. The question asks for the derivative with respect to z: multiply by the softmax Jacobian ∂ŷ/∂z = diag(ŷ) − ŷŷᵀ."})
#: the part of each log ŷₖ = zₖ − log Σᵢ exp zᵢ that is lost; no single true class is assumed (3.2 has soft labels)
FORGOT_P = Alternative("forgot-p", "y_hat", {
    "ru": "Потеряно слагаемое: ŷ даёт только общая часть log Σᵢ exp zᵢ каждого log ŷₖ; продифференцируйте и его собственную часть zₖ.",
    "en": "A term is missing: ŷ comes only from the shared part log Σᵢ exp zᵢ of each log ŷₖ; differentiate its own part zₖ too."})
TRUE_CLASS_ONLY = Alternative("true-class-only", "y_hat - 1", {
    "ru": "ŷₜ − 1 — компонента только истинного класса; у остальных классов производная другая. Нужна одна векторная формула для всех компонент.",
    "en": "ŷₜ − 1 is the component of the true class only; the other classes' components differ. Write one vector formula for all components."})
#: the same slip with soft labels, where no class is the true one
SOFT_ONES = Alternative("true-class-only", "y_hat - 1", {
    "ru": "ŷ − 1 означало бы цель 1 у каждого класса, но у p в сумме 1: у каждой компоненты своя цель pₖ.",
    "en": "ŷ − 1 would mean a target of 1 for every class, but p sums to 1: each component has its own target pₖ."})
#: ŷ ⊙ (1 − ŷ): the sigmoid's derivative pattern, which for softmax is only the Jacobian's diagonal
SOFTMAX_DIAGONAL = Alternative("softmax-diagonal", "y_hat ⊙ (1 - y_hat)", {
    "ru": "ŷ ⊙ (1 − ŷ) — только диагональ якобиана softmax ∂ŷ/∂z (как у сигмоиды), а не ∂CE/∂z: каждое ŷₖ зависит от всех zⱼ, и потери ещё нужно продифференцировать по ŷ. Соедините оба множителя по правилу цепочки.",
    "en": "ŷ ⊙ (1 − ŷ) is only the diagonal of the softmax Jacobian ∂ŷ/∂z (as for the sigmoid), not ∂CE/∂z: each ŷₖ depends on every zⱼ, and the loss still has to be differentiated with respect to ŷ. Join the two factors by the chain rule."})
#: the loss instead of its derivative: its terms −pₖ log ŷₖ, or their sum
_LOSS_ITSELF = {
    "ru": "Это сама функция потерь CE = −Σₖ pₖ log ŷₖ (или её слагаемые), а нужна её производная по z.",
    "en": "That is the loss CE = −Σₖ pₖ log ŷₖ itself (or its terms); the question asks for its derivative with respect to z."}
LOSS_TERMS = Alternative("loss-itself", "-p ⊙ log(y_hat)", _LOSS_ITSELF)
LOSS = Alternative("loss-itself", "-sum(p ⊙ log(y_hat))", _LOSS_ITSELF)
#: the same derivative in numerator layout: the Jacobian row, as 1b accepts 2xᵀ
JACOBIAN_ROW = Alternative("jacobian-row", "(y_hat - p)^T", {
    "ru": "это производная в раскладке по числителю (строка матрицы Якоби, 1×K); в раскладке по знаменателю градиент — столбец, транспонированная строка.",
    "en": "this is the derivative in numerator layout (the 1×K Jacobian row); in denominator layout the gradient is a column, the transposed row."})
#: σ is the activation elsewhere, but some books write softmax as σ(z); here nothing else can be meant
SIGMA_IS_SOFTMAX = Reading("sigma", "softmax", {
    "ru": "запись σ(z) прочитана как softmax(z): в этом вопросе других σ нет",
    "en": "read σ(z) as softmax(z): this question has no other σ"})
HINTS = (
    {"ru": "CE = −Σₖ pₖ log ŷₖ, где ŷ = softmax(z). Найдите ∂ log ŷₖ/∂zⱼ.",
     "en": "CE = −Σₖ pₖ log ŷₖ with ŷ = softmax(z). Work out ∂ log ŷₖ/∂zⱼ."},
    {"ru": "log ŷₖ = zₖ − log Σᵢ exp(zᵢ), поэтому ∂ log ŷₖ/∂zⱼ = δₖⱼ − ŷⱼ.",
     "en": "log ŷₖ = zₖ − log Σᵢ exp(zᵢ), so ∂ log ŷₖ/∂zⱼ = δₖⱼ − ŷⱼ."},
    {"ru": "Сложите по k с весами −pₖ и воспользуйтесь Σₖ pₖ = 1.",
     "en": "Sum over k with weights −pₖ and use Σₖ pₖ = 1."},
)

ITEMS = [
    QuizItem(
        id="3.1",
        question=3,
        part="3.1",
        kind="expression",
        prompt={"ru": "Найдите ∂CE/∂z, когда p — one-hot вектор (ŷ = softmax(z)).",
                "en": "Find ∂CE/∂z when p is a one-hot vector (ŷ = softmax(z))."},
        hints=HINTS,
        points=2,
        spec=ExpressionSpec(
            answer="y_hat - p",
            symbols={"z": vector("K"), "p": onehot("K"), "y_hat": derived("softmax(z)")},
            what=WHAT,
            conventions=(JACOBIAN_ROW,),
            mistakes=(SIGN, DCE_DYHAT, FORGOT_P, TRUE_CLASS_ONLY, SOFTMAX_DIAGONAL, LOSS_TERMS, LOSS),
            readings=(SIGMA_IS_SOFTMAX,),
        ),
    ),
    QuizItem(
        id="3.2",
        question=3,
        part="3.2",
        kind="expression",
        prompt={"ru": "Найдите ∂CE/∂z для произвольного вектора вероятностей p (Σp = 1).",
                "en": "Find ∂CE/∂z for an arbitrary probability vector p (Σp = 1)."},
        hints=HINTS,
        points=1,
        spec=ExpressionSpec(
            answer="y_hat - p",
            symbols={"z": vector("K"), "p": simplex("K"), "y_hat": derived("softmax(z)")},
            what=WHAT,
            conventions=(JACOBIAN_ROW,),
            mistakes=(SIGN, DCE_DYHAT, FORGOT_P, SOFT_ONES, SOFTMAX_DIAGONAL, LOSS_TERMS, LOSS),
            readings=(SIGMA_IS_SOFTMAX,),
        ),
    ),
]

_ACCEPT = ["y_hat - p", "ŷ − p", "ŷ-p", "\\hat{y} - p", "\\hat y-p", "yhat - p", "softmax(z) - p",
           "-(p - ŷ)", "-p + ŷ", "ŷ·Σp − p", "y_hat sum(p) - p", "ŷ - р"]
EXAMPLES = {
    "3.1": {
        "accept": _ACCEPT,
        "reject": [("p - ŷ", "sign"), ("p-y_hat", "sign"), ("-p/ŷ", "dce-dyhat"), ("ŷ", "forgot-p"),
                   ("softmax(z)", "forgot-p"), ("ŷ - 1", "true-class-only"), ("z - p", None),
                   ("ŷ + p", None), ("p", None), ("sum(ŷ - p)", None), ("ŷᵀ - p", None)],
    },
    "3.2": {
        "accept": _ACCEPT,
        "reject": [("p - ŷ", "sign"), ("-p/ŷ", "dce-dyhat"), ("ŷ", "forgot-p"),
                   ("2ŷ - p", None), ("ŷ - 1", "true-class-only"), ("z - p", None), ("ŷ + p", None), ("ŷ ⊙ p - p", None)],
    },
}


# Other ways students write the same answers: pasted from LaTeX, a PDF, numpy or PyTorch
# code, typed on a phone or a Russian layout (tests/test_answers_items.py runs them all).
EXAMPLES["3.1"]["accept"] += [
    'ŷ - p', '\\hat{y}-p', '\\hat y - p', 'y^ - p', 'y_pred - p', 'softmax(z)-p', 'σ(z) - p',
    'e^z/sum(e^z) - p', 'exp(z)/sum(exp(z)) - p', 'exp(z)/Σexp(z) - p', 'e^z/Σe^z - p',
    '\\frac{e^z}{\\sum e^z} - p', '\\frac{e^{z}}{\\sum_j e^{z_j}} - p', 'softmax(z) − p',
    'y_hat-p', 'yhat-p', 'y_{hat} - p', '\\widehat{y} - p', '\\hat{y} - \\mathbf{p}',
    '\\hat{\\mathbf{y}} - \\mathbf{p}', '\\mathbf{\\hat{y}} - \\mathbf{p}', 'ŷ – p',
    'torch.softmax(z) - p', 'F.softmax(z) - p', 'np.exp(z)/np.sum(np.exp(z)) - p',
    'softmax(z, dim=0) - p', '\\hat{p} - p', 'p_hat - p', 'ŷ−p', '∂CE/∂z = ŷ - p',
    'dL/dz = ŷ - p', 'ŷ_i - p_i', 'Softmax(z) - p', 'SOFTMAX(z) - p',
]
EXAMPLES["3.1"]["reject"] += [
    ('softmax(p) - z', None), ('log(ŷ) - p', None), ('-p log ŷ', 'loss-itself'), ('ŷ(1-ŷ)', 'softmax-diagonal'),
    ('-Σ(p log ŷ)', 'loss-itself'), ('-sum(p * log(softmax(z)))', 'loss-itself'),
]
# softmax as code calls it: an axis argument (positional, dim=, axis=), as a method, from scipy or
# TensorFlow, and the numerically stable forms with max(z) or logsumexp subtracted
_SOFTMAX_CODE = [
    'softmax(z, 0) - p', 'softmax(z, -1) - p', 'softmax(z, axis=0) - p', 'F.softmax(z, dim=-1) - p',
    'z.softmax(dim=0) - p', 'z.softmax(0) - p', 'z.softmax(-1) - p', 'scipy.special.softmax(z) - p',
    'scipy.special.softmax(z, axis=0) - p', 'torch.softmax(z, 0) - p', 'tf.nn.softmax(z, axis=-1) - p',
    'np.exp(z - np.max(z))/np.sum(np.exp(z - np.max(z))) - p', 'exp(z - max(z))/Σexp(z - max(z)) - p',
    'np.exp(z - z.max())/np.exp(z - z.max()).sum() - p', '\\frac{e^{z - \\max_j z_j}}{\\sum_j e^{z_j - \\max_k z_k}} - p',
    'exp(z - logsumexp(z)) - p', 'exp(log_softmax(z, dim=0)) - p', 'softmax(z - max z) - p',
    'torch.exp(z - z.max()) / torch.exp(z - z.max()).sum(dim=0) - p', 'z.softmax(dim=0, keepdim=True) - p',
]
EXAMPLES["3.1"]["accept"] += _SOFTMAX_CODE
EXAMPLES["3.2"]["accept"] += _SOFTMAX_CODE
EXAMPLES["3.1"]["reject"] += [
    ('softmax(z, 0)', 'forgot-p'), ('p - z.softmax(dim=0)', 'sign'), ('exp(z - max(z)) - p', None),
    ('log_softmax(z) - p', None), ('z - max(z) - p', None), ('exp(z)/max(exp(z)) - p', None),
]
EXAMPLES["3.1"]["unreadable"] = [('softmax(z, p) - p', 'softmax(z, 0)'), ('softmax(z, 0.5) - p', 'softmax(z, 0)')]
EXAMPLES["3.2"]["reject"] += [('p - scipy.special.softmax(z)', 'sign'), ('np.exp(z) - p', None)]
# component-index notation: one index on every vector of a product makes it elementwise
EXAMPLES["3.1"]["accept"] += ['ŷᵢ − pᵢ', '\\hat{y}_i - p_i', 'y_hat[i] - p[i]', 'ŷ_i − p_i·Σ_j ŷ_j']
EXAMPLES["3.2"]["accept"] += ['ŷᵢ − pᵢ', 'ŷ_i Σ_j p_j − p_i', '\\hat y_i \\sum_k p_k - p_i', 'ŷ_k − p_k']
for _table in (EXAMPLES["3.1"], EXAMPLES["3.2"]):
    _table["reject"] += [
        ('ŷ_i(1 − ŷ_i)', 'softmax-diagonal'), ('ŷ ⊙ (1 − ŷ)', 'softmax-diagonal'), ('ŷᵢ(1 − ŷᵢ)', 'softmax-diagonal'),
        ('ŷ*(1-ŷ)', 'softmax-diagonal'), ('\\hat{y}_i (1 - \\hat{y}_i)', 'softmax-diagonal'), ('ŷ_i p_i − p_i', None),
    ]
EXAMPLES["3.2"]["reject"] += [('-p ⊙ log(ŷ)', 'loss-itself'), ('−\\sum_k (p_k \\log \\hat y_k)', 'loss-itself')]
EXAMPLES["3.2"]["unreadable"] = [('ŷ_i ŷ_j − p', 'ŷᵀŷ'), ('ŷ p − p', 'ŷ ⊙ p')]
# the Jacobian row (numerator layout), accepted with a note naming the convention
_ROW = [('(ŷ − p)ᵀ', 'jacobian-row'), ('ŷᵀ − pᵀ', 'jacobian-row'), ('(y_hat - p)^T', 'jacobian-row'),
        ('(\\hat{y} - p)^\\top', 'jacobian-row'), ('(softmax(z) - p).T', 'jacobian-row'),
        ('∂CE/∂z = (ŷ − p)ᵀ', 'jacobian-row'), ("(ŷ - p)'", 'jacobian-row')]
EXAMPLES["3.1"]["accept"] += _ROW
EXAMPLES["3.2"]["accept"] += _ROW
EXAMPLES["3.1"]["reject"] += [('(p − ŷ)ᵀ', None), ('ŷᵀ(1 − p)', None)]
EXAMPLES["3.2"]["reject"] += [('pᵀ − ŷᵀ', None), ('(ŷ − p)ᵀ(ŷ − p)', None)]
