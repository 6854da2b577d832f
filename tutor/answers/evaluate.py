"""Evaluate a parsed answer on sampled values with numpy (imported here, lazily).

Every value is a stack of matrices of shape (points, rows, cols): one sample
point per slice, so a whole group of points costs one numpy call per node.
σ is a random smooth nonlinearity a·tanh(b·z + c) + d·z, drawn per point, so
an answer that drops σ or puts it in the wrong place does not match by luck.
"""

from __future__ import annotations

import contextlib
import math
import random
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tutor.answers.parser import parse
from tutor.answers.shapes import Shape, infer
from tutor.answers.spec import Domain, ExpressionSpec
from tutor.answers.tree import (
    BinOp,
    Call,
    Neg,
    Node,
    Number,
    Symbol,
    Transpose,
    Vector,
    as_float,
    const_value,
)

if TYPE_CHECKING:
    import numpy as np

GROUPS = 4
POINTS_PER_GROUP = 6
DEFAULT_DIMS = {"n": (2, 5), "K": (3, 6)}


@dataclass(frozen=True)
class SampleGroup:
    """Sampled values for one choice of the free dimensions (n, K)."""

    dims: Mapping[str, int]
    values: Mapping[str, np.ndarray]
    sigma: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]
    points: int


def shape_env(spec: ExpressionSpec) -> dict[str, Shape]:
    """The shape of every symbol an item declares (derived ones inferred from their formula)."""
    env: dict[str, Shape] = {}
    for name, domain in spec.symbols.items():
        if domain.kind == "size":
            env[name] = (1, 1)
        elif domain.kind != "derived":
            env[name] = (domain.rows, domain.cols)
    for name, domain in spec.symbols.items():
        if domain.kind == "derived":
            assert domain.formula is not None
            env[name] = infer(parse(domain.formula).tree, env)
    return env


def sample(spec: ExpressionSpec, seed: str) -> list[SampleGroup]:
    """Draw the sample points for an item; the same seed gives the same points."""
    import numpy as np

    rng = np.random.default_rng(random.Random(seed).getrandbits(64))
    ranges = {**DEFAULT_DIMS, **spec.dims}
    groups = []
    for g in range(GROUPS):
        k = POINTS_PER_GROUP
        # spread the free lengths over their range so that several sizes are tried
        dims = {name: lo + (g * 7 + 3) % (hi - lo + 1) for name, (lo, hi) in ranges.items()}
        values: dict[str, np.ndarray] = {}
        derived: list[tuple[str, Domain]] = []
        for name, domain in spec.symbols.items():
            if domain.kind == "derived":
                derived.append((name, domain))
                continue
            rows = _size(domain.rows, dims)
            cols = _size(domain.cols, dims)
            if domain.kind == "size":
                values[name] = np.full((k, 1, 1), float(rows))
                continue
            values[name] = _draw(rng, domain, k, rows, cols)
        sigma = (
            rng.uniform(0.5, 1.5, (k, 1, 1)),
            rng.uniform(0.5, 1.5, (k, 1, 1)),
            rng.uniform(-0.5, 0.5, (k, 1, 1)),
            rng.uniform(0.1, 0.5, (k, 1, 1)),
        )
        group = SampleGroup(dims, values, sigma, k)
        for name, domain in derived:
            assert domain.formula is not None
            values[name] = evaluate(parse(domain.formula).tree, group)
        groups.append(group)
    return groups


def _size(dim: int | str, dims: Mapping[str, int]) -> int:
    return dim if isinstance(dim, int) else dims[dim]


def _draw(rng: Any, domain: Domain, k: int, rows: int, cols: int) -> np.ndarray:
    import numpy as np

    if domain.kind == "onehot":
        out = np.zeros((k, rows, 1))
        out[np.arange(k), rng.integers(0, rows, k), 0] = 1.0
        return out
    if domain.kind == "simplex":
        return rng.dirichlet(np.ones(rows), size=k)[:, :, None]
    if domain.kind == "identity":
        return np.broadcast_to(np.eye(rows), (k, rows, rows)).copy()
    if domain.integer:
        return rng.integers(int(domain.low), int(domain.high) + 1, (k, rows, cols)).astype(float)
    return rng.uniform(domain.low, domain.high, (k, rows, cols))


def evaluate(node: Node, group: SampleGroup) -> np.ndarray:
    """Values of ``node`` at every point of ``group``; shapes must already have been checked."""
    import numpy as np

    with np.errstate(all="ignore"):
        return _eval(node, group)


def _eval(node: Node, group: SampleGroup) -> np.ndarray:
    import numpy as np

    k = group.points
    if isinstance(node, Number):
        return np.full((k, 1, 1), as_float(node.value))
    if isinstance(node, Symbol):
        if node.name in group.values:
            return group.values[node.name]
        constant = {"e": math.e, "pi": math.pi}.get(node.name)
        if constant is None:
            raise KeyError(node.name)  # a bug: judge checks names before evaluating
        return np.full((k, 1, 1), constant)
    if isinstance(node, Neg):
        return -_eval(node.operand, group)
    if isinstance(node, Transpose):
        return np.swapaxes(_eval(node.operand, group), -1, -2)
    if isinstance(node, Vector):  # scalar entries (shapes checked): stacked into a column
        return np.concatenate([np.broadcast_to(_eval(entry, group), (k, 1, 1)) for entry in node.entries],
                              axis=-2)
    if isinstance(node, Call):
        return _call(node.func, _eval(node.arg, group), group)
    assert isinstance(node, BinOp)
    left, right = _eval(node.left, group), _eval(node.right, group)
    return _binop(node, left, right)


def _is_scalar(value: np.ndarray) -> bool:
    return value.shape[-2:] == (1, 1)


def _binop(node: BinOp, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    import numpy as np

    op = node.op
    if op == "+":
        return left + right
    if op == "-":
        return left - right
    if op == "⊙":
        return left * right
    if op in ("*", "@"):
        if _is_scalar(left) or _is_scalar(right):
            return left * right
        if left.shape == right.shape and left.shape[-1] == 1:
            return left * right  # two vectors of one size: shapes allowed it only where elementwise
        return np.matmul(left, right)
    if op == "/":
        return left / right
    # "^": a square matrix takes a matrix power, everything else is elementwise
    rows, cols = left.shape[-2:]
    if rows == cols and rows > 1:
        exponent = const_value(node.right)
        assert exponent is not None
        power = int(exponent)
        if power < 0:
            left, power = _inverse(left), -power
        return np.linalg.matrix_power(left, power)
    return np.power(left, right)


def _inverse(matrices: np.ndarray) -> np.ndarray:
    """The inverse at each point, NaN where the matrix is singular ((x·xᵀ)⁻¹ has no value, not a crash)."""
    import numpy as np

    out = np.full(matrices.shape, np.nan)
    for k, matrix in enumerate(matrices):
        with contextlib.suppress(np.linalg.LinAlgError):  # singular here: this point's value stays NaN
            out[k] = np.linalg.inv(matrix)
    return out


def _call(func: str, arg: np.ndarray, group: SampleGroup) -> np.ndarray:
    import numpy as np

    if func == "sigma":
        a, b, c, d = group.sigma
        return a * np.tanh(b * arg + c) + d * arg
    if func == "softmax":
        axis = -2 if arg.shape[-1] == 1 else -1
        shifted = np.exp(arg - arg.max(axis=axis, keepdims=True))
        return shifted / shifted.sum(axis=axis, keepdims=True)
    if func == "sum":
        return arg.sum(axis=(-2, -1), keepdims=True)
    if func == "len":
        return np.full((*arg.shape[:-2], 1, 1), float(arg.shape[-2]))
    if func == "diag":
        return arg * np.eye(arg.shape[-2])  # row i of the identity scaled by entry i
    if func == "max":
        return arg.max(axis=(-2, -1), keepdims=True)
    if func in ("logsumexp", "log_softmax"):
        top = arg.max(axis=(-2, -1), keepdims=True)
        total = top + np.log(np.exp(arg - top).sum(axis=(-2, -1), keepdims=True))
        return total if func == "logsumexp" else arg - total
    if func == "sech":
        return 1.0 / np.cosh(arg)
    if func == "sigmoid":
        return 1.0 / (1.0 + np.exp(-arg))
    functions = {"tanh": np.tanh, "sinh": np.sinh, "cosh": np.cosh, "exp": np.exp,
                 "log": np.log, "sqrt": np.sqrt}
    return functions[func](arg)
