"""UI strings in both languages and the choice of language.

Every string a front end shows lives here, so that a translation is one table
and widgets never carry inline text.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

LANGS: tuple[str, ...] = ("ru", "en")
DEFAULT_LANG = "en"

_STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "app.title": "dltutor: deep learning fundamentals",
        "progress.error.unwritable": "cannot save progress to {path}: {reason}",
        "progress.warning.corrupt": "the progress file {path} was unreadable ({detail}); kept it as {backup} and started afresh",
        "progress.warning.schema": "the progress file {path} is from another dltutor version ({detail}); kept it as {backup} and started afresh",
        "progress.warning.stuck": "the progress file {path} is unreadable and could not be moved aside ({detail}); starting afresh",
        "progress.not_saved": "progress is not being saved: {error}",
        "progress.heading": "Progress (out of {total} points)",
        "progress.row": "{number:>2}. {title}  {status}  {score} / {points}",
        "progress.total": "Total: {score} / {total}",
        "progress.continue": "Continue at {item} (question {question})",
        "progress.file": "Saved in {path}",
        "progress.status.not-started": "not started",
        "progress.status.in-progress": "in progress",
        "progress.status.solved": "solved",
        "progress.status.given-up": "given up",
        "progress.reset.confirm": "Erase all saved progress in {path}? A backup is kept. [y/N] ",
        "progress.reset.done": "progress reset; the old file is kept as {backup}",
        "progress.reset.nothing": "no saved progress: nothing to reset",
        "progress.reset.cancelled": "reset cancelled",
        "quiz.header": "[{k}/{n}] Question {id} · {points} pt — {title}",
        "quiz.keys": "type an answer, or: ? hint · s skip · ! solution · q quit",
        "quiz.keys.self_check": "think it over, then press Enter to see the model answer (q quits)",
        "quiz.interpreted": "interpreted as: {text}",
        "quiz.verdict.correct": "correct",
        "quiz.verdict.incorrect": "incorrect",
        "quiz.verdict.invalid": "cannot read this answer",
        "quiz.note": "note: {text}",
        "quiz.attempts_left": "attempts left: {n}",
        "quiz.out_of_attempts": "no attempts left: moving on (the item goes to the review list)",
        "quiz.hint": "hint {k}/{n}: {text}",
        "quiz.no_more_hints": "no more hints: ! shows the solution",
        "quiz.skipped": "skipped",
        "quiz.solution": "Solution of {id}",
        "quiz.given_up": "counted as given up: 0 points",
        "quiz.self_check.ask": "did your answer match? (y/n) ",
        "quiz.summary.heading": "Summary",
        "quiz.summary.row": "{number:>2}. {title}: {score} / {points}",
        "quiz.summary.total": "Score: {score} / {max}",
        "quiz.summary.saved": "All saved progress: {score} / {total}",
        "quiz.summary.rule": "A solved item earns its full points, hints or not (hints used: {hints}); skipped, given-up and unsolved items earn 0.",
        "quiz.summary.review": "To review:",
        "quiz.summary.review_item": "{id}  {title}, {part}: {why}",
        "quiz.summary.review_item_nopart": "{id}  {title}: {why}",
        "quiz.summary.all_solved": "Nothing to review: every item solved.",
        "quiz.outcome.pending": "not reached",
        "quiz.outcome.skipped": "skipped",
        "quiz.outcome.given-up": "given up",
        "quiz.outcome.failed": "not solved",
        "quiz.review.empty": "nothing to review: every item is solved (run without --review to go again)",
        "quiz.error.no_items": "no quiz items for question {number}",
        "quiz.error.no_app": "the interactive quiz is not available in this build: use dltutor quiz --plain",
        "list.heading": "Homework: 8 questions, {total} points",
        "list.points": "{points} pt",
        "show.solution": "Solution",
        "show.step": "Step {k} of {n}",
        "show.part": "Part {part}",
        "error.no_question": "no question {number}: choose 1–{last}",
        "error.no_step": "question {number} has steps 1–{last}, not {step}",
        "error.bad_lang": "unknown language '{lang}': use ru or en",
        "lint.ok": "content OK: {questions} questions, {steps} solution steps in each language",
        "lint.problem": "content problem: {message}",
        "export.title": "Deep learning fundamentals: homework with solutions",
        "export.written": "wrote {path}",
        "plot.tanh.title": "tanh(z) and tanh′(z)",
        "plot.tanh.table": "tanh′(z) = 1 − tanh²(z)",
        "plot.tanh.saturated": "tanh′ < 0.01",
        "plot.tanh.help": "tanh and tanh′ on a range, with the table of tanh′ (question 2)",
        "plot.list.heading": "Plots (dltutor plot NAME):",
        "plot.error.unknown": "no plot '{name}': choose one of {names}",
        "plot.error.range": "--range A B needs A < B (got {a} {b})",
        "lab.list.heading": "Labs (dltutor lab ID [--param value …]):",
        "lab.question": "Q{n}",
        "lab.params": "Parameters:",
        "lab.views": "Figures:",
        "lab.error.unknown": "no lab '{id}': choose one of {ids}",
        "lab.error.param": "bad value for {flag}: {value} (allowed: {allowed})",
        "lab.axis.depth": "depth L",
        "lab.axis.layer": "layer",
        "lab.axis.epoch": "epoch",
        "lab.axis.step": "step",
        "lab.axis.class": "class",
        "lab.axis.channel": "channel",
        "lab.tanh.title": "tanh and vanishing gradients",
        "lab.tanh.summary": "tanh′ = 1 − tanh² is tiny once |z| > 3; multiplied over L layers it makes the gradient at layer 1 vanish, faster for larger pre-activations; ReLU′ = 1 does not.",
        "lab.tanh.p.z_min": "left end of the z range",
        "lab.tanh.p.z_max": "right end of the z range",
        "lab.tanh.p.point": "point z where tanh′ is read",
        "lab.tanh.p.depth": "depth L of the tanh chain",
        "lab.tanh.p.scale": "scale of the pre-activations z",
        "lab.tanh.v.curve": "tanh and tanh′",
        "lab.tanh.v.chain": "gradient vs depth",
        "lab.tanh.threshold": "tanh′(z) < {level} ⇔ cosh z > 1/√{level} ⇔ |z| > {z}",
        "lab.tanh.readout": "at z = {z}: tanh(z) = {tanh}, tanh′(z) = {dtanh}",
        "lab.tanh.chain": "gradient reaching layer 1 through {depth} tanh units (z = scale·ε, ε ~ N(0, 1), geometric mean over 2000 chains):",
        "lab.tanh.scale": "scale {scale}",
        "lab.tanh.relu": "ReLU′(z) = 1 for z > 0: along active units the factor stays 10^0 at any depth and scale.",
        "lab.tanh.chain.title": "log₁₀ of the gradient at layer 1 vs depth",
        "lab.softmax.title": "softmax, cross-entropy and the gradient ŷ − p",
        "lab.softmax.summary": "For any target distribution p the gradient of CE = −Σ pₖ log ŷₖ with respect to the logits z is ŷ − p; checked here by central finite differences, for a one-hot p and for the soft label 3/4 on class 1, 1/4 on class 7.",
        "lab.softmax.p.logits": "the logits z (10 numbers)",
        "lab.softmax.p.target": "the target p: soft label or one-hot",
        "lab.softmax.p.label": "the class of the one-hot target",
        "lab.softmax.v.gradient": "ŷ − p and finite differences",
        "lab.softmax.v.probs": "ŷ and p",
        "lab.softmax.fd": "finite differences",
        "lab.softmax.probs.title": "ŷ = softmax(z) and the target p   (CE = {loss})",
        "lab.softmax.grad.title": "∂CE/∂z = ŷ − p and by finite differences   (max gap {gap})",
        "lab.softmax.loss": "CE = −Σ pₖ log ŷₖ = {loss}",
        "lab.softmax.gap": "max |finite difference − (ŷ − p)| = {gap} (central differences, h = {h})",
        "lab.softmax.sum": "Σ(ŷ − p) = {total}: the gradient sums to zero since Σŷ = Σp = 1",
        "lab.network.title": "a 3→5→2→4 network and the collapse without σ",
        "lab.network.summary": "Three fully connected layers with biases: 20 + 12 + 12 = 44 parameters. Without a nonlinearity the layers compose into one affine map y = W₃W₂W₁x + b′.",
        "lab.network.p.sigma": "the nonlinearity σ between layers (off = identity)",
        "lab.network.p.seed": "seed of the random weights and input",
        "lab.network.v.params": "parameters per layer",
        "lab.network.v.output": "network vs one affine map",
        "lab.network.weights": "weights",
        "lab.network.biases": "biases",
        "lab.network.net": "network",
        "lab.network.params.title": "parameters per layer (total {total})",
        "lab.network.output.title": "y from the network and from Wx + b′   (max gap {gap})",
        "lab.network.layer": "layer {n_in}→{n_out}: W is {n_out}×{n_in} = {w} weights, b has {b}: {total}",
        "lab.network.total": "total: {total} parameters",
        "lab.network.shapes": "forward pass, shape of each vector:",
        "lab.network.collapse": "σ off: the network equals the one affine map Wx + b′ (max gap over 100 random inputs {gap})",
        "lab.network.no_collapse": "σ = {sigma}: the network is not the affine map Wx + b′ (max gap over 100 random inputs {gap})",
        # -- end of lab strings (F) --
    },
    "ru": {
        "app.title": "dltutor: основы глубокого обучения",
        "progress.error.unwritable": "не удалось сохранить прогресс в {path}: {reason}",
        "progress.warning.corrupt": "файл прогресса {path} не читается ({detail}); он сохранён как {backup}, начинаем заново",
        "progress.warning.schema": "файл прогресса {path} записан другой версией dltutor ({detail}); он сохранён как {backup}, начинаем заново",
        "progress.warning.stuck": "файл прогресса {path} не читается, и его не удалось отложить ({detail}); начинаем заново",
        "progress.not_saved": "прогресс не сохраняется: {error}",
        "progress.heading": "Прогресс (из {total} баллов)",
        "progress.row": "{number:>2}. {title}  {status}  {score} / {points}",
        "progress.total": "Итого: {score} / {total}",
        "progress.continue": "Продолжить с {item} (задача {question})",
        "progress.file": "Сохранено в {path}",
        "progress.status.not-started": "не начата",
        "progress.status.in-progress": "в процессе",
        "progress.status.solved": "решена",
        "progress.status.given-up": "сдана без решения",
        "progress.reset.confirm": "Стереть весь сохранённый прогресс в {path}? Резервная копия останется. [y/N] ",
        "progress.reset.done": "прогресс сброшен; старый файл сохранён как {backup}",
        "progress.reset.nothing": "сохранённого прогресса нет: сбрасывать нечего",
        "progress.reset.cancelled": "сброс отменён",
        "quiz.header": "[{k}/{n}] Задача {id} · {points} б. — {title}",
        "quiz.keys": "введите ответ или: ? подсказка · s пропустить · ! решение · q выход",
        "quiz.keys.self_check": "обдумайте ответ и нажмите Enter, чтобы увидеть образец (q: выход)",
        "quiz.interpreted": "понято как: {text}",
        "quiz.verdict.correct": "верно",
        "quiz.verdict.incorrect": "неверно",
        "quiz.verdict.invalid": "не удаётся прочитать ответ",
        "quiz.note": "замечание: {text}",
        "quiz.attempts_left": "осталось попыток: {n}",
        "quiz.out_of_attempts": "попытки закончились: идём дальше (пункт попадёт в список на повторение)",
        "quiz.hint": "подсказка {k}/{n}: {text}",
        "quiz.no_more_hints": "подсказок больше нет: ! покажет решение",
        "quiz.skipped": "пропущено",
        "quiz.solution": "Решение {id}",
        "quiz.given_up": "засчитано как сдача без решения: 0 баллов",
        "quiz.self_check.ask": "ваш ответ совпал? (y/n) ",
        "quiz.summary.heading": "Итоги",
        "quiz.summary.row": "{number:>2}. {title}: {score} / {points}",
        "quiz.summary.total": "Баллы: {score} / {max}",
        "quiz.summary.saved": "Весь сохранённый прогресс: {score} / {total}",
        "quiz.summary.rule": "Решённый пункт даёт полный балл, с подсказками или без (использовано подсказок: {hints}); пропущенные, сданные и нерешённые пункты дают 0.",
        "quiz.summary.review": "Повторить:",
        "quiz.summary.review_item": "{id}  {title}, {part}: {why}",
        "quiz.summary.review_item_nopart": "{id}  {title}: {why}",
        "quiz.summary.all_solved": "Повторять нечего: все пункты решены.",
        "quiz.outcome.pending": "не дошли",
        "quiz.outcome.skipped": "пропущено",
        "quiz.outcome.given-up": "сдано без решения",
        "quiz.outcome.failed": "не решено",
        "quiz.review.empty": "повторять нечего: все пункты решены (запустите без --review, чтобы пройти заново)",
        "quiz.error.no_items": "для задачи {number} нет пунктов теста",
        "quiz.error.no_app": "интерактивный тест недоступен в этой сборке: используйте dltutor quiz --plain",
        "list.heading": "Домашнее задание: 8 задач, {total} баллов",
        "list.points": "{points} б.",
        "show.solution": "Решение",
        "show.step": "Шаг {k} из {n}",
        "show.part": "Пункт {part}",
        "error.no_question": "нет задачи {number}: выберите 1–{last}",
        "error.no_step": "в задаче {number} шаги 1–{last}, а не {step}",
        "error.bad_lang": "неизвестный язык '{lang}': используйте ru или en",
        "lint.ok": "контент в порядке: задач {questions}, шагов решения на каждом языке {steps}",
        "lint.problem": "ошибка в контенте: {message}",
        "export.title": "Основы глубокого обучения: домашнее задание с решениями",
        "export.written": "записано в {path}",
        "plot.tanh.title": "tanh(z) и tanh′(z)",
        "plot.tanh.table": "tanh′(z) = 1 − tanh²(z)",
        "plot.tanh.saturated": "tanh′ < 0.01",
        "plot.tanh.help": "tanh и tanh′ на отрезке и таблица значений tanh′ (задача 2)",
        "plot.list.heading": "Графики (dltutor plot ИМЯ):",
        "plot.error.unknown": "нет графика '{name}': выберите один из {names}",
        "plot.error.range": "для --range A B нужно A < B (получено {a} {b})",
        "lab.list.heading": "Лабораторные (dltutor lab ID [--параметр значение …]):",
        "lab.question": "З{n}",
        "lab.params": "Параметры:",
        "lab.views": "Графики:",
        "lab.error.unknown": "нет лабораторной '{id}': выберите одну из {ids}",
        "lab.error.param": "недопустимое значение {flag}: {value} (допустимо: {allowed})",
        "lab.axis.depth": "глубина L",
        "lab.axis.layer": "слой",
        "lab.axis.epoch": "эпоха",
        "lab.axis.step": "шаг",
        "lab.axis.class": "класс",
        "lab.axis.channel": "канал",
        "lab.tanh.title": "tanh и затухание градиентов",
        "lab.tanh.summary": "tanh′ = 1 − tanh² очень мала уже при |z| > 3; перемножаясь по L слоям, такие множители гасят градиент на первом слое, тем быстрее, чем больше предактивации; у ReLU′ = 1 этого нет.",
        "lab.tanh.p.z_min": "левый конец отрезка z",
        "lab.tanh.p.z_max": "правый конец отрезка z",
        "lab.tanh.p.point": "точка z, в которой читается tanh′",
        "lab.tanh.p.depth": "глубина L цепочки tanh",
        "lab.tanh.p.scale": "масштаб предактиваций z",
        "lab.tanh.v.curve": "tanh и tanh′",
        "lab.tanh.v.chain": "градиент и глубина",
        "lab.tanh.threshold": "tanh′(z) < {level} ⇔ cosh z > 1/√{level} ⇔ |z| > {z}",
        "lab.tanh.readout": "в точке z = {z}: tanh(z) = {tanh}, tanh′(z) = {dtanh}",
        "lab.tanh.chain": "градиент, дошедший до слоя 1 через {depth} нейронов tanh (z = масштаб·ε, ε ~ N(0, 1), среднее геометрическое по 2000 цепочкам):",
        "lab.tanh.scale": "масштаб {scale}",
        "lab.tanh.relu": "ReLU′(z) = 1 при z > 0: по активным нейронам множитель остаётся 10^0 при любой глубине и масштабе.",
        "lab.tanh.chain.title": "log₁₀ градиента на слое 1 в зависимости от глубины",
        "lab.softmax.title": "softmax, кросс-энтропия и градиент ŷ − p",
        "lab.softmax.summary": "Для любого целевого распределения p градиент CE = −Σ pₖ log ŷₖ по логитам z равен ŷ − p; здесь он проверяется центральными конечными разностями для one-hot p и для мягкой метки 3/4 на классе 1, 1/4 на классе 7.",
        "lab.softmax.p.logits": "логиты z (10 чисел)",
        "lab.softmax.p.target": "цель p: мягкая метка (soft) или one-hot",
        "lab.softmax.p.label": "класс для one-hot цели",
        "lab.softmax.v.gradient": "ŷ − p и конечные разности",
        "lab.softmax.v.probs": "ŷ и p",
        "lab.softmax.fd": "конечные разности",
        "lab.softmax.probs.title": "ŷ = softmax(z) и цель p   (CE = {loss})",
        "lab.softmax.grad.title": "∂CE/∂z = ŷ − p и конечные разности   (макс. расхождение {gap})",
        "lab.softmax.loss": "CE = −Σ pₖ log ŷₖ = {loss}",
        "lab.softmax.gap": "max |конечная разность − (ŷ − p)| = {gap} (центральные разности, h = {h})",
        "lab.softmax.sum": "Σ(ŷ − p) = {total}: сумма компонент градиента равна нулю, так как Σŷ = Σp = 1",
        "lab.network.title": "сеть 3→5→2→4 и её вырождение без σ",
        "lab.network.summary": "Три полносвязных слоя со смещениями: 20 + 12 + 12 = 44 параметра. Без нелинейности слои складываются в одно аффинное отображение y = W₃W₂W₁x + b′.",
        "lab.network.p.sigma": "нелинейность σ между слоями (off — тождественная)",
        "lab.network.p.seed": "зерно случайных весов и входа",
        "lab.network.v.params": "параметры по слоям",
        "lab.network.v.output": "сеть и одно аффинное отображение",
        "lab.network.weights": "веса",
        "lab.network.biases": "смещения",
        "lab.network.net": "сеть",
        "lab.network.params.title": "параметры по слоям (всего {total})",
        "lab.network.output.title": "y сети и Wx + b′   (макс. расхождение {gap})",
        "lab.network.layer": "слой {n_in}→{n_out}: W размера {n_out}×{n_in} = {w} весов, в b {b}: {total}",
        "lab.network.total": "всего: {total} параметра",
        "lab.network.shapes": "прямой проход, размерность каждого вектора:",
        "lab.network.collapse": "σ выключена: сеть совпадает с одним аффинным отображением Wx + b′ (макс. расхождение на 100 случайных входах {gap})",
        "lab.network.no_collapse": "σ = {sigma}: сеть не сводится к аффинному отображению Wx + b′ (макс. расхождение на 100 случайных входах {gap})",
        # -- end of lab strings (F) --
    },
}


def t(key: str, lang: str, **values: object) -> str:
    """Look up a UI string; a missing translation falls back to English, then the key."""
    table = _STRINGS.get(lang, _STRINGS[DEFAULT_LANG])
    text = table.get(key) or _STRINGS[DEFAULT_LANG].get(key) or key
    return text.format(**values) if values else text


def strings(lang: str) -> Mapping[str, str]:
    """All UI strings of one language (for tests that compare the tables)."""
    return _STRINGS[lang]


def lang_from_locale(environ: Mapping[str, str] | None = None) -> str:
    """Russian when the locale says so, else English.

    The order is POSIX's: LC_ALL overrides LC_MESSAGES overrides LANG; LANGUAGE
    (a GNU list such as ``ru:en``) is consulted first when set.
    """
    env = os.environ if environ is None else environ
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var, "")
        if not value:
            continue
        first = value.split(":")[0].strip().lower()
        if first in ("", "c", "posix"):
            if var == "LANGUAGE":
                continue
            return DEFAULT_LANG
        return "ru" if first.startswith("ru") else DEFAULT_LANG
    return DEFAULT_LANG


def resolve_lang(flag: str | None, environ: Mapping[str, str] | None = None) -> str:
    """``--lang`` first, then ``DLTUTOR_LANG``, then the locale."""
    env = os.environ if environ is None else environ
    for candidate in (flag, env.get("DLTUTOR_LANG")):
        if candidate:
            code = candidate.strip().lower()[:2]
            if code in LANGS:
                return code
    return lang_from_locale(env)
