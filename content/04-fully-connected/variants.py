"""Variant families for question 4: fully connected networks of random sizes and depths."""

import itertools
import math

from tutor.answers.spec import ExpressionSpec, Reading, matrix, scalar, vector
from tutor.practice.model import Exercise, Family, both, mistake, plural_ru, step, text
from tutor.practice.seeds import Draws

#: σ stands for any activation, so a named one is the same answer (as in the homework's item 4)
ACTIVATION_READINGS = tuple(Reading(name, "sigma", {
    "ru": f"запись {name} прочитана как функция активации σ (подходит любая)",
    "en": f"read {name} as the activation σ (any one will do)"}) for name in ("tanh", "sigmoid"))


def _sizes(rng: Draws, layers: int) -> list[int]:
    """Input size, then the output size of every layer; neighbours differ so that shapes tell them apart."""
    sizes = [rng.randint(2, 12)]
    for _ in range(layers):
        sizes.append(rng.choice([n for n in range(2, 17) if n != sizes[-1]]))
    return sizes


def _arrow(sizes: list[int]) -> str:
    return " \\to ".join(str(n) for n in sizes)


def _params(rng: Draws) -> Exercise:
    sizes = _sizes(rng, rng.randint(2, 4))
    pairs = list(itertools.pairwise(sizes))
    weights = sum(a * b for a, b in pairs)
    biases = sum(sizes[1:])
    total = weights + biases
    rows_ru = "\n".join(f"- слой {i}: $W_{i} \\in \\mathbb{{R}}^{{{b} \\times {a}}}$, $b_{i} \\in \\mathbb{{R}}^{{{b}}}$: "
                        f"${b} \\cdot {a} + {b} = {b * a + b}$" for i, (a, b) in enumerate(pairs, 1))
    rows_en = "\n".join(f"- layer {i}: $W_{i} \\in \\mathbb{{R}}^{{{b} \\times {a}}}$, $b_{i} \\in \\mathbb{{R}}^{{{b}}}$: "
                        f"${b} \\cdot {a} + {b} = {b * a + b}$" for i, (a, b) in enumerate(pairs, 1))
    sum_text = " + ".join(str(b * a + b) for a, b in pairs)
    arrow = _arrow(sizes)
    return Exercise(
        statement=text(
            f"Полносвязная сеть ${arrow}$: вход размерности {sizes[0]}, затем {len(pairs)} слоя с размерами выходов "
            f"{', '.join(map(str, sizes[1:]))}, смещение на каждом слое. Сколько у неё обучаемых параметров?",
            f"A fully connected network ${arrow}$: an input of size {sizes[0]}, then {len(pairs)} layers with outputs "
            f"of sizes {', '.join(map(str, sizes[1:]))}, a bias on every layer. How many learnable parameters "
            "does it have?"),
        spec=ExpressionSpec(answer=str(total), mistakes=(
            mistake("weights-only", str(weights), "Посчитаны только веса; у каждого слоя есть ещё вектор смещений.",
                    "Only the weights are counted; every layer also has a bias vector."),
            mistake("biases-only", str(biases), "Посчитаны только смещения; добавьте матрицы весов.",
                    "Only the biases are counted; add the weight matrices."),
            mistake("input-bias", str(total + sizes[0]),
                    "У входа нет параметров: смещение есть у каждого слоя, а вход — не слой.",
                    "The input has no parameters: every layer has a bias, and the input is not a layer."),
            mistake("product-of-sizes", str(math.prod(sizes)),
                    "Размеры слоёв не перемножаются все вместе: у каждого слоя свои веса и смещения.",
                    "The sizes are not all multiplied together: each layer has its own weights and biases."),
        )),
        answer=both(f"${total}$"),
        hints=(
            text("У слоя m → k есть матрица k×m и вектор смещений длины k.",
                 "A layer m → k has a k×m matrix and a bias vector of length k."),
            text("Посчитайте каждый слой отдельно и сложите.", "Count every layer separately and add them up."),
        ),
        steps=(
            step("Один слой", "One layer",
                 "Слой $m \\to k$ вычисляет $W h + b$ с $W \\in \\mathbb{R}^{k \\times m}$ и $b \\in \\mathbb{R}^k$: "
                 "$k m + k$ параметров.",
                 "A layer $m \\to k$ computes $W h + b$ with $W \\in \\mathbb{R}^{k \\times m}$ and "
                 "$b \\in \\mathbb{R}^k$: $k m + k$ parameters."),
            step("По слоям", "Layer by layer", rows_ru, rows_en),
            step("Итого", "Total", f"$${sum_text} = {total}$$", f"$${sum_text} = {total}$$"),
        ),
        params={"sizes": tuple(sizes)},
    )


def _shape(rng: Draws) -> Exercise:
    sizes = _sizes(rng, rng.randint(2, 4))
    k = rng.randint(1, len(sizes) - 1)
    rows, cols = sizes[k], sizes[k - 1]
    ask_rows = rng.random() < 0.5
    answer = rows if ask_rows else cols
    ask = text("строк" if ask_rows else "столбцов", "rows" if ask_rows else "columns")
    mistakes = [mistake(
        "swapped", str(cols if ask_rows else rows),
        "Строки и столбцы перепутаны: W умножается на вход справа, W h, поэтому число столбцов равно размеру входа "
        "слоя, а число строк — размеру выхода.",
        "Rows and columns are swapped: W multiplies the input from the left, W h, so its columns match the "
        "layer's input and its rows the layer's output.")]
    if k + 1 < len(sizes):
        mistakes.append(mistake(
            "next-layer", str(sizes[k + 1]),
            "Это размер выхода следующего слоя; форму матрицы задают вход и выход её собственного слоя.",
            "That is the output size of the next layer; a matrix's shape comes from the input and output of its own "
            "layer."))
    if k >= 2:
        mistakes.append(mistake(
            "previous-layer", str(sizes[k - 2]),
            "Это размер входа предыдущего слоя; вход слоя — это выход слоя перед ним.",
            "That is the input size of the previous layer; a layer's input is the output of the layer before it."))
    arrow = _arrow(sizes)
    return Exercise(
        statement=text(
            f"Полносвязная сеть ${arrow}$, слой $i$ вычисляет $h_i = \\sigma(W_i h_{{i-1}} + b_i)$, $h_0 = x$. "
            f"Сколько {ask['ru']} у матрицы $W_{k}$?",
            f"A fully connected network ${arrow}$, layer $i$ computes $h_i = \\sigma(W_i h_{{i-1}} + b_i)$ with "
            f"$h_0 = x$. How many {ask['en']} does $W_{k}$ have?"),
        spec=ExpressionSpec(answer=str(answer), mistakes=tuple(mistakes)),
        answer=both(f"${answer}$"),
        hints=(
            text("W_i h_{i−1} определено, только если число столбцов W_i равно длине h_{i−1}.",
                 "W_i h_{i−1} is defined only if the number of columns of W_i equals the length of h_{i−1}."),
            text("Результат W_i h_{i−1} имеет длину выхода слоя i.", "The product W_i h_{i−1} has the length of layer i's output."),
        ),
        steps=(
            step("Размеры в слое", "Sizes in a layer",
                 f"Слой {k} получает $h_{{{k - 1}}} \\in \\mathbb{{R}}^{{{cols}}}$ и выдаёт "
                 f"$h_{{{k}}} \\in \\mathbb{{R}}^{{{rows}}}$.",
                 f"Layer {k} takes $h_{{{k - 1}}} \\in \\mathbb{{R}}^{{{cols}}}$ and returns "
                 f"$h_{{{k}}} \\in \\mathbb{{R}}^{{{rows}}}$."),
            step("Форма матрицы", "The matrix's shape",
                 f"Чтобы $W_{k} h_{{{k - 1}}}$ имело длину {rows}, нужно $W_{k} \\in \\mathbb{{R}}^{{{rows} \\times {cols}}}$: "
                 f"{rows} {plural_ru(rows, 'строка', 'строки', 'строк')} "
                 f"и {cols} {plural_ru(cols, 'столбец', 'столбца', 'столбцов')}. "
                 f"Так же устроен вес `nn.Linear({cols}, {rows})`: `weight.shape == ({rows}, {cols})`.",
                 f"For $W_{k} h_{{{k - 1}}}$ to have length {rows}, $W_{k} \\in \\mathbb{{R}}^{{{rows} \\times {cols}}}$: "
                 f"{rows} rows and {cols} columns. The weight of `nn.Linear({cols}, {rows})` is stored the same way: "
                 f"`weight.shape == ({rows}, {cols})`."),
        ),
        params={"sizes": tuple(sizes), "layer": k, "rows": ask_rows},
    )


NAMES = ("W1", "W2", "W3")
BIASES = ("b1", "b2", "b3")


def _network(depth: int, *, output_activation: bool = False, drop: str = "") -> str:
    """The network's formula in the answer syntax; ``drop`` = 'sigma' or 'bias' removes those everywhere."""
    h = "x"
    for i in range(depth):
        linear = f"{NAMES[i]} {h}" + ("" if drop == "bias" else f" + {BIASES[i]}")
        last = i == depth - 1
        h = f"σ({linear})" if drop != "sigma" and (not last or output_activation) else (
            f"({linear})" if not last else linear)
    return h


def _formula(rng: Draws) -> Exercise:
    depth = rng.choice([2, 3, 3])
    sizes = _sizes(rng, depth)
    output_activation = rng.random() < 0.3
    answer = _network(depth, output_activation=output_activation)
    symbols = {"x": vector(sizes[0])}
    for i in range(depth):
        symbols[NAMES[i]] = matrix(sizes[i + 1], sizes[i])
        symbols[BIASES[i]] = vector(sizes[i + 1])
    mistakes = [
        mistake("no-activation", _network(depth, drop="sigma"),
                "Без σ между слоями сеть схлопывается в одно линейное отображение.",
                "Without σ between the layers the network collapses into one linear map."),
        mistake("no-bias", _network(depth, output_activation=output_activation, drop="bias"),
                "Смещение есть на каждом слое.", "Every layer has a bias."),
        mistake("sizes", "",
                "Проверьте порядок: на x сначала действует W₁, и каждая матрица умножается на вход слева.",
                "Check the order: W₁ acts on x first, and every matrix multiplies its input from the left."),
    ]
    if output_activation:
        mistakes.append(mistake("no-output-activation", _network(depth),
                                "По условию выход сети тоже проходит через σ.",
                                "The statement says the output passes through σ too."))
    else:
        mistakes.append(mistake("output-activation", _network(depth, output_activation=True),
                                "После последнего слоя активации нет: сеть выдаёт логиты.",
                                "The last layer has no activation: the network returns logits."))
    arrow = _arrow(sizes)
    last_ru = "выход последнего слоя тоже проходит через σ" if output_activation else "после последнего слоя активации нет"
    last_en = "the last layer's output goes through σ as well" if output_activation else "the last layer has no activation"
    layers = [f"W_{i + 1} \\in \\mathbb{{R}}^{{{sizes[i + 1]} \\times {sizes[i]}}}" for i in range(depth)]
    shown = answer.replace("W1", "W_1").replace("W2", "W_2").replace("W3", "W_3").replace(
        "b1", "b_1").replace("b2", "b_2").replace("b3", "b_3").replace("σ", "\\sigma")
    h_steps = "".join(f"h_{i + 1} = \\sigma(W_{i + 1} h_{i} + b_{i + 1}), \\quad " for i in range(depth - 1))
    final = (f"\\hat{{y}} = \\sigma(W_{depth} h_{depth - 1} + b_{depth})" if output_activation
             else f"\\hat{{y}} = W_{depth} h_{depth - 1} + b_{depth}")
    return Exercise(
        statement=text(
            f"Сеть ${arrow}$: {depth} полносвязных слоя со смещениями, σ — функция активации после каждого "
            f"скрытого слоя; {last_ru}. Запишите выход сети через x, W1, b1, …",
            f"A network ${arrow}$: {depth} fully connected layers with biases, σ is the activation after every "
            f"hidden layer; {last_en}. Write the network's output in terms of x, W1, b1, …"),
        spec=ExpressionSpec(answer=answer, symbols=symbols, what=text("выход сети", "the network's output"),
                            mistakes=tuple(mistakes), readings=ACTIVATION_READINGS),
        answer=both(f"$\\hat{{y}} = {shown}$"),
        hints=(
            text("Один слой: σ(W h + b); первый слой действует на x.", "One layer: σ(W h + b); the first acts on x."),
            text("Выход слоя — вход следующего; подставьте выражения друг в друга.",
                 "A layer's output is the next one's input; substitute them into each other."),
        ),
        steps=(
            step("Размеры", "Shapes", f"$${', '.join(layers)}$$", f"$${', '.join(layers)}$$"),
            step("Слой за слоем", "Layer by layer", f"$$h_0 = x, \\quad {h_steps}{final}$$",
                 f"$$h_0 = x, \\quad {h_steps}{final}$$"),
            step("Одной формулой", "As one formula", f"$$\\hat{{y}} = {shown}$$", f"$$\\hat{{y}} = {shown}$$"),
        ),
        params={"sizes": tuple(sizes), "output_activation": output_activation},
    )


def _params_formula(rng: Draws) -> Exercise:
    d, k = rng.randint(2, 12), rng.randint(1, 10)
    hidden = rng.randint(2, 4)
    square = hidden - 1
    linear = d + hidden + k
    answer = f"{square} h^2 + {linear} h + {k}" if square > 1 else f"h^2 + {linear} h + {k}"
    arrow = " \\to ".join([str(d), *["h"] * hidden, str(k)])
    terms_ru = (f"- первый слой ${d} \\to h$: $h \\cdot {d} + h$;\n"
                f"- {square} сло{'й' if square == 1 else 'я'} $h \\to h$: по $h^2 + h$;\n"
                f"- последний слой $h \\to {k}$: ${k} h + {k}$.")
    terms_en = (f"- the first layer ${d} \\to h$: $h \\cdot {d} + h$;\n"
                f"- {square} layer{'s' if square > 1 else ''} $h \\to h$: $h^2 + h$ each;\n"
                f"- the last layer $h \\to {k}$: ${k} h + {k}$.")
    total = (f"{d} h + h + {square}(h^2 + h) + {k} h + {k} = "
             + (f"{square} h^2" if square > 1 else "h^2") + f" + {linear} h + {k}")
    return Exercise(
        statement=text(
            f"Сеть ${arrow}$: {hidden} скрытых слоя ширины $h$, смещение на каждом слое. Выразите число "
            "обучаемых параметров через h.",
            f"A network ${arrow}$: {hidden} hidden layers of width $h$, a bias on every layer. Write the number of "
            "learnable parameters in terms of h."),
        spec=ExpressionSpec(answer=answer, symbols={"h": scalar(1.0, 20.0)},
                            what=text("число параметров", "the number of parameters"), mistakes=(
            mistake("weights-only", f"{square} h^2 + {d + k} h",
                    "Посчитаны только веса; у каждого слоя есть ещё смещения.",
                    "Only the weights are counted; every layer also has biases."),
            mistake("layer-count", f"{hidden} h^2 + {linear + 1} h + {k}",
                    f"Между {hidden} скрытыми слоями только {hidden - 1} "
                    f"{plural_ru(hidden - 1, 'матрица', 'матрицы', 'матриц')} h×h: первая матрица начинается от входа.",
                    f"Between {hidden} hidden layers there are only {hidden - 1} h×h matrices: the first one starts "
                    "from the input."),
            mistake("no-last-bias", f"{square} h^2 + {linear} h",
                    "У последнего слоя тоже есть смещение.", "The last layer has a bias too."),
        )),
        answer=both(f"${total.split(' = ')[1]}$"),
        hints=(
            text("У слоя m → n есть n·m весов и n смещений.", "A layer m → n has n·m weights and n biases."),
            text("Сколько слоёв h → h в этой сети?", "How many h → h layers does this network have?"),
        ),
        steps=(
            step("По слоям", "Layer by layer", terms_ru, terms_en),
            step("Сумма", "The sum", f"$${total}$$", f"$${total}$$"),
        ),
        params={"d": d, "k": k, "hidden": hidden},
    )


FAMILIES = [
    Family("4.params", text("Число параметров полносвязной сети случайной архитектуры",
                            "The number of parameters of a random fully connected architecture"), _params),
    Family("4.shape", text("Размеры матриц весов случайной архитектуры", "The weight shapes of a random architecture"),
           _shape),
    Family("4.formula", text("Формула выхода сети случайной глубины", "The output formula of a network of random depth"),
           _formula),
    Family("4.params-formula", text("Число параметров как многочлен от ширины h",
                                    "The number of parameters as a polynomial in the width h"), _params_formula),
]
