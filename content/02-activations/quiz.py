"""Quiz item for question 2: the derivative of tanh."""

from tutor.answers.spec import Alternative, ExpressionSpec, Reading, scalar
from tutor.quiz.items import QuizItem

NO_SQUARE = {
    "ru": "Не хватает квадрата: в правиле частного знаменатель — cosh z в квадрате.",
    "en": "The square is missing: in the quotient rule the denominator is cosh z squared.",
}

#: the question has no activation σ: σ here can only be the logistic sigmoid (tanh z = 2σ(2z) − 1)
SIGMA_IS_SIGMOID = Reading("sigma", "sigmoid", {
    "ru": "запись σ прочитана как логистическая сигмоида 1/(1 + e⁻ᶻ): других σ в этом вопросе нет",
    "en": "read σ as the logistic sigmoid 1/(1 + e⁻ᶻ): this question has no other σ"})

ITEMS = [
    QuizItem(
        id="2",
        question=2,
        part="2",
        kind="expression",
        prompt={"ru": "Чему равна производная tanh(z) по z?", "en": "What is the derivative of tanh(z) with respect to z?"},
        hints=(
            {"ru": "tanh(z) = sinh(z)/cosh(z); примените правило частного.",
             "en": "tanh(z) = sinh(z)/cosh(z); use the quotient rule."},
            {"ru": "(sinh)′ = cosh, (cosh)′ = sinh, и cosh² − sinh² = 1.",
             "en": "(sinh)′ = cosh, (cosh)′ = sinh, and cosh² − sinh² = 1."},
            {"ru": "Ответ удобно выразить через сам tanh(z).", "en": "The answer is neatest in terms of tanh(z) itself."},
        ),
        points=1,
        spec=ExpressionSpec(
            answer="1 - tanh(z)^2",
            symbols={"z": scalar(-3.0, 3.0)},
            readings=(SIGMA_IS_SIGMOID,),
            mistakes=(
                Alternative("no-square", "1 - tanh(z)", NO_SQUARE),
                Alternative("no-square", "sech(z)", NO_SQUARE),
                Alternative("sign", "tanh(z)^2 - 1", {
                    "ru": "Знак перепутан: tanh возрастает, поэтому его производная положительна.",
                    "en": "The sign is flipped: tanh is increasing, so its derivative is positive."}),
                Alternative("sign", "1 + tanh(z)^2", {
                    "ru": "Знак перед tanh² неверен: в числителе правила частного sinh² вычитается.",
                    "en": "The sign before tanh² is wrong: in the numerator of the quotient rule sinh² is subtracted."}),
                Alternative("function-itself", "tanh(z)", {
                    "ru": "Это сама функция, а не её производная.", "en": "That is the function itself, not its derivative."}),
                Alternative("sigmoid-itself", "sigmoid(z)(1 - sigmoid(z))", {
                    "ru": "σ(1 − σ) — производная самой сигмоиды σ(z), а не tanh. Выразите tanh через сигмоиду (tanh z = 2σ(2z) − 1) и продифференцируйте по правилу цепочки.",
                    "en": "σ(1 − σ) is the derivative of the sigmoid σ(z) itself, not of tanh. Write tanh through the sigmoid (tanh z = 2σ(2z) − 1) and differentiate by the chain rule."}),
                Alternative("inner-derivative", "2 sigmoid(2z)(1 - sigmoid(2z))", {
                    "ru": "Потерян множитель от внутренней функции: производная σ(2z) по z — это σ′(2z), умноженная на производную 2z.",
                    "en": "A factor from the inner function is lost: the derivative of σ(2z) with respect to z is σ′(2z) times the derivative of 2z."}),
                Alternative("sigmoid-derivative", "tanh(z)(1 - tanh(z))", {
                    "ru": "Это формула вида σ(1 − σ), она верна для сигмоиды; tanh устроен иначе, выведите его производную из sinh/cosh.",
                    "en": "That is the sigmoid's pattern σ(1 − σ); tanh is different: derive its derivative from sinh/cosh."}),
            ),
        ),
    ),
]

EXAMPLES = {
    "2": {
        "accept": ["1 - tanh(z)^2", "1−tanh²(z)", "1 - tanh^2 z", "1-\\tanh^2 z", "1-\\tanh^{2}(z)",
                   "sech(z)^2", "sech²z", "1/cosh(z)^2", "cosh(z)^(-2)", "4/(e^z+e^-z)^2",
                   "4/(exp(z)+exp(-z))^2", "(1-tanh z)(1+tanh z)", "1 - (sinh(z)/cosh(z))^2",
                   "(cosh(z)^2 - sinh(z)^2)/cosh(z)^2"],
        "reject": [("1 - tanh(z)", "no-square"), ("sech(z)", "no-square"), ("1/cosh(z)", "no-square"),
                   ("tanh(z)^2 - 1", "sign"), ("1 + tanh(z)^2", "sign"), ("tanh(z)", "function-itself"),
                   ("tanh(z)(1-tanh(z))", "sigmoid-derivative"), ("1 - tanh(z^2)", None),
                   ("cosh(z)^2", None), ("1 - z^2", None)],
    },
}


# Other ways students write the same answers: pasted from LaTeX, a PDF, numpy or PyTorch
# code, typed on a phone or a Russian layout (tests/test_answers_items.py runs them all).
EXAMPLES["2"]["accept"] += [
    '1-tanh^2(z)', '1 - tanh²(z)', '1-tanh²z', '1 - tanh(z)**2', '1-np.tanh(z)**2',
    '1 - torch.tanh(z)**2', '1-math.tanh(z)**2', '1 - np.tanh(z)**2', '1 - z.tanh()**2',
    '1 - tanh^{2}(z)', '1-\\tanh^{2}{z}', '1-\\tanh^2(z)', '\\operatorname{sech}^2 z',
    '\\mathrm{sech}^2(z)', 'sech^2(z)', '1/cosh²z', '1/cosh^2(z)', 'cosh^(-2)(z)', '(cosh z)^-2',
    '(cosh(z))^{-2}', '1/\\cosh^2 z', '\\frac{1}{\\cosh^2 z}', '1 - Tanh(z)^2', '1-TANH(z)^2',
    'Sech(z)^2', '1 − th²z', '1 - th^2 z', '1/ch^2 z', '1/ch²(z)', '4/(e^z+e^{-z})^2',
    '4/(exp(z)+exp(-z))**2', '4e^{2z}/(e^{2z}+1)^2', '1-((e^z-e^-z)/(e^z+e^-z))^2',
    '1-tanh(z)*tanh(z)', '(1-tanh(z))*(1+tanh(z))', '1 - tanh(z)tanh(z)',
    "tanh'(z) = 1 - tanh^2(z)", 'd/dz tanh(z) = sech^2(z)', '1 – tanh²(z)', '1 — tanh²(z)',
    '1-tanh(x)^2', '1-tanh2(z)', '1 - tanh(z)²', 'sech^2z', '1-tanh(z)^{2}', '1 - \\tanh(z)^2',
    '1-\\text{tanh}^2(z)', 'sech^2 (z)', 'cosh(z)^-2', '1-tanh^2(z) = sech^2(z)',
    '1 - (tanh z)^2', '1-th^2(z)', '1 - tanh(z) ^ 2',
]
EXAMPLES["2"]["reject"] += [
    ('1+tanh^2(z)', 'sign'), ('tanh^2(z) - 1', 'sign'), ('-sech^2 z', 'sign'),
    ('2sech(2z)', None),
]

# question 2 has no activation: σ is the logistic sigmoid (tanh z = 2σ(2z) − 1), as some courses write it
EXAMPLES["2"]["accept"] += [
    '4σ(2z)(1−σ(2z))', '4 sigma(2z)(1 - sigma(2z))', '4\\sigma(2z)(1-\\sigma(2z))', '4σ(2z)σ(−2z)',
    '(2σ(2z)−1)\' = 4σ(2z)(1−σ(2z))', '1 - (2σ(2z) - 1)^2', '4 sigmoid(2z)(1 - sigmoid(2z))',
    '4*torch.sigmoid(2*z)*(1-torch.sigmoid(2*z))',
]
EXAMPLES["2"]["reject"] += [
    ('σ(z)(1 − σ(z))', 'sigmoid-itself'), ('sigmoid(z)*(1-sigmoid(z))', 'sigmoid-itself'),
    ('2σ(2z)(1 − σ(2z))', 'inner-derivative'), ('2 sigma(2z)(1-sigma(2z))', 'inner-derivative'),
    ('σ(2z)(1 − σ(2z))', None), ('4σ(z)(1 − σ(z))', None), ('relu(z)', None),
]
