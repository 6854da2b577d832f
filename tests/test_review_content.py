"""The corrections of the expert review (issue 10, A) in questions 2, 3, 6 and 8, recomputed.

Each test computes what the corrected sentence states, independently of the
content and of the labs, and checks that both languages state it.
"""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest

from tutor.content.loader import load_course

LANGS = ("ru", "en")


def solution(number: int, lang: str) -> str:
    question = load_course(cached=False).question(number)
    assert question is not None
    return "\n".join(f"## {s.title}\n{s.body}" for s in question.steps[lang])


# ---------------------------------------------------------------- A5: float32 and tanh(10)


def test_float32_tanh_10_is_exactly_one_and_its_gradient_zero() -> None:
    a = np.tanh(np.float32(10.0))
    assert a.dtype == np.float32 and a == np.float32(1.0)
    assert np.float32(1.0) - a * a == np.float32(0.0)  # autograd's 1 − a² from the stored output
    below_one = np.nextafter(np.float32(1.0), np.float32(0.0))
    assert float(1.0 - below_one) == 2.0**-24  # the gap below 1 …
    half_gap = 2.0**-25
    assert f"{half_gap:.1e}" == "3.0e-08"  # … half of it
    exact = 1 - math.tanh(10.0)
    assert exact < half_gap and f"{exact:.1e}" == "4.1e-09"
    assert f"{1 - math.tanh(10.0) ** 2:.3e}" == "8.245e-09"
    for lang in LANGS:
        text = solution(2, lang)
        for stated in (r"1 - \tanh 10 \approx 4.1 \cdot 10^{-9}", r"2^{-25} \approx 3.0 \cdot 10^{-8}",
                       r"8.245 \cdot 10^{-9}", "float32"):
            assert stated in text, stated


def test_float32_with_torch_if_installed() -> None:
    torch = pytest.importorskip("torch")
    z = torch.tensor(10.0, requires_grad=True)
    torch.tanh(z).backward()
    assert z.grad is not None and float(z.grad) == 0.0


# ---------------------------------------------------------------- A9: question 3


def softmax(z: np.ndarray) -> np.ndarray:
    e = np.exp(z - z.max())
    return e / e.sum()


def test_y_hat_minus_p_holds_for_the_literal_nine_entry_vector() -> None:
    p = np.array([0, 3 / 4, 0, 0, 0, 0, 1 / 4, 0, 0])  # the statement as printed: 9 entries
    rng = np.random.default_rng(3)
    for _ in range(5):
        z = rng.standard_normal(p.size) * 2
        loss = lambda v: -float(p @ np.log(softmax(v)))  # noqa: E731
        h = 1e-6
        numeric = np.array([(loss(z + h * e) - loss(z - h * e)) / (2 * h) for e in np.eye(p.size)])
        np.testing.assert_allclose(numeric, softmax(z) - p, atol=1e-8)
    for lang in LANGS:
        assert "$K = 9$" in solution(3, lang)


def test_the_reason_for_y_hat_times_the_log_derivative() -> None:
    """(log u)′ = u′/u: the softmax Jacobian equals ŷᵢ · ∂ log ŷᵢ/∂zⱼ, entry by entry."""
    z = np.random.default_rng(4).standard_normal(5)
    h = 1e-6
    jac = np.stack([(softmax(z + h * e) - softmax(z - h * e)) / (2 * h) for e in np.eye(5)], axis=1)
    log_jac = np.stack([(np.log(softmax(z + h * e)) - np.log(softmax(z - h * e))) / (2 * h) for e in np.eye(5)], axis=1)
    np.testing.assert_allclose(jac, softmax(z)[:, None] * log_jac, atol=1e-9)
    for lang in LANGS:
        assert r"(\log u)' = \frac{u'}{u}" in solution(3, lang)


def test_question_3_uses_delta_in_hints_and_solution() -> None:
    from tutor.quiz.items import get_item

    for item_id in ("3.1", "3.2"):
        item = get_item(item_id)
        assert item is not None
        for hint in item.hints:
            for lang in LANGS:
                assert "[k = j]" not in hint[lang]
        assert any("δₖⱼ" in hint["en"] and "δₖⱼ" in hint["ru"] for hint in item.hints)
    for lang in LANGS:
        assert r"\delta_{ij}" in solution(3, lang) and "[k = j]" not in solution(3, lang)


# ---------------------------------------------------------------- A6: question 6


def _tanh_variance_chain(depth: int) -> list[float]:
    """E[h_l²] of a gain-1 tanh chain with σ² = 1/fan (mean field): q_{l+1} = E[tanh²(√q_l ξ)]."""
    nodes, weights = np.polynomial.hermite_e.hermegauss(80)
    weights = weights / weights.sum()
    q, out = 1.0, []
    for _ in range(depth):
        q = float((weights * np.tanh(math.sqrt(q) * nodes) ** 2).sum())
        out.append(q)
    return out


def test_a_gain_1_tanh_chain_decays_slower_than_geometrically() -> None:
    q = _tanh_variance_chain(2000)
    ratios = [b / a for a, b in itertools.pairwise(q)]
    assert all(b > a for a, b in itertools.pairwise(ratios))  # the per-layer factor c keeps rising …
    assert ratios[-1] > 0.999  # … towards 1: no fixed c < 1
    for depth in (20, 100, 2000):
        assert q[depth - 1] * 2 * depth == pytest.approx(1.0, rel=0.04)  # q_L ≈ 1/(2L)
    small = 1e-3
    e_tanh2 = float(_expect(lambda x: np.tanh(math.sqrt(small) * x) ** 2))
    assert e_tanh2 == pytest.approx(small - 2 * small**2, rel=1e-5)  # q − 2q² for small q
    assert f"{1 / math.sqrt(40):.2f}" == "0.16" == f"{math.sqrt(q[19]):.2f}"
    rng = np.random.default_rng(0)  # and a finite network, as in the table: width 256, 20 layers
    h = rng.standard_normal((512, 256))
    for _ in range(20):
        h = np.tanh(h @ (rng.standard_normal((256, 256)) / math.sqrt(256)))
    assert abs(h.std() - 0.16) < 0.015  # "about": a finite network wanders a little by seed
    for lang in LANGS:
        text = solution(6, lang)
        assert r"q_{l+1} \approx q_l - 2 q_l^2" in text and r"\frac{1}{2L}" in text
        assert r"\frac{1}{\sqrt{2L}} \approx 0.16" in text and "$L = 20$" in text


def _expect(f) -> float:  # type: ignore[no-untyped-def]
    nodes, weights = np.polynomial.hermite_e.hermegauss(80)
    return float((weights / weights.sum() * f(nodes)).sum())


# ---------------------------------------------------------------- A7, A8: question 8


def _lasso(seed: int = 0) -> tuple[np.ndarray, np.ndarray, float, float]:
    rng = np.random.default_rng(seed)
    a = rng.standard_normal((60, 10))
    truth = np.zeros(10)
    truth[[1, 4, 7]] = [2.0, -1.5, 1.0]
    b = a @ truth + 0.3 * rng.standard_normal(60)
    lam = 0.3
    eta = 0.5 / float(np.linalg.eigvalsh(a.T @ a / 60).max())
    return a, b, lam, eta


def test_l1_optimum_is_sparse_but_subgradient_sgd_only_hovers_around_zero() -> None:
    a, b, lam, eta = _lasso()
    n = a.shape[0]
    grad = lambda th: a.T @ (a @ th - b) / n  # noqa: E731
    # the optimum of ½‖aθ − b‖²/n + λ‖θ‖₁ by coordinate descent, checked by its optimality conditions
    opt = np.zeros(10)
    for _ in range(500):
        for j in range(10):
            rho = a[:, j] @ (b - a @ opt + a[:, j] * opt[j]) / n
            opt[j] = np.sign(rho) * max(abs(rho) - lam, 0.0) / (a[:, j] @ a[:, j] / n)
    g = grad(opt)
    zero = opt == 0
    assert zero.sum() >= 5  # sparse
    assert np.all(np.abs(g[zero]) <= lam + 1e-9)
    np.testing.assert_allclose(g[~zero], -lam * np.sign(opt[~zero]), atol=1e-9)
    sub, prox, history = np.zeros(10), np.zeros(10), []
    for _ in range(3000):
        sub = sub - eta * (grad(sub) + lam * np.sign(sub))  # plain subgradient SGD
        history.append(sub.copy())
        y = prox - eta * grad(prox)  # the step on L, then soft-thresholding
        prox = np.sign(y) * np.maximum(np.abs(y) - eta * lam, 0.0)
    tail = np.array(history[-200:])[:, zero]
    assert np.all(tail != 0)  # never exactly zero …
    assert np.abs(tail).max() < 2 * eta * lam  # … only hovering around it
    assert np.all((np.diff(np.sign(tail), axis=0) != 0).sum(axis=0) > 100)  # jumping across 0
    assert np.array_equal(prox == 0, zero)
    np.testing.assert_allclose(prox, opt, atol=1e-9)
    for lang in LANGS:
        assert r"\theta_i \leftarrow \operatorname{sign}(\theta_i) \max(|\theta_i| - \eta \lambda, 0)" in solution(8, lang)


def cosine_annealing_lr(lr0: float, t_max: int, steps: int, eta_min: float = 0.0) -> list[float]:
    """The learning rates of ``CosineAnnealingLR.step()``: PyTorch's recursive ``get_lr``."""
    lrs, lr = [lr0], lr0
    for epoch in range(1, steps + 1):
        if (epoch - 1 - t_max) % (2 * t_max) == 0:
            lr = lr + (lr0 - eta_min) * (1 - math.cos(math.pi / t_max)) / 2
        else:
            lr = (1 + math.cos(math.pi * epoch / t_max)) / (1 + math.cos(math.pi * (epoch - 1) / t_max)) * (
                lr - eta_min) + eta_min
        lrs.append(lr)
    return lrs


def test_cosine_annealing_rises_again_after_t_max() -> None:
    lrs = cosine_annealing_lr(0.1, 10, 20)
    assert lrs[10] == pytest.approx(0.0, abs=1e-12)
    assert all(b > a for a, b in itertools.pairwise(lrs[10:]))  # it rises …
    assert lrs[20] == pytest.approx(0.1, rel=1e-9)  # … back to η₀ at 2T
    for lang in LANGS:
        assert "$2T$" in solution(8, lang) and "`T_max`" in solution(8, lang)


def test_cosine_annealing_with_torch_if_installed() -> None:
    torch = pytest.importorskip("torch")
    opt = torch.optim.SGD([torch.nn.Parameter(torch.zeros(1))], lr=0.1)
    sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=10)
    seen = [opt.param_groups[0]["lr"]]
    for _ in range(20):
        opt.step()
        sched.step()
        seen.append(opt.param_groups[0]["lr"])
    np.testing.assert_allclose(seen, cosine_annealing_lr(0.1, 10, 20), atol=1e-12)
