"""Quiz items for question 4: the 3→5→2→4 network's formula (0.5), its drawing (0.5, a self-check)
and, as 0-point practice, its number of parameters: the seed asks for the formula and the drawing."""

from tutor.answers.spec import Alternative, ExpressionSpec, Reading, matrix, vector
from tutor.quiz.items import QuizItem

NETWORK = "W3 σ(W2 σ(W1 x + b1) + b2) + b3"

#: one layer's bias vector left out of the count
MISSING_BIAS = {
    "ru": "Одно смещение не посчитано: у каждого слоя свой вектор смещений, длиной в число его выходов.",
    "en": "One bias is not counted: every layer has its own bias vector, as long as its number of outputs.",
}
#: one hidden layer without σ: two linear maps in a row merge into one
MISSING_ACTIVATION = {
    "ru": "У одного из скрытых слоёв нет σ: два линейных слоя подряд сливаются в одно линейное отображение, и сеть теряет слой нелинейности. σ нужна после каждого скрытого слоя.",
    "en": "One hidden layer has no σ: two linear layers in a row merge into one linear map, and the network loses a layer of nonlinearity. Every hidden layer needs σ.",
}

ITEMS = [
    QuizItem(
        id="4",
        question=4,
        part="4",
        kind="expression",
        prompt={
            "ru": "Запишите выход сети 3 → 5 → 2 → 4 со смещениями (σ — функция активации; W1, b1, …). "
            "Вход x — столбец, W₁ имеет размер 5×3.",
            "en": "Write the output of the 3 → 5 → 2 → 4 network with biases (σ is the activation; W1, b1, …). "
            "The input x is a column and W₁ is 5×3.",
        },
        hints=(
            {"ru": "Один слой: σ(W x + b); W₁ имеет размер 5×3.", "en": "One layer: σ(W x + b); W₁ is 5×3."},
            {"ru": "Выход первого слоя — вход второго: W₂ — 2×5, W₃ — 4×2.",
             "en": "The first layer's output is the second's input: W₂ is 2×5, W₃ is 4×2."},
            {"ru": "После последнего слоя активация обычно не ставится (логиты).",
             "en": "The last layer usually has no activation (it gives logits)."},
        ),
        points=0.5,
        spec=ExpressionSpec(
            answer=NETWORK,
            symbols={
                "x": vector(3), "W1": matrix(5, 3), "b1": vector(5), "W2": matrix(2, 5),
                "b2": vector(2), "W3": matrix(4, 2), "b3": vector(4),
            },
            what={"ru": "выход сети", "en": "the network's output"},
            # σ stands for any activation, so a named one is the same answer
            readings=tuple(Reading(name, "sigma", {
                "ru": f"запись {name} прочитана как функция активации σ (подходит любая)",
                "en": f"read {name} as the activation σ (any one will do)"}) for name in ("tanh", "sigmoid")),
            conventions=(
                Alternative("row-vectors", f"({NETWORK})^T", {
                    "ru": "это запись для векторов-строк (x — строка, слой — xWᵀ + bᵀ), транспонированная к записи для столбцов из условия.",
                    "en": "that is the row-vector convention (x a row, a layer is xWᵀ + bᵀ), the transpose of the column form the question uses."}),
                Alternative("output-activation", f"σ({NETWORK})", {
                    "ru": "активация на выходе допустима, если её требует задача; обычно последний слой линейный.",
                    "en": "an output activation is fine if the task needs one; usually the last layer is linear."}),
            ),
            mistakes=(
                Alternative("no-activation", "W3(W2(W1 x + b1) + b2) + b3", {
                    "ru": "Без σ между слоями сеть схлопывается в одно линейное отображение Wx + b.",
                    "en": "Without σ between layers the network collapses into one linear map Wx + b."}),
                Alternative("missing-activation", "W3 σ(W2 (W1 x + b1) + b2) + b3", MISSING_ACTIVATION),
                Alternative("missing-activation", "W3 (W2 σ(W1 x + b1) + b2) + b3", MISSING_ACTIVATION),
                Alternative("no-bias", "W3 σ(W2 σ(W1 x))", {
                    "ru": "Смещение есть на каждом слое: b₁, b₂, b₃.",
                    "en": "Every layer has a bias: b₁, b₂, b₃."}),
                Alternative("sizes", "", {
                    "ru": "Проверьте порядок: сначала на x действует W₁ (5×3), затем W₂ (2×5), затем W₃ (4×2).",
                    "en": "Check the order: W₁ (5×3) acts on x first, then W₂ (2×5), then W₃ (4×2)."}),
            ),
        ),
    ),
    QuizItem(
        id="4.params",
        question=4,
        part="4.params",
        kind="number",
        prompt={"ru": "Сколько обучаемых параметров у этой сети?", "en": "How many learnable parameters does this network have?"},
        hints=(
            {"ru": "У слоя m → k есть матрица k×m и вектор смещений длины k.",
             "en": "A layer m → k has a k×m matrix and a bias vector of length k."},
            {"ru": "Сложите по трём слоям: 3→5, 5→2, 2→4.", "en": "Add up over the three layers: 3→5, 5→2, 2→4."},
        ),
        points=0,  # practice: the seed does not ask for the count
        spec=ExpressionSpec(
            answer="44",
            mistakes=(
                Alternative("weights-only", "33", {
                    "ru": "33 — только веса (15 + 10 + 8), а у каждого слоя есть ещё вектор смещений.",
                    "en": "33 counts the weights only (15 + 10 + 8); every layer also has a bias vector."}),
                Alternative("biases-only", "11", {
                    "ru": "11 — только смещения (5 + 2 + 4), а у каждого слоя есть ещё матрица весов.",
                    "en": "11 counts the biases only (5 + 2 + 4); every layer also has a weight matrix."}),
                Alternative("missing-output-bias", "40", {
                    "ru": "Не посчитано смещение последнего слоя: у выходного слоя тоже есть свой вектор b₃.",
                    "en": "The last layer's bias is not counted: the output layer has its own bias vector b₃ too."}),
                Alternative("missing-bias", "39", MISSING_BIAS),
                Alternative("missing-bias", "42", MISSING_BIAS),
                Alternative("product-of-sizes", "120", {
                    "ru": "Размеры слоёв не перемножаются: у каждого слоя свои k×m весов и k смещений.",
                    "en": "The sizes are not multiplied together: each layer has its own k×m weights and k biases."}),
            ),
        ),
    ),
    QuizItem(
        id="4.diagram",
        question=4,
        part="4.diagram",
        kind="self-check",
        prompt={
            "ru": "Нарисуйте на бумаге схему сети 3 → 5 → 2 → 4: столбцы нейронов, связи между слоями, "
            "размеры W₁, W₂, W₃ и смещений. Затем сравните со схемой в решении.",
            "en": "Draw the 3 → 5 → 2 → 4 network on paper: the columns of neurons, the connections "
            "between layers, the sizes of W₁, W₂, W₃ and of the biases. Then compare with the solution's drawing.",
        },
        hints=(
            {"ru": "Каждый нейрон слоя связан с каждым нейроном следующего слоя.",
             "en": "Every neuron of a layer is connected to every neuron of the next one."},
            {"ru": "Стрелка между слоями m и k — это матрица k×m и вектор смещений длины k.",
             "en": "The arrow between layers of sizes m and k stands for a k×m matrix and a bias of length k."},
        ),
        points=0.5,  # the seed's "draw a diagram", judged by the student against the solution's drawing
    ),
]

EXAMPLES = {
    "4": {
        "accept": [NETWORK, "W_3 sigma(W_2 sigma(W_1x+b_1)+b_2)+b_3", "W₃σ(W₂σ(W₁x+b₁)+b₂)+b₃",
                   "W3@sigma(W2@sigma(W1@x+b1)+b2)+b3", "b3 + W3 σ(b2 + W2 σ(b1 + W1 x))",
                   "W3 \\sigma(W2 \\sigma(W1 x + b1) + b2) + b3", "(W3 σ(W2 σ(W1 x + b1) + b2)) + b3",
                   "W3·σ(W2·σ(W1·x+b1)+b2)+b3",
                   ("σ(W3 σ(W2 σ(W1 x + b1) + b2) + b3)", "output-activation")],
        "reject": [("W1 σ(W2 σ(W3 x + b3) + b2) + b1", "sizes"), ("W3 σ(W2 σ(x W1 + b1) + b2) + b3", "sizes"),
                   ("W3(W2(W1 x + b1) + b2) + b3", "no-activation"), ("W3 W2 W1 x + b3", None),
                   ("W3 σ(W2 σ(W1 x))", "no-bias"), ("W3 σ(W2 σ(W1 x + b1) + b2)", None),
                   ("σ(W1 x + b1)", None), ("W3 σ(W2 σ(W1 x + b1)) + b3", None),
                   ("W3 σ(W2 (W1 x + b1) + b2) + b3", "missing-activation")],
    },
    "4.params": {
        "accept": ["44", "44.0", "4*11", "15+5+10+2+8+4", "3*5+5+5*2+2+2*4+4", "(3+1)*5+(5+1)*2+(2+1)*4",
                   " 44 ", "88/2"],
        "reject": [("33", "weights-only"), ("11", "biases-only"), ("120", "product-of-sizes"), ("43", None),
                   ("45", None), ("14", None), ("40", "missing-output-bias"), ("44.5", None)],
    },
}


# Other ways students write the same answers: pasted from LaTeX, a PDF, numpy or PyTorch
# code, typed on a phone or a Russian layout (tests/test_answers_items.py runs them all).
EXAMPLES["4"]["accept"] += [
    'W_3\\sigma(W_2\\sigma(W_1x+b_1)+b_2)+b_3', 'W3 @ sigma(W2 @ sigma(W1 @ x + b1) + b2) + b3',
    'b3 + W3σ(b2 + W2σ(b1 + W1x))', 'W^{(3)}σ(W^{(2)}σ(W^{(1)}x+b^{(1)})+b^{(2)})+b^{(3)}',
    'W_3 σ(W_2 σ(W_1 x + b_1) + b_2) + b_3', 'W3*sigma(W2*sigma(W1*x+b1)+b2)+b3',
    'y = W3 σ(W2 σ(W1 x + b1) + b2) + b3', 'f(x) = W3 σ(W2 σ(W1 x + b1) + b2) + b3',
    'W3 relu(W2 relu(W1 x + b1) + b2) + b3', 'W3 ReLU(W2 ReLU(W1 x + b1) + b2) + b3',
    'W3 f(W2 f(W1 x + b1) + b2) + b3', 'W3 φ(W2 φ(W1 x + b1) + b2) + b3',
    'W3 tanh(W2 tanh(W1 x + b1) + b2) + b3', 'W3 g(W2 g(W1 x + b1) + b2) + b3',
    'W_{3}\\sigma\\left(W_{2}\\sigma\\left(W_{1}x+b_{1}\\right)+b_{2}\\right)+b_{3}',
    'W3.dot(sigma(W2.dot(sigma(W1.dot(x)+b1))+b2))+b3',
    'np.dot(W3, sigma(np.dot(W2, sigma(np.dot(W1, x) + b1)) + b2)) + b3',
    'W3 σ (W2 σ (W1 x + b1) + b2) + b3', 'W3σ(W2σ(W1x+b1)+b2)+b3',
    'W3 * σ(W2 * σ(W1 * x + b1) + b2) + b3', 'W3 [σ(W2 [σ(W1 x + b1)] + b2)] + b3',
    'W3 σ[W2 σ[W1 x + b1] + b2] + b3', 'w3 σ(w2 σ(w1 x + b1) + b2) + b3',
    'W_3 \\cdot \\sigma(W_2 \\cdot \\sigma(W_1 \\cdot x + b_1) + b_2) + b_3',
    'W3 σ(W2 σ(W1 x + b1) + b2) + b3 ', 'h1 = σ(W1 x + b1); h2 = σ(W2 h1 + b2); y = W3 h2 + b3',
    'W3σ(W2σ(W1x + b1) + b2) + b3', 'W3 sigmoid(W2 sigmoid(W1 x + b1) + b2) + b3',
    'W3 \\phi(W2 \\phi(W1 x + b1) + b2) + b3', 'W3 \\varphi(W2 \\varphi(W1 x + b1) + b2) + b3',
    'W3 act(W2 act(W1 x + b1) + b2) + b3',
    '\\mathbf{W}_3 \\sigma(\\mathbf{W}_2 \\sigma(\\mathbf{W}_1 \\mathbf{x} + \\mathbf{b}_1) + \\mathbf{b}_2) + \\mathbf{b}_3',
    '(W3 σ(W2 σ(W1 x + b1) + b2) + b3)', 'W[3] σ(W[2] σ(W[1] x + b[1]) + b[2]) + b[3]',
    'W3 · σ( W2 · σ( W1 · x + b1 ) + b2 ) + b3',
]
EXAMPLES["4"]["reject"] += [
    ('W3 W2 W1 x', None), ('x W1 + b1', 'sizes'), ('σ(W3 σ(W2 σ(W1 x)))', None),
    ('W3 σ(W2 σ(W1 x + b1) + b2) - b3', None), ('W3 σ(W2 W1 x + b2) + b3', None),
]
EXAMPLES["4.params"]["accept"] += [
    ' 44', '44 ', '44.', '5*3+5+2*5+2+4*2+4', '33+11', 'n = 44', 'N = 44', '4.4e1', '44,0',
    '44.00', '+44', '\\(44\\)', '$44$', '15 + 10 + 8 + 5 + 2 + 4 = 44', '3·5+5+5·2+2+2·4+4',
    '3×5+5+5×2+2+2×4+4', '(3·5 + 5) + (5·2 + 2) + (2·4 + 4)', '20 + 12 + 12', '044',
]
EXAMPLES["4.params"]["reject"] += [
    ('34', None), ('48', None), ('4.4', None),
]
# intermediate results named one by one, separated by commas as well as by ';' and new lines
EXAMPLES["4"]["accept"] += [
    'h1 = σ(W1 x + b1), h2 = σ(W2 h1 + b2), y = W3 h2 + b3', 'h₁ = σ(W₁x + b₁), h₂ = σ(W₂h₁ + b₂), W₃h₂ + b₃',
    'z1 = W1 x + b1, h1 = σ(z1), z2 = W2 h1 + b2, h2 = σ(z2), y = W3 h2 + b3',
    'a1 := σ(W1 x + b1); a2 := σ(W2 a1 + b2); ŷ := W3 a2 + b3', 'h1 ← σ(W1x + b1), h2 ← σ(W2h1 + b2), W3h2 + b3',
    'h_1 = σ(W_1 x + b_1),\nh_2 = σ(W_2 h_1 + b_2),\ny = W_3 h_2 + b_3',
]
EXAMPLES["4"]["reject"] += [
    ('h1 = σ(W1 x + b1), h2 = σ(W2 h1 + b2), y = W3 h2', None), ('h1 = W1 x + b1, h2 = W2 h1 + b2, W3 h2 + b3', 'no-activation'),
]
EXAMPLES["4"]["unreadable"] = [("h1 = σ(W1 x + b1), x = W2 h1, W3 x + b3", "'x'")]
# the row-vector convention with the transposed weights of the question's sizes, accepted with a note
EXAMPLES["4"]["accept"] += [
    ('σ(σ(xᵀW₁ᵀ + b₁ᵀ)W₂ᵀ + b₂ᵀ)W₃ᵀ + b₃ᵀ', 'row-vectors'), ('σ(σ(x^T W1^T + b1^T) W2^T + b2^T) W3^T + b3^T', 'row-vectors'),
    ('h1 = σ(xᵀW1ᵀ + b1ᵀ); h2 = σ(h1 W2ᵀ + b2ᵀ); h2 W3ᵀ + b3ᵀ', 'row-vectors'),
    ('σ(σ(x.T @ W1.T + b1.T) @ W2.T + b2.T) @ W3.T + b3.T', 'row-vectors'),
    ('(W3 σ(W2 σ(W1 x + b1) + b2) + b3)ᵀ', 'row-vectors'),
]
EXAMPLES["4"]["reject"] += [
    ('σ(σ(xᵀW₁ᵀ + b₁ᵀ)W₂ᵀ + b₂ᵀ)W₃ᵀ', None), ('σ(σ(x W1 + b1) W2 + b2) W3 + b3', 'sizes'),
    ('σ(xᵀW₁ᵀ + b₁ᵀ)W₂ᵀ W₃ᵀ + b₃ᵀ', None),
]
EXAMPLES["4.params"]["accept"] += ['3*5+5+5*2+2+2*4+4 (44)', '88//2', '(3+1)·5 + (5+1)·2 + (2+1)·4 (≈44)']
EXAMPLES["4.params"]["unreadable"] = [('4(12)', '4·12'), ('3(15)', '3·15')]
# one layer without σ, and one bias left out of the count, in the forms students write
EXAMPLES["4"]["reject"] += [
    ('W3 σ(W2 (W1 x + b1) + b2) + b3', 'missing-activation'), ('W3(W2 σ(W1 x + b1) + b2) + b3', 'missing-activation'),
    ('W_3 σ(W_2 W_1 x + W_2 b_1 + b_2) + b_3', 'missing-activation'),
    ('h1 = W1 x + b1; h2 = σ(W2 h1 + b2); W3 h2 + b3', 'missing-activation'),
]
EXAMPLES["4.params"]["reject"] += [
    ('40', 'missing-output-bias'), ('15+5+10+2+8', 'missing-output-bias'), ('3*5+5 + 5*2+2 + 2*4', 'missing-output-bias'),
    ('39', 'missing-bias'), ('42', 'missing-bias'), ('15+10+2+8+4', 'missing-bias'), ('41', None),
]
