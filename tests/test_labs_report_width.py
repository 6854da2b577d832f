"""Every lab's report fits an 80-column terminal, in both languages and at the bounds."""

from __future__ import annotations

import pytest

from tutor.labs import LABS, get_lab
from tutor.labs.base import REPORT_WIDTH, wrap_line

#: parameter values that make reports longest (more channels, longer numbers)
WIDE_VALUES: dict[str, dict[str, object]] = {
    "tanh": {"z_min": -10, "z_max": 10, "point": -9.5, "depth": 30},
    "softmax": {"target": "onehot", "label": 9},
    "network": {"sigma": "off"},
    "optimizers": {"problem": "rosenbrock", "alpha_sgd": 0.07, "momentum": 0.9},
    "init": {"nonlinearity": "relu", "gain": 3},
    "batchnorm": {"channels": 20, "batch": 64, "height": 32, "width": 32},
    "training": {"weight_decay": 0.05, "p": 0.9},
}


def test_every_lab_has_wide_values() -> None:
    assert set(WIDE_VALUES) == set(LABS)


@pytest.mark.parametrize("wide", [False, True], ids=["defaults", "wide"])
@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("lab_id", sorted(LABS))
def test_report_lines_fit_80_columns(lab_id: str, lang: str, wide: bool) -> None:
    lab = get_lab(lab_id)
    values = WIDE_VALUES[lab_id] if wide else {}
    lines = lab.report(lab.compute(**values), lang)
    too_wide = [line for line in lines if len(line) > 80]
    assert not too_wide
    assert max(len(line) for line in lines) <= REPORT_WIDTH <= 80


def test_wrapping_keeps_every_word_and_indents_continuations() -> None:
    line = "  ▞ " + " ".join(f"word{i}" for i in range(30))
    parts = wrap_line(line, 40)
    assert len(parts) > 1 and all(len(p) <= 40 for p in parts)
    assert parts[0].startswith("  ▞ word0")
    assert all(p.startswith("    word") for p in parts[1:])
    assert " ".join(p.strip() for p in parts) == line.strip()


def test_a_wrapped_vector_continues_under_its_first_number() -> None:
    line = "ŷ − p = [" + ", ".join(f"{0.01 * i:.4f}" for i in range(10)) + "]"
    parts = wrap_line(line, 50)
    assert len(parts) == 2
    assert parts[1].startswith(" " * len("ŷ − p = [") + "0.")


def test_the_current_run_arrow_counts_as_indent() -> None:
    parts = wrap_line("→ ▞ tanh gain 1.67   " + "x " * 40, 40)
    assert all(p.startswith("    x") for p in parts[1:])


def test_a_short_line_is_left_alone() -> None:
    assert wrap_line("  c    mean x", 80) == ["  c    mean x"]


def test_batchnorm_training_step_note_is_whole_after_wrapping() -> None:
    lab = get_lab("batchnorm")
    text = " ".join(line.strip() for line in lab.report(lab.compute(), "en"))
    assert "running_var = (1 − 0.1)·1 + 0.1·var (unbiased); evaluation uses these" in text
