"""Every number a solution states, in its prose as well as its formulas and tables.

Two general checks:

1. The Russian and English texts state the same numbers, step by step (and so do
   the statements, part titles and every quiz text, piece by piece), up to the
   decimal comma: an edit to one language alone fails.
2. Every number of a solution is accounted for by an independent computation
   of this file (the layer sizes give 15, 20, 33, 44; tanh′ gives 0.07065; the
   paper's defaults give 0.905 …), except cross-references (question 6, p. 3,
   Algorithm 1, a year) and the few setup values an example chooses, each listed
   with its reason: an edit of both languages to a number nothing produces fails.

Targeted tests then pin the sentences whose number is the point (``44 trainable
parameters``), so that even swapping in another number the question produces fails.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable

import numpy as np
import pytest
from prose_numbers import Stated, stated_numbers

from tutor.content.loader import load_course
from tutor.quiz.items import load_items

LANGS = ("ru", "en")
#: numbers that are structure rather than claims: indices, exponents of a square, a half, "1 −"
STRUCTURAL = (0.0, 1.0, 2.0)
#: cross-references and citations carry numbers that are not claims
REFERENCE = re.compile(
    r"\b(?:[Qq]uestions?|[Ll]ectures?|[Pp]arts?|[Ss]ections?|Algorithms?|Propositions?|[Ss]teps?|p\.|"
    r"[Зз]адач\w*|[Лл]екци\w*|[Пп]ункт\w*|[Рр]аздел\w*|[Аа]лгоритм\w*|[Уу]тверждени\w*|[Шш]аг\w*|с\.)"
    r"\s+\d+(?:\.\d+)?(?:\s*(?:and|и|,|–|-)\s*\d+(?:\.\d+)?)*"
    r"|,\s*(?:19|20)\d\d\b"  # (He et al., 2015)
)


def _course():  # type: ignore[no-untyped-def]
    return load_course(cached=False)


def numbers(text: str) -> list[Stated]:
    return stated_numbers(REFERENCE.sub(" ", text))


def _key(s: Stated) -> str:
    return f"{s.value:.12g}"


# ---------------------------------------------------------------- 1. the same numbers in both languages


def _pairs() -> Iterable[tuple[str, str, str]]:
    """(where, ru text, en text) of every piece of text that exists in both languages."""
    course = _course()
    for q in course:
        for ru, en in zip(q.steps["ru"], q.steps["en"], strict=True):
            yield f"Q{q.number} step {ru.index}", f"{ru.title}\n{ru.body}", f"{en.title}\n{en.body}"
        yield f"Q{q.number} statement", q.statement["ru"], q.statement["en"]
        yield f"Q{q.number} title", q.title["ru"], q.title["en"]
        for part in q.parts:
            yield f"part {part.id} title", part.title["ru"], part.title["en"]
    for item in load_items(course):
        yield f"{item.id} prompt", item.prompt["ru"], item.prompt["en"]
        for k, hint in enumerate(item.hints, start=1):
            yield f"{item.id} hint {k}", hint["ru"], hint["en"]
        spec = item.spec
        mistakes = getattr(spec, "mistakes", ()) or ()
        alternatives = list(mistakes.values() if isinstance(mistakes, dict) else mistakes)  # a choice maps options
        alternatives += list(getattr(spec, "conventions", ()))
        for alt in alternatives:
            yield f"{item.id} message {alt.id}", alt.note["ru"], alt.note["en"]
        for k, option in enumerate(getattr(spec, "options", ())):
            yield f"{item.id} option {k}", option["ru"], option["en"]


PAIRS = list(_pairs())


@pytest.mark.parametrize(("where", "ru", "en"), PAIRS, ids=[p[0] for p in PAIRS])
def test_russian_and_english_state_the_same_numbers(where: str, ru: str, en: str) -> None:
    ru_numbers = Counter(_key(s) for s in numbers(ru))
    en_numbers = Counter(_key(s) for s in numbers(en))
    assert ru_numbers == en_numbers, (dict(ru_numbers - en_numbers), dict(en_numbers - ru_numbers))


def test_a_number_changed_in_one_language_is_caught() -> None:
    en = "So the network has 44 trainable parameters."
    ru = "Итак, у сети 45 обучаемых параметров."
    assert Counter(_key(s) for s in numbers(ru)) != Counter(_key(s) for s in numbers(en))
    assert [s.value for s in numbers("1,5 и $1.816 \\cdot 10^{-4}$ и 10 000")] == pytest.approx([1.5, 1.816e-4, 10000])
    assert numbers("задача 6, question 6, p. 3, Algorithm 1 and 2, (He et al., 2015)") == []


# ---------------------------------------------------------------- 2. every number accounted for


def dtanh(z: float) -> float:
    return 1 / math.cosh(z) ** 2


def facts_1() -> dict[float, str]:
    x = np.array([1.0, 2.0, 3.0])
    facts = {float(v): "∇g = 2x at x = (1, 2, 3)" for v in 2 * x}
    facts.update({float(v): "the example x" for v in x})
    facts[float(x @ x)] = "g(x) = xᵀx at the example"
    return facts


def facts_2() -> dict[float, str]:
    facts: dict[float, str] = {}
    for z in (0.0, 1.0, 2.0, 3.0, 5.0, 10.0):  # the table's points
        facts[z] = "a point of the table"
        facts[math.tanh(z)] = f"tanh({z:g})"
        facts[dtanh(z)] = f"tanh′({z:g})"
    for level in (0.01, 0.001):
        facts[level] = "a level of tanh′"
        facts[1 / level] = "1/level"
        facts[1 / math.sqrt(level)] = "1/√level"
        facts[math.acosh(1 / math.sqrt(level))] = "the threshold arccosh(1/√level)"
    facts[math.acosh(math.sqrt(2))] = "tanh′ = 1/2"
    facts[math.e**2] = "the factor per unit of z"
    facts[4.0] = "sech² z = 4/(e^z + e^−z)²"
    layers, mild = 5, 0.1
    facts.update({layers: "the chain's depth", mild: "a mild factor", mild**layers: "0.1⁵"})
    facts[dtanh(2.0) ** layers] = "tanh′(2)⁵"
    facts[round(dtanh(1.0), 2)] = "tanh′(1) rounded"
    facts[round(dtanh(1.0), 2) ** layers] = "0.42⁵"
    facts[6.0] = "the plotted interval [−6, 6] (the directive's default)"
    facts[5 / 3] = facts[5.0] = facts[3.0] = "the tanh gain 5/3"
    below_one = float(np.float32(1) - np.nextafter(np.float32(1), np.float32(0)))
    facts[below_one / 2] = "half the float32 gap below 1"
    facts[-math.log2(below_one / 2)] = "its exponent"
    facts[1 - math.tanh(10.0)] = "1 − tanh 10"
    return facts


def facts_3() -> dict[float, str]:
    seed_p = [0, 3 / 4, 0, 0, 0, 0, 1 / 4, 0, 0]  # the statement's vector as printed
    k = 10  # MNIST: the digits 0–9
    p = np.zeros(k)
    p[1], p[7] = 3 / 4, 1 / 4
    z = np.zeros(k)
    z[1], z[7] = 2.0, 1.0
    e = np.exp(z)
    y = e / e.sum()
    facts: dict[float, str] = {float(len(seed_p)): "entries printed", float(k): "classes", 9.0: "the last digit"}
    facts.update({3.0: "three annotators of four", 4.0: "annotators", 1.0: "class 1", 7.0: "class 7"})
    gap_printed = seed_p.index(1 / 4) - seed_p.index(3 / 4) - 1
    facts[float(gap_printed)] = "zeros printed between 3/4 and 1/4"
    facts[float(7 - 1 - 1)] = "zeros needed between them"
    facts.update({2.0: "first position between", 6.0: "last position between"})
    facts.update({float(v): "p" for v in (3 / 4, 1 / 4)})
    facts.update({float(v): "a logit" for v in (2.0, 1.0)})
    facts[float(k - 2)] = "logits at 0 (e⁰ = 1 each)"
    facts[float(e.sum())] = "Σ exp zₖ"
    facts.update({float(v): "ŷ" for v in y})
    facts.update({float(abs(v)): "ŷ − p" for v in y - p})
    facts[float(-(p[p > 0] * np.log(y[p > 0])).sum())] = "CE"
    facts[float(-(p[p > 0] * np.log(p[p > 0])).sum())] = "entropy of p"
    return facts


def facts_4() -> dict[float, str]:
    sizes = (3, 5, 2, 4)
    facts = {float(s): "a layer size" for s in sizes}
    weights = [a * b for a, b in itertools.pairwise(sizes)]
    biases = list(sizes[1:])
    facts.update({float(w): "weights of a layer" for w in weights})
    facts.update({float(w + b): "parameters of a layer" for w, b in zip(weights, biases, strict=True)})
    facts[float(sum(weights))] = "all weights"
    facts[float(sum(biases))] = "all biases"
    facts[float(sum(weights) + sum(biases))] = "all parameters"
    facts[float(min(sizes))] = "the bottleneck: rank W′ ≤ 2"
    return facts


def facts_5() -> dict[float, str]:
    facts = {0.001: "the paper's α and AdamW's default lr", 0.9: "β₁", 0.999: "β₂", 1e-8: "ε",
             1e-2: "AdamW's default weight_decay"}
    facts[1e-3 * 1e-2] = "λ = lr·wd"
    steps = 10_000.0
    facts[steps] = "a training run's length"
    facts[(1 - 1e-3 * 1e-2) ** steps] = "the decay over it"
    facts[1 / (1 - 0.9)] = "the steady-state amplification 1/(1 − β₁)"
    from test_review_q5 import _lab_paths, _max_gap

    facts[_max_gap(*_lab_paths(0.9, 0.01 / 0.02))] = "the lab's distance with momentum"
    facts[_max_gap(*_lab_paths(0.9, (1 - 0.9) * 0.01 / 0.02))] = "the distance at the steady-state rescaling"
    facts[3.0] = "the paper's page"
    return facts


def facts_6() -> dict[float, str]:
    from test_numbers_q5_q8 import BATCH, DEPTH, WIDTH, deep_net

    nodes, weights = np.polynomial.hermite_e.hermegauss(80)
    weights = weights / weights.sum()
    e_tanh2 = float((weights * np.tanh(nodes) ** 2).sum())
    q = 1.0
    for _ in range(200):  # the fixed point of q = (5/3)² E[tanh²(√q ξ)]
        q = (5 / 3) ** 2 * float((weights * np.tanh(math.sqrt(q) * nodes) ** 2).sum())
    facts: dict[float, str] = {e_tanh2: "E[tanh²(ξ)]", round(e_tanh2 * 100, -1): "in per cent", q: "the fixed point",
                               math.sqrt(q / (5 / 3) ** 2): "the activations' std there"}
    facts.update({5 / 3: "tanh's gain", math.sqrt(2): "ReLU's gain", math.sqrt(2 / (1 + 0.01**2)): "leaky ReLU's",
                  0.01: "leaky ReLU's default slope", 0.75: "SELU's gain", 3 / 4: "SELU", 3.0: "SELU 3/4, gain 3",
                  4.0: "SELU 3/4"})
    facts.update({5.0: "a = √5", 6.0: "1 + 5; √(6/…) of xavier_uniform", math.sqrt(1 / 3): "gain at a = √5"})
    facts.update({float(WIDTH): "the width", float(BATCH): "the batch", float(DEPTH): "the depth",
                  256.0: "the lab's batch", float(DEPTH - 1): "layers after the first",
                  2 ** ((DEPTH - 1) / 2): "√2 per layer over 19 layers"})
    facts[1 / math.sqrt(2 * DEPTH)] = "1/√(2L) at L = 20"
    facts[2.0 * DEPTH] = "2L"
    for nonlinearity, gains in (("tanh", (1.0, 5 / 3, 3.0)), ("relu", (1.0, math.sqrt(2), 2.0))):
        for gain in gains:
            facts[gain] = "a gain of the table"
            for key, value in deep_net(nonlinearity, gain).items():
                facts[value] = f"{nonlinearity} gain {gain:.3g}: {key}"
    facts[deep_net("tanh", 5 / 3)["grad"] ** (1 / DEPTH)] = "the gradient's growth per layer"
    facts.update({0.99: "the saturation level", 1 - 0.99**2: "tanh′ there", 0.9: "another level"})
    lasts = [deep_net("relu", math.sqrt(2), seed)["last"] for seed in range(4)]
    facts.update({0.6: f"below the seeds' range {min(lasts):.2f}", 1.3: f"above it {max(lasts):.2f}"})
    facts[1000.0] = "a thousand times"
    return facts


def facts_7() -> dict[float, str]:
    facts: dict[float, str] = {0.1: "PyTorch's default momentum of BatchNorm", 3.2: "the paper's section"}
    for c in (3, 64, 256):
        facts.update({float(c): "C", float(2 * c): "2C", float(2 * c + 1): "2C + 1 in the buffers"})
    return facts


def facts_8() -> dict[float, str]:
    from test_numbers_q5_q8 import cosine_lr, early_stopping, step_lr

    losses = [1.00, 0.80, 0.70, 0.66, 0.65, 0.67, 0.66, 0.68, 0.70]
    best, stop = early_stopping(losses, patience=3)
    facts: dict[float, str] = {float(v): "a validation loss of the example" for v in losses}
    facts.update({float(t): "an epoch" for t in range(0, 11)})
    facts.update({float(best): "t*", float(stop): "the stop"})
    facts.update({step_lr(t, 0.1, 3, 0.1): "StepLR" for t in range(7)})
    facts.update({cosine_lr(t, 0.1, 10): "cosine" for t in range(11)})
    eps, k = 0.1, 10
    facts.update({1 - eps + eps / k: "smoothed target", eps / k: "the others"})
    facts.update({0.5: "p", 1 / (1 - 0.5): "1/(1 − p)", 1 / (1 - 0.1): "1/(1 − 0.1)"})
    facts[180.0] = "a half turn (6 ↔ 9)"
    return facts


#: the experiments of question 6 are approximate by design ("the figures depend on the seed by a few per cent")
RELATIVE = {6: 0.03}

FACTS: dict[int, Callable[[], dict[float, str]]] = {
    1: facts_1, 2: facts_2, 3: facts_3, 4: facts_4, 5: facts_5, 6: facts_6, 7: facts_7, 8: facts_8,
}


@pytest.mark.parametrize("number", sorted(FACTS))
def test_every_number_of_a_solution_is_accounted_for(number: int) -> None:
    facts = FACTS[number]()
    known = list(facts) + list(STRUCTURAL)
    relative = RELATIVE.get(number, 1e-9)
    question = _course().question(number)
    assert question is not None
    unknown = []
    for lang in LANGS:
        for step in question.steps[lang]:
            for stated in numbers(f"{step.title}\n{step.body}"):
                if not any(stated.matches(v) or abs(stated.value - v) <= relative * abs(v) for v in known):
                    unknown.append((lang, step.index, stated.text))
    assert not unknown, unknown


def test_a_number_nothing_produces_is_caught() -> None:
    facts = list(facts_4()) + list(STRUCTURAL)
    (stated,) = numbers("So the network has 45 trainable parameters.")
    assert not any(stated.matches(v) for v in facts)


# ---------------------------------------------------------------- 3. the sentences whose number is the point


def _solution(number: int, lang: str) -> str:
    question = _course().question(number)
    assert question is not None
    return "\n".join(f"{s.title}\n{s.body}" for s in question.steps[lang])


def test_the_network_has_44_trainable_parameters() -> None:
    sizes = (3, 5, 2, 4)
    total = sum(a * b + b for a, b in itertools.pairwise(sizes))
    weights = sum(a * b for a, b in itertools.pairwise(sizes))
    for lang, pattern in (("en", r"the network has (\d+) trainable parameters"),
                          ("ru", r"у сети (\d+) обучаемых параметр")):
        assert [int(n) for n in re.findall(pattern, _solution(4, lang))] == [total]
    for lang in LANGS:
        text = _solution(4, lang)
        assert f"$15 + 10 + 8 = {weights}$" in text and f"$5 + 2 + 4 = {total - weights}$" in text
        assert r"\operatorname{rank} W' \le 2" in text


def test_the_q1_example() -> None:
    for lang in LANGS:
        text = _solution(1, lang)
        assert "$g(x) = 14$" in text and r"$\nabla_x g = (2, 4, 6)$" in text


def test_the_q7_answer_sentence() -> None:
    assert "**$2C$ learnable parameters**" in _solution(7, "en")
    assert "**$2C$ обучаемых параметров**" in _solution(7, "ru")
