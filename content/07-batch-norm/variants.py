"""Variant families for question 7: what BatchNorm, LayerNorm, GroupNorm and InstanceNorm learn, store and average.

Counts follow PyTorch: weight and bias are parameters (affine=True); running_mean, running_var and
num_batches_tracked are buffers of the BatchNorm layers only (track_running_stats=True).
"""

from dataclasses import dataclass

from tutor.answers.spec import Alternative, ChoiceSpec, ExpressionSpec
from tutor.content.models import Localized
from tutor.practice.model import Exercise, Family, both, mistake, plural_ru, step, text
from tutor.practice.seeds import Draws


def _numbers_ru(n: int) -> str:
    return f"{n} {plural_ru(n, 'число', 'числа', 'чисел')}"


@dataclass(frozen=True)
class Norm:
    """A normalization layer on an input: its code, the input shape, and the size of γ and β."""

    kind: str  # "batch", "layer", "group", "instance"
    code: str
    shape: str
    affine_size: int
    channels: int
    why: Localized
    #: spatial positions per channel (h·w), 1 for inputs without them
    positions: int = 1
    groups: int = 1


def _norm(rng: Draws) -> Norm:
    kind = rng.choice(["batch", "batch", "layer", "layer", "group", "instance"])
    b = rng.choice([8, 16, 32, 64])
    c = rng.choice([3, 8, 16, 24, 32, 64, 96, 128])
    h = rng.choice([7, 14, 28, 32])
    if kind == "batch":
        if rng.random() < 0.3:
            return Norm(kind, f"nn.BatchNorm1d({c})", f"{b} \\times {c}", c, c, text(
                "BatchNorm1d на входе $B \\times C$ нормирует каждый признак по батчу: по одной паре "
                "$\\gamma_k, \\beta_k$ на признак.",
                "BatchNorm1d on a $B \\times C$ input normalizes each feature over the batch: one pair "
                "$\\gamma_k, \\beta_k$ per feature."))
        return Norm(kind, f"nn.BatchNorm2d({c})", f"{b} \\times {c} \\times {h} \\times {h}", c, c, text(
            "BatchNorm2d нормирует каждый канал по батчу и всем позициям: по одной паре $\\gamma_k, \\beta_k$ "
            "на канал, от $B$, $h$, $w$ число параметров не зависит.",
            "BatchNorm2d normalizes each channel over the batch and all positions: one pair "
            "$\\gamma_k, \\beta_k$ per channel, whatever $B$, $h$, $w$ are."), positions=h * h)
    if kind == "layer":
        if rng.random() < 0.5:
            t, d = rng.choice([10, 16, 50, 128]), rng.choice([32, 64, 128, 256, 512, 768])
            return Norm(kind, f"nn.LayerNorm({d})", f"{b} \\times {t} \\times {d}", d, d, text(
                f"LayerNorm({d}) нормирует каждый вектор длины {d} (каждый токен) и хранит поэлементные "
                f"$\\gamma, \\beta$ той же формы, что `normalized_shape`: по {d} чисел.",
                f"LayerNorm({d}) normalizes every vector of length {d} (every token) and keeps elementwise "
                f"$\\gamma, \\beta$ of the shape `normalized_shape`: {d} numbers each."))
        size = c * h * h
        return Norm(kind, f"nn.LayerNorm([{c}, {h}, {h}])", f"{b} \\times {c} \\times {h} \\times {h}", size, c, text(
            "LayerNorm хранит поэлементные $\\gamma, \\beta$ формы `normalized_shape` "
            f"$= {c} \\times {h} \\times {h}$: свои для каждого канала и каждой позиции, "
            f"${c} \\cdot {h} \\cdot {h} = {size}$ чисел в каждом.",
            "LayerNorm keeps elementwise $\\gamma, \\beta$ of the shape `normalized_shape` "
            f"$= {c} \\times {h} \\times {h}$: one per channel and position, "
            f"${c} \\cdot {h} \\cdot {h} = {size}$ numbers each."))
    if kind == "group":
        c = rng.choice([8, 16, 24, 32, 64, 96, 128])
        groups = rng.choice([g for g in (2, 4, 8, 16) if c % g == 0 and g < c])
        return Norm(kind, f"nn.GroupNorm({groups}, {c})", f"{b} \\times {c} \\times {h} \\times {h}", c, c, text(
            f"GroupNorm считает статистики по {groups} группам каналов, но $\\gamma, \\beta$ у него поканальные: "
            f"по {c} чисел.",
            f"GroupNorm computes its statistics over {groups} groups of channels, but its $\\gamma, \\beta$ are "
            f"per channel: {c} numbers each."), positions=h * h, groups=groups)
    return Norm(kind, f"nn.InstanceNorm2d({c}, affine=True)", f"{b} \\times {c} \\times {h} \\times {h}", c, c, text(
        "InstanceNorm2d с `affine=True` хранит по одной паре $\\gamma_k, \\beta_k$ на канал.",
        "InstanceNorm2d with `affine=True` keeps one pair $\\gamma_k, \\beta_k$ per channel."), positions=h * h)


def _norm_params(rng: Draws) -> Exercise:
    norm = _norm(rng)
    n, c = norm.affine_size, norm.channels
    mistakes: list[Alternative] = [
        mistake("one-vector", str(n), "Обучаемых векторов два: масштаб γ и сдвиг β.",
                "There are two learnable vectors: the scale γ and the shift β."),
    ]
    if norm.kind == "batch":
        mistakes.append(mistake(
            "buffers-counted", str(4 * c + 1),
            "running_mean, running_var и num_batches_tracked — буферы: они сохраняются с моделью, "
            "но градиентом не обучаются.",
            "running_mean, running_var and num_batches_tracked are buffers: they are saved with the model "
            "but not trained by gradients."))
    if norm.kind == "layer" and n != c:
        mistakes.append(mistake(
            "per-channel", str(2 * c),
            "У LayerNorm γ и β имеют форму всего normalized_shape, а не по одному числу на канал.",
            "LayerNorm's γ and β have the shape of the whole normalized_shape, not one number per channel."))
    if norm.kind == "group":
        mistakes.append(mistake(
            "per-group", str(2 * norm.groups),
            "Группы нужны только для статистик; γ и β у GroupNorm заданы для каждого канала.",
            "The groups are for the statistics only; GroupNorm's γ and β are per channel."))
    if norm.kind in ("batch", "group", "instance") and norm.positions > 1:
        mistakes.append(mistake(
            "per-position", str(2 * c * norm.positions),
            "Параметры общие для всех позиций канала: свёртка обрабатывает их одинаково.",
            "The parameters are shared by all positions of a channel: the convolution treats them alike."))
    return Exercise(
        statement=text(
            f"Сколько обучаемых параметров у слоя `{norm.code}` (вход размера ${norm.shape}$)?",
            f"How many learnable parameters does `{norm.code}` have (input of shape ${norm.shape}$)?"),
        spec=ExpressionSpec(answer=str(2 * n), mistakes=tuple(mistakes)),
        answer=both(f"${2 * n}$"),
        hints=(
            text("Обучаемые параметры нормализации — масштаб γ и сдвиг β.",
                 "The learnable parameters of a normalization layer are the scale γ and the shift β."),
            text("Какой формы γ и β у этого слоя: по числу на канал или на каждый элемент normalized_shape?",
                 "What shape do γ and β have here: one number per channel, or one per element of normalized_shape?"),
        ),
        steps=(
            step("Что обучается", "What is learned",
                 "После нормировки слой применяет $y = \\gamma \\hat{x} + \\beta$; обучаются только "
                 "$\\gamma$ и $\\beta$, статистики вычисляются по данным.",
                 "After normalizing, the layer applies $y = \\gamma \\hat{x} + \\beta$; only $\\gamma$ and "
                 "$\\beta$ are learned, the statistics come from the data."),
            step("Форма γ и β", "The shape of γ and β", norm.why["ru"], norm.why["en"]),
            step("Итого", "Total", f"$$2 \\cdot {n} = {2 * n}$$", f"$$2 \\cdot {n} = {2 * n}$$"),
        ),
        params={"kind": norm.kind, "code": norm.code, "affine_size": n, "channels": c},
    )


def _norm_state(rng: Draws) -> Exercise:
    c = rng.choice([3, 8, 16, 32, 48, 64, 100, 128, 256])
    if rng.random() < 0.75:
        dim = rng.choice(["1d", "2d", "3d"])
        affine, track = rng.choice([(True, True), (True, True), (False, True), (True, False)])
        flags = "".join([", affine=False" if not affine else "", ", track_running_stats=False" if not track else ""])
        code = f"nn.BatchNorm{dim}({c}{flags})"
        params, buffers = (2 * c if affine else 0), (2 * c + 1 if track else 0)
        mistakes = []
        if params and buffers:
            mistakes += [mistake(
                "part-only", str(part),
                "state_dict хранит и обучаемые параметры, и буферы — всё, что нужно, чтобы восстановить слой.",
                "state_dict holds both the learnable parameters and the buffers: everything needed to restore "
                "the layer.") for part in (params, buffers)]
        if track:
            mistakes.append(mistake(
                "no-counter", str(params + 2 * c),
                "Кроме running_mean и running_var у BatchNorm есть ещё буфер num_batches_tracked (одно целое число).",
                "Besides running_mean and running_var, BatchNorm has one more buffer: num_batches_tracked, one integer."))
        if not affine:
            mistakes.append(mistake(
                "affine-ignored", str(4 * c + 1), "affine=False убирает γ и β.", "affine=False removes γ and β."))
        if not track:
            mistakes.append(mistake(
                "stats-kept", str(4 * c + 1), "track_running_stats=False убирает все три буфера.",
                "track_running_stats=False removes all three buffers."))
        gamma_beta = text(f"weight ($\\gamma$) и bias ($\\beta$), по {_numbers_ru(c)}",
                          f"weight ($\\gamma$) and bias ($\\beta$), {c} numbers each")
        no_params = text("нет (affine=False)", "none (affine=False)")
        running = text(f"running_mean и running_var по {_numbers_ru(c)} и num_batches_tracked — одно число",
                       f"running_mean and running_var, {c} numbers each, and num_batches_tracked, one number")
        no_buffers = text("нет (track_running_stats=False)", "none (track_running_stats=False)")
        have_params = gamma_beta if affine else no_params
        have_buffers = running if track else no_buffers
        contents = text(f"Параметры: {have_params['ru']}. Буферы: {have_buffers['ru']}.",
                        f"Parameters: {have_params['en']}. Buffers: {have_buffers['en']}.")
    else:
        if rng.random() < 0.5:
            code, n = f"nn.LayerNorm({c})", c
        else:
            groups = rng.choice([g for g in (2, 4, 8) if c % g == 0] or [1])
            code, n = f"nn.GroupNorm({groups}, {c})", c
        params, buffers = 2 * n, 0
        mistakes = [mistake(
            "running-stats", str(4 * n + 1),
            "У LayerNorm и GroupNorm нет скользящих среднего и дисперсии: они нормируют каждый пример по нему самому, "
            "одинаково при обучении и при применении.",
            "LayerNorm and GroupNorm keep no running statistics: they normalize each example by itself, "
            "the same way in training and at inference.")]
        contents = text(
            f"Параметры: weight ($\\gamma$) и bias ($\\beta$), по {_numbers_ru(n)}. Буферов нет: статистики "
            "считаются заново для каждого примера.",
            f"Parameters: weight ($\\gamma$) and bias ($\\beta$), {n} numbers each. No buffers: the statistics "
            "are computed afresh for each example.")
    total = params + buffers
    return Exercise(
        statement=text(
            f"Сколько чисел хранит `state_dict()` слоя `{code}` (сумма размеров всех тензоров)?",
            f"How many numbers does the `state_dict()` of `{code}` hold (the total size of all its tensors)?"),
        spec=ExpressionSpec(answer=str(total), mistakes=tuple(mistakes)),
        answer=both(f"${total}$"),
        hints=(
            text("state_dict = обучаемые параметры + буферы.", "state_dict = learnable parameters + buffers."),
            text("Посмотрите, какие тензоры убирают флаги affine и track_running_stats и хранит ли этот вид нормализации "
                 "скользящие среднее и дисперсию.",
                 "Check which tensors the affine and track_running_stats flags remove, and whether this kind of "
                 "normalization keeps running statistics at all."),
        ),
        steps=(
            step("Что попадает в state_dict", "What goes into state_dict",
                 "В `state_dict()` попадают параметры (обучаются градиентом) и буферы (сохраняются, но не обучаются).",
                 "`state_dict()` holds the parameters (trained by gradients) and the buffers (saved, not trained)."),
            step("Этот слой", "This layer", contents["ru"], contents["en"]),
            step("Итого", "Total", f"$${params} + {buffers} = {total}$$", f"$${params} + {buffers} = {total}$$"),
        ),
        params={"code": code, "channels": c, "parameters": params, "buffers": buffers},
    )


#: axes over which each normalization takes its mean and variance, by layout
AXES = {
    ("batch", "BCHW"): (0, 2, 3), ("batch", "BHWC"): (0, 1, 2),
    ("layer", "BCHW"): (1, 2, 3), ("layer", "BHWC"): (1, 2, 3),
    ("instance", "BCHW"): (2, 3), ("instance", "BHWC"): (1, 2),
}
NAMES = {"BCHW": ("B", "C", "h", "w"), "BHWC": ("B", "h", "w", "C")}
KIND_NAME = {"batch": "BatchNorm", "layer": "LayerNorm", "instance": "InstanceNorm", "group": "GroupNorm"}
KIND_TEXT = {
    "batch": text("батч-нормализацию (статистики по каждому каналу)", "batch normalization (statistics per channel)"),
    "layer": text("нормализацию по слою, LayerNorm по $(C, h, w)$ (статистики по каждому примеру)",
                  "layer normalization, LayerNorm over $(C, h, w)$ (statistics per example)"),
    "instance": text("нормализацию по экземпляру, InstanceNorm (статистики по каждому примеру и каналу)",
                     "instance normalization, InstanceNorm (statistics per example and channel)"),
}
WHAT_KEPT = {
    "batch": text("Статистика своя для каждого канала $C$; усредняются пример в батче и позиции: $B$, $h$, $w$.",
                  "There is one statistic per channel $C$; the average runs over the examples and the positions: "
                  "$B$, $h$, $w$."),
    "layer": text("Статистика своя для каждого примера $B$; усредняются все его признаки: $C$, $h$, $w$.",
                  "There is one statistic per example $B$; the average runs over all its features: $C$, $h$, $w$."),
    "instance": text("Статистика своя для каждого примера $B$ и канала $C$; усредняются только позиции $h$, $w$.",
                     "There is one statistic per example $B$ and channel $C$; the average runs over the positions "
                     "$h$, $w$ only."),
}


def _option(axes: tuple[int, ...], layout: str) -> Localized:
    dims = NAMES[layout]
    listed = ", ".join(str(a) for a in axes)
    named = ", ".join(dims[a] for a in axes)
    return text(f"оси {listed} ({named})", f"axes {listed} ({named})")


def _axes(rng: Draws) -> Exercise:
    layout = rng.choice(["BCHW", "BHWC"])
    kind = rng.choice(["batch", "batch", "layer", "instance"])
    other_layout = "BHWC" if layout == "BCHW" else "BCHW"
    right = AXES[(kind, layout)]
    labelled: list[tuple[tuple[int, ...], Alternative | None]] = [(right, None)]

    def add(axes: tuple[int, ...], alternative: Alternative) -> None:
        if all(axes != a for a, _ in labelled):
            labelled.append((axes, alternative))

    add(AXES[(kind, other_layout)], mistake(
        "other-layout", "",
        "Это оси для другого порядка измерений: посмотрите, на каком месте в этом тензоре стоят каналы.",
        "Those are the axes for the other order of dimensions: check where the channels sit in this tensor."))
    for other in ("batch", "layer", "instance"):
        if other != kind:
            add(AXES[(other, layout)], mistake(
                f"{other}-norm", "",
                f"Это оси другой нормализации ({KIND_NAME[other]}): проверьте, для чего у этой своя статистика.",
                f"Those are the axes of another normalization ({KIND_NAME[other]}): check what gets its own "
                "statistic in this one."))
    add((0,), mistake("batch-only", "",
                      "Только по батчу статистики считают для входа B×C; у свёрточного входа усредняются и позиции.",
                      "Only over the batch is right for a B×C input; for a convolutional input the positions are "
                      "averaged too."))
    labelled = labelled[:4]
    rng.shuffle(labelled)
    answer = next(i for i, (_, alt) in enumerate(labelled) if alt is None)
    options = tuple(_option(axes, layout) for axes, _ in labelled)
    shape = " \\times ".join(NAMES[layout])
    order = text("как в PyTorch" if layout == "BCHW" else "каналы последними, как в условии задачи 7",
                 "as in PyTorch" if layout == "BCHW" else "channels last, as in question 7")
    listed = ", ".join(f"{i} — ${d}$" for i, d in enumerate(NAMES[layout]))
    listed_en = ", ".join(f"{i} is ${d}$" for i, d in enumerate(NAMES[layout]))
    return Exercise(
        statement=text(
            f"Тензор размера ${shape}$ ({order['ru']}) проходит через {KIND_TEXT[kind]['ru']}. По каким осям "
            "считаются среднее и дисперсия (как в `x.mean(dim=…)`)? Ответьте буквой.",
            f"A tensor of shape ${shape}$ ({order['en']}) goes through {KIND_TEXT[kind]['en']}. Over which axes "
            "are the mean and the variance computed (as in `x.mean(dim=…)`)? Answer with a letter."),
        spec=ChoiceSpec(options=options, answer=answer,
                        mistakes={i: alt for i, (_, alt) in enumerate(labelled) if alt is not None}),
        answer=text(options[answer]["ru"], options[answer]["en"]),
        hints=(
            text("Спросите себя: для чего своя статистика — для канала, для примера или для пары (пример, канал)?",
                 "Ask: what gets its own statistic: a channel, an example, or an (example, channel) pair?"),
            text("Усредняются все остальные оси.", "All the other axes are averaged over."),
        ),
        steps=(
            step("Что усредняется", "What is averaged", WHAT_KEPT[kind]["ru"], WHAT_KEPT[kind]["en"]),
            step("Номера осей", "The axis numbers",
                 f"В тензоре ${shape}$: {listed}. Значит, {options[answer]['ru']}.",
                 f"In a ${shape}$ tensor {listed_en}. So: {options[answer]['en']}."),
        ),
        params={"layout": layout, "kind": kind, "axes": right},
    )


def _stat_count(rng: Draws) -> Exercise:
    b = rng.choice([4, 8, 16, 32, 64])
    c = rng.choice([8, 16, 32, 64, 128])
    h = rng.choice([4, 7, 8, 14, 16, 28])
    w = rng.choice([4, 7, 8, 14, 16, 28])
    groups = rng.choice([2, 4, 8])
    kind = rng.choice(["batch", "batch", "layer", "instance", "group"])
    per_value = {"batch": b * h * w, "layer": c * h * w, "instance": h * w, "group": c // groups * h * w}
    count = {"batch": c, "layer": b, "instance": b * c, "group": b * groups}
    ask_count = rng.random() < 0.4
    code = {"batch": f"nn.BatchNorm2d({c})", "layer": f"nn.LayerNorm([{c}, {h}, {w}])",
            "instance": f"nn.InstanceNorm2d({c})", "group": f"nn.GroupNorm({groups}, {c})"}[kind]
    target = count if ask_count else per_value
    mistakes = [mistake(
        "swapped", str((per_value if ask_count else count)[kind]),
        "Перепутаны два числа: сколько средних вычисляется и по скольким значениям берётся каждое.",
        "Two numbers are swapped: how many means are computed and how many values each one averages.")]
    for other in ("batch", "layer", "instance", "group"):
        if other != kind:
            mistakes.append(mistake(
                f"{other}-norm", str(target[other]),
                f"Так считает другая нормализация ({KIND_NAME[other]}); проверьте, по каким осям усредняет этот слой.",
                f"That is how another normalization ({KIND_NAME[other]}) counts; check which axes this layer "
                "averages over."))
    question = (text("Сколько средних (по одному на каждую нормируемую группу значений) вычисляет слой за один проход?",
                     "How many means (one per normalized group of values) does the layer compute in one pass?")
                if ask_count else text("По скольким значениям вычисляется каждое среднее?",
                                       "How many values does each mean average over?"))
    per_text = {"batch": f"B \\cdot h \\cdot w = {b} \\cdot {h} \\cdot {w}", "layer": f"C \\cdot h \\cdot w = {c} \\cdot {h} \\cdot {w}",
                "instance": f"h \\cdot w = {h} \\cdot {w}",
                "group": f"\\frac{{C}}{{G}} \\cdot h \\cdot w = \\frac{{{c}}}{{{groups}}} \\cdot {h} \\cdot {w}"}[kind]
    count_text = {"batch": "C", "layer": "B", "instance": f"B \\cdot C = {b} \\cdot {c}",
                  "group": f"B \\cdot G = {b} \\cdot {groups}"}[kind]
    return Exercise(
        statement=text(
            f"Батч размера ${b} \\times {c} \\times {h} \\times {w}$ ($B \\times C \\times h \\times w$) проходит "
            f"через `{code}` в режиме обучения. {question['ru']}",
            f"A batch of shape ${b} \\times {c} \\times {h} \\times {w}$ ($B \\times C \\times h \\times w$) goes "
            f"through `{code}` in training mode. {question['en']}"),
        spec=ExpressionSpec(answer=str(target[kind]), mistakes=tuple(mistakes)),
        answer=both(f"${target[kind]}$"),
        hints=(
            text("Определите, для чего у слоя своя статистика: для канала, примера, пары (пример, канал) или группы каналов.",
                 "Find what gets its own statistic: a channel, an example, an (example, channel) pair, or a group of channels."),
            text("Число средних — произведение размеров неусредняемых осей; каждое среднее — по всем остальным.",
                 "The number of means is the product of the sizes of the axes kept; each mean runs over all the others."),
        ),
        steps=(
            step("Какие оси усредняются", "Which axes are averaged",
                 "BatchNorm: своя статистика у канала, усредняются $B, h, w$. LayerNorm: у примера, усредняются "
                 "$C, h, w$. InstanceNorm: у пары (пример, канал), усредняются $h, w$. GroupNorm: у пары (пример, "
                 "группа из $C/G$ каналов), усредняются каналы группы и $h, w$.",
                 "BatchNorm: one statistic per channel, averaging over $B, h, w$. LayerNorm: per example, over "
                 "$C, h, w$. InstanceNorm: per (example, channel) pair, over $h, w$. GroupNorm: per (example, group "
                 "of $C/G$ channels) pair, over the group's channels and $h, w$."),
            step("Значений в одном среднем", "Values per mean",
                 f"$${per_text} = {per_value[kind]}$$", f"$${per_text} = {per_value[kind]}$$"),
            step("Число средних", "Number of means",
                 f"$${count_text} = {count[kind]}$$", f"$${count_text} = {count[kind]}$$"),
        ),
        params={"kind": kind, "B": b, "C": c, "h": h, "w": w, "groups": groups, "ask_count": ask_count},
    )


FAMILIES = [
    Family("7.norm-params", text("Обучаемые параметры BatchNorm, LayerNorm, GroupNorm и InstanceNorm",
                                 "The learnable parameters of BatchNorm, LayerNorm, GroupNorm and InstanceNorm"),
           _norm_params),
    Family("7.norm-state", text("Параметры и буферы в state_dict, включая num_batches_tracked",
                                "Parameters and buffers in state_dict, num_batches_tracked included"), _norm_state),
    Family("7.axes", text("По каким осям считаются статистики при раскладке B×h×w×C и B×C×h×w",
                          "The axes of the statistics for the layouts B×h×w×C and B×C×h×w"), _axes),
    Family("7.stat-count", text("Сколько средних вычисляется и по скольким значениям каждое",
                                "How many means are computed, and over how many values each"), _stat_count),
]
