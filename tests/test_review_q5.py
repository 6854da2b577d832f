"""Question 5 after the expert review: every claim the corrected text makes, recomputed.

The optimizers are written out here from their primary sources, independently of
the lab and of the content: Algorithms 1 and 2 of Loshchilov & Hutter
(arXiv 1711.05101) and the pseudo-code of ``torch.optim.SGD`` / ``torch.optim.AdamW``
in PyTorch's documentation (PyTorch itself is used only when it is installed).
"""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np
import pytest

from tutor.content.loader import load_course

Grad = Callable[[np.ndarray], np.ndarray]
LANGS = ("ru", "en")


def solution(lang: str) -> str:
    question = load_course(cached=False).question(5)
    assert question is not None
    return "\n".join(f"## {s.title}\n{s.body}" for s in question.steps[lang])


def step(lang: str, title_start: dict[str, str]) -> str:
    question = load_course(cached=False).question(5)
    assert question is not None
    found = [s.body for s in question.steps[lang] if s.title.startswith(title_start[lang])]
    assert len(found) == 1, title_start[lang]
    return found[0]


def quadratic(seed: int, n: int = 4) -> tuple[Grad, np.ndarray]:
    """An ill-conditioned quadratic ½ θᵀAθ − bᵀθ and a start point."""
    rng = np.random.default_rng(seed)
    q, _ = np.linalg.qr(rng.standard_normal((n, n)))
    a = q @ np.diag(np.logspace(-1, 1, n)) @ q.T
    b = rng.standard_normal(n)
    return (lambda th: a @ th - b), rng.standard_normal(n)


def algorithm_1(grad: Grad, theta: np.ndarray, *, alpha: float, beta1: float, l2: float,
                decay: float, etas: list[float]) -> np.ndarray:
    """The paper's Algorithm 1: L2 (``l2``) enters gₜ, SGDW's decay (``decay``) bypasses mₜ."""
    m = np.zeros_like(theta)
    path = [theta]
    for eta in etas:
        g = grad(theta) + l2 * theta
        m = beta1 * m + eta * alpha * g
        theta = theta - m - eta * decay * theta
        path.append(theta)
    return np.array(path)


# ---------------------------------------------------------------- A1: momentum and L2


def test_momentum_amplifies_the_l2_term_by_one_over_one_minus_beta() -> None:
    """With a zero loss gradient only the L2 term drives the buffer; its steady pull is ×1/(1 − β₁)."""
    alpha, l2, beta1 = 0.01, 0.01, 0.9
    theta = np.ones(1)
    path = algorithm_1(lambda th: np.zeros_like(th), theta, alpha=alpha, beta1=beta1, l2=l2,
                       decay=0.0, etas=[1.0] * 400)
    rate = 1 - path[-1][0] / path[-2][0]  # the fraction of θ removed per step, late in the run
    assert rate / (alpha * l2) == pytest.approx(1 / (1 - beta1), rel=0.02)
    without = algorithm_1(lambda th: np.zeros_like(th), theta, alpha=alpha, beta1=0.0, l2=l2,
                          decay=0.0, etas=[1.0] * 3)
    assert 1 - without[-1][0] / without[-2][0] == pytest.approx(alpha * l2, rel=1e-12)
    for lang in LANGS:
        text = solution(lang)
        assert r"$\frac{1}{1 - \beta_1}$" in text
        stated = {"en": "10 times for $\\beta_1 = 0.9$", "ru": "в 10 раз при $\\beta_1 = 0.9$"}[lang]
        assert stated in text and round(1 / (1 - 0.9)) == 10


def _lab_paths(beta1: float, l2: float) -> tuple[np.ndarray, np.ndarray]:
    """The lab's default problem (its quadratic, α = 0.02, λ = 0.01, 300 steps), written out here."""
    h, c = np.array([1.0, 25.0]), np.array([3.0, 1.0])
    grad = lambda th: h * (th - c)  # noqa: E731
    start = np.array([-2.0, -1.5])
    sgdw = algorithm_1(grad, start, alpha=0.02, beta1=beta1, l2=0.0, decay=0.01, etas=[1.0] * 300)
    sgd_l2 = algorithm_1(grad, start, alpha=0.02, beta1=beta1, l2=l2, decay=0.0, etas=[1.0] * 300)
    return sgd_l2, sgdw


def _max_gap(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.linalg.norm(a - b, axis=1).max())


def test_the_lab_distance_stated_for_momentum() -> None:
    from tutor.labs.optimizers import SPEC

    gap = _max_gap(*_lab_paths(0.9, 0.01 / 0.02))
    assert f"{gap:.1f}" == "1.7"
    lab = SPEC.compute_fn(**{p.name: p.default for p in SPEC.params})
    assert f"{lab.sgd_gap_momentum:.1f}" == "1.7"  # what `dltutor lab optimizers` prints
    assert _max_gap(*_lab_paths(0.0, 0.01 / 0.02)) < 1e-12  # Proposition 1 without momentum
    for lang in LANGS:
        assert {"en": "a distance of 1.7", "ru": "расстояние 1.7"}[lang] in solution(lang)


def test_no_rescaling_of_lambda_makes_l2_with_momentum_equal_sgdw() -> None:
    steady = _max_gap(*_lab_paths(0.9, (1 - 0.9) * 0.01 / 0.02))
    assert f"{steady:.1f}" == "0.2"  # "by about 0.2 there"
    best = min(_max_gap(*_lab_paths(0.9, l2)) for l2 in np.linspace(0.0, 1.0, 401))
    assert best > 0.1  # every λ′ leaves the paths visibly apart
    for lang in LANGS:
        text = solution(lang)
        assert r"$\lambda' = \frac{(1 - \beta_1) \lambda}{\alpha}$" in text
        assert {"en": "by about 0.2 there", "ru": "примерно на 0.2"}[lang] in text


# ---------------------------------------------------------------- A2: the order of the decay


def torch_sgd_step(theta: np.ndarray, grad: np.ndarray, buf: np.ndarray | None, *, lr: float,
                   momentum: float) -> tuple[np.ndarray, np.ndarray]:
    """``torch.optim.SGD.step`` with weight_decay=0, dampening=0, nesterov=False (PyTorch docs)."""
    buf = grad.copy() if buf is None else momentum * buf + grad
    return theta - lr * buf, buf


@pytest.mark.parametrize("where", ["between", "after", "before"])
def test_only_decaying_between_backward_and_step_is_sgdw(where: str) -> None:
    grad, theta0 = quadratic(3)
    alpha, beta1, lam, steps = 0.05, 0.9, 0.02, 30
    theta, buf = theta0.copy(), None
    for _ in range(steps):
        if where == "before":
            theta = (1 - lam) * theta
        g = grad(theta)  # loss.backward()
        if where == "between":
            theta = (1 - lam) * theta
        theta, buf = torch_sgd_step(theta, g, buf, lr=alpha, momentum=beta1)
        if where == "after":
            theta = (1 - lam) * theta
    paper = algorithm_1(grad, theta0, alpha=alpha, beta1=beta1, l2=0.0, decay=lam, etas=[1.0] * steps)
    if where == "between":
        np.testing.assert_allclose(theta, paper[-1], rtol=1e-12, atol=1e-14)
    else:
        assert np.abs(theta - paper[-1]).max() > 1e-4


def test_decaying_after_step_adds_exactly_eta_lambda_m() -> None:
    grad, theta0 = quadratic(4)
    alpha, lam = 0.05, 0.02
    m = np.random.default_rng(5).standard_normal(theta0.size)  # some buffer from earlier steps
    m_t = 0.9 * m + alpha * grad(theta0)
    paper = theta0 - m_t - lam * theta0
    after = (1 - lam) * (theta0 - m_t)
    np.testing.assert_allclose(after - paper, lam * m_t, rtol=1e-12, atol=1e-15)


def torch_adamw(theta: np.ndarray, grad: Grad, steps: int, *, lr: float | list[float],
                weight_decay: float, decay_first: bool = True, betas: tuple[float, float] = (0.9, 0.999),
                eps: float = 1e-8) -> np.ndarray:
    """``torch.optim.AdamW`` as documented (decay first); ``decay_first=False`` moves it after.

    ``lr`` is one rate, or the rate of every step as a scheduler sets it.
    """
    (b1, b2) = betas
    lrs = lr if isinstance(lr, list) else [lr] * steps
    m, v = np.zeros_like(theta), np.zeros_like(theta)
    for t, lr in enumerate(lrs, start=1):
        g = grad(theta)
        if decay_first:
            theta = theta * (1 - lr * weight_decay)
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        update = (m / (1 - b1**t)) / (np.sqrt(v / (1 - b2**t)) + eps)
        theta = theta - lr * update
        if not decay_first:
            theta = theta * (1 - lr * weight_decay)
    return theta


def algorithm_2(grad: Grad, theta: np.ndarray, *, alpha: float, lam: float, etas: list[float],
                beta1: float = 0.9, beta2: float = 0.999, eps: float = 1e-8) -> np.ndarray:
    """The paper's Algorithm 2 with the decoupled (green) term: AdamW."""
    m, v = np.zeros_like(theta), np.zeros_like(theta)
    for t, eta in enumerate(etas, start=1):
        g = grad(theta)
        m = beta1 * m + (1 - beta1) * g
        v = beta2 * v + (1 - beta2) * g * g
        m_hat, v_hat = m / (1 - beta1**t), v / (1 - beta2**t)
        theta = theta - eta * (alpha * m_hat / (np.sqrt(v_hat) + eps) + lam * theta)
    return theta


def test_adamw_decays_theta_before_the_update_and_after_would_add_a_term() -> None:
    grad, theta0 = quadratic(6)
    lr, wd = 0.01, 0.1
    first = torch_adamw(theta0, grad, 1, lr=lr, weight_decay=wd)
    np.testing.assert_allclose(first, algorithm_2(grad, theta0, alpha=lr, lam=lr * wd, etas=[1.0]), rtol=1e-12)
    after = torch_adamw(theta0, grad, 1, lr=lr, weight_decay=wd, decay_first=False)
    g = grad(theta0)
    update = g / (np.abs(g) + 1e-8)  # m̂₁/(√v̂₁ + ε) at t = 1
    np.testing.assert_allclose(after - first, lr**2 * wd * update, rtol=1e-9, atol=1e-16)
    for lang in LANGS:
        assert r"\gamma^2 \cdot wd \cdot \frac{\hat{m}_t}{\sqrt{\hat{v}_t} + \epsilon}" in solution(lang)


def test_the_text_no_longer_says_the_order_does_not_matter() -> None:
    assert "order does not matter" not in solution("en")
    assert "порядок не важен" not in solution("ru")


# ---------------------------------------------------------------- A4: the lecture's notation

SUMMARY = {"en": "Summary in the lecture's notation", "ru": "Итог в обозначениях лекции"}


def lecture_sgdw(w: np.ndarray, m: np.ndarray, grad: np.ndarray, *, eta: float, beta1: float,
                 lam_prime: float) -> np.ndarray:
    """The summary's SGDW: mₜ = β₁mₜ₋₁ + η∇L(wₜ₋₁), wₜ = wₜ₋₁ − mₜ − ηλ′wₜ₋₁."""
    m_t = beta1 * m + eta * grad
    return w - m_t - eta * lam_prime * w


def lecture_adamw(w: np.ndarray, m_hat: np.ndarray, v_hat: np.ndarray, *, eta: float,
                  lam_prime: float, eps: float) -> np.ndarray:
    """The summary's AdamW: wₜ = wₜ₋₁ − η(m̂ₜ/(√v̂ₜ + ε) + λ′wₜ₋₁)."""
    return w - eta * (m_hat / (np.sqrt(v_hat) + eps) + lam_prime * w)


@pytest.mark.parametrize("seed", range(5))
def test_one_step_in_paper_lecture_and_pytorch_notation_agree(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n = 6
    theta, m_prev, g = rng.standard_normal(n), rng.standard_normal(n), rng.standard_normal(n)
    alpha, eta_t, lam, beta1 = rng.uniform(1e-3, 0.5), rng.uniform(0.1, 1.0), rng.uniform(1e-4, 0.1), 0.9
    # SGDW: Algorithm 1 (paper symbols) against the summary (η = ηₜα, λ′ = λ/α)
    m_t = beta1 * m_prev + eta_t * alpha * g
    paper = theta - m_t - eta_t * lam * theta
    lecture = lecture_sgdw(theta, m_prev, g, eta=eta_t * alpha, beta1=beta1, lam_prime=lam / alpha)
    np.testing.assert_allclose(lecture, paper, rtol=1e-12)
    # …and PyTorch's parametrization lr = ηₜα, weight_decay = λ/α, decay by hand: p.mul_(1 − lr·wd)
    lr, wd = eta_t * alpha, lam / alpha
    buf = m_prev / lr  # PyTorch's buffer holds the steps without lr (constant lr)
    torch_theta, _ = torch_sgd_step((1 - lr * wd) * theta, g, buf, lr=lr, momentum=beta1)
    np.testing.assert_allclose(torch_theta, paper, rtol=1e-10)
    # AdamW: the last line of Algorithm 2 against the summary
    m_hat, v_hat, eps = rng.standard_normal(n), rng.uniform(0.1, 2.0, n), 1e-8
    paper_w = theta - eta_t * (alpha * m_hat / (np.sqrt(v_hat) + eps) + lam * theta)
    lecture_w = lecture_adamw(theta, m_hat, v_hat, eta=eta_t * alpha, lam_prime=lam / alpha, eps=eps)
    np.testing.assert_allclose(lecture_w, paper_w, rtol=1e-12)
    # PyTorch's AdamW with a scheduler setting lr = ηₜα and weight_decay = λ/α equals Algorithm 2
    grad, theta0 = quadratic(seed + 10)
    etas = [float(e) for e in rng.uniform(0.2, 1.0, 12)]
    ours = torch_adamw(theta0, grad, len(etas), lr=[e * alpha for e in etas], weight_decay=lam / alpha)
    np.testing.assert_allclose(ours, algorithm_2(grad, theta0, alpha=alpha, lam=lam, etas=etas), rtol=1e-10)


@pytest.mark.parametrize("lang", LANGS)
def test_the_summary_states_the_formulas_the_test_computes(lang: str) -> None:
    question = load_course(cached=False).question(5)
    assert question is not None
    last = question.steps[lang][-1]
    assert last.title == SUMMARY[lang]
    for formula in (
        r"\eta_t \lambda w_{t-1} = \eta \cdot \frac{\lambda}{\alpha} \cdot w_{t-1} = \eta \lambda' w_{t-1}",
        r"\lambda' = \frac{\lambda}{\alpha}",
        r"m_t = \beta_1 m_{t-1} + \eta \nabla L(w_{t-1})",
        r"w_t = w_{t-1} - m_t - \eta \lambda' w_{t-1}",
        r"w_t = w_{t-1} - \eta \left( \frac{\hat{m}_t}{\sqrt{\hat{v}_t} + \epsilon} + \lambda' w_{t-1} \right)",
        r"\eta = \eta_t \alpha",
        r"1 - \eta_t \lambda = 1 - \eta \lambda'",
        r"\lambda = \alpha \lambda'",
    ):
        assert formula in last.body, formula


@pytest.mark.parametrize("lang", LANGS)
def test_the_sgdw_recipe_is_the_one_tested(lang: str) -> None:
    recipe = step(lang, {"en": "SGD in PyTorch", "ru": "SGD в PyTorch"})
    code = re.search(r"```python\n(.*?)```", recipe, re.S)
    assert code is not None
    lines = [line.split("#")[0].strip() for line in code.group(1).splitlines()]
    order = [i for i, line in enumerate(lines) if line.startswith(("loss.backward()", "p.mul_(", "optimizer.step()"))]
    assert [lines[i].split("(")[0] for i in order] == ["loss.backward", "p.mul_", "optimizer.step"]
    assert "p.mul_(1 - eta_t * lam)" in code.group(1) and "weight_decay=0" in recipe
    assert r"\eta_t \lambda m_t" in recipe  # the extra term of decaying after step()


def test_pytorch_optimizer_defaults_if_installed() -> None:
    torch = pytest.importorskip("torch")
    p = [torch.nn.Parameter(torch.zeros(1))]
    assert torch.optim.AdamW(p).defaults["weight_decay"] == 0.01
    assert torch.optim.Adam(p).defaults["weight_decay"] == 0
    assert torch.optim.SGD(p, lr=0.1).defaults["weight_decay"] == 0
