"""Every number and formula stated in questions 5–8, recomputed independently with numpy.

The optimizers are written twice: once as the paper's Algorithms 1 and 2
(Loshchilov & Hutter, arXiv 1711.05101) and once as PyTorch documents its own
``SGD``, ``Adam`` and ``AdamW``; the mappings the content claims are checked by
running both.  Figures the content prints are read from the content files, so
the text and the test cannot drift apart.
"""

from __future__ import annotations

import functools
import itertools
import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import pytest

from tutor.content.loader import load_course
from tutor.content.models import Question

CONTENT = Path(__file__).resolve().parent.parent / "content"
Grad = Callable[[np.ndarray], np.ndarray]


def _question(number: int) -> Question:
    question = load_course(CONTENT, cached=False).question(number)
    assert question is not None
    return question


def _solution_text(number: int, lang: str) -> str:
    return "\n".join(f"{s.title}\n{s.body}" for s in _question(number).steps[lang])


# ---------------------------------------------------------------- question 5
# The paper's algorithms, line by line, in the content's notation.


def paper_sgd(
    grad: Grad, theta0: np.ndarray, alpha: float, beta1: float, lam: float,
    etas: Sequence[float], *, decoupled: bool,
) -> np.ndarray:
    """Algorithm 1: SGD with momentum and L2 (decoupled=False) or SGDW (decoupled=True)."""
    theta, m = theta0.astype(float), np.zeros_like(theta0, dtype=float)
    for eta in etas:
        g = grad(theta) + (0.0 if decoupled else lam * theta)
        m = beta1 * m + eta * alpha * g
        theta = theta - m - (eta * lam * theta if decoupled else 0.0)
    return theta


def paper_adam(
    grad: Grad, theta0: np.ndarray, alpha: float, lam: float, etas: Sequence[float], *,
    decoupled: bool, beta1: float = 0.9, beta2: float = 0.999, eps: float = 1e-8,
) -> np.ndarray:
    """Algorithm 2: Adam with L2 (decoupled=False) or AdamW (decoupled=True)."""
    theta = theta0.astype(float)
    m, v = np.zeros_like(theta), np.zeros_like(theta)
    for t, eta in enumerate(etas, start=1):
        g = grad(theta) + (0.0 if decoupled else lam * theta)
        m = beta1 * m + (1 - beta1) * g
        v = beta2 * v + (1 - beta2) * g**2
        m_hat, v_hat = m / (1 - beta1**t), v / (1 - beta2**t)
        theta = theta - eta * (alpha * m_hat / (np.sqrt(v_hat) + eps) + (lam * theta if decoupled else 0.0))
    return theta


# PyTorch's documented algorithms (torch.optim.SGD / Adam / AdamW pseudo-code).


def torch_sgd(grad: Grad, theta0: np.ndarray, lrs: Sequence[float], momentum: float, weight_decay: float) -> np.ndarray:
    theta, buf = theta0.astype(float), None
    for lr in lrs:
        g = grad(theta) + weight_decay * theta
        buf = g.copy() if buf is None else momentum * buf + g
        theta = theta - lr * buf
    return theta


def torch_adam(
    grad: Grad, theta0: np.ndarray, lrs: Sequence[float], weight_decay: float, *, decoupled: bool,
    betas: tuple[float, float] = (0.9, 0.999), eps: float = 1e-8,
) -> np.ndarray:
    """``torch.optim.AdamW`` when decoupled, else ``torch.optim.Adam`` (whose weight_decay is L2)."""
    (b1, b2), theta = betas, theta0.astype(float)
    m, v = np.zeros_like(theta), np.zeros_like(theta)
    for t, lr in enumerate(lrs, start=1):
        g = grad(theta)
        if decoupled:
            new = theta - lr * weight_decay * theta
        else:
            g, new = g + weight_decay * theta, theta
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g**2
        m_hat, v_hat = m / (1 - b1**t), v / (1 - b2**t)
        theta = new - lr * m_hat / (np.sqrt(v_hat) + eps)
    return theta


def _quadratic(seed: int = 0, n: int = 5) -> tuple[Grad, np.ndarray]:
    """An ill-conditioned quadratic f(θ) = ½ θᵀAθ − bᵀθ and a start point."""
    rng = np.random.default_rng(seed)
    q, _ = np.linalg.qr(rng.standard_normal((n, n)))
    a = q @ np.diag(np.logspace(-2, 1, n)) @ q.T
    b = rng.standard_normal(n)
    return (lambda th: a @ th - b), rng.standard_normal(n)


def test_sgdw_first_steps_by_hand() -> None:
    grad, theta0 = _quadratic()
    alpha, beta1, lam, etas = 0.1, 0.9, 0.05, [1.0, 0.7]
    m1 = etas[0] * alpha * grad(theta0)
    theta1 = theta0 - m1 - etas[0] * lam * theta0
    m2 = beta1 * m1 + etas[1] * alpha * grad(theta1)
    theta2 = theta1 - m2 - etas[1] * lam * theta1
    np.testing.assert_allclose(paper_sgd(grad, theta0, alpha, beta1, lam, etas, decoupled=True), theta2, rtol=1e-13)


def test_adamw_first_steps_by_hand() -> None:
    grad, theta0 = _quadratic(1)
    alpha, lam, b1, b2, eps, etas = 0.01, 0.1, 0.9, 0.999, 1e-8, [1.0, 0.5]
    g1 = grad(theta0)
    m1, v1 = (1 - b1) * g1, (1 - b2) * g1**2
    # the content's remark: after bias correction the first moment is the gradient itself
    np.testing.assert_allclose(m1 / (1 - b1), g1, rtol=1e-13)
    theta1 = theta0 - etas[0] * (alpha * (m1 / (1 - b1)) / (np.sqrt(v1 / (1 - b2)) + eps) + lam * theta0)
    g2 = grad(theta1)
    m2, v2 = b1 * m1 + (1 - b1) * g2, b2 * v1 + (1 - b2) * g2**2
    step = alpha * (m2 / (1 - b1**2)) / (np.sqrt(v2 / (1 - b2**2)) + eps)
    theta2 = theta1 - etas[1] * (step + lam * theta1)
    np.testing.assert_allclose(paper_adam(grad, theta0, alpha, lam, etas, decoupled=True), theta2, rtol=1e-13)


def test_sgd_l2_equals_sgdw_without_momentum_when_lambda_rescaled() -> None:
    """Proposition 1: λ' = λ/α, for any schedule since both terms carry η_t."""
    grad, theta0 = _quadratic(2)
    alpha, lam = 0.05, 0.02
    etas = list(np.random.default_rng(3).uniform(0.1, 1.0, 40))
    sgdw = paper_sgd(grad, theta0, alpha, 0.0, lam, etas, decoupled=True)
    sgd_l2 = paper_sgd(grad, theta0, alpha, 0.0, lam / alpha, etas, decoupled=False)
    np.testing.assert_allclose(sgd_l2, sgdw, rtol=1e-12, atol=1e-14)
    # with the same λ (not rescaled) they differ
    assert not np.allclose(paper_sgd(grad, theta0, alpha, 0.0, lam, etas, decoupled=False), sgdw)


def test_sgd_l2_and_sgdw_differ_with_momentum() -> None:
    grad, theta0 = _quadratic(2)
    alpha, lam, etas = 0.05, 0.02, [1.0] * 40
    sgdw = paper_sgd(grad, theta0, alpha, 0.9, lam, etas, decoupled=True)
    sgd_l2 = paper_sgd(grad, theta0, alpha, 0.9, lam / alpha, etas, decoupled=False)
    assert np.max(np.abs(sgd_l2 - sgdw)) > 1e-4


def test_torch_sgd_weight_decay_is_the_papers_sgd_with_l2() -> None:
    grad, theta0 = _quadratic(4)
    lr, mu, wd, steps = 0.03, 0.9, 0.01, 30
    paper = paper_sgd(grad, theta0, alpha=lr, beta1=mu, lam=wd, etas=[1.0] * steps, decoupled=False)
    np.testing.assert_allclose(torch_sgd(grad, theta0, [lr] * steps, mu, wd), paper, rtol=1e-12)
    # and it is not SGDW
    assert not np.allclose(torch_sgd(grad, theta0, [lr] * steps, mu, wd),
                           paper_sgd(grad, theta0, lr, mu, wd, [1.0] * steps, decoupled=True))


def test_torch_sgd_and_paper_differ_while_the_lr_changes() -> None:
    grad, theta0 = _quadratic(4)
    alpha, mu, wd = 0.03, 0.9, 0.01
    etas = [1.0, 1.0, 0.5, 0.25, 0.1]
    paper = paper_sgd(grad, theta0, alpha, mu, wd, etas, decoupled=False)
    assert not np.allclose(torch_sgd(grad, theta0, [alpha * e for e in etas], mu, wd), paper)


def test_sgdw_by_hand_in_pytorch_matches_algorithm_1() -> None:
    """Shrink θ by (1 − η_t λ) before a weight_decay=0 SGD step (constant lr)."""
    grad, theta0 = _quadratic(5)
    alpha, mu, lam, steps = 0.03, 0.9, 0.004, 25
    theta, buf = theta0.copy(), None
    for _ in range(steps):
        g = grad(theta)  # computed at θ_{t−1}, before the manual decay
        theta = (1 - 1.0 * lam) * theta
        buf = g.copy() if buf is None else mu * buf + g
        theta = theta - alpha * buf
    np.testing.assert_allclose(theta, paper_sgd(grad, theta0, alpha, mu, lam, [1.0] * steps, decoupled=True), rtol=1e-12)


def test_torch_adamw_maps_to_paper_with_lambda_lr_times_wd() -> None:
    grad, theta0 = _quadratic(6)
    lr, wd, steps = 1e-2, 0.1, 50
    ours = torch_adam(grad, theta0, [lr] * steps, wd, decoupled=True)
    paper = paper_adam(grad, theta0, alpha=lr, lam=lr * wd, etas=[1.0] * steps, decoupled=True)
    np.testing.assert_allclose(ours, paper, rtol=1e-12)
    # taking PyTorch's weight_decay for the paper's λ is wrong
    assert not np.allclose(ours, paper_adam(grad, theta0, lr, wd, [1.0] * steps, decoupled=True))


def test_torch_adamw_with_a_scheduler_is_eta_t() -> None:
    grad, theta0 = _quadratic(7)
    alpha, wd = 1e-2, 0.1
    etas = [0.5 * (1 + math.cos(math.pi * t / 30)) for t in range(30)]
    ours = torch_adam(grad, theta0, [alpha * e for e in etas], wd, decoupled=True)
    np.testing.assert_allclose(ours, paper_adam(grad, theta0, alpha, alpha * wd, etas, decoupled=True), rtol=1e-12)


def test_torch_adam_weight_decay_is_l2() -> None:
    grad, theta0 = _quadratic(8)
    lr, wd, steps = 1e-2, 0.1, 50
    ours = torch_adam(grad, theta0, [lr] * steps, wd, decoupled=False)
    np.testing.assert_allclose(ours, paper_adam(grad, theta0, lr, wd, [1.0] * steps, decoupled=False), rtol=1e-12)


def test_adam_l2_is_not_adamw_for_any_rescaled_lambda() -> None:
    grad, theta0 = _quadratic(9)
    alpha, lam, etas = 1e-2, 1e-3, [1.0] * 200
    adamw = paper_adam(grad, theta0, alpha, lam, etas, decoupled=True)
    gaps = [np.max(np.abs(paper_adam(grad, theta0, alpha, lam * s, etas, decoupled=False) - adamw))
            for s in np.logspace(-2, 3, 26)]
    assert min(gaps) > 1e-3


def test_adam_l2_decays_weights_with_large_gradients_less() -> None:
    """Two weights at θ = 1 with zero-mean noisy loss gradients of scale 10 and 0.01."""
    scales = np.array([10.0, 0.01])

    def noisy() -> Grad:
        rng = np.random.default_rng(11)  # the same noise for every run
        return lambda th: scales * rng.standard_normal(2)

    theta0, alpha, lam, etas = np.ones(2), 1e-3, 1e-3, [1.0] * 200
    plain = paper_adam(noisy(), theta0, alpha, 0.0, etas, decoupled=True)
    l2_pull = plain - paper_adam(noisy(), theta0, alpha, lam, etas, decoupled=False)
    w_pull = plain - paper_adam(noisy(), theta0, alpha, lam * alpha, etas, decoupled=True)
    assert l2_pull[1] > 0 and abs(l2_pull[0]) < l2_pull[1] / 100  # the large-gradient weight is barely decayed
    np.testing.assert_allclose(w_pull[0], w_pull[1], rtol=0.05)  # AdamW: the same for both


def test_pytorch_default_adamw_decay_figures() -> None:
    lam = 1e-3 * 1e-2
    assert lam == pytest.approx(1e-5, rel=1e-12)
    shrink = (1 - lam) ** 10000
    assert round(shrink, 3) == 0.905
    for lang in ("ru", "en"):
        text = _solution_text(5, lang)
        assert r"(1 - 10^{-5})^{10000} \approx 0.905" in text
        assert r"$lr = 10^{-3}$" in text and r"$wd = 10^{-2}$" in text


def test_against_real_torch_if_installed() -> None:
    torch = pytest.importorskip("torch")
    grad, theta0 = _quadratic(10)
    lr, wd, steps = 1e-2, 0.1, 20
    p = torch.nn.Parameter(torch.tensor(theta0, dtype=torch.float64))
    opt = torch.optim.AdamW([p], lr=lr, weight_decay=wd)
    for _ in range(steps):
        opt.zero_grad()
        p.grad = torch.tensor(grad(p.detach().numpy()), dtype=torch.float64)
        opt.step()
    expected = paper_adam(grad, theta0, lr, lr * wd, [1.0] * steps, decoupled=True)
    np.testing.assert_allclose(p.detach().numpy(), expected, rtol=1e-9)


# ---------------------------------------------------------------- question 6

WIDTH, DEPTH, BATCH = 256, 20, 512
GAIN_CELLS = {"1": 1.0, "5/3": 5 / 3, "3": 3.0, r"$\sqrt{2}$": math.sqrt(2), "2": 2.0}


def _table_rows(markdown: str) -> list[list[str]]:
    """Body rows of the markdown tables in ``markdown``, as lists of stripped cells."""
    rows = []
    for line in markdown.splitlines():
        line = line.strip()
        if line.startswith("|") and not set(line) <= set("|- "):
            rows.append([c.strip() for c in line.strip("|").split("|")])
    return rows[1:] if rows else rows  # drop the header


def _stated(cell: str) -> tuple[float, float]:
    """A printed figure and how far the truth may be from it: rounding plus 3 %."""
    text = cell.replace("%", "").strip()
    decimals = len(text.split(".")[1]) if "." in text else 0
    value = float(text)
    return value, 0.5 * 10**-decimals + 0.03 * abs(value)


@functools.cache
def deep_net(nonlinearity: str, gain: float, seed: int = 0) -> dict[str, float]:
    """The content's experiment: 20 bias-free 256×256 layers, Xavier (tanh) or Kaiming (ReLU) normal."""
    rng = np.random.default_rng(seed)
    h = rng.standard_normal((BATCH, WIDTH))
    if nonlinearity == "tanh":
        std = gain * math.sqrt(2 / (WIDTH + WIDTH))
        act, slope = np.tanh, lambda z: 1 - np.tanh(z) ** 2
    else:
        std = gain / math.sqrt(WIDTH)
        act, slope = (lambda z: np.maximum(z, 0)), (lambda z: (z > 0).astype(float))
    weights, pre, stds = [], [], []
    for _ in range(DEPTH):
        w = rng.standard_normal((WIDTH, WIDTH)) * std
        z = h @ w.T
        h = act(z)
        weights.append(w)
        pre.append(z)
        stds.append(float(h.std()))
    grad = rng.standard_normal((BATCH, WIDTH))  # ∂L/∂h at the output, std 1
    for w, z in zip(reversed(weights), reversed(pre), strict=True):
        grad = (grad * slope(z)) @ w
    return {
        "first": stds[0], "last": stds[-1], "grad": float(grad.std()),
        "sat99": float(np.mean(np.abs(h) > 0.99)) * 100, "sat90": float(np.mean(np.abs(h) > 0.9)) * 100,
    }


def _numbers_step(lang: str, index: int) -> str:
    return _question(6).steps[lang][index - 1].body


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_tanh_init_table(lang: str) -> None:
    rows = _table_rows(_numbers_step(lang, 6))
    assert [r[0] for r in rows] == ["1", "5/3", "3"]
    for gain_cell, first, last, saturated, grad in rows:
        got = deep_net("tanh", GAIN_CELLS[gain_cell])
        for cell, key in ((first, "first"), (last, "last"), (saturated, "sat99"), (grad, "grad")):
            value, tol = _stated(cell)
            assert abs(got[key] - value) <= tol, (gain_cell, key, got[key], cell)


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_relu_init_table(lang: str) -> None:
    rows = _table_rows(_numbers_step(lang, 8))
    assert [r[0] for r in rows] == ["1", r"$\sqrt{2}$", "2"]
    for gain_cell, first, last, grad in rows:
        got = deep_net("relu", GAIN_CELLS[gain_cell])
        for cell, key in ((first, "first"), (last, "last"), (grad, "grad")):
            value, tol = _stated(cell)
            assert abs(got[key] - value) <= tol, (gain_cell, key, got[key], cell)


def test_init_claims_in_the_prose() -> None:
    tanh3, tanh53 = deep_net("tanh", 3.0), deep_net("tanh", 5 / 3)
    assert tanh3["sat90"] > 50  # "more than half have |h| > 0.9"
    assert 1 - 0.99**2 < 0.02  # tanh′ = 1 − h² < 0.02 beyond |h| = 0.99
    assert round(tanh53["grad"] ** (1 / DEPTH), 1) == 1.1  # "about ×1.1 per layer"
    assert deep_net("tanh", 1.0, seed=0)["last"] < deep_net("tanh", 1.0)["first"] / 3
    assert round(2 ** (-19 / 2), 4) == 0.0014 and round(2 ** (19 / 2), -1) == 720
    # ReLU with √2: "between about 0.6 and 1.3 across seeds", no drift to 0 or infinity
    lasts = [deep_net("relu", math.sqrt(2), seed)["last"] for seed in range(4)]
    assert all(0.6 <= v <= 1.3 for v in lasts)
    for lang in ("ru", "en"):
        text = _solution_text(6, lang)
        for figure in ("0.394", "1.18", "0.65", "×1.1", "×430", "0.0007", "1.41414", "0.577"):
            assert figure in text, (lang, figure)


@functools.cache
def _hermite_nodes() -> tuple[np.ndarray, np.ndarray]:
    return np.polynomial.hermite_e.hermegauss(160)


def _normal_expectation(f: Callable[[np.ndarray], np.ndarray]) -> float:
    """E[f(ξ)] for ξ ~ N(0, 1) by Gauss–Hermite quadrature."""
    x, w = _hermite_nodes()
    return float(np.sum(w * f(x)) / np.sum(w))


def test_tanh_variance_and_fixed_point() -> None:
    assert round(_normal_expectation(lambda x: np.tanh(x) ** 2), 3) == 0.394
    q = 1.0
    for _ in range(500):  # iterate q ← gain² E[tanh(√q ξ)²] to its fixed point
        q = (5 / 3) ** 2 * _normal_expectation(lambda x, q=q: np.tanh(math.sqrt(q) * x) ** 2)
    assert round(q, 2) == 1.18
    std = math.sqrt(_normal_expectation(lambda x: np.tanh(math.sqrt(q) * x) ** 2))
    assert round(std, 2) == 0.65
    # and the simulated network agrees with the theory
    assert deep_net("tanh", 5 / 3)["last"] == pytest.approx(std, abs=0.01)


def test_relu_and_leaky_relu_second_moment() -> None:
    assert _normal_expectation(lambda x: np.maximum(x, 0) ** 2) == pytest.approx(0.5, rel=1e-9)
    z = np.random.default_rng(0).normal(0.0, 2.0, 2_000_000)  # Var(z) = 4
    for a in (0.0, 0.01, 0.2, 1.0):
        leaky = np.where(z > 0, z, a * z)
        assert np.mean(leaky**2) == pytest.approx((1 + a**2) / 2 * 4, rel=0.01)
        gain = math.sqrt(2 / (1 + a**2))
        assert gain**2 * np.mean(leaky**2) == pytest.approx(4, rel=0.01)  # variance preserved


def calculate_gain(nonlinearity: str, param: float | None = None) -> float:
    """PyTorch's table, from its documented formulas."""
    if nonlinearity in ("linear", "conv1d", "conv2d", "conv3d", "conv_transpose1d",
                        "conv_transpose2d", "conv_transpose3d", "sigmoid"):
        return 1.0
    return {
        "tanh": 5 / 3, "relu": math.sqrt(2.0), "selu": 3 / 4,
        "leaky_relu": math.sqrt(2 / (1 + (0.01 if param is None else param) ** 2)),
    }[nonlinearity]


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_gain_table(lang: str) -> None:
    rows = _table_rows(_question(6).steps[lang][2].body)
    found = {}
    for name_cell, gain_cell in rows:
        names = re.findall(r"`(\w+)`", name_cell)
        match = re.search(r"(?:\\approx|=)\s*([\d.]+)\$$", gain_cell) or re.fullmatch(r"\$([\d.]+)\$", gain_cell)
        assert match, gain_cell
        decimals = len(match.group(1).split(".")[1]) if "." in match.group(1) else 0
        for name in names:
            assert round(calculate_gain(name), decimals) == float(match.group(1)), name
            found[name] = gain_cell
    assert set(found) == {"linear", "conv1d", "conv2d", "conv3d", "conv_transpose1d", "conv_transpose2d",
                          "conv_transpose3d", "sigmoid", "tanh", "relu", "leaky_relu", "selu"}
    assert r"\frac{5}{3}" in found["tanh"] and r"\sqrt{2}" in found["relu"]
    assert r"\sqrt{2 / (1 + a^2)}" in found["leaky_relu"]


def test_init_formulas() -> None:
    fan_in, fan_out, gain = 300, 100, 5 / 3
    rng = np.random.default_rng(1)
    # Xavier uniform and Xavier normal give the same variance: Var U(−b, b) = b²/3
    b = gain * math.sqrt(6 / (fan_in + fan_out))
    sigma = gain * math.sqrt(2 / (fan_in + fan_out))
    assert b**2 / 3 == pytest.approx(sigma**2, rel=1e-12)
    assert np.var(rng.uniform(-b, b, 1_000_000)) == pytest.approx(b**2 / 3, rel=0.01)
    # Kaiming uniform: b = gain·√(3/fan) has the variance of Kaiming normal, (gain/√fan)²
    assert (math.sqrt(2) * math.sqrt(3 / fan_in)) ** 2 / 3 == pytest.approx(2 / fan_in, rel=1e-12)
    # nn.Linear's default: kaiming_uniform_(a=√5) → gain √(1/3) ≈ 0.577, bound 1/√fan_in
    default_gain = math.sqrt(2 / (1 + math.sqrt(5) ** 2))
    assert default_gain == pytest.approx(math.sqrt(1 / 3), rel=1e-12) and round(default_gain, 3) == 0.577
    assert default_gain * math.sqrt(3 / fan_in) == pytest.approx(1 / math.sqrt(fan_in), rel=1e-12)
    # Var(z_i) = fan_in σ² E[h²] for independent zero-mean weights
    h = rng.standard_normal((2000, fan_in)) * 0.7
    w = rng.standard_normal((fan_out, fan_in)) * 0.05
    assert np.var(h @ w.T) == pytest.approx(fan_in * 0.05**2 * 0.49, rel=0.05)


# ---------------------------------------------------------------- question 7


class BatchNormNHWC:
    """Batch normalisation over a B×h×w×C batch, mirroring what nn.BatchNorm2d stores."""

    def __init__(self, channels: int, momentum: float = 0.1, eps: float = 1e-5) -> None:
        self.params = {"weight": np.ones(channels), "bias": np.zeros(channels)}
        self.buffers = {"running_mean": np.zeros(channels), "running_var": np.ones(channels),
                        "num_batches_tracked": np.zeros(())}
        self.momentum, self.eps = momentum, eps

    def __call__(self, x: np.ndarray, training: bool = True) -> np.ndarray:
        if training:
            mean, var = x.mean(axis=(0, 1, 2)), x.var(axis=(0, 1, 2))
            n = x.shape[0] * x.shape[1] * x.shape[2]
            m = self.momentum
            self.buffers["running_mean"] = (1 - m) * self.buffers["running_mean"] + m * mean
            self.buffers["running_var"] = (1 - m) * self.buffers["running_var"] + m * var * n / (n - 1)
            self.buffers["num_batches_tracked"] = self.buffers["num_batches_tracked"] + 1
        else:
            mean, var = self.buffers["running_mean"], self.buffers["running_var"]
        x_hat = (x - mean) / np.sqrt(var + self.eps)
        return self.params["weight"] * x_hat + self.params["bias"]


def _bn_batch(seed: int = 0, shape: tuple[int, int, int, int] = (8, 5, 6, 4)) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return rng.normal(rng.uniform(-3, 3, shape[-1]), rng.uniform(0.5, 4, shape[-1]), shape)


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_bn_count_table(lang: str) -> None:
    rows = _table_rows(_question(7).steps[lang][2].body)
    assert len(rows) >= 3
    for c_cell, learnable, running, buffers in rows:
        bn = BatchNormNHWC(int(c_cell))
        assert int(learnable) == sum(p.size for p in bn.params.values()) == 2 * int(c_cell)
        assert int(running) == bn.buffers["running_mean"].size + bn.buffers["running_var"].size
        assert int(buffers) == sum(b.size for b in bn.buffers.values()) == 2 * int(c_cell) + 1
    assert "# 128 = 2C" in _solution_text(7, lang)  # the PyTorch snippet's C = 64


def test_bn_normalises_each_channel_over_b_h_w() -> None:
    x = _bn_batch()
    bn = BatchNormNHWC(4)
    bn.params["weight"], bn.params["bias"] = np.array([1.0, 2.0, 0.5, 3.0]), np.array([0.0, -1.0, 4.0, 2.0])
    y = bn(x)
    np.testing.assert_allclose(y.mean(axis=(0, 1, 2)), bn.params["bias"], atol=1e-10)
    np.testing.assert_allclose(y.std(axis=(0, 1, 2)), bn.params["weight"], rtol=1e-3)
    # the statistics are per channel over B·h·w values, not per position
    x_hat = (y - bn.params["bias"]) / bn.params["weight"]
    assert np.max(np.abs(x_hat.mean(axis=0))) > 0.05


def test_gamma_beta_can_undo_the_normalisation() -> None:
    x = _bn_batch(1)
    bn = BatchNormNHWC(4)
    mean, var = x.mean(axis=(0, 1, 2)), x.var(axis=(0, 1, 2))
    bn.params["weight"], bn.params["bias"] = np.sqrt(var + bn.eps), mean
    np.testing.assert_allclose(bn(x), x, rtol=1e-12, atol=1e-12)


def test_running_statistics_update_with_unbiased_variance() -> None:
    x = _bn_batch(2)
    bn = BatchNormNHWC(4)
    bn(x)
    flat = x.reshape(-1, 4)  # all B·h·w values of each channel
    np.testing.assert_allclose(bn.buffers["running_mean"], 0.1 * flat.mean(axis=0), rtol=1e-12)
    np.testing.assert_allclose(bn.buffers["running_var"], 0.9 + 0.1 * flat.var(axis=0, ddof=1), rtol=1e-12)
    # eval mode uses the running statistics, not the batch's
    assert not np.allclose(bn(x, training=False), bn(x))


def test_a_conv_bias_before_bn_is_absorbed() -> None:
    x = _bn_batch(3)
    shifted = x + np.array([5.0, -2.0, 0.3, 7.0])  # a per-channel bias, as a conv's bias adds
    np.testing.assert_allclose(BatchNormNHWC(4)(shifted), BatchNormNHWC(4)(x), atol=1e-9)


def test_bn_counts_against_real_torch_if_installed() -> None:
    torch = pytest.importorskip("torch")
    for c in (3, 64, 256):
        bn = torch.nn.BatchNorm2d(c)
        assert sum(p.numel() for p in bn.parameters()) == 2 * c
        assert sum(b.numel() for b in bn.buffers()) == 2 * c + 1


# ---------------------------------------------------------------- question 8


def _step_body(number: int, lang: str, title_start: dict[str, str]) -> str:
    step = next(s for s in _question(number).steps[lang] if s.title.startswith(title_start[lang]))
    return step.body


def early_stopping(val_losses: Sequence[float], patience: int) -> tuple[int, int]:
    """(best epoch, epoch after which training stops), epochs counted from 1."""
    best_epoch, best = 0, math.inf
    for epoch, loss in enumerate(val_losses, start=1):
        if loss < best:
            best_epoch, best = epoch, loss
        elif epoch - best_epoch >= patience:
            return best_epoch, epoch
    return best_epoch, len(val_losses)


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_early_stopping_example(lang: str) -> None:
    body = _step_body(8, lang, {"en": "Early stopping: the idea", "ru": "Ранняя остановка: идея"})
    rows = [line for line in body.splitlines() if line.startswith("|") and not set(line) <= set("|- ")]  # header too
    epochs = [int(c) for c in rows[0].strip("|").split("|")[1:]]
    losses = [float(c) for c in rows[1].strip("|").split("|")[1:]]
    assert epochs == list(range(1, 10))
    assert "$patience = 3$" in body
    best, stop = early_stopping(losses, patience=3)
    assert f"$t^* = {best}$" in body and f"$t = {stop}$" in body
    assert (best, stop) == (5, 8)


def step_lr(t: int, lr0: float, step: int, gamma: float) -> float:
    return lr0 * gamma ** (t // step)


def cosine_lr(t: int, lr0: float, t_max: int, lr_min: float = 0.0) -> float:
    return lr_min + (lr0 - lr_min) * (1 + math.cos(math.pi * t / t_max)) / 2


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_schedule_table(lang: str) -> None:
    body = _step_body(8, lang, {"en": "Common schedules", "ru": "Распространённые расписания"})
    rows = _table_rows(body)
    steplr = next(r for r in rows if r[0] == "StepLR")
    cosine = next(r for r in rows if r[0] in ("cosine", "косинус"))
    for t, cell in enumerate(steplr[1:]):
        assert step_lr(t, 0.1, 3, 0.1) == pytest.approx(float(cell), rel=1e-9)
    for t, cell in enumerate(cosine[1:]):
        decimals = len(cell.split(".")[1])
        assert round(cosine_lr(t, 0.1, 10), decimals) == float(cell), t
    assert cosine_lr(10, 0.1, 10) == pytest.approx(0.0, abs=1e-15)  # "at t = 10 it reaches 0"


def test_cosine_closed_form_matches_pytorchs_recursion() -> None:
    """CosineAnnealingLR is documented as a recursion; it agrees with the closed form in the content."""
    lr0, t_max, lr = 0.1, 10, 0.1
    for t in range(1, t_max + 1):
        lr = (1 + math.cos(math.pi * t / t_max)) / (1 + math.cos(math.pi * (t - 1) / t_max)) * lr
        assert lr == pytest.approx(cosine_lr(t, lr0, t_max), abs=1e-12)


def test_label_smoothing_targets() -> None:
    eps, k = 0.1, 10
    target = (1 - eps) * np.eye(k)[3] + eps / k
    assert round(float(target[3]), 10) == 0.91 and round(float(target[0]), 10) == 0.01
    assert target.sum() == pytest.approx(1.0)
    for lang in ("ru", "en"):
        assert "0.91" in _solution_text(8, lang) and "0.01" in _solution_text(8, lang)


def test_l2_step_is_weight_decay() -> None:
    rng = np.random.default_rng(0)
    theta, grad_l, eta, lam = rng.standard_normal(6), rng.standard_normal(6), 0.1, 0.01
    penalised_grad = grad_l + lam * theta  # ∇(L + λ/2 θᵀθ)
    np.testing.assert_allclose(theta - eta * penalised_grad, (1 - eta * lam) * theta - eta * grad_l, rtol=1e-14)


@pytest.mark.parametrize("p", [0.1, 0.5, 0.8])
def test_inverted_dropout_keeps_the_expectation(p: float) -> None:
    rng = np.random.default_rng(0)
    mask = rng.random(2_000_000) >= p  # kept with probability 1 − p
    scaled = mask / (1 - p)
    assert scaled.mean() == pytest.approx(1.0, abs=5 * math.sqrt(p / (1 - p) / mask.size))
    assert set(np.unique(scaled)) == {0.0, 1 / (1 - p)}
    h = rng.standard_normal(64)
    masks = rng.random((200_000, 64)) >= p
    np.testing.assert_allclose((masks * h / (1 - p)).mean(axis=0), h, atol=0.03)


def test_dropout_scale_figures() -> None:
    assert 1 / (1 - 0.5) == 2
    assert round(1 / (1 - 0.1), 3) == 1.111
    for lang in ("ru", "en"):
        assert r"\frac{1}{0.9} \approx 1.111" in _solution_text(8, lang)


# ---------------------------------------------------------------- review additions (R)

MATH_RE = re.compile(r"\$\$(.+?)\$\$|\$(.+?)\$", re.S)
FOLDERS = {5: "05-optimizers", 6: "06-initialization", 7: "07-batch-norm", 8: "08-training"}


def _file(number: int, kind: str, lang: str) -> str:
    return (CONTENT / FOLDERS[number] / f"{kind}.{lang}.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("kind", ["question", "solution"])
@pytest.mark.parametrize("number", sorted(FOLDERS))
def test_ru_and_en_state_the_same_formulas(number: int, kind: str) -> None:
    """A translation keeps every formula and every number inside one."""

    def formulas(lang: str) -> Counter[str]:
        found = MATH_RE.finditer(_file(number, kind, lang))
        return Counter((m.group(1) or m.group(2)).strip().rstrip(".,;").strip() for m in found)

    assert formulas("ru") == formulas("en")


#: Questions 5–8 of the seed, as given, with one plain typo fixed («добавится» → «добавятся»).
SEED = {
    5: "Изучите формулы обновления весов для оптимизаторов SGDW и AdamW "
    "(<https://arxiv.org/pdf/1711.05101.pdf>, с. 3). Перепишите их в обозначениях из лекции 2.",
    6: "Объясните смысл параметра `gain` в PyTorch (<https://pytorch.org/docs/stable/nn.init.html>). "
    "Что произойдет, если выбрать неправильное значение этого параметра?",
    7: "Сверточный слой принимает на вход батч размерности $B \\times h \\times w \\times C$. "
    "Какие параметры добавятся, если перед сверточным слоем поставить батч-нормализацию? "
    "Сколько будет таких параметров?",
    8: "Объясните идею следующих техник.\n\n1. Ранняя остановка (early stopping).\n"
    "2. Переменная скорость обучения (LR scheduler).\n3. Регуляризация.\n4. Дропаут.",
}


@pytest.mark.parametrize("number", sorted(SEED))
def test_russian_statement_is_the_seed(number: int) -> None:
    assert _file(number, "question", "ru").strip() == SEED[number]


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_relu_gain_1_shrink_factor(lang: str) -> None:
    """"√2 per layer, 2^{19/2} ≈ 720 over the 19 layers after the first": 0.59 → about 0.0008."""
    text = _solution_text(6, lang)
    stated = re.search(r"2\^\{19/2\} \\approx (\d+)", text)
    assert stated
    factor = math.sqrt(2) ** 19
    assert round(factor, -1) == int(stated.group(1)) == 720
    run = deep_net("relu", 1.0)
    assert run["first"] / run["last"] == pytest.approx(factor, rel=0.3)  # one run of a random net
    assert 0.0005 < 0.59 / factor < 0.0015  # "to the order of 0.001"


def test_init_lab_gives_the_figures_of_the_tanh_table() -> None:
    """The text says `dltutor lab init` (batch 256) gives figures close to its table (batch 512)."""
    from tutor.labs import init as init_lab

    rows = {r[0]: r for r in _table_rows(_numbers_step("en", 6))}
    result = init_lab.compute("tanh", 5 / 3)
    by_gain = {(run.nonlinearity, round(run.gain, 3)): run for run in result.runs}
    for cell, gain in (("1", 1.0), ("5/3", 5 / 3), ("3", 3.0)):
        lab_last = float(by_gain[("tanh", round(gain, 3))].std[-1])
        assert abs(lab_last - float(rows[cell][2])) <= 0.02, (cell, lab_last)


def _conv_valid(x: np.ndarray, w: np.ndarray, b: np.ndarray, pad: int = 0) -> np.ndarray:
    """A plain NHWC convolution: x (B, h, w, C), w (k, k, C, C_out), zero padding ``pad``."""
    if pad:
        x = np.pad(x, ((0, 0), (pad, pad), (pad, pad), (0, 0)))
    k = w.shape[0]
    out_h, out_w = x.shape[1] - k + 1, x.shape[2] - k + 1
    out = np.zeros((x.shape[0], out_h, out_w, w.shape[3]))
    for i in range(out_h):
        for j in range(out_w):
            out[:, i, j, :] = np.einsum("bpqc,pqco->bo", x[:, i : i + k, j : j + k, :], w)
    return out + b


def test_gamma_beta_before_a_conv_fold_into_its_weights_and_bias() -> None:
    """BN's γ, β before a conv add no new functions: exact without padding, not at padded borders."""
    rng = np.random.default_rng(12)
    x_hat = rng.standard_normal((2, 7, 6, 3))  # an already normalised batch, C = 3
    gamma, beta = rng.uniform(0.5, 2.0, 3), rng.normal(size=3)
    w, b = rng.normal(size=(3, 3, 3, 4)), rng.normal(size=4)
    folded_w = w * gamma[None, None, :, None]  # scale the weights that read channel k by γ_k
    folded_b = b + np.einsum("pqco,c->o", w, beta)  # the conv of a constant map is a constant
    np.testing.assert_allclose(
        _conv_valid(gamma * x_hat + beta, w, b), _conv_valid(x_hat, folded_w, folded_b), atol=1e-12
    )
    padded = _conv_valid(gamma * x_hat + beta, w, b, pad=1) - _conv_valid(
        x_hat, folded_w, folded_b, pad=1
    )
    np.testing.assert_allclose(padded[:, 1:-1, 1:-1, :], 0.0, atol=1e-12)  # the interior agrees
    assert np.abs(padded[:, 0, :, :]).max() > 1e-3  # the border does not


def test_conv_parameter_count_formula() -> None:
    """C_out·C·k_h·k_w + C_out, counted on a weight tensor and a bias."""
    c_in, c_out, k_h, k_w = 3, 8, 5, 3
    w, b = np.zeros((c_out, c_in, k_h, k_w)), np.zeros(c_out)
    assert w.size + b.size == c_out * c_in * k_h * k_w + c_out == 368


def test_torch_sgd_with_a_scheduler_agrees_then_differs_for_a_while() -> None:
    """Same gradients fed to both: the steps match while lr is constant; after a change the gap
    decays like μᵏ once lr is constant again."""
    rng = np.random.default_rng(13)
    grads = rng.standard_normal((40, 3))
    mu, alpha = 0.9, 0.1
    etas = [1.0] * 10 + [0.1] * 30
    m, buf, gaps = np.zeros(3), np.zeros(3), []
    for t, (g, eta) in enumerate(zip(grads, etas, strict=True)):
        m = mu * m + eta * alpha * g  # the paper's buffer: steps scaled as they go in
        buf = g.copy() if t == 0 else mu * buf + g  # PyTorch's buffer, scaled by the current lr
        gaps.append(float(np.abs(m - eta * alpha * buf).max()))
    assert max(gaps[:10]) < 1e-12
    assert gaps[10] > 1e-2
    for k in range(11, 40):
        assert gaps[k] == pytest.approx(gaps[10] * mu ** (k - 10), rel=1e-9)


def test_sgd_noise_spread_grows_with_the_learning_rate() -> None:
    """Q8: on a quadratic ½aθ² with gradient noise σξ, SGD settles into a cloud whose variance is
    ησ²/(a(2 − ηa)), proportional to η for a small step."""
    a, sigma, steps = 2.0, 1.0, 200_000
    rng = np.random.default_rng(14)
    noise = rng.standard_normal(steps)
    variances = {}
    for eta in (0.01, 0.04):
        theta, samples = 0.0, np.empty(steps)
        for k in range(steps):
            theta -= eta * (a * theta + sigma * noise[k])
            samples[k] = theta
        variances[eta] = float(samples[steps // 10 :].var())
        assert variances[eta] == pytest.approx(eta * sigma**2 / (a * (2 - eta * a)), rel=0.1)
    assert variances[0.04] / variances[0.01] == pytest.approx(4.0, rel=0.15)


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_stated_adam_defaults_are_the_ones_the_reference_implementation_uses(lang: str) -> None:
    """Algorithm 2's line 1 (α = 0.001, β₁ = 0.9, β₂ = 0.999, ε = 10⁻⁸), as the text states it."""
    import inspect

    text = _solution_text(5, lang)
    for formula in (r"$\alpha = 0.001$", r"$\beta_1 = 0.9$", r"$\beta_2 = 0.999$", r"$\epsilon = 10^{-8}$"):
        assert formula in text, formula
    defaults = {k: p.default for k, p in inspect.signature(paper_adam).parameters.items()}
    assert (defaults["beta1"], defaults["beta2"], defaults["eps"]) == (0.9, 0.999, 1e-8)
    # with these defaults the first bias-corrected moments are the gradient and its square
    g = np.array([0.3, -2.0])
    m1, v1 = (1 - 0.9) * g, (1 - 0.999) * g**2
    np.testing.assert_allclose((m1 / (1 - 0.9), v1 / (1 - 0.999)), (g, g**2), rtol=1e-12)


def test_cosine_t_max_is_half_a_period() -> None:
    """Q8: CosineAnnealingLR goes from η₀ down to η_min over T_max steps, half a cosine period."""
    lr0, lr_min, t_max = 0.1, 0.001, 10
    values = [cosine_lr(t, lr0, t_max, lr_min) for t in range(2 * t_max + 1)]
    assert values[0] == pytest.approx(lr0) and values[t_max] == pytest.approx(lr_min)
    assert all(a > b for a, b in itertools.pairwise(values[: t_max + 1]))  # falls all the way down
    assert values[2 * t_max] == pytest.approx(lr0)  # a full period brings it back up
