"""Variant families for question 8: learning-rate schedules, early stopping and dropout on fresh numbers."""

from decimal import Decimal

from tutor.answers.spec import ExpressionSpec
from tutor.practice.model import Exercise, Family, both, mistake, step, text
from tutor.practice.numbers import PI, approx, approx_typed, cos, equals, exp, plain
from tutor.practice.seeds import Draws

#: a decimal within 0.5 % of the exact value counts, as in the homework's number items
ROUNDING = 0.005
#: digits of a reference that has no closed form the answer syntax can write (a cosine)
REFERENCE_DIGITS = 12

COUNT_FROM_ZERO = text(
    "Эпохи нумеруются с 0, и `scheduler.step()` вызывается один раз в конце каждой эпохи.",
    "Epochs are counted from 0, and `scheduler.step()` is called once at the end of every epoch.",
)


def _step_lr(rng: Draws) -> Exercise:
    lr0 = Decimal(rng.choice(["0.1", "0.05", "0.2", "0.5", "1", "0.01"]))
    gamma = Decimal(rng.choice(["0.1", "0.5", "0.2", "0.3", "0.8", "0.25"]))
    size = rng.randint(2, 10)
    epoch = rng.randint(size, 5 * size - 1)
    k = epoch // size
    lr = lr0 * gamma**k
    code = f"StepLR(optimizer, step_size={size}, gamma={plain(gamma)})"
    if epoch % size == 0:
        count = mistake(
            "decay-count", f"{lr0}*{gamma}^{k - 1}",
            f"Эпоха {epoch} кратна step_size = {size}: к её началу уже сработало ещё одно уменьшение. "
            "Посчитайте, сколько полных блоков по step_size эпох прошло.",
            f"Epoch {epoch} is a multiple of step_size = {size}: one more decay has already happened "
            "when it starts. Count how many whole blocks of step_size epochs have passed.")
    else:
        count = mistake(
            "decay-count", f"{lr0}*{gamma}^{k + 1}",
            "Лишнее уменьшение: скорость меняется только в эпохи, кратные step_size, "
            "а следующая такая эпоха ещё не наступила.",
            "One decay too many: the rate changes only at epochs that are multiples of step_size, "
            "and the next such epoch has not come yet.")
    return Exercise(
        statement=text(
            f"Планировщик `{code}`, начальная скорость обучения {plain(lr0)}. {COUNT_FROM_ZERO['ru']} "
            f"С какой скоростью обучения проходит эпоха {epoch}?",
            f"The scheduler is `{code}` with initial learning rate {plain(lr0)}. {COUNT_FROM_ZERO['en']} "
            f"What learning rate does epoch {epoch} train with?"),
        spec=ExpressionSpec(
            answer=f"{lr0}*{gamma}^{k}",
            tolerance=ROUNDING,
            mistakes=(
                mistake("every-epoch", f"{lr0}*{gamma}^{epoch}",
                        "StepLR умножает скорость на gamma не каждую эпоху, а раз в step_size эпох.",
                        "StepLR multiplies the rate by gamma once every step_size epochs, not every epoch."),
                count,
            ),
        ),
        answer=both(f"$\\eta_{{{epoch}}} = {plain(lr)}$"),
        hints=(
            text("StepLR умножает скорость на gamma в эпохи step_size, 2·step_size, …",
                 "StepLR multiplies the rate by gamma at epochs step_size, 2·step_size, …"),
            text("Сколько таких эпох уже наступило к эпохе номер t? Это ⌊t / step_size⌋.",
                 "How many such epochs have come by epoch t? That is ⌊t / step_size⌋."),
        ),
        steps=(
            step("Правило StepLR", "The StepLR rule",
                 "Скорость умножается на $\\gamma$ в эпохи $s, 2s, 3s, \\dots$, где $s$ = `step_size`:\n\n"
                 "$$\\eta_t = \\eta_0 \\gamma^{\\lfloor t / s \\rfloor}.$$",
                 "The rate is multiplied by $\\gamma$ at epochs $s, 2s, 3s, \\dots$, where $s$ = `step_size`:\n\n"
                 "$$\\eta_t = \\eta_0 \\gamma^{\\lfloor t / s \\rfloor}.$$"),
            step("Сколько раз скорость уменьшилась", "How many decays so far",
                 f"$$\\lfloor {epoch} / {size} \\rfloor = {k}$$\n\n"
                 f"Уменьшения произошли в эпохи {_epochs(size, k)}.",
                 f"$$\\lfloor {epoch} / {size} \\rfloor = {k}$$\n\n"
                 f"The decays happened at epochs {_epochs(size, k)}."),
            step("Скорость в эпоху " + str(epoch), f"The rate in epoch {epoch}",
                 f"$$\\eta_{{{epoch}}} = {plain(lr0)} \\cdot {plain(gamma)}^{{{k}}} = {plain(lr)}$$",
                 f"$$\\eta_{{{epoch}}} = {plain(lr0)} \\cdot {plain(gamma)}^{{{k}}} = {plain(lr)}$$"),
        ),
        params={"lr0": lr0, "gamma": gamma, "step_size": size, "epoch": epoch},
    )


def _epochs(size: int, k: int) -> str:
    return ", ".join(str(size * i) for i in range(1, k + 1))


def _exponential_lr(rng: Draws) -> Exercise:
    lr0 = Decimal(rng.choice(["0.1", "0.05", "0.2", "0.01", "0.5", "1"]))
    gamma = Decimal(rng.choice(["0.9", "0.95", "0.8", "0.85", "0.75", "0.7"]))
    epoch = rng.randint(3, 25)
    lr = lr0 * gamma**epoch
    e_power = lr0 * exp(-gamma * epoch)
    code = f"ExponentialLR(optimizer, gamma={plain(gamma)})"
    return Exercise(
        statement=text(
            f"Планировщик `{code}`, начальная скорость обучения {plain(lr0)}. {COUNT_FROM_ZERO['ru']} "
            f"С какой скоростью обучения проходит эпоха {epoch}? Ответ с точностью до трёх значащих цифр.",
            f"The scheduler is `{code}` with initial learning rate {plain(lr0)}. {COUNT_FROM_ZERO['en']} "
            f"What learning rate does epoch {epoch} train with? Give three significant digits."),
        spec=ExpressionSpec(
            answer=f"{lr0}*{gamma}^{epoch}",
            tolerance=ROUNDING,
            mistakes=(
                mistake("off-by-one", f"{lr0}*{gamma}^{epoch + 1}",
                        "На одно умножение больше, чем нужно: к началу эпохи t было сделано ровно t шагов планировщика.",
                        "One multiplication too many: by the start of epoch t the scheduler has stepped exactly t times."),
                mistake("off-by-one", f"{lr0}*{gamma}^{epoch - 1}",
                        "На одно умножение меньше, чем нужно: к началу эпохи t было сделано ровно t шагов планировщика.",
                        "One multiplication short: by the start of epoch t the scheduler has stepped exactly t times."),
                mistake("e-power", f"{lr0}*e^(-{gamma}*{epoch})",
                        "gamma в ExponentialLR — не показатель экспоненты, а множитель, на который скорость "
                        "умножается каждую эпоху.",
                        "The gamma of ExponentialLR is not a rate in an exponent: it is the factor the learning "
                        "rate is multiplied by every epoch."),
            ),
        ),
        answer=both(f"$\\eta_{{{epoch}}} = {plain(lr0)} \\cdot {plain(gamma)}^{{{epoch}}} \\approx {approx(lr)}$"),
        hints=(
            text("ExponentialLR умножает скорость на gamma после каждой эпохи.",
                 "ExponentialLR multiplies the rate by gamma after every epoch."),
            text("Сколько раз это произошло к началу эпохи t?", "How many times has that happened by the start of epoch t?"),
        ),
        steps=(
            step("Правило ExponentialLR", "The ExponentialLR rule",
                 "После каждой эпохи скорость умножается на $\\gamma$, поэтому после $t$ эпох\n\n"
                 "$$\\eta_t = \\eta_0 \\gamma^t.$$",
                 "After every epoch the rate is multiplied by $\\gamma$, so after $t$ epochs\n\n"
                 "$$\\eta_t = \\eta_0 \\gamma^t.$$"),
            step("Подстановка", "Substitution",
                 f"$$\\eta_{{{epoch}}} = {plain(lr0)} \\cdot {plain(gamma)}^{{{epoch}}} \\approx {approx(lr)}$$\n\n"
                 f"Для сравнения: $\\eta_0 e^{{-\\gamma t}} \\approx {approx(e_power)}$ — совсем другое число; "
                 "$\\gamma$ здесь множитель, а не показатель.",
                 f"$$\\eta_{{{epoch}}} = {plain(lr0)} \\cdot {plain(gamma)}^{{{epoch}}} \\approx {approx(lr)}$$\n\n"
                 f"For comparison, $\\eta_0 e^{{-\\gamma t}} \\approx {approx(e_power)}$ is a different number: "
                 "$\\gamma$ is a factor here, not a rate in an exponent."),
        ),
        params={"lr0": lr0, "gamma": gamma, "epoch": epoch},
    )


def _cosine_lr(rng: Draws) -> Exercise:
    lr0 = Decimal(rng.choice(["0.1", "0.05", "0.01", "0.2", "0.001"]))
    eta_min = Decimal(rng.choice(["0", "0", "0.1", "0.01"])) * lr0
    t_max = rng.choice([10, 20, 30, 50, 100])
    epoch = rng.randint(1, t_max - 1)
    angle = PI * epoch / t_max
    c = cos(angle)
    lr = eta_min + (lr0 - eta_min) * (1 + c) / 2

    def number(x: Decimal) -> str:
        return approx_typed(x, REFERENCE_DIGITS)

    mistakes = [
        mistake("no-half", number(eta_min + (lr0 - eta_min) * (1 + c)),
                "Множитель (1 + cos) меняется от 2 до 0; без деления пополам скорость в начале была бы вдвое больше η₀.",
                "The factor (1 + cos) runs from 2 down to 0; without halving it the rate would start at twice η₀."),
        mistake("full-period", number(eta_min + (lr0 - eta_min) * (1 + cos(2 * angle)) / 2),
                "T_max — половина периода косинуса: за T_max эпох скорость проходит путь от η₀ до η_min один раз, "
                "поэтому аргумент косинуса π·t/T_max.",
                "T_max is half a period of the cosine: in T_max epochs the rate goes from η₀ down to η_min once, "
                "so the cosine's argument is π·t/T_max."),
    ]
    if eta_min:
        mistakes.append(mistake(
            "no-minimum", number(lr0 * (1 + c) / 2),
            "Косинус убывает не до нуля, а до eta_min: он масштабирует только разность η₀ − η_min.",
            "The cosine decays to eta_min, not to zero: it scales only the difference η₀ − η_min."))
    code = f"CosineAnnealingLR(optimizer, T_max={t_max}, eta_min={plain(eta_min)})"
    formula = "\\eta_t = \\eta_{min} + (\\eta_0 - \\eta_{min}) \\cdot \\frac{1 + \\cos(\\pi t / T_{max})}{2}"
    substituted = (f"\\eta_{{{epoch}}} = {plain(eta_min)} + ({plain(lr0)} - {plain(eta_min)}) \\cdot "
                   f"\\frac{{1 + ({approx(c, 6)})}}{{2}} \\approx {approx(lr)}")
    return Exercise(
        statement=text(
            f"Планировщик `{code}`, начальная скорость обучения {plain(lr0)}. {COUNT_FROM_ZERO['ru']} "
            f"С какой скоростью обучения проходит эпоха {epoch}? Ответ с точностью до трёх значащих цифр.",
            f"The scheduler is `{code}` with initial learning rate {plain(lr0)}. {COUNT_FROM_ZERO['en']} "
            f"What learning rate does epoch {epoch} train with? Give three significant digits."),
        spec=ExpressionSpec(answer=number(lr), tolerance=ROUNDING, mistakes=tuple(mistakes)),
        answer=both(f"$\\eta_{{{epoch}}} \\approx {approx(lr)}$"),
        hints=(
            text("CosineAnnealingLR ведёт скорость от η₀ к eta_min по половине периода косинуса за T_max эпох.",
                 "CosineAnnealingLR takes the rate from η₀ to eta_min along half a cosine period in T_max epochs."),
            text("При t = 0 множитель перед (η₀ − η_min) равен 1, при t = T_max — 0.",
                 "At t = 0 the factor in front of (η₀ − η_min) is 1, at t = T_max it is 0."),
        ),
        steps=(
            step("Формула CosineAnnealingLR", "The CosineAnnealingLR formula",
                 f"$${formula}$$\n\nПри $t = 0$ это $\\eta_0$, при $t = T_{{max}}$ — $\\eta_{{min}}$.",
                 f"$${formula}$$\n\nAt $t = 0$ it is $\\eta_0$, at $t = T_{{max}}$ it is $\\eta_{{min}}$."),
            step("Косинус", "The cosine",
                 f"$$\\cos\\left(\\pi \\cdot \\frac{{{epoch}}}{{{t_max}}}\\right) \\approx {approx(c, 6)}$$",
                 f"$$\\cos\\left(\\pi \\cdot \\frac{{{epoch}}}{{{t_max}}}\\right) \\approx {approx(c, 6)}$$"),
            step("Скорость в эпоху " + str(epoch), f"The rate in epoch {epoch}",
                 f"$${substituted}$$", f"$${substituted}$$"),
        ),
        params={"lr0": lr0, "eta_min": eta_min, "t_max": t_max, "epoch": epoch},
    )


def _stopping_epoch(losses: list[Decimal], patience: int) -> tuple[int, int] | None:
    """(the epoch training stops at, the best epoch) for epochs numbered from 1, or None."""
    best, best_epoch = losses[0], 1
    for epoch, loss in enumerate(losses[1:], start=2):
        if loss < best:
            best, best_epoch = loss, epoch
        elif epoch - best_epoch >= patience:
            return epoch, best_epoch
    return None


def _previous_epoch_rule(losses: list[Decimal], patience: int) -> int | None:
    """The stopping epoch if 'no improvement' were judged against the previous epoch, not the best."""
    run = 0
    for epoch in range(2, len(losses) + 1):
        run = run + 1 if losses[epoch - 1] >= losses[epoch - 2] else 0
        if run >= patience:
            return epoch
    return None


def _curve(rng: Draws, patience: int) -> list[Decimal]:
    """A validation curve that falls, then wanders, long enough to trigger the stop and show a few epochs after."""
    while True:
        loss = Decimal(rng.randint(90, 150)) / 100
        losses = [loss]
        falling = rng.randint(3, 6)
        for _ in range(falling - 1):
            loss -= Decimal(rng.randint(3, 15)) / 100
            losses.append(loss)
        for _ in range(patience + 6):
            loss += Decimal(rng.randint(-4, 5)) / 100
            losses.append(loss)
        stop = _stopping_epoch(losses, patience)
        if stop is not None and stop[0] < len(losses) and min(losses) > 0:
            return losses[: min(len(losses), stop[0] + rng.randint(1, 3))]


def _early_stopping(rng: Draws) -> Exercise:
    patience = rng.randint(2, 5)
    losses = _curve(rng, patience)
    found = _stopping_epoch(losses, patience)
    assert found is not None
    stop, best = found
    mistakes = [
        mistake("best-epoch", str(best),
                "Это эпоха, веса которой восстанавливаются, а обучение идёт дальше, пока не кончится терпение.",
                "That is the epoch whose weights are restored; training goes on until the patience runs out."),
        mistake("one-more", str(stop + 1),
                "На одну эпоху дольше, чем нужно: остановка происходит в той эпохе, где число эпох без "
                "улучшения впервые достигает patience.",
                "One epoch too late: training stops in the epoch where the count of epochs without "
                "improvement first reaches patience."),
    ]
    previous = _previous_epoch_rule(losses, patience)
    if previous is not None and previous not in (stop, best, stop + 1):
        mistakes.append(mistake(
            "previous-epoch", str(previous),
            "Улучшение считается относительно лучшего значения за всё обучение, а не относительно предыдущей эпохи.",
            "An improvement is measured against the best value so far, not against the previous epoch."))
    table_ru = _table(losses, "эпоха", "валидационная ошибка")
    table_en = _table(losses, "epoch", "validation loss")
    rule = "t - t^* \\geq patience"
    records = _records(losses[:stop])
    path = " \\to ".join(f"{plain(losses[e - 1])} \\; ({e})" for e in records)
    waited = ", ".join(str(e) for e in range(best + 1, stop + 1))
    return Exercise(
        statement=text(
            f"Ранняя остановка с patience = {patience}: обучение останавливается, когда валидационная ошибка "
            "patience эпох подряд не опускается ниже лучшего значения (равное значение — не улучшение). "
            f"Эпохи нумеруются с 1.\n\n{table_ru}\n\nВ конце какой эпохи обучение остановится?",
            f"Early stopping with patience = {patience}: training stops when the validation loss has not gone "
            "below its best value for patience epochs in a row (an equal value is no improvement). "
            f"Epochs are counted from 1.\n\n{table_en}\n\nAt the end of which epoch does training stop?"),
        spec=ExpressionSpec(answer=str(stop), mistakes=tuple(mistakes)),
        answer=text(f"в эпоху {stop} (восстанавливаются веса эпохи {best})",
                    f"epoch {stop} (the weights of epoch {best} are restored)"),
        hints=(
            text("Идите по эпохам и запоминайте лучшее значение и номер его эпохи t*.",
                 "Go through the epochs, keeping the best value so far and its epoch t*."),
            text("Обучение останавливается в первой эпохе t, для которой t − t* ≥ patience.",
                 "Training stops at the first epoch t with t − t* ≥ patience."),
        ),
        steps=(
            step("Правило остановки", "The stopping rule",
                 "$t^*$ — последняя эпоха, в которой ошибка была строго меньше всех предыдущих значений. "
                 f"Обучение останавливается в первой эпохе $t$, для которой\n\n$${rule}.$$",
                 "$t^*$ is the last epoch whose loss was strictly below all earlier values. "
                 f"Training stops at the first epoch $t$ with\n\n$${rule}.$$"),
            step("Лучшая эпоха", "The best epoch",
                 f"Лучшее значение обновлялось так (в скобках — эпоха): $${path}.$$ "
                 f"Значит, $t^* = {best}$: в эпохах {waited} ошибка не ниже {plain(losses[best - 1])}.",
                 f"The best value was renewed like this (the epoch in brackets): $${path}.$$ "
                 f"So $t^* = {best}$: in epochs {waited} the loss is not below {plain(losses[best - 1])}."),
            step("Эпоха остановки", "The stopping epoch",
                 f"$$t = t^* + patience = {best} + {patience} = {stop}$$\n\n"
                 f"Обучение останавливается в конце эпохи {stop}, и восстанавливаются веса эпохи {best}.",
                 f"$$t = t^* + patience = {best} + {patience} = {stop}$$\n\n"
                 f"Training stops at the end of epoch {stop}, and the weights of epoch {best} are restored."),
        ),
        params={"losses": tuple(losses), "patience": patience},
    )


def _records(losses: list[Decimal]) -> list[int]:
    """The epochs (from 1) at which the best value so far was renewed."""
    records = [1]
    for epoch, loss in enumerate(losses[1:], start=2):
        if loss < losses[records[-1] - 1]:
            records.append(epoch)
    return records


def _table(losses: list[Decimal], epoch: str, loss: str) -> str:
    head = f"| {epoch} | " + " | ".join(str(i) for i in range(1, len(losses) + 1)) + " |"
    rule = "| --- |" + " --- |" * len(losses)
    row = f"| {loss} | " + " | ".join(f"{v:.2f}" for v in losses) + " |"
    return "\n".join((head, rule, row))


def _dropout(rng: Draws) -> Exercise:
    p = Decimal(rng.choice(["0.1", "0.2", "0.25", "0.3", "0.4", "0.5", "0.6", "0.75", "0.8"]))
    h = Decimal(rng.randint(5, 40)) / 10
    form = rng.choice(["kept", "mean", "classic"])
    keep = 1 - p
    layer = f"`nn.Dropout(p={plain(p)})`"
    if form == "kept":
        question = text(
            f"Слой {layer} в режиме обучения. На вход пришла активация h = {plain(h)}, и нейрон не выключен. "
            "Чему равен выход слоя для этого нейрона?",
            f"A dropout layer {layer} in training mode receives the activation h = {plain(h)}, and the unit is not "
            "dropped. What does the layer output for this unit?")
        answer, value = f"{h}/(1-{p})", h / keep
        mistakes = (
            mistake("times-keep", f"{h}*(1-{p})",
                    "Умножение на 1 − p — правило исходной статьи для этапа применения; в PyTorch при "
                    "обучении сохранённые активации делят на вероятность сохранения.",
                    "Multiplying by 1 − p is the original paper's rule at test time; PyTorch divides the kept "
                    "activations by the keep probability during training."),
            mistake("drop-probability", f"{h}/{p}",
                    "p в nn.Dropout — вероятность выключить нейрон; делить нужно на вероятность его сохранить.",
                    "The p of nn.Dropout is the probability to drop a unit; divide by the probability to keep it."),
            mistake("no-scale", str(h),
                    "В режиме обучения PyTorch масштабирует сохранённые активации, чтобы среднее не изменилось.",
                    "In training mode PyTorch scales the kept activations so that the mean does not change."),
        )
        result = f"\\frac{{{plain(h)}}}{{1 - {plain(p)}}} = \\frac{{{plain(h)}}}{{{plain(keep)}}} {equals(value)}"
    elif form == "mean":
        question = text(
            f"Слой {layer} в режиме обучения, на вход всё время приходит одна и та же активация h = {plain(h)}. "
            "Чему равно среднее значение выхода этого нейрона по многим прямым проходам?",
            f"A dropout layer {layer} in training mode receives the same activation h = {plain(h)} again and again. "
            "What is the mean of this unit's output over many forward passes?")
        answer, value = str(h), h
        mistakes = (
            mistake("times-keep", f"{h}*(1-{p})",
                    "Так было бы без масштабирования; PyTorch делит сохранённые активации на 1 − p, и "
                    "среднее не меняется.",
                    "That would hold without scaling; PyTorch divides the kept activations by 1 − p, which "
                    "keeps the mean unchanged."),
            mistake("kept-value", f"{h}/(1-{p})",
                    "Это выход одного сохранённого нейрона; в среднем учитываются и проходы, где он выключен.",
                    "That is the output when the unit is kept; the mean also counts the passes where it is dropped."),
        )
        result = (f"(1 - {plain(p)}) \\cdot \\frac{{{plain(h)}}}{{1 - {plain(p)}}} + {plain(p)} \\cdot 0 = "
                  f"{plain(h)}")
    else:
        question = text(
            f"Дропаут в варианте исходной статьи: при обучении нейрон выключается с вероятностью p = {plain(p)} "
            f"без масштабирования. Активация нейрона h = {plain(h)}. Что нейрон передаёт дальше при применении "
            "(все нейроны включены), чтобы среднее совпадало с обучением?",
            f"Dropout as in the original paper: during training a unit is dropped with probability p = {plain(p)} "
            f"without any scaling. The unit's activation is h = {plain(h)}. What does the unit pass on at test "
            "time (all units on) so that the mean matches training?")
        answer, value = f"{h}*(1-{p})", h * keep
        mistakes = (
            mistake("inverted", f"{h}/(1-{p})",
                    "Деление на 1 − p — правило инвертированного дропаута при обучении; здесь при обучении "
                    "масштаба нет, поэтому поправка нужна при применении, в другую сторону.",
                    "Dividing by 1 − p is inverted dropout's rule during training; here training is not scaled, "
                    "so the correction happens at test time, in the other direction."),
            mistake("no-scale", str(h),
                    "При обучении нейрон передавал h лишь с вероятностью 1 − p; без поправки среднее при "
                    "применении больше, чем при обучении.",
                    "During training the unit passed h on only with probability 1 − p; without a correction the "
                    "test-time mean is larger than the training one."),
            mistake("drop-probability", f"{h}*{p}",
                    "p — вероятность выключить нейрон, а сохраняется он с вероятностью 1 − p.",
                    "p is the probability to drop the unit; it is kept with probability 1 − p."),
        )
        result = f"{plain(h)} \\cdot (1 - {plain(p)}) = {plain(value)}"
    expectation = ("\\mathbb{E}[\\tilde{h}] = (1 - p) \\cdot \\frac{h}{1 - p} + p \\cdot 0 = h"
                   if form != "classic" else "\\mathbb{E}[\\tilde{h}] = (1 - p) \\cdot h + p \\cdot 0 = (1 - p) h")
    return Exercise(
        statement=question,
        spec=ExpressionSpec(answer=answer, tolerance=ROUNDING, mistakes=mistakes),
        answer=both(f"${equals(value).removeprefix('= ')}$"),
        hints=(
            text("Нейрон сохраняется с вероятностью 1 − p, а не p.", "A unit is kept with probability 1 − p, not p."),
            text("Среднее выхода при обучении и при применении должно совпадать.",
                 "The mean output in training and at test time must be the same."),
        ),
        steps=(
            step("Среднее при обучении", "The mean during training",
                 f"Нейрон сохраняется с вероятностью $1 - p = {plain(keep)}$:\n\n$${expectation}$$",
                 f"The unit is kept with probability $1 - p = {plain(keep)}$:\n\n$${expectation}$$"),
            step("Ответ для этих чисел", "The answer for these numbers",
                 f"$${result}$$", f"$${result}$$"),
        ),
        params={"p": p, "h": h, "form": form},
    )


FAMILIES = [
    Family("8.step-lr", text("StepLR: скорость обучения в заданную эпоху", "StepLR: the learning rate at a given epoch"),
           _step_lr),
    Family("8.exponential-lr", text("ExponentialLR: скорость обучения в заданную эпоху",
                                    "ExponentialLR: the learning rate at a given epoch"), _exponential_lr),
    Family("8.cosine-lr", text("CosineAnnealingLR: скорость обучения в заданную эпоху",
                               "CosineAnnealingLR: the learning rate at a given epoch"), _cosine_lr),
    Family("8.early-stopping", text("Ранняя остановка: эпоха остановки по валидационной кривой и patience",
                                    "Early stopping: the stopping epoch for a validation curve and a patience"),
           _early_stopping),
    Family("8.dropout", text("Дропаут: масштаб 1/(1 − p) и среднее значение активации",
                             "Dropout: the 1/(1 − p) scale and the expected activation"), _dropout),
]
