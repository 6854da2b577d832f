"""Lab for question 5: SGD with L2 vs SGDW, Adam with L2 vs AdamW (Loshchilov & Hutter).

The steps are exactly Algorithms 1 and 2 of arXiv 1711.05101 as question 5
writes them (constant schedule ηₜ = η). The L2 variants use λ′ = λ/α, the
rescaling under which plain SGD + L2 and SGDW take the same steps (the paper's
Proposition 1); Adam + L2 still ends elsewhere than AdamW, because its decay
term is divided by √v̂.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tutor.i18n import t
from tutor.labs.base import LabResult, LabSpec, Param, View, both
from tutor.plots import series_glyph

if TYPE_CHECKING:
    import numpy as np

METHODS: tuple[str, ...] = ("SGD+L2", "SGDW", "Adam+L2", "AdamW")
BETA2 = 0.999
ADAM_BETA1 = 0.9
EPS = 1e-8
#: the momentum used to show that SGD+L2 and SGDW part ways once a buffer accumulates
SHOWN_MOMENTUM = 0.9
#: an ill-conditioned quadratic ½(θ − c)ᵀ diag(H) (θ − c), condition number 25
QUAD_H: tuple[float, float] = (1.0, 25.0)
QUAD_C: tuple[float, float] = (3.0, 1.0)
START: dict[str, tuple[float, float]] = {"quadratic": (-2.0, -1.5), "rosenbrock": (-1.0, 1.5)}
#: a gentler Rosenbrock (b = 10 instead of 100) keeps plain SGD stable at the same α
ROSEN_B = 10.0
DIVERGED = 1e6


def loss_and_grad(problem: str) -> Callable[[np.ndarray], tuple[float, np.ndarray]]:
    import numpy as np

    if problem == "rosenbrock":

        def rosen(theta: np.ndarray) -> tuple[float, np.ndarray]:
            x, y = theta
            f = (1 - x) ** 2 + ROSEN_B * (y - x * x) ** 2
            g = np.array([-2 * (1 - x) - 4 * ROSEN_B * x * (y - x * x), 2 * ROSEN_B * (y - x * x)])
            return float(f), g

        return rosen
    h, c = np.array(QUAD_H), np.array(QUAD_C)

    def quadratic(theta: np.ndarray) -> tuple[float, np.ndarray]:
        d = theta - c
        return float(0.5 * (h * d * d).sum()), h * d

    return quadratic


def run_sgd(
    grad: Callable[[np.ndarray], tuple[float, np.ndarray]],
    theta0: np.ndarray,
    *,
    alpha: float,
    eta: float,
    beta1: float,
    l2: float,
    decay: float,
    steps: int,
) -> np.ndarray:
    """Algorithm 1: L2 factor ``l2`` enters gₜ, decoupled factor ``decay`` is SGDW's λ."""
    import numpy as np

    theta, m = theta0.astype(float), np.zeros_like(theta0, dtype=float)
    path = [theta]
    for _ in range(steps):
        g = grad(theta)[1] + l2 * theta
        m = beta1 * m + eta * alpha * g
        theta = theta - m - eta * decay * theta
        path.append(theta)
        if not np.all(np.abs(theta) < DIVERGED):
            break
    return np.array(path)


def run_adam(
    grad: Callable[[np.ndarray], tuple[float, np.ndarray]],
    theta0: np.ndarray,
    *,
    alpha: float,
    eta: float,
    l2: float,
    decay: float,
    steps: int,
    beta1: float = ADAM_BETA1,
    beta2: float = BETA2,
    eps: float = EPS,
) -> np.ndarray:
    """Algorithm 2: L2 factor ``l2`` enters gₜ, decoupled factor ``decay`` is AdamW's λ."""
    import numpy as np

    theta = theta0.astype(float)
    m, v = np.zeros_like(theta), np.zeros_like(theta)
    path = [theta]
    for step in range(1, steps + 1):
        g = grad(theta)[1] + l2 * theta
        m = beta1 * m + (1 - beta1) * g
        v = beta2 * v + (1 - beta2) * g * g
        m_hat, v_hat = m / (1 - beta1**step), v / (1 - beta2**step)
        theta = theta - eta * (alpha * m_hat / (np.sqrt(v_hat) + eps) + decay * theta)
        path.append(theta)
        if not np.all(np.abs(theta) < DIVERGED):
            break
    return np.array(path)


@dataclass(frozen=True)
class OptimizersResult(LabResult):
    problem: str
    alpha_sgd: float
    alpha_adam: float
    lam: float
    eta: float
    momentum: float
    steps: int
    #: method -> trajectory (steps + 1)×2, from θ₀
    paths: dict[str, np.ndarray]
    #: method -> loss f(θₜ) without the regularizer
    losses: dict[str, np.ndarray]
    #: max ‖θ_SGD+L2 − θ_SGDW‖ over the run, without momentum (Proposition 1) and with it
    sgd_gap_plain: float
    sgd_gap_momentum: float
    #: ‖θ_Adam+L2 − θ_AdamW‖ at the end
    adam_gap: float


def compute(
    problem: str,
    alpha_sgd: float,
    alpha_adam: float,
    lam: float,
    eta: float,
    momentum: float,
    steps: int,
) -> OptimizersResult:
    import numpy as np

    grad = loss_and_grad(problem)
    theta0 = np.array(START[problem])
    sgd = dict(eta=eta, steps=steps)
    paths = {
        "SGD+L2": run_sgd(
            grad, theta0, alpha=alpha_sgd, beta1=momentum, l2=lam / alpha_sgd, decay=0.0, **sgd
        ),
        "SGDW": run_sgd(grad, theta0, alpha=alpha_sgd, beta1=momentum, l2=0.0, decay=lam, **sgd),
        "Adam+L2": run_adam(
            grad, theta0, alpha=alpha_adam, eta=eta, l2=lam / alpha_adam, decay=0.0, steps=steps
        ),
        "AdamW": run_adam(grad, theta0, alpha=alpha_adam, eta=eta, l2=0.0, decay=lam, steps=steps),
    }
    plain = [
        run_sgd(grad, theta0, alpha=alpha_sgd, beta1=0.0, l2=l2, decay=decay, **sgd)
        for l2, decay in ((lam / alpha_sgd, 0.0), (0.0, lam))
    ]
    with_momentum = [paths["SGD+L2"], paths["SGDW"]]
    if momentum == 0.0:
        with_momentum = [
            run_sgd(grad, theta0, alpha=alpha_sgd, beta1=SHOWN_MOMENTUM, l2=l2, decay=decay, **sgd)
            for l2, decay in ((lam / alpha_sgd, 0.0), (0.0, lam))
        ]
    return OptimizersResult(
        problem=problem,
        alpha_sgd=alpha_sgd,
        alpha_adam=alpha_adam,
        lam=lam,
        eta=eta,
        momentum=momentum,
        steps=steps,
        paths=paths,
        losses={name: np.array([grad(theta)[0] for theta in path]) for name, path in paths.items()},
        sgd_gap_plain=_max_gap(*plain),
        sgd_gap_momentum=_max_gap(*with_momentum),
        adam_gap=float(np.linalg.norm(paths["Adam+L2"][-1] - paths["AdamW"][-1])),
    )


def _max_gap(a: np.ndarray, b: np.ndarray) -> float:
    import numpy as np

    n = min(len(a), len(b))
    return float(np.linalg.norm(a[:n] - b[:n], axis=1).max())


def level_points(
    problem: str, xlim: tuple[float, float], ylim: tuple[float, float]
) -> tuple[list[float], list[float]]:
    """Points of a grid lying near a few level sets of f: a contour plot for a text terminal."""
    import numpy as np

    grad = loss_and_grad(problem)
    xs, ys = np.linspace(*xlim, 120), np.linspace(*ylim, 60)
    gx, gy = np.meshgrid(xs, ys)
    f = np.array([grad(np.array(p))[0] for p in zip(gx.ravel(), gy.ravel(), strict=True)])
    log_f = np.log10(f + 1e-3)
    levels = np.linspace(log_f.min(), log_f.max(), 9)[1:-1]
    near = np.min(np.abs(log_f[:, None] - levels[None, :]), axis=1) < (levels[1] - levels[0]) * 0.06
    return gx.ravel()[near].tolist(), gy.ravel()[near].tolist()


def draw(result: OptimizersResult, plt: Any, lang: str, view: str) -> None:
    import numpy as np

    from tutor.plots import MARKERS, key_text, lines_figure

    if view == "losses":
        series = [
            (name, list(range(len(loss))), np.log10(np.maximum(loss, 1e-12)).tolist())
            for name, loss in result.losses.items()
        ]
        lines_figure(
            plt,
            series,
            title=t("lab.optimizers.losses.title", lang),
            xlabel=t("lab.axis.step", lang),
            ylabel="log₁₀ f",
            legend=False,  # the report lines start with each optimizer's marker
        )
        return
    points = np.concatenate(list(result.paths.values()))
    points = points[np.all(np.abs(points) < 50, axis=1)]
    lo, hi = points.min(axis=0), points.max(axis=0)
    pad = np.maximum((hi - lo) * 0.1, 0.2)
    xlim, ylim = (lo[0] - pad[0], hi[0] + pad[0]), (lo[1] - pad[1], hi[1] + pad[1])
    cx, cy = level_points(result.problem, xlim, ylim)
    plt.scatter(cx, cy, marker="·")
    # No legend box (it covered the start of the paths): the report names each
    # optimizer's marker, the title the level sets'.
    for i, path in enumerate(result.paths.values()):
        path = path[np.all(np.abs(path) < 50, axis=1)]
        plt.plot(path[:, 0].tolist(), path[:, 1].tolist(), marker=MARKERS[i % len(MARKERS)])
    plt.xlim(*xlim)
    plt.ylim(*ylim)
    key = key_text([("·", t("lab.optimizers.levels", lang))])
    problem = t(f"lab.optimizers.problem.{result.problem}", lang)
    plt.title(t("lab.optimizers.paths.title", lang, problem=problem, legend=key))
    plt.xlabel("θ₁")
    plt.ylabel("θ₂")


def report(result: OptimizersResult, lang: str) -> list[str]:
    lines = [
        t(
            "lab.optimizers.setup",
            lang,
            a_sgd=f"{result.alpha_sgd:g}",
            a_adam=f"{result.alpha_adam:g}",
            lam=f"{result.lam:g}",
            eta=f"{result.eta:g}",
            beta=f"{result.momentum:g}",
            steps=result.steps,
        )
    ]
    for i, (name, path) in enumerate(result.paths.items()):
        end = path[-1]
        loss = result.losses[name][-1]
        status = (
            ""
            if len(path) == result.steps + 1
            else "  " + t("lab.optimizers.diverged", lang, step=len(path) - 1)
        )
        lines.append(
            f"  {series_glyph(i)} {name:<8} θ = ({end[0]:+.4f}, {end[1]:+.4f})   f = {loss:.4g}{status}"
        )
    lines.append(t("lab.optimizers.sgd_plain", lang, gap=f"{result.sgd_gap_plain:.1e}"))
    lines.append(
        t(
            "lab.optimizers.sgd_momentum",
            lang,
            beta=f"{SHOWN_MOMENTUM:g}",
            gap=f"{result.sgd_gap_momentum:.1e}",
        )
    )
    lines.append(t("lab.optimizers.adam", lang, gap=f"{result.adam_gap:.3g}"))
    return lines


SPEC = LabSpec(
    id="optimizers",
    question=5,
    title=both("lab.optimizers.title"),
    summary=both("lab.optimizers.summary"),
    params=(
        Param(
            "problem",
            both("lab.optimizers.p.problem"),
            "quadratic",
            choices=("quadratic", "rosenbrock"),
        ),
        Param("alpha_sgd", both("lab.optimizers.p.alpha_sgd"), 0.02, 0.0001, 0.07, 0.005),
        Param("alpha_adam", both("lab.optimizers.p.alpha_adam"), 0.05, 0.0001, 1.0, 0.01),
        Param("lam", both("lab.optimizers.p.lam"), 0.01, 0.0, 0.1, 0.005),
        Param("eta", both("lab.optimizers.p.eta"), 1.0, 0.0, 1.0, 0.1),
        Param("momentum", both("lab.optimizers.p.momentum"), 0.0, 0.0, 0.99, 0.1),
        Param("steps", both("lab.optimizers.p.steps"), 300, 1, 2000, 50),
    ),
    views=(
        View("paths", both("lab.optimizers.v.paths")),
        View("losses", both("lab.optimizers.v.losses")),
    ),
    compute_fn=compute,
    draw_fn=draw,
    report_fn=report,
)
