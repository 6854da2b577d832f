"""The corrections of the expert review (issue 10, A) in questions 2, 3, 6 and 8, recomputed.

Each test computes what the corrected sentence states, independently of the
content and of the labs, and checks that both languages state it.
"""

from __future__ import annotations

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
