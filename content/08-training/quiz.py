"""Quiz items for question 8: early stopping, LR schedules, regularization, dropout."""

from tutor.answers.spec import Alternative, ChoiceSpec, ExpressionSpec, GeneralForm, scalar
from tutor.quiz.items import QuizItem

ITEMS = [
    QuizItem(
        id="8.1",
        question=8,
        part="8.1",
        kind="choice",
        prompt={"ru": "Что отслеживает ранняя остановка, чтобы решить, когда прекратить обучение?",
                "en": "What does early stopping watch to decide when to stop training?"},
        hints=(
            {"ru": "Нас интересует качество на данных, которых модель не видела.",
             "en": "What matters is the quality on data the model has not seen."},
            {"ru": "Ошибка на обучении продолжает падать и при переобучении.",
             "en": "The training loss keeps falling even while the model overfits."},
        ),
        points=0.25,
        spec=ChoiceSpec(
            options=(
                {"ru": "функцию потерь на обучающей выборке", "en": "the loss on the training set"},
                {"ru": "качество на валидационной выборке", "en": "the quality on a validation set"},
                {"ru": "только число пройденных эпох", "en": "only the number of epochs done"},
                {"ru": "норму весов", "en": "the norm of the weights"},
            ),
            answer=1,
            mistakes={0: Alternative("train-loss", "", {
                "ru": "Ошибка на обучении падает и при переобучении, поэтому по ней не понять, когда остановиться.",
                "en": "The training loss keeps falling even while the model overfits, so it cannot tell when to stop."})},
        ),
    ),
    QuizItem(
        id="8.2",
        question=8,
        part="8.2",
        kind="number",
        prompt={"ru": "StepLR(step_size=3, gamma=0.1), начальная скорость 0.1, эпохи нумеруются с 0. Какая скорость обучения в эпоху 3?",
                "en": "StepLR(step_size=3, gamma=0.1), initial rate 0.1, epochs counted from 0. What is the learning rate in epoch 3?"},
        hints=(
            {"ru": "StepLR умножает скорость на gamma каждые step_size эпох.",
             "en": "StepLR multiplies the rate by gamma every step_size epochs."},
            {"ru": "Эпохи 0, 1, 2 идут со скоростью 0.1.", "en": "Epochs 0, 1, 2 run at 0.1."},
        ),
        points=0.25,
        spec=ExpressionSpec(
            answer="0.01",
            tolerance=0.005,
            mistakes=(
                Alternative("every-epoch", "0.0001", {
                    "ru": "Скорость уменьшается раз в step_size = 3 эпохи, а не каждую эпоху: сосчитайте, сколько раз она уже уменьшилась к эпохе 3.",
                    "en": "The rate drops once every step_size = 3 epochs, not every epoch: count how many drops have happened by epoch 3."}),
                Alternative("two-drops", "0.001", {
                    "ru": "0.001 — скорость эпох 6–8, после двух уменьшений (в конце эпох 2 и 5); пересчитайте, сколько уменьшений было до эпохи 3.",
                    "en": "0.001 is the rate of epochs 6–8, after two drops (at the ends of epochs 2 and 5); count again how many drops come before epoch 3."}),
                Alternative("not-yet", "0.1", {
                    "ru": "0.1 — скорость эпох 0–2; в эпоху 3 первые step_size = 3 эпохи уже пройдены.",
                    "en": "0.1 is the rate of epochs 0–2; by epoch 3 the first step_size = 3 epochs are over."}),
            ),
        ),
    ),
    QuizItem(
        id="8.3",
        question=8,
        part="8.3",
        kind="choice",
        prompt={"ru": "Почему L2-регуляризация (weight decay) уменьшает переобучение?",
                "en": "Why does L2 regularization (weight decay) reduce overfitting?"},
        hints=(
            {"ru": "К функции потерь добавляется λ‖w‖².", "en": "The loss gets an extra λ‖w‖²."},
            {"ru": "Какие веса становятся «дорогими»?", "en": "Which weights become expensive?"},
        ),
        points=0.25,
        spec=ChoiceSpec(
            options=(
                {"ru": "штрафует большие веса, и модель выбирает более простые функции",
                 "en": "it penalizes large weights, so the model prefers simpler functions"},
                {"ru": "увеличивает скорость обучения", "en": "it increases the learning rate"},
                {"ru": "добавляет обучающие данные", "en": "it adds training data"},
                {"ru": "случайно выключает нейроны", "en": "it switches neurons off at random"},
            ),
            answer=0,
            mistakes={3: Alternative("dropout", "", {
                "ru": "Случайное выключение нейронов — это дропаут, другая техника; L2 действует через дополнительное слагаемое в потерях.",
                "en": "Switching neurons off at random is dropout, another technique; L2 adds a term to the loss."}),
                2: Alternative("augmentation", "", {
                "ru": "Новые данные даёт аугментация; L2 данные не меняет, а добавляет слагаемое к потерям.",
                "en": "New data comes from augmentation; L2 leaves the data alone and adds a term to the loss."})},
        ),
    ),
    QuizItem(
        id="8.4",
        question=8,
        part="8.4",
        kind="number",
        prompt={"ru": "Дропаут с p = 0.5 (вероятность выключить нейрон), как в PyTorch. На сколько умножаются оставшиеся активации при обучении?",
                "en": "Dropout with p = 0.5 (the probability of dropping a unit), as in PyTorch. By what factor are the kept activations multiplied during training?"},
        hints=(
            {"ru": "Среднее значение активации при обучении и при применении должно совпадать.",
             "en": "The expected activation must be the same in training and at inference."},
            {"ru": "Нейрон сохраняется с вероятностью 1 − p.", "en": "A unit is kept with probability 1 − p."},
        ),
        points=0.25,
        spec=ExpressionSpec(
            answer="2",
            tolerance=0.005,
            symbols={"p": scalar(0.5, 0.5)},  # the p = 0.5 of the question, so 1/(1 − p) is an answer
            # …and an answer in p must be the factor for every p, not only for p = 0.5 (p + 1.5, 4p are not)
            general=GeneralForm("1/(1 - p)", {"p": scalar(0.05, 0.95)}, {
                "ru": "При p = 0.5 ваша формула даёт верное значение, но при других p — нет: множитель должен сохранять среднее активаций при любой вероятности выключения p.",
                "en": "At p = 0.5 your formula gives the right value, but not for other p: the factor must keep the mean activation the same for every dropout probability p."}),
            mistakes=(
                Alternative("keep-probability", "0.5", {
                    "ru": "0.5 — вероятность сохранить нейрон, а не множитель: оставшиеся активации должны восполнить выключенные, чтобы среднее не изменилось.",
                    "en": "0.5 is the probability of keeping a unit, not the factor: the kept activations must make up for the dropped ones so that the mean stays the same."}),
                Alternative("no-scale", "1", {
                    "ru": "Без масштабирования среднее при обучении меньше, чем при применении: PyTorch увеличивает оставшиеся активации при обучении.",
                    "en": "Without scaling the training-time mean is smaller than at inference: PyTorch scales the kept activations up during training."}),
            ),
        ),
    ),
]

EXAMPLES = {
    "8.1": {"accept": ["b", "B", "б", "2", "(b)", "b)", " b "],
            "reject": [("a", "train-loss"), ("1", "train-loss"), ("а", "train-loss"), ("c", None), ("d", None)]},
    "8.2": {"accept": ["0.01", "0,01", "1/100", "0.1*0.1", "0.1^2", "10^-2", ".01"],
            "reject": [("0.0001", "every-epoch"), ("0.1", "not-yet"), ("0.001", "two-drops"), ("1", None)]},
    "8.3": {"accept": ["a", "A", "а", "1", "(a)"],
            "reject": [("d", "dropout"), ("4", "dropout"), ("c", "augmentation"), ("b", None)]},
    "8.4": {"accept": ["2", "2.0", "1/(1-0.5)", "1/0.5", "4/2", "2,0"],
            "reject": [("0.5", "keep-probability"), ("1", "no-scale"), ("0.25", None), ("4", None)]},
}


# Other ways students write the same answers: pasted from LaTeX, a PDF, numpy or PyTorch
# code, typed on a phone or a Russian layout (tests/test_answers_items.py runs them all).
EXAMPLES["8.1"]["accept"] += [
    'Б', 'b.', 'валидационная', 'validation', 'the quality on a validation set',
    'quality on a validation set', 'качество на валидационной выборке', 'валидация', 'option b',
    'вариант б', 'b) the quality on a validation set', 'Б)', '(2)', '2)', '#2', 'answer: b',
    'ответ: б',
]
EXAMPLES["8.1"]["reject"] += [
    ('в', None), ('г', None), ('3', None), ('4', None), ('training loss', 'train-loss'),
]
EXAMPLES["8.2"]["accept"] += [
    '1e-2', '1E-2', '10^{-2}', '0.010', '0.1 * 0.1', '0.1·0.1', '1·10^-2', '1×10⁻²', '10⁻²',
    '0.1²', 'lr = 0.01', '0.01 ', '1 * 10^-2', '0.1 * 0.1 = 0.01', '1e-2 ', '0.01000', '1%',
    '0.1×0.1',
]
EXAMPLES["8.2"]["reject"] += [
    ('0.3', None), ('0.03', None), ('0.02', None), ('1e-3', 'two-drops'), ('10^-3', 'two-drops'),
    ('0.05', None),
]
EXAMPLES["8.3"]["accept"] += [
    'А', 'a)', ' a ', 'a.', 'penalises large weights', 'штрафует большие веса',
    'it penalises large weights, so the model prefers simpler functions', 'option a',
    'вариант а', '(1)', '1)', 'a) it penalises large weights',
]
EXAMPLES["8.3"]["reject"] += [
    ('г', 'dropout'), ('в', 'augmentation'), ('б', None), ('2', None), ('3', 'augmentation'),
]
EXAMPLES["8.4"]["accept"] += [
    '1/(1-p)', '2.', '1/(1 - 0.5) = 2', '1 / 0.5', '1/(1−0.5)', '\\frac{1}{1-0.5}',
    '\\frac{1}{1-p}', '2.00', 'scale = 2',
]
EXAMPLES["8.4"]["reject"] += [
    ('1/2', 'keep-probability'), ('p', 'keep-probability'), ('1-p', 'keep-probability'),
    ('3', None), ('0', None), ('1.5', None),
]
EXAMPLES["8.2"]["accept"] += ['0,1·0,1', '1//100', '0,1^2 (0,01)', '10^(-2) (0.01)']
EXAMPLES["8.2"]["unreadable"] = [('0.1(0.01)', '0.1·0.01'), ('1(0.01)', '1·0.01')]
EXAMPLES["8.4"]["accept"] += ['1//(1-0.5)', '1/0,5', '2 (2,0)']
EXAMPLES["8.4"]["unreadable"] = [('2(1)', '2·1'), ('1(2)', '1·2')]
# an answer in p is a formula of p, judged for every dropout probability: one that only gives the right
# value at the question's p = 0.5 is named (4p, p + 1.5, 1/p: the last confuses drop and keep)
EXAMPLES["8.4"]["accept"] += [
    '(1-p)^-1', '1/(1 − p) = 2', 'p/(p(1-p))', 'q = 1 - p, 1/q', 'keep = 1 - p; 1/keep', '(1-p)**-1',
    '\\frac{1}{1 - p}', '1 / (1 - p)', 'scale = 1/(1-p)',
]
EXAMPLES["8.4"]["reject"] += [
    ('4p', 'only-here'), ('p + 1.5', 'only-here'), ('1/p', 'only-here'), ('2 - p + 0.5', 'only-here'),
    ('p^-1', 'only-here'), ('(2p)^-1 + 1', 'only-here'), ('3p', None), ('1/(1+p)', None), ('1 + p', None),
]
# an option in other words: synonyms of its key words in either language (score, metric, accuracy or
# loss for quality; val, dev, held-out for validation), words of the question and fillers aside
EXAMPLES["8.1"]["accept"] += [
    'validation score', 'validation metric', 'val loss', 'validation accuracy', 'loss on the validation set',
    'the model’s validation accuracy', 'early stopping watches the validation loss', 'dev set accuracy',
    'метрика на валидации', 'ошибка на валидационной выборке', 'лосс на валидации', 'точность на отложенной выборке',
    'качество на валидационных данных', 'held-out loss',
]
EXAMPLES["8.1"]["reject"] += [
    ('training loss', 'train-loss'), ('train accuracy', 'train-loss'), ('лосс на трейне', 'train-loss'),
    ('ошибка на обучающей выборке', 'train-loss'), ('the number of epochs', None), ('норма весов', None),
]
EXAMPLES["8.1"]["unreadable"] = [('loss', '1–4'), ('b) training loss', '1–4'), ('score', '1–4')]
EXAMPLES["8.3"]["accept"] += [
    'penalises big weights', 'штрафует крупные веса', 'it punishes large parameters', 'наказывает большие веса',
]
EXAMPLES["8.3"]["reject"] += [
    ('turns off neurons randomly', 'dropout'), ('отключает нейроны случайным образом', 'dropout'),
    ('adds more data', 'augmentation'), ('добавляет данные', 'augmentation'),
]
# the question's p = 0.5 restated after the answer is a condition, not the answer
EXAMPLES["8.4"]["accept"] += [
    '1/(1-p), p = 0.5', '1/(1 − p) при p = 0.5', '1/(1 − p), где p = 0,5', '1/(1-p) where p = 0.5',
    '2 при p = 0.5', '1/(1-p) = 2 for p = 0.5',
]
EXAMPLES["8.4"]["reject"] += [('4p, p = 0.5', 'only-here'), ('4p при p = 0,5', 'only-here'), ('1/(1-p), p = 0.3', None)]
