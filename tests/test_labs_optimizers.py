"""The optimizers lab (question 5): steps against hand-written steps of Algorithms 1 and 2."""

from __future__ import annotations

import math

import numpy as np
import pytest

from tutor.labs import ParamError, get_lab

LAB = get_lab("optimizers")
H, C = (1.0, 25.0), (3.0, 1.0)


def quad_grad(theta: list[float]) -> list[float]:
    return [h * (x - c) for h, x, c in zip(H, theta, C, strict=True)]


def sgd_steps(
    theta: list[float], n: int, *, alpha: float, eta: float, beta1: float, l2: float, wd: float
) -> list[list[float]]:
    """Algorithm 1, coordinate by coordinate: gₜ = ∇f + l2·θ; mₜ = β₁mₜ₋₁ + ηαgₜ; θₜ = θₜ₋₁ − mₜ − ηλθₜ₋₁."""
    m = [0.0, 0.0]
    out = [list(theta)]
    for _ in range(n):
        g = [gi + l2 * x for gi, x in zip(quad_grad(theta), theta, strict=True)]
        m = [beta1 * mi + eta * alpha * gi for mi, gi in zip(m, g, strict=True)]
        theta = [x - mi - eta * wd * x for x, mi in zip(theta, m, strict=True)]
        out.append(list(theta))
    return out


def adam_steps(
    theta: list[float], n: int, *, alpha: float, eta: float, l2: float, wd: float
) -> list[list[float]]:
    """Algorithm 2 with β₁ = 0.9, β₂ = 0.999, ε = 1e-8."""
    b1, b2, eps = 0.9, 0.999, 1e-8
    m, v = [0.0, 0.0], [0.0, 0.0]
    out = [list(theta)]
    for t in range(1, n + 1):
        g = [gi + l2 * x for gi, x in zip(quad_grad(theta), theta, strict=True)]
        m = [b1 * mi + (1 - b1) * gi for mi, gi in zip(m, g, strict=True)]
        v = [b2 * vi + (1 - b2) * gi * gi for vi, gi in zip(v, g, strict=True)]
        theta = [
            x - eta * (alpha * (mi / (1 - b1**t)) / (math.sqrt(vi / (1 - b2**t)) + eps) + wd * x)
            for x, mi, vi in zip(theta, m, v, strict=True)
        ]
        out.append(list(theta))
    return out


@pytest.mark.parametrize("momentum", [0.0, 0.5])
def test_steps_match_the_paper(momentum: float) -> None:
    alpha_sgd, alpha_adam, lam, eta = 0.03, 0.1, 0.02, 0.8
    result = LAB.compute(
        alpha_sgd=alpha_sgd, alpha_adam=alpha_adam, lam=lam, eta=eta, momentum=momentum, steps=5
    )
    start = [-2.0, -1.5]
    expected = {
        "SGD+L2": sgd_steps(
            start, 5, alpha=alpha_sgd, eta=eta, beta1=momentum, l2=lam / alpha_sgd, wd=0.0
        ),
        "SGDW": sgd_steps(start, 5, alpha=alpha_sgd, eta=eta, beta1=momentum, l2=0.0, wd=lam),
        "Adam+L2": adam_steps(start, 5, alpha=alpha_adam, eta=eta, l2=lam / alpha_adam, wd=0.0),
        "AdamW": adam_steps(start, 5, alpha=alpha_adam, eta=eta, l2=0.0, wd=lam),
    }
    for name, path in expected.items():
        assert np.allclose(result.paths[name], path, rtol=1e-12, atol=1e-12), name


def test_first_adam_step_has_size_alpha() -> None:
    """At t = 1, m̂₁/√v̂₁ = g/|g|: each coordinate moves by η·α (no decay)."""
    result = LAB.compute(alpha_adam=0.1, lam=0.0, eta=1.0, steps=1)
    assert np.allclose(np.abs(result.paths["AdamW"][1] - result.paths["AdamW"][0]), 0.1, atol=1e-6)


def test_sgd_l2_and_sgdw_coincide_without_momentum_only() -> None:
    result = LAB.compute()
    assert np.allclose(result.paths["SGD+L2"], result.paths["SGDW"], atol=1e-12)
    assert result.sgd_gap_plain < 1e-12
    assert result.sgd_gap_momentum > 1e-3
    assert LAB.compute(momentum=0.9).sgd_gap_momentum == pytest.approx(result.sgd_gap_momentum)


@pytest.mark.parametrize("problem", ["quadratic", "rosenbrock"])
def test_adam_l2_and_adamw_end_apart(problem: str) -> None:
    result = LAB.compute(problem=problem)
    assert result.adam_gap > 0.05
    assert result.adam_gap == pytest.approx(
        float(np.linalg.norm(result.paths["Adam+L2"][-1] - result.paths["AdamW"][-1]))
    )


def test_l2_fixed_point_on_the_quadratic() -> None:
    """SGD + L2 converges to the minimiser of f + λ′/2‖θ‖²: θᵢ = hᵢcᵢ/(hᵢ + λ′)."""
    alpha, lam = 0.05, 0.02
    result = LAB.compute(alpha_sgd=alpha, lam=lam, steps=2000)
    lam_prime = lam / alpha
    expected = [h * c / (h + lam_prime) for h, c in zip(H, C, strict=True)]
    assert np.allclose(result.paths["SGD+L2"][-1], expected, atol=1e-6)


def test_losses_are_of_the_trajectory() -> None:
    result = LAB.compute(steps=10)
    theta = result.paths["AdamW"][4]
    assert result.losses["AdamW"][4] == pytest.approx(
        0.5 * sum(h * (x - c) ** 2 for h, x, c in zip(H, theta, C, strict=True))
    )


def test_deterministic() -> None:
    a, b = LAB.compute(problem="rosenbrock"), LAB.compute(problem="rosenbrock")
    assert all(np.array_equal(a.paths[k], b.paths[k]) for k in a.paths)


@pytest.mark.parametrize(
    "values",
    [{"alpha_sgd": 0}, {"lam": -0.1}, {"steps": 0}, {"problem": "rastrigin"}, {"momentum": 1}],
)
def test_bad_parameters(values: dict[str, object]) -> None:
    with pytest.raises(ParamError):
        LAB.compute(**values)


@pytest.mark.parametrize("problem", ["quadratic", "rosenbrock"])
def test_the_russian_report_names_the_function_in_russian(problem: str) -> None:
    from tutor.plots import render_to_text

    result = LAB.compute(problem=problem)
    ru = render_to_text(lambda plt: LAB.draw(result, plt, "ru", view="paths"), 76, 20, color=False)
    en = render_to_text(lambda plt: LAB.draw(result, plt, "en", view="paths"), 76, 20, color=False)
    title_ru, title_en = ru.split("\n")[0], en.split("\n")[0]
    assert problem not in title_ru  # the parameter's value is not a Russian word
    assert {"quadratic": "квадратичной функции", "rosenbrock": "функции Розенброка"}[problem] in title_ru
    assert {"quadratic": "quadratic loss", "rosenbrock": "Rosenbrock loss"}[problem] in title_en
    assert "момент" not in "\n".join(LAB.report(result, "ru"))  # momentum is «импульс»; Adam has moments
