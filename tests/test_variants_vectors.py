"""The families whose answer is a vector literal ([0.1, -0.3, 0.2]): 1.gradient and 3.gradient.

They join the course only once the answer parser reads vector literals; until then they are
generated and their numbers checked here, and the judging tests are skipped.
"""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path

import numpy as np
import pytest

from tutor.answers import check_answer
from tutor.practice.loader import load_families
from tutor.practice.model import Family, Variant
from tutor.practice.validate import check_texts
from tutor.practice.values import vector_literals_supported

CONTENT = Path(__file__).resolve().parents[1] / "content"
SEEDS = range(200)
needs_vectors = pytest.mark.skipif(not vector_literals_supported(),
                                   reason="the answer parser does not read vector literals [1, 2] yet")


@cache
def vector_family(family_id: str) -> Family:
    folder = {"1": "01-derivatives", "3": "03-losses"}[family_id.split(".")[0]]
    spec = importlib.util.spec_from_file_location(f"vector_families_{folder}", CONTENT / folder / "variants.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return next(f for f in module.VECTOR_FAMILIES if f.id == family_id)


@cache
def variants(family_id: str) -> tuple[Variant, ...]:
    return tuple(vector_family(family_id).variant(seed) for seed in SEEDS)


def _softmax(z: tuple) -> np.ndarray:
    e = np.exp(np.asarray(z, dtype=float))
    return e / e.sum()


def test_vector_families_join_the_course_exactly_when_vectors_parse() -> None:
    ids = {f.id for f in load_families()}
    assert ({"1.gradient", "3.gradient"} <= ids) == vector_literals_supported()
    assert not ({"1.gradient", "3.gradient"} & ids) or vector_literals_supported()


@pytest.mark.parametrize("family_id", ["1.gradient", "3.gradient"])
def test_200_seeds_generate_with_texts_that_render(family_id: str) -> None:
    for v in variants(family_id):
        assert v.vector is not None and v.value is None and v.item.kind == "number"
        assert v.item.spec.answer.startswith("[") and all(m.answer.startswith("[") for m in v.item.spec.mistakes)
    for v in variants(family_id)[:20]:
        assert list(check_texts(v)) == []


def _expected_gradient(kind: str, a: np.ndarray, w: np.ndarray, x: np.ndarray) -> np.ndarray:
    if kind == "quadratic":
        return (a + a.T) @ x
    if kind == "distance":
        return 2 * (x - w)
    if kind == "least-squares":
        return 2 * a.T @ (a @ x - w)
    if kind == "bilinear":
        return a.T @ w
    return w + 2 * x


def test_gradient_at_a_point_is_recomputed() -> None:
    for v in variants("1.gradient"):
        p = v.params
        a, w, x = np.array(p["A"], dtype=float), np.array(p["v"], dtype=float), np.array(p["x"], dtype=float)
        expected = _expected_gradient(p["kind"], a, w, x)
        assert np.array_equal(np.array([float(e) for e in v.vector]), expected), v.id
        solution = "\n".join(s.body for s in v.solution("en"))
        assert "(" + ", ".join(str(int(e)) for e in expected) + ")^\\top" in solution


def test_cross_entropy_gradient_is_recomputed() -> None:
    for v in variants("3.gradient"):
        expected = _softmax(v.params["z"]) - np.array([float(q) for q in v.params["p"]])
        assert np.allclose([float(e) for e in v.vector], expected, rtol=1e-10, atol=1e-12), v.id
        assert abs(sum(float(q) for q in v.params["p"]) - 1) < 1e-12
        assert np.all(np.abs(expected) >= 0.02)  # every entry can be given to three significant digits


@needs_vectors
@pytest.mark.parametrize("family_id", ["1.gradient", "3.gradient"])
def test_vector_reference_accepted_and_mistakes_rejected(family_id: str) -> None:
    for v in variants(family_id)[:40]:
        spec = v.item.spec
        assert check_answer(v.item, spec.answer).correct, v.id
        for convention in spec.conventions:
            verdict = check_answer(v.item, convention.answer)
            assert verdict.correct and verdict.convention == convention.id, (v.id, verdict)
        for alternative in spec.mistakes:
            verdict = check_answer(v.item, alternative.answer)
            assert verdict.status == "incorrect" and verdict.mistake == alternative.id, (v.id, verdict)


@needs_vectors
def test_a_vector_rounded_to_three_digits_is_accepted() -> None:
    for v in variants("3.gradient")[:40]:
        rounded = "[" + ", ".join(f"{float(e):.3g}" for e in v.vector) + "]"
        assert check_answer(v.item, rounded).correct, (v.id, rounded)
