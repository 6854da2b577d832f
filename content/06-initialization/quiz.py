"""Quiz items for question 6: the values of torch.nn.init.calculate_gain for tanh and ReLU."""

from tutor.answers.spec import Alternative, ExpressionSpec
from tutor.quiz.items import QuizItem

#: a typed decimal within 0.5 % of the exact value counts (1.67 for 5/3), with the exact value shown
ROUNDING = 0.005

ITEMS = [
    QuizItem(
        id="6.tanh",
        question=6,
        part="6.tanh",
        kind="number",
        prompt={"ru": "Чему равно calculate_gain('tanh')?", "en": "What does calculate_gain('tanh') return?"},
        hints=(
            {"ru": "gain компенсирует, насколько нелинейность сжимает дисперсию сигнала.",
             "en": "The gain compensates for how much the nonlinearity shrinks the signal's variance."},
            {"ru": "Для tanh в PyTorch это рациональное число чуть больше 1,5.",
             "en": "For tanh PyTorch uses a rational number a bit above 1.5."},
        ),
        points=0.5,
        spec=ExpressionSpec(
            answer="5/3",
            tolerance=ROUNDING,
            mistakes=(
                Alternative("linear-gain", "1", {
                    "ru": "1 — gain для линейной функции и сигмоиды; tanh сжимает сигнал, и его gain должен это компенсировать.",
                    "en": "1 is the gain of the identity and of sigmoid; tanh shrinks the signal, and its gain must make up for that."}),
                Alternative("relu-gain", "sqrt(2)", {
                    "ru": "√2 — gain для ReLU, а tanh сжимает сигнал иначе: у него своё значение.",
                    "en": "√2 is ReLU's gain; tanh shrinks the signal differently and has a value of its own."}),
                Alternative("inverted", "3/5", {
                    "ru": "Дробь перевёрнута: gain больше 1, он усиливает сигнал.",
                    "en": "The fraction is upside down: the gain is above 1, it amplifies the signal."}),
            ),
        ),
    ),
    QuizItem(
        id="6.relu",
        question=6,
        part="6.relu",
        kind="number",
        prompt={"ru": "Чему равно calculate_gain('relu')?", "en": "What does calculate_gain('relu') return?"},
        hints=(
            {"ru": "ReLU обнуляет половину входов, и E[relu(z)²] = Var(z)/2.",
             "en": "ReLU zeroes half of its inputs, and E[relu(z)²] = Var(z)/2."},
            {"ru": "gain умножает стандартное отклонение, а не дисперсию.",
             "en": "The gain multiplies the standard deviation, not the variance."},
        ),
        points=0.5,
        spec=ExpressionSpec(
            answer="sqrt(2)",
            tolerance=ROUNDING,
            mistakes=(
                Alternative("forgot-root", "2", {
                    "ru": "2 — множитель для дисперсии, а gain умножает стандартное отклонение.",
                    "en": "2 is the factor for the variance, but the gain multiplies the standard deviation."}),
                Alternative("linear-gain", "1", {
                    "ru": "1 — gain линейной функции, а ReLU теряет половину дисперсии, и gain должен это компенсировать.",
                    "en": "1 is the identity's gain, but ReLU loses half the variance, and the gain must make up for that."}),
                Alternative("tanh-gain", "5/3", {
                    "ru": "5/3 — gain для tanh; ReLU теряет дисперсию по-другому: ровно половину.",
                    "en": "5/3 is tanh's gain; ReLU loses variance differently: exactly half of it."}),
                Alternative("inverted", "1/sqrt(2)", {
                    "ru": "Наоборот: gain компенсирует потерю дисперсии, поэтому он больше 1.",
                    "en": "The other way round: the gain makes up for the lost variance, so it is above 1."}),
            ),
        ),
    ),
]

EXAMPLES = {
    "6.tanh": {
        "accept": ["5/3", "1.667", "1,667", "\\frac{5}{3}", "10/6", "1.6667", " 5 / 3 ", "1+2/3", "1.67"],
        "reject": [("1", "linear-gain"), ("√2", "relu-gain"), ("3/5", "inverted"), ("1.6", None), ("2", None),
                   ("0.5", None), ("5/2", None), ("1.5", None)],
    },
    "6.relu": {
        "accept": ["√2", "sqrt(2)", "2^(1/2)", "2^0.5", "1.414", "1,414", "\\sqrt{2}", "2/√2", "√(2)", "2**0.5"],
        "reject": [("2", "forgot-root"), ("1", "linear-gain"), ("5/3", "tanh-gain"), ("1/√2", "inverted"),
                   ("0.707", "inverted"), ("1.4", None), ("1.5", None), ("4", None)],
    },
}


# Other ways students write the same answers: pasted from LaTeX, a PDF, numpy or PyTorch
# code, typed on a phone or a Russian layout (tests/test_answers_items.py runs them all).
EXAMPLES["6.tanh"]["accept"] += [
    '5 / 3', '1,6667', '1.(6)', '1⅔', '5:3', '\\frac53', '\\dfrac{5}{3}', '1.666', '1.66667',
    '1.6666666666666667', '5/3 ≈ 1.667', '≈1.667', '~1.667', '5÷3', '5/3.', '5.0/3', '5/3.0',
    "calculate_gain('tanh') = 5/3", 'gain = 5/3', '1,67', '1.6̅', '1.(66)', '5 / 3 ', '5⁄3',
]
EXAMPLES["6.tanh"]["reject"] += [
    ('1.7', None), ('4/3', None),
]
EXAMPLES["6.relu"]["accept"] += [
    '2^{1/2}', '1.41421', '\\sqrt2', '1.4142', 'np.sqrt(2)', 'math.sqrt(2)', 'sqrt 2', '√ 2',
    '1.41', '\\sqrt{2} \\approx 1.414', '≈1.414', '2**(1/2)', '2^.5', 'sqrt(2.0)',
    '1.4142135623730951', 'gain = sqrt(2)', '√2 ≈ 1.41', '\\sqrt 2', '2^½', '√2 ',
]
EXAMPLES["6.relu"]["reject"] += [
    ('√3', None), ('2/3', None),
]
# numbers as Russian schools and Python write them: the periodic decimal with a comma, an approximate
# value in brackets after the exact one (only if it is one), '//' read as a fraction bar (with a note);
# a number then a bracketed number that is not its approximation is ambiguous and refused
EXAMPLES["6.tanh"]["accept"] += [
    '1,(6)', '1,6(6)', '1,(66)', '5/3 (1.667)', '5/3 (≈1,67)', '5/3 (~1.67...)', '\\frac{5}{3} (1.667)',
    '5:3 (прибл. 1,67)', '5//3', '10//6', '5 // 3 (1.67)', '1+2/3 (1,7)',
]
EXAMPLES["6.tanh"]["reject"] += [('1,(5)', None), ('5//2', None), ('3//5', 'inverted'), ('1,(3)', None)]
EXAMPLES["6.tanh"]["unreadable"] = [('5(3)', '5·3'), ('1(6)', '1·6'), ('5/3 (1.5)', '(1.5)'), ('2 (−3)', '2·(−3)'),
                                    ('10/6 (1,5)', '10/6'), ('1+2/3 (1,5)', '(1,5)')]
EXAMPLES["6.relu"]["accept"] += ['√2 (1.414)', 'sqrt(2) (≈1,41)', '2**0.5 (1.41)', '\\sqrt{2} (1,414)', '2//√2']
EXAMPLES["6.relu"]["unreadable"] = [('√2 (1.5)', '√2'), ('1(4)', '1·4'), ('sqrt(2) (1,5)', 'sqrt(2)')]
