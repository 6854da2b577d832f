"""Quiz item for question 7: learnable parameters added by batch norm on a B×h×w×C batch."""

from tutor.answers.spec import Alternative, ExpressionSpec, scalar
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
            {"ru": "Обучаемые — только масштаб γ и сдвиг β; бегущие среднее и дисперсия не обучаются.",
             "en": "Only the scale γ and the shift β are learned; the running mean and variance are not."},
        ),
        points=1,
        spec=ExpressionSpec(
            answer="2C",
            symbols={"B": scalar(1, 64), "h": scalar(1, 64), "w": scalar(1, 64), "C": scalar(1, 512)},
            mistakes=(
                Alternative("running-stats", "4C", {
                    "ru": "Бегущие среднее и дисперсия — буферы, а не обучаемые параметры: остаются γ и β, 2C.",
                    "en": "The running mean and variance are buffers, not learnable parameters: γ and β remain, 2C."}),
                Alternative("one-per-channel", "C", {
                    "ru": "На канал два параметра: γ и β, итого 2C.", "en": "Each channel has two: γ and β, so 2C."}),
                Alternative("per-position", "2hwC", {
                    "ru": "Перед свёрткой γ и β общие для всех позиций h×w канала: 2C, а не 2hwC.",
                    "en": "Before a convolution γ and β are shared by all h×w positions of a channel: 2C, not 2hwC."}),
                Alternative("per-example", "2BhwC", {
                    "ru": "Параметры не зависят от размера батча и картинки: по γ и β на канал, 2C.",
                    "en": "The parameters do not depend on the batch or image size: one γ and one β per channel, 2C."}),
                Alternative("per-layer", "2", {
                    "ru": "γ и β заводятся для каждого канала: 2C.", "en": "γ and β exist for every channel: 2C."}),
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
