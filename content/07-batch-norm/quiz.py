"""Quiz item for question 7: learnable parameters added by batch norm on a B×h×w×C batch."""

from tutor.answers.spec import Alternative, ExpressionSpec, count
from tutor.quiz.items import QuizItem

ITEMS = [
    QuizItem(
        id="7",
        question=7,
        part="7",
        kind="expression",
        prompt={
            "ru": "Сколько обучаемых параметров добавит батч-нормализация перед свёрточным слоем (вход B×h×w×C)? Ответ — формула от B, h, w, C.",
            "en": "How many learnable parameters does batch normalization add before a convolutional layer (input B×h×w×C)? Answer with a formula in B, h, w, C.",
        },
        hints=(
            {"ru": "Для свёрток статистики считаются по каналу: среднее по B, h и w.",
             "en": "For convolutions the statistics are per channel: averaged over B, h and w."},
            {"ru": "Обучаемые — только масштаб γ и сдвиг β; скользящие среднее и дисперсия не обучаются.",
             "en": "Only the scale γ and the shift β are learned; the running mean and variance are not."},
        ),
        points=1,
        spec=ExpressionSpec(
            answer="2C",
            symbols={"B": count(1, 64), "h": count(1, 64), "w": count(1, 64), "C": count(1, 512)},
            mistakes=(
                Alternative("running-stats", "4C", {
                    "ru": "Скользящие среднее и дисперсия — буферы, а не обучаемые параметры: градиент их не обновляет.",
                    "en": "The running mean and variance are buffers, not learnable parameters: no gradient updates them."}),
                Alternative("num-batches-tracked", "2C + 1", {
                    "ru": "num_batches_tracked — тоже буфер (счётчик шагов в state_dict), а не обучаемый параметр: градиент его не обновляет.",
                    "en": "num_batches_tracked is a buffer too (a step counter in the state_dict), not a learnable parameter: no gradient updates it."}),
                Alternative("state-dict", "4C + 1", {
                    "ru": "Так считается весь state_dict: скользящие среднее и дисперсия и num_batches_tracked — буферы, а не обучаемые параметры; градиент их не обновляет.",
                    "en": "That counts the whole state_dict: the running mean and variance and num_batches_tracked are buffers, not learnable parameters; no gradient updates them."}),
                Alternative("one-per-channel", "C", {
                    "ru": "На канал приходится не один обучаемый параметр: батч-нормализация и масштабирует, и сдвигает.",
                    "en": "A channel has more than one learnable parameter: batch normalization both scales and shifts."}),
                Alternative("per-position", "2hwC", {
                    "ru": "Перед свёрткой γ и β общие для всех позиций h×w одного канала, а не свои в каждой позиции.",
                    "en": "Before a convolution γ and β are shared by all h×w positions of a channel, not set per position."}),
                Alternative("per-example", "2BhwC", {
                    "ru": "Обучаемые параметры не зависят ни от размера батча, ни от размера картинки.",
                    "en": "The learnable parameters depend neither on the batch size nor on the image size."}),
                Alternative("per-layer", "2", {
                    "ru": "γ и β — не одно число на весь слой: у каждого канала свои.",
                    "en": "γ and β are not one number for the whole layer: every channel has its own."}),
            ),
        ),
    ),
]

EXAMPLES = {
    "7": {
        "accept": ["2C", "2*C", "2 C", "2·C", "C+C", "C*2", "С + С", "\\frac{4C}{2}", "2(C)", "(2)(C)"],
        "reject": [("4C", "running-stats"), ("C", "one-per-channel"), ("2hwC", "per-position"),
                   ("2 h w C", "per-position"), ("2BhwC", "per-example"), ("2", "per-layer"),
                   ("3C", None), ("2C + 2", None), ("2h w", None), ("C^2", None)],
    },
}


# Other ways students write the same answers: pasted from LaTeX, a PDF, numpy or PyTorch
# code, typed on a phone or a Russian layout (tests/test_answers_items.py runs them all).
EXAMPLES["7"]["accept"] += [
    '2c', '2 С', 'C + C', '2 × C', '2×C', '2 * C', '2\\cdot C', 'n = 2C', '2С', '2с', '2 × c',
    'C·2', '2C ', '#params = 2C', '\\(2C\\)', '$2C$', '2C.',
]
EXAMPLES["7"]["reject"] += [
    ('2C+2', None), ('2hw', None), ('0', None),
]

# the state_dict counted instead of the parameters: num_batches_tracked is a buffer as well
EXAMPLES["7"]["reject"] += [
    ('2C + 1', 'num-batches-tracked'), ('2C+1', 'num-batches-tracked'), ('1 + 2c', 'num-batches-tracked'),
    ('4C + 1', 'state-dict'), ('4C+1', 'state-dict'), ('2C + 2C + 1', 'state-dict'), ('2C + 3', None),
]
