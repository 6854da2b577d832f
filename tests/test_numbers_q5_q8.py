"""Every number and formula stated in questions 5–8, recomputed independently with numpy.

The optimizers are written twice: once as the paper's Algorithms 1 and 2
(Loshchilov & Hutter, arXiv 1711.05101) and once as PyTorch documents its own
``SGD``, ``Adam`` and ``AdamW``; the mappings the content claims are checked by
running both.  Figures the content prints are read from the content files, so
the text and the test cannot drift apart.
"""

from __future__ import annotations

import math
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
