"""Every variant family, on many seeds: it generates, it is judged as it says, and its numbers are right.

The numbers are recomputed here from the variant's drawn parameters with plain floats and numpy (and
with PyTorch in tests/test_variants_torch.py when it is installed), never with the families' own helpers.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from functools import cache
from typing import Any

import numpy as np
import pytest

from tutor.answers import check_answer
from tutor.answers.evaluate import SampleGroup, evaluate
from tutor.answers.parser import parse
from tutor.answers.spec import ChoiceSpec, ExpressionSpec
from tutor.practice.loader import get_family, load_families
from tutor.practice.model import Variant

FAMILIES = [f.id for f in load_families()]
#: families answered with one number (vector answers have their own tests in test_variants_vectors.py)
SCALAR_FAMILIES = [f for f in FAMILIES if get_family(f).variant(0).vector is None]
#: every family generates this many seeds
SEEDS = range(200)
#: of which these are judged in full (each check costs a couple of milliseconds)
JUDGED = range(40)
#: and these also in Russian
JUDGED_RU = range(5)


@cache
def variants(family_id: str) -> tuple[Variant, ...]:
    family = get_family(family_id)
    assert family is not None
    return tuple(family.variant(seed) for seed in SEEDS)


# ---------------------------------------------------------------- generation and judging


@pytest.mark.parametrize("family_id", FAMILIES)
def test_200_seeds_generate(family_id: str) -> None:
    generated = variants(family_id)
    assert len(generated) == len(SEEDS)
    assert len({(v.statement["en"], repr(v.item.spec)) for v in generated}) >= 10, "the seeds should differ"
    for v in generated:
        assert v.statement["ru"].strip() and v.statement["en"].strip() and v.answer["ru"] and v.answer["en"]
        assert v.statement["ru"] != v.statement["en"]
        assert len(v.solution("ru")) == len(v.solution("en")) >= 2


@pytest.mark.parametrize("family_id", FAMILIES)
def test_reference_is_accepted_and_every_mistake_rejected_as_itself(family_id: str) -> None:
    for v in variants(family_id)[: len(JUDGED)]:
        for lang in ("en", "ru") if v.seed in JUDGED_RU else ("en",):
            spec = v.item.spec
            if isinstance(spec, ChoiceSpec):
                assert check_answer(v.item, str(spec.answer + 1), lang).correct
                for index, alternative in spec.mistakes.items():
                    verdict = check_answer(v.item, "abcd"[index] if lang == "en" else "абвг"[index], lang)
                    assert (verdict.status, verdict.mistake, verdict.message) == (
                        "incorrect", alternative.id, alternative.note[lang]), (v.id, verdict)
                continue
            verdict = check_answer(v.item, spec.answer, lang)
            assert verdict.correct and verdict.convention is None, (v.id, verdict)
            for convention in spec.conventions:
                verdict = check_answer(v.item, convention.answer, lang)
                assert verdict.correct and verdict.convention == convention.id, (v.id, verdict)
            for alternative in spec.mistakes:
                if not alternative.answer:
                    continue
                verdict = check_answer(v.item, alternative.answer, lang)
                assert verdict.status == "incorrect" and verdict.mistake == alternative.id, (v.id, verdict)
                assert alternative.note[lang] in verdict.message


@pytest.mark.parametrize("family_id", [f for f in SCALAR_FAMILIES
                                       if getattr(get_family(f).variant(0).item.spec, "tolerance", 0)])
def test_a_rounded_answer_is_accepted(family_id: str) -> None:
    """Three significant digits, as the statements ask, always pass; the exact value is then shown."""
    for v in variants(family_id)[:15]:
        rounded = f"{float(v.value):.3g}" if abs(v.value) >= 1e-4 else f"{float(v.value):.3e}"
        assert check_answer(v.item, rounded).correct, (v.id, rounded, v.value)


# ---------------------------------------------------------------- numbers, recomputed


def _softmax(z: Any) -> np.ndarray:
    e = np.exp(np.asarray(z, dtype=float))
    return e / e.sum()


def _sigmoid(z: float) -> float:
    return 1 / (1 + math.exp(-z))


def _slope(name: str, z: float) -> float:
    return {"tanh": 1 - math.tanh(z) ** 2, "sigmoid": _sigmoid(z) * (1 - _sigmoid(z)), "softplus": _sigmoid(z)}[name]


def _bisect(f: Callable[[float], float], low: float, high: float) -> float:
    for _ in range(200):
        mid = (low + high) / 2
        if (f(low) > 0) == (f(mid) > 0):
            low = mid
        else:
            high = mid
    return (low + high) / 2


def _q1_quadratic(p: dict) -> tuple[float, list[float]]:
    a = np.array(p["A"], dtype=float)
    s = a + a.T
    return float((s @ np.array(p["x"]))[p["index"]]), list(s[p["index"]])


def _q1_least_squares(p: dict) -> tuple[float, list[float]]:
    a, b, x = (np.array(p[k], dtype=float) for k in ("A", "b", "x"))
    r = a @ x - b
    return float((1 if p["half"] else 2) * (a.T @ r)[p["index"]]), list(r)


def _q2_derivative(p: dict) -> tuple[float, list[float]]:
    z = float(p["z"])
    inner = math.tanh(z) if p["function"] == "tanh" else _sigmoid(z)
    return _slope(p["function"], z), [inner]


def _q2_saturation(p: dict) -> tuple[float, list[float]]:
    eps = float(p["eps"])
    threshold = _bisect(lambda z: _slope(p["function"], z) - eps, 0.0, 40.0)
    shown = 1 / math.sqrt(eps) if p["function"] == "tanh" else (1 + math.sqrt(1 - 4 * eps)) / 2
    return threshold, [shown]


def _q2_product(p: dict) -> tuple[float, list[float]]:
    slope = _slope(p["function"], float(p["z"]))
    return slope ** p["layers"], [slope]


def _q3_component(p: dict) -> tuple[float, list[float]]:
    y = _softmax(p["z"])
    return float(y[p["index"]] - float(p["p"][p["index"]])), list(y)


def _q3_smoothing(p: dict) -> tuple[float, list[float]]:
    k, eps = len(p["z"]), float(p["eps"])
    target = [(1 - eps) * (j == p["label"]) + eps / k for j in range(k)]
    y = _softmax(p["z"])
    return float(y[p["index"]] - target[p["index"]]), list(y) + target


def _q3_loss(p: dict) -> tuple[float, list[float]]:
    y = _softmax(p["z"])
    loss = -sum(float(pk) * math.log(yk) for pk, yk in zip(p["p"], y, strict=True) if pk)
    return loss, [*y, math.log(np.exp(np.asarray(p["z"], dtype=float)).sum())]


def _q4_params(p: dict) -> tuple[float, list[float]]:
    sizes = p["sizes"]
    per_layer = [sizes[i] * sizes[i + 1] + sizes[i + 1] for i in range(len(sizes) - 1)]
    return sum(per_layer), per_layer


def _q4_shape(p: dict) -> tuple[float, list[float]]:
    rows, cols = p["sizes"][p["layer"]], p["sizes"][p["layer"] - 1]
    return (rows if p["rows"] else cols), [rows, cols]


def _q5_sgd(p: dict) -> tuple[float, list[float]]:
    theta, g, m, beta, alpha, eta, lam = (float(p[k]) for k in ("theta", "g", "m", "beta1", "alpha", "eta", "lambda"))
    if p["decoupled"]:
        m_t = beta * m + eta * alpha * g
        return theta - m_t - eta * lam * theta, [m_t]
    g_t = g + lam * theta
    m_t = beta * m + eta * alpha * g_t
    return theta - m_t, [g_t, m_t]


def _adam(p: dict, g: float) -> list[float]:
    t, b1, b2 = p["t"], float(p["beta1"]), float(p["beta2"])
    m = b1 * float(p["m"]) + (1 - b1) * g
    v = b2 * float(p["v"]) + (1 - b2) * g * g
    m_hat, v_hat = m / (1 - b1**t), v / (1 - b2**t)
    return [m, v, m_hat, v_hat, m_hat / (math.sqrt(v_hat) + 1e-8)]


def _q5_adamw(p: dict) -> tuple[float, list[float]]:
    shown = _adam(p, float(p["g"]))
    theta = float(p["theta"])
    return theta - float(p["eta"]) * (float(p["lr"]) * shown[-1] + float(p["decay"]) * theta), shown


def _q5_adam_l2(p: dict) -> tuple[float, list[float]]:
    theta, wd = float(p["theta"]), float(p["decay"])
    g = float(p["g"]) + wd * theta
    shown = _adam(p, g)
    return theta - float(p["lr"]) * shown[-1], [g, *shown]


def _q5_torch_args(p: dict) -> tuple[float, list[float]]:
    alpha, lam, wd = float(p["alpha"]), float(p["lambda"]), float(p["wd"])
    if p["form"] in ("adamw-wd", "sgd-wd"):
        return lam / alpha, []
    if p["form"] == "adamw-lambda":
        return alpha * wd, []
    return (1 - alpha * wd) ** p["steps"], []


GAINS = {"linear": 1.0, "conv2d": 1.0, "sigmoid": 1.0, "tanh": 5 / 3, "relu": math.sqrt(2), "selu": 0.75}


def _q6_gain(p: dict) -> tuple[float, list[float]]:
    if p["nonlinearity"] == "leaky_relu":
        slope = float(re.search(r", ([\d.]+)\)", p["call"]).group(1))
        return math.sqrt(2 / (1 + slope**2)), []
    return GAINS[p["nonlinearity"]], []


def _q6_kaiming(p: dict) -> tuple[float, list[float]]:
    fan = p["fan_in"] if p["mode"] == "fan_in" else p["fan_out"]
    slope = 0.0 if p["slope"] is None else float(p["slope"])
    std = math.sqrt(2 / (1 + slope**2)) / math.sqrt(fan)
    return (math.sqrt(3) * std if p["uniform"] else std), [fan]


XAVIER_GAINS = {"1.0": 1.0, "2.0": 2.0, "0.5": 0.5, "nn.init.calculate_gain('tanh')": 5 / 3,
                "nn.init.calculate_gain('relu')": math.sqrt(2)}


def _q6_xavier(p: dict) -> tuple[float, list[float]]:
    std = XAVIER_GAINS[p["gain"]] * math.sqrt(2 / (p["fan_in"] + p["fan_out"]))
    return (math.sqrt(3) * std if p["uniform"] else std), [p["fan_in"], p["fan_out"]]


def _q7_params(p: dict) -> tuple[float, list[float]]:
    return 2 * p["affine_size"], [p["affine_size"]]


def _q7_state(p: dict) -> tuple[float, list[float]]:
    code, c = p["code"], p["channels"]
    if "BatchNorm" in code:
        params = 0 if "affine=False" in code else 2 * c
        buffers = 0 if "track_running_stats=False" in code else 2 * c + 1
    else:
        params, buffers = 2 * c, 0
    return params + buffers, [params, buffers]


def _q7_count(p: dict) -> tuple[float, list[float]]:
    b, c, h, w, g = p["B"], p["C"], p["h"], p["w"], p["groups"]
    per = {"batch": b * h * w, "layer": c * h * w, "instance": h * w, "group": c // g * h * w}[p["kind"]]
    count = {"batch": c, "layer": b, "instance": b * c, "group": b * g}[p["kind"]]
    return (count if p["ask_count"] else per), [per, count]


def _q8_step(p: dict) -> tuple[float, list[float]]:
    k = p["epoch"] // p["step_size"]
    return float(p["lr0"]) * float(p["gamma"]) ** k, [k]


def _q8_exponential(p: dict) -> tuple[float, list[float]]:
    return float(p["lr0"]) * float(p["gamma"]) ** p["epoch"], []


def _q8_cosine(p: dict) -> tuple[float, list[float]]:
    lo, hi = float(p["eta_min"]), float(p["lr0"])
    c = math.cos(math.pi * p["epoch"] / p["t_max"])
    return lo + (hi - lo) * (1 + c) / 2, [c]


def _q8_early(p: dict) -> tuple[float, list[float]]:
    losses, patience = [float(v) for v in p["losses"]], p["patience"]
    best, best_epoch = math.inf, 0
    for epoch, loss in enumerate(losses, start=1):
        if loss < best:
            best, best_epoch = loss, epoch
        if epoch - best_epoch >= patience:
            return epoch, [best_epoch]
    raise AssertionError("the curve never stops")


def _q8_dropout(p: dict) -> tuple[float, list[float]]:
    h, q = float(p["h"]), float(p["p"])
    return {"kept": h / (1 - q), "mean": h, "classic": h * (1 - q)}[p["form"]], [1 - q]


#: family id -> params -> (the answer's value, numbers the worked solution must state)
NUMBER_FAMILIES: dict[str, Callable[[dict], tuple[float, list[float]]]] = {
    "1.quadratic-form": _q1_quadratic, "1.least-squares": _q1_least_squares,
    "2.derivative-at": _q2_derivative, "2.saturation": _q2_saturation, "2.depth-product": _q2_product,
    "3.component": _q3_component, "3.smoothing": _q3_smoothing, "3.loss-value": _q3_loss,
    "4.params": _q4_params, "4.shape": _q4_shape,
    "5.sgd-step": _q5_sgd, "5.adamw-step": _q5_adamw, "5.adam-l2-step": _q5_adam_l2, "5.torch-args": _q5_torch_args,
    "6.gain": _q6_gain, "6.kaiming": _q6_kaiming, "6.xavier": _q6_xavier,
    "7.norm-params": _q7_params, "7.norm-state": _q7_state, "7.stat-count": _q7_count,
    "8.step-lr": _q8_step, "8.exponential-lr": _q8_exponential, "8.cosine-lr": _q8_cosine,
    "8.early-stopping": _q8_early, "8.dropout": _q8_dropout,
}

_SCIENTIFIC = re.compile(r"(-?\d+(?:\.\d+)?) \\cdot 10\^\{(-?\d+)\}")
_FRACTION = re.compile(r"\\frac\{(-?\d+)\}\{(\d+)\}")
_PLAIN = re.compile(r"(?<![\w.])-?\d+(?:\.\d+)?")


def numbers_in(markdown: str) -> list[float]:
    """Every number a solution writes: 0.25, -3, 8.245 \\cdot 10^{-6}, \\frac{5}{3}."""
    found = [float(m) * 10 ** int(e) for m, e in _SCIENTIFIC.findall(markdown)]
    markdown = _SCIENTIFIC.sub(" ", markdown)
    found += [int(a) / int(b) for a, b in _FRACTION.findall(markdown)]
    return found + [float(x) for x in _PLAIN.findall(markdown)]


def _stated(value: float, found: list[float]) -> bool:
    """Shown to four significant digits (or more): within half a unit of the fourth digit."""
    return any(abs(x - value) <= 5.01e-4 * abs(value) + 1e-12 for x in found)


def test_every_number_family_has_an_independent_recomputation() -> None:
    numeric = {f for f in SCALAR_FAMILIES if get_family(f).variant(0).item.kind == "number"}
    assert numeric == set(NUMBER_FAMILIES)


@pytest.mark.parametrize("family_id", sorted(NUMBER_FAMILIES))
def test_answer_and_worked_solution_numbers_are_right(family_id: str) -> None:
    recompute = NUMBER_FAMILIES[family_id]
    for v in variants(family_id):
        value, shown = recompute(dict(v.params))
        assert float(v.value) == pytest.approx(value, rel=1e-9, abs=1e-15), (v.id, v.params)
        for lang in ("ru", "en"):
            found = numbers_in("\n".join(s.title + "\n" + s.body for s in v.solution(lang)) + v.answer[lang])
            assert _stated(value, found), (v.id, lang, value)
            for number in shown:
                assert _stated(number, found), (v.id, lang, number, found)


# ---------------------------------------------------------------- formula families, by finite differences


def _group(values: dict[str, Any]) -> SampleGroup:
    """One sample point; σ is tanh (a = b = 1, c = d = 0 in the evaluator's random smooth σ)."""
    arrays = {}
    for name, value in values.items():
        a = np.asarray(value, dtype=float)
        arrays[name] = a.reshape(1, *(a.shape if a.ndim == 2 else (a.size, 1)))
    one, zero = np.ones((1, 1, 1)), np.zeros((1, 1, 1))
    return SampleGroup({}, arrays, (one, one, zero, zero), 1)


def _at(answer: str, **values: Any) -> np.ndarray:
    return evaluate(parse(answer).tree, _group(values))[0]


def _gradient(f: Callable[[np.ndarray], float], x: np.ndarray, h: float = 1e-6) -> np.ndarray:
    out = np.zeros_like(x)
    for i in range(x.size):
        e = np.zeros_like(x)
        e[i] = h
        out[i] = (f(x + e) - f(x - e)) / (2 * h)
    return out


def _fraction(x: Any) -> float:
    return float(x)


def test_chain_rule_through_xtx_by_finite_differences() -> None:
    rng = np.random.default_rng(0)
    for v in variants("1.chain")[:60]:
        h = _outer(v.params["outer"], _fraction(v.params["c"]), v.params.get("k", 1))
        x = rng.uniform(-1, 1, 4)
        expected = _gradient(lambda y, h=h: h(float(y @ y)), x)
        assert np.allclose(_at(v.item.spec.answer, x=x).ravel(), expected, rtol=1e-5, atol=1e-6), v.id


def _outer(name: str, c: float, k: int) -> Callable[[float], float]:
    return {"power": lambda u: c * u**k, "sqrt": lambda u: c * math.sqrt(u),
            "exp": lambda u: math.exp(c * u), "log": lambda u: math.log(1 + c * u)}[name]


def test_activation_of_az_by_finite_differences() -> None:
    functions = {"tanh": math.tanh, "sigmoid": _sigmoid, "softplus": lambda u: math.log1p(math.exp(u))}
    for v in variants("2.chain")[:60]:
        a, g = _fraction(v.params["a"]), functions[v.params["function"]]
        for z in (-1.3, 0.2, 0.9):
            expected = (g(a * (z + 1e-6)) - g(a * (z - 1e-6))) / 2e-6
            assert float(_at(v.item.spec.answer, z=[[z]])[0, 0]) == pytest.approx(expected, rel=1e-5, abs=1e-7)


def test_temperature_gradient_by_finite_differences() -> None:
    rng = np.random.default_rng(1)
    for v in variants("3.temperature")[:60]:
        t, c = _fraction(v.params["T"]), _fraction(v.params["c"])
        z = rng.normal(size=4)
        p = rng.dirichlet(np.ones(4)) if v.params["soft"] else np.eye(4)[1]
        loss = lambda y, p=p, t=t, c=c: -c * float(p @ np.log(_softmax(y / t)))  # noqa: E731
        assert np.allclose(_at(v.item.spec.answer, z=z, p=p).ravel(), _gradient(loss, z), rtol=1e-5, atol=1e-7)


def test_network_formula_matches_a_forward_pass() -> None:
    rng = np.random.default_rng(2)
    for v in variants("4.formula")[:60]:
        sizes = v.params["sizes"]
        x = rng.normal(size=sizes[0])
        weights = [rng.normal(size=(sizes[i + 1], sizes[i])) for i in range(len(sizes) - 1)]
        biases = [rng.normal(size=sizes[i + 1]) for i in range(len(sizes) - 1)]
        h = x
        for i, (w, b) in enumerate(zip(weights, biases, strict=True)):
            h = w @ h + b
            if i < len(weights) - 1 or v.params["output_activation"]:
                h = np.tanh(h)
        values = {"x": x, **{f"W{i + 1}": w for i, w in enumerate(weights)}, **{f"b{i + 1}": b for i, b in enumerate(biases)}}
        assert np.allclose(_at(v.item.spec.answer, **values).ravel(), h), v.id


def test_parameter_polynomial_counts_every_layer() -> None:
    for v in variants("4.params-formula")[:60]:
        d, k, hidden = v.params["d"], v.params["k"], v.params["hidden"]
        for width in (1, 2, 7, 16):
            sizes = [d, *[width] * hidden, k]
            count = sum(sizes[i] * sizes[i + 1] + sizes[i + 1] for i in range(len(sizes) - 1))
            assert float(_at(v.item.spec.answer, h=[[width]])[0, 0]) == count


def test_axes_option_names_the_right_axes() -> None:
    axes = {("batch", "BCHW"): "0, 2, 3", ("batch", "BHWC"): "0, 1, 2", ("layer", "BCHW"): "1, 2, 3",
            ("layer", "BHWC"): "1, 2, 3", ("instance", "BCHW"): "2, 3", ("instance", "BHWC"): "1, 2"}
    for v in variants("7.axes"):
        spec = v.item.spec
        assert isinstance(spec, ChoiceSpec)
        assert spec.options[spec.answer]["en"].startswith(f"axes {axes[(v.params['kind'], v.params['layout'])]} (")
        assert len({o["en"] for o in spec.options}) == len(spec.options) >= 3


def test_expression_references_are_checked_at_random_points() -> None:
    kinds = {f: get_family(f).variant(0).item for f in FAMILIES}
    formula = {f for f, item in kinds.items() if item.kind == "expression"}
    assert formula == {"1.chain", "2.chain", "3.temperature", "4.formula", "4.params-formula"}
    assert all(isinstance(kinds[f].spec, ExpressionSpec) and kinds[f].spec.symbols for f in formula)


def test_the_next_component_typed_as_a_number_is_named_as_counting_from_0() -> None:
    """3.component numbers its logits from 1; a student used to Python's indices computes the next one."""
    named = 0
    for v in variants("3.component")[:60]:
        z, p, i = v.params["z"], v.params["p"], v.params["index"]
        if i + 1 >= len(z):
            continue
        exps = [math.exp(value) for value in z]
        neighbour = exps[i + 1] / sum(exps) - float(p[i + 1])
        if "index-from-0" not in {m.id for m in v.item.spec.mistakes}:
            continue  # too near the answer or another named mistake to tell apart (model._settle)
        verdict = check_answer(v.item, f"{neighbour:.3g}", "en")
        assert verdict.status == "incorrect" and verdict.mistake == "index-from-0", (v.id, verdict)
        assert "numbered from 1" in v.statement["en"] and "нумеруются с 1" in v.statement["ru"]
        named += 1
    assert named >= 10
