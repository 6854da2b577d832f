"""Each quiz item's reference answer, confirmed independently of the item's own tables.

The accepted/rejected tables beside an item only compare answers with the item's
reference, so an item and its tables edited together would still pass them.
Here the reference itself is evaluated (through the checker's reader and
evaluator, at random points) and compared with what the question defines:
finite differences of the function or loss (1a, 1b, 2, 3.1, 3.2), a forward
pass layer by layer (4), the count from the layer sizes (4.params), one step of
the paper's Algorithm 1 or 2 (5.x), the gains from their definitions (6.x),
counting γ and β per channel (7), PyTorch's documented schedule (8.2), inverted
dropout simulated (8.4), and for the choices, the behaviour the right option
describes (8.1, 8.3).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable

import numpy as np
import pytest

from tutor.answers.evaluate import SampleGroup, evaluate
from tutor.answers.judge import read_answer
from tutor.quiz.items import QuizItem, get_item

K = 6  # points per check
H = 1e-6


def item(item_id: str) -> QuizItem:
    found = get_item(item_id)
    assert found is not None
    return found


def reference_at(item_id: str, values: dict[str, np.ndarray], sigma: tuple | None = None) -> np.ndarray:
    """The item's reference answer evaluated at ``values`` (each of shape (K, rows, cols))."""
    it = item(item_id)
    tree = read_answer(it, it.spec.answer)
    k = next(iter(values.values())).shape[0] if values else K
    if sigma is None:
        sigma = tuple(np.ones((k, 1, 1)) * v for v in (1.0, 1.0, 0.0, 0.0))
    return evaluate(tree, SampleGroup({}, values, sigma, k))


def fd_gradient(f: Callable[[np.ndarray], float], x: np.ndarray) -> np.ndarray:
    return np.array([(f(x + H * e) - f(x - H * e)) / (2 * H) for e in np.eye(x.size)])


def col(v: np.ndarray) -> np.ndarray:
    return v.reshape(-1, 1)


# ---------------------------------------------------------------- question 1


@pytest.mark.parametrize("n", [2, 3, 5])
def test_1a_is_the_jacobian_of_the_identity_map(n: int) -> None:
    rng = np.random.default_rng(n)
    xs = rng.standard_normal((K, n))
    ref = reference_at("1a", {"x": xs[:, :, None], "I": np.broadcast_to(np.eye(n), (K, n, n)).copy()})
    for k, x in enumerate(xs):
        jac = np.stack([(x + H * e - (x - H * e)) / (2 * H) for e in np.eye(n)], axis=1)
        np.testing.assert_allclose(ref[k], jac, atol=1e-8)


@pytest.mark.parametrize("n", [2, 4, 6])
def test_1b_is_the_gradient_of_xtx(n: int) -> None:
    xs = np.random.default_rng(n).standard_normal((K, n))
    ref = reference_at("1b", {"x": xs[:, :, None], "I": np.broadcast_to(np.eye(n), (K, n, n)).copy()})
    for k, x in enumerate(xs):
        np.testing.assert_allclose(ref[k], col(fd_gradient(lambda v: float(v @ v), x)), rtol=1e-6, atol=1e-8)


# ---------------------------------------------------------------- question 2


def test_2_is_the_derivative_of_tanh() -> None:
    zs = np.linspace(-3, 3, 13)
    ref = reference_at("2", {"z": zs.reshape(-1, 1, 1)})
    numeric = (np.tanh(zs + H) - np.tanh(zs - H)) / (2 * H)
    np.testing.assert_allclose(ref.ravel(), numeric, rtol=1e-6, atol=1e-9)


# ---------------------------------------------------------------- question 3


def _softmax(z: np.ndarray) -> np.ndarray:
    e = np.exp(z - z.max())
    return e / e.sum()


@pytest.mark.parametrize(("item_id", "soft"), [("3.1", False), ("3.2", True)])
def test_3_is_the_gradient_of_the_cross_entropy(item_id: str, soft: bool) -> None:
    rng = np.random.default_rng(7)
    for k_classes in (3, 9, 10):
        zs = rng.standard_normal((K, k_classes)) * 2
        if soft:
            ps = rng.dirichlet(np.ones(k_classes), size=K)
        else:
            ps = np.eye(k_classes)[rng.integers(0, k_classes, K)]
        y_hat = np.stack([_softmax(z) for z in zs])
        ref = reference_at(item_id, {"z": zs[:, :, None], "p": ps[:, :, None], "y_hat": y_hat[:, :, None]})
        for k, (z, p) in enumerate(zip(zs, ps, strict=True)):
            loss = lambda v, p=p: -float(p @ np.log(_softmax(v)))  # noqa: E731
            np.testing.assert_allclose(ref[k], col(fd_gradient(loss, z)), atol=1e-7)


# ---------------------------------------------------------------- question 4

SIZES = (3, 5, 2, 4)  # the seed: input 3, layers with outputs 5, 2 and 4


def test_4_is_the_forward_pass_layer_by_layer() -> None:
    rng = np.random.default_rng(4)
    shapes = {"x": (SIZES[0], 1)}
    for i, (n_in, n_out) in enumerate(itertools.pairwise(SIZES), start=1):
        shapes[f"W{i}"], shapes[f"b{i}"] = (n_out, n_in), (n_out, 1)
    values = {name: rng.standard_normal((K, *shape)) for name, shape in shapes.items()}
    a, b, c, d = rng.uniform(0.5, 1.5, (K, 1, 1)), rng.uniform(0.5, 1.5, (K, 1, 1)), \
        rng.uniform(-0.5, 0.5, (K, 1, 1)), rng.uniform(0.1, 0.5, (K, 1, 1))
    ref = reference_at("4", values, sigma=(a, b, c, d))
    for k in range(K):
        def act(u: np.ndarray, k: int = k) -> np.ndarray:  # the checker's σ at point k: any smooth function
            return a[k] * np.tanh(b[k] * u + c[k]) + d[k] * u

        h = values["x"][k]
        for i in range(1, len(SIZES)):
            z = values[f"W{i}"][k] @ h + values[f"b{i}"][k]  # every layer has a bias
            h = act(z) if i < len(SIZES) - 1 else z  # no activation after the last layer
        np.testing.assert_allclose(ref[k], h, rtol=1e-12)


def test_4_params_is_the_count_from_the_layer_sizes() -> None:
    count = sum(n_out * n_in + n_out for n_in, n_out in itertools.pairwise(SIZES))
    assert float(reference_at("4.params", {}).ravel()[0]) == count == 44


# ---------------------------------------------------------------- question 5


def test_5_sgdw_is_one_step_of_algorithm_1() -> None:
    rng = np.random.default_rng(5)
    n = 4
    theta, m_prev, g = (rng.standard_normal((K, n, 1)) for _ in range(3))
    alpha, beta1, eta, lam = (rng.uniform(0.01, 0.9, (K, 1, 1)) for _ in range(4))
    m_t = beta1 * m_prev + eta * alpha * g  # Algorithm 1, line 6 (SGDW: no λθ in gₜ)
    theta_t = theta - m_t - eta * lam * theta  # line 12 with the green term
    ref = reference_at("5.sgdw", {"theta": theta, "m": m_t, "eta": eta, "lambda": lam})
    np.testing.assert_allclose(ref, theta_t, rtol=1e-12)


def test_5_adamw_is_one_step_of_algorithm_2() -> None:
    rng = np.random.default_rng(6)
    n, b1, b2 = 4, 0.9, 0.999
    theta, g, m_prev = (rng.standard_normal((K, n, 1)) for _ in range(3))
    v_prev = rng.uniform(0.1, 2.0, (K, n, 1))
    t = rng.integers(1, 50, (K, 1, 1))
    alpha, eta, lam = (rng.uniform(0.001, 0.5, (K, 1, 1)) for _ in range(3))
    eps = np.full((K, 1, 1), 1e-8)
    m = b1 * m_prev + (1 - b1) * g  # Algorithm 2, lines 7–10
    v = b2 * v_prev + (1 - b2) * g * g
    m_hat, v_hat = m / (1 - b1**t), v / (1 - b2**t)
    theta_t = theta - eta * (alpha * m_hat / (np.sqrt(v_hat) + eps) + lam * theta)  # line 12, green term
    ref = reference_at("5.adamw", {"theta": theta, "m_hat": m_hat, "v_hat": v_hat, "eta": eta, "alpha": alpha,
                                   "lambda": lam, "eps": eps})
    np.testing.assert_allclose(ref, theta_t, rtol=1e-12)


# ---------------------------------------------------------------- question 6


NODES, WEIGHTS = np.polynomial.hermite_e.hermegauss(120)
WEIGHTS = WEIGHTS / WEIGHTS.sum()


def _expect(f: Callable[[np.ndarray], np.ndarray]) -> float:
    """E f(z) for z ~ N(0, 1), by Gauss–Hermite quadrature."""
    return float((WEIGHTS * f(NODES)).sum())


def test_6_relu_gain_from_its_definition() -> None:
    """gain² · E[relu(z)²] = Var(z): the variance is kept from layer to layer."""
    second_moment = _expect(lambda z: np.maximum(z, 0.0) ** 2)  # z ~ N(0, 1)
    gain = 1 / math.sqrt(second_moment)
    assert float(reference_at("6.relu", {}).ravel()[0]) == pytest.approx(gain, rel=1e-6)
    leaky = math.sqrt(2 / (1 + 0.0**2))  # PyTorch's formula for leaky_relu at slope 0
    assert gain == pytest.approx(leaky, rel=1e-6)


def test_6_tanh_gain_is_pytorchs_and_keeps_the_signal_alive() -> None:
    """PyTorch defines calculate_gain('tanh') = 5/3 (empirical, not derived); with it a deep chain neither
    dies (gain 1: q → 0) nor saturates: the fixed point of q = gain²·E[tanh²(√q ξ)] sits near q ≈ 1."""
    gain = float(reference_at("6.tanh", {}).ravel()[0])
    assert gain == pytest.approx(5 / 3, rel=1e-12)

    def fixed_point(g: float) -> float:
        q = 1.0
        for _ in range(300):
            q = g * g * _expect(lambda x, q=q: np.tanh(math.sqrt(q) * x) ** 2)
        return q

    assert fixed_point(1.0) < 0.005  # ≈ 1/(2·300): on its way to 0
    assert 0.5 < fixed_point(gain) < 2.0


def test_6_gains_with_torch_if_installed() -> None:
    torch = pytest.importorskip("torch")
    assert float(reference_at("6.tanh", {}).ravel()[0]) == pytest.approx(torch.nn.init.calculate_gain("tanh"))
    assert float(reference_at("6.relu", {}).ravel()[0]) == pytest.approx(torch.nn.init.calculate_gain("relu"))


# ---------------------------------------------------------------- question 7


def _batch_norm_parameters(channels: int) -> dict[str, np.ndarray]:
    """What a batch norm over channels learns: a scale and a shift per channel (Ioffe & Szegedy, §3.2)."""
    return {"gamma": np.ones(channels), "beta": np.zeros(channels)}


def test_7_counts_gamma_and_beta_per_channel() -> None:
    rng = np.random.default_rng(7)
    dims = {name: rng.integers(1, 64, (K, 1, 1)).astype(float) for name in ("B", "h", "w", "C")}
    ref = reference_at("7", dims).ravel()
    for k in range(K):
        x = rng.standard_normal((2, 3, 4, int(dims["C"][k, 0, 0])))  # any B, h, w: the count ignores them
        params = _batch_norm_parameters(x.shape[-1])
        assert ref[k] == sum(p.size for p in params.values())


def test_7_with_torch_if_installed() -> None:
    torch = pytest.importorskip("torch")
    for c in (1, 3, 64):
        bn = torch.nn.BatchNorm2d(c)
        ones = np.ones((1, 1, 1))
        dims = {"B": ones * 8, "h": ones * 5, "w": ones * 5, "C": ones * c}
        assert reference_at("7", dims).ravel()[0] == sum(p.numel() for p in bn.parameters())


# ---------------------------------------------------------------- question 8


def test_8_2_is_steplr_at_epoch_3() -> None:
    lr, gamma, step = 0.1, 0.1, 3
    lrs = [lr]
    for epoch in range(1, 4):  # PyTorch's recursive StepLR: multiply by γ when epoch % step_size == 0
        lrs.append(lrs[-1] * (gamma if epoch % step == 0 else 1.0))
    assert float(reference_at("8.2", {}).ravel()[0]) == pytest.approx(lrs[3], rel=1e-12)


def test_8_4_is_the_scale_of_inverted_dropout() -> None:
    p = 0.5
    rng = np.random.default_rng(8)
    x = rng.uniform(0.5, 1.5, 200_000)
    keep = rng.random(x.size) >= p
    scale = 1 / (1 - p)  # the scale that keeps the expectation …
    out = np.where(keep, x * scale, 0.0)
    assert out.mean() == pytest.approx(x.mean(), rel=0.01)  # … as the simulation shows
    ref = float(reference_at("8.4", {"p": np.full((1, 1, 1), p)}).ravel()[0])
    assert ref == pytest.approx(scale, rel=1e-12)
    assert np.allclose(out[keep] / x[keep], ref)


def _polynomial_fit_curves(seed: int = 0) -> tuple[list[float], list[float]]:
    """Gradient descent on a degree-12 polynomial fit to 15 noisy points: train and validation loss per epoch."""
    rng = np.random.default_rng(seed)
    x_train, x_val = rng.uniform(-1, 1, 15), rng.uniform(-1, 1, 200)

    def truth(x: np.ndarray) -> np.ndarray:
        return np.sin(3 * x)

    y_train = truth(x_train) + 0.3 * rng.standard_normal(15)
    y_val = truth(x_val) + 0.3 * rng.standard_normal(200)
    features = lambda x: np.vander(x, 13, increasing=True)  # noqa: E731
    a, a_val = features(x_train), features(x_val)
    w = np.zeros(13)
    lr = 1.0 / np.linalg.eigvalsh(a.T @ a / 15).max()
    train, val = [], []
    for _ in range(20000):
        w -= lr * a.T @ (a @ w - y_train) / 15
        train.append(float(np.mean((a @ w - y_train) ** 2)))
        val.append(float(np.mean((a_val @ w - y_val) ** 2)))
    return train, val


def test_8_1_early_stopping_watches_the_validation_score() -> None:
    train, val = _polynomial_fit_curves()
    best = int(np.argmin(val))
    assert 0 < best < len(val) - 1000 and val[-1] > val[best] * 1.05  # validation turns back up …
    assert all(b <= a + 1e-12 for a, b in itertools.pairwise(train))  # … while the training loss never does
    spec = item("8.1").spec
    right = spec.options[spec.answer]
    assert "validation" in right["en"] and "валидац" in right["ru"]


def test_8_3_l2_penalizes_large_weights() -> None:
    rng = np.random.default_rng(3)
    a = rng.standard_normal((30, 10))
    y = rng.standard_normal(30)
    norms = [float(np.linalg.norm(np.linalg.solve(a.T @ a + lam * np.eye(10), a.T @ y))) for lam in (0, 0.1, 1, 10)]
    assert all(b < a_ for a_, b in itertools.pairwise(norms))  # more L2, smaller weights
    spec = item("8.3").spec
    right = spec.options[spec.answer]
    assert "large weights" in right["en"] and "большие веса" in right["ru"]


def test_every_auto_checked_item_is_confirmed_here() -> None:
    import re
    from pathlib import Path

    from tutor.quiz.items import load_items

    source = Path(__file__).read_text(encoding="utf-8")
    tested = set(re.findall(r'reference_at\("([\w.]+)"', source)) | set(re.findall(r'item\("([\w.]+)"\)', source))
    tested |= {m for m in ("3.1", "3.2") if f'"{m}"' in source}
    expected = {i.id for i in load_items() if i.kind != "self-check"}
    assert expected <= tested, expected - tested
