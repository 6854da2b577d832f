"""``dltutor lab``: listing, every lab piped (no escape codes, its key numbers), bad parameters."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from tutor.cli import main
from tutor.labs import LABS, get_lab
from tutor.plots import render_to_text

ANSI = re.compile(r"\x1b")

#: a key number each lab's default output must state (recomputed in that lab's own tests)
KEY_NUMBERS = {
    "tanh": ["|z| > 2.993", "0.07065"],
    "softmax": ["CE = −Σ pₖ log ŷₖ", "ŷ − p"],
    "network": ["total: 44 parameters", "W = W₃W₂W₁"],
    "optimizers": ["SGDW", "AdamW", "9.0e-16"],
    "init": ["std(a₂₀) = 0.1587", "(PyTorch ≈ 0.16)"],
    "batchnorm": ["2·C = 2·4 = 8", "PyTorch: 9"],
    "training": ["0.1, 0.1, 0.1, 0.01", "0.1, 0.09755, 0.09045"],
}


def test_every_lab_has_key_numbers_listed() -> None:
    assert set(KEY_NUMBERS) == set(LABS)
    assert sorted(lab.question for lab in LABS.values()) == [2, 3, 4, 5, 6, 7, 8]


@pytest.mark.parametrize("lab_id", sorted(LABS))
def test_lab_piped_is_plain_with_its_numbers(lab_id: str) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "tutor", "lab", lab_id, "--lang", "en"],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "90", "LINES": "30"},
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert not ANSI.search(proc.stdout)
    for text in KEY_NUMBERS[lab_id]:
        assert text in proc.stdout, text
    lab = get_lab(lab_id)
    assert proc.stdout.count("┌") >= len(lab.views)  # one frame per figure at least
    figure_lines = [line for line in proc.stdout.splitlines() if "┤" in line or "│" in line]
    assert figure_lines and max(map(len, figure_lines)) <= 90  # sized to COLUMNS


@pytest.mark.parametrize("lab_id", sorted(LABS))
@pytest.mark.parametrize("lang", ["ru", "en"])
def test_every_view_draws_in_both_languages(lab_id: str, lang: str) -> None:
    lab = get_lab(lab_id)
    result = lab.compute()
    for view in lab.views:
        text = render_to_text(
            lambda plt, v=view.id: lab.draw(result, plt, lang, view=v), 80, 20, color=False
        )
        assert len(text.splitlines()) == 20 and "\x1b" not in text
    assert all(lab.report(result, lang))
    assert lab.title[lang] and lab.summary[lang] and all(p.label[lang] for p in lab.params)


def test_lab_list(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lab", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    for lab in LABS.values():
        assert lab.id in out and lab.title["en"] in out and f"Q{lab.question}" in out


def test_lab_help_lists_parameters_with_ranges(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lab", "tanh", "--help"]) == 0
    out = capsys.readouterr().out
    assert "--depth" in out and "integer 1…60" in out and "--z-min" in out


def test_lab_params_view_and_lang(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lab", "network", "--sigma", "off", "--view=output", "--lang", "ru"]) == 0
    out = capsys.readouterr().out
    assert "σ выключена" in out and out.count("┌") == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["lab", "nope"], "no lab 'nope'"),
        (["lab", "tanh", "--depth", "0"], "--depth: 0 (allowed: integer 1…60)"),
        (["lab", "tanh", "--depth", "many"], "--depth: many"),
        (["lab", "init", "--nonlinearity", "gelu"], "tanh | relu"),
        (["lab", "tanh", "--colour", "red"], "--colour"),
        (["lab", "tanh", "--depth"], "needs a value"),
        (["lab", "tanh", "--view", "nope"], "curve | chain"),
        (["lab", "tanh", "--z-min", "3", "--z-max", "1"], "--z-max"),
        (["lab", "tanh", "--DEPTH", "3"], "--DEPTH is not a parameter of the tanh lab; its parameters: --z-min,"),
        (["lab", "tanh", "--param"], "--param is not a parameter of the tanh lab"),
    ],
)
def test_lab_usage_errors(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([*args, "--lang", "en"] if args[-1] != "--depth" else args) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["lab", "tanh", "--view", "nope"], "--view nope: выберите один из curve | chain"),
        (["lab", "tanh", "x"], "ожидалось --имя значение, получено 'x'"),
        (["lab", "tanh", "--depth"], "для --depth нужно значение"),
        (["lab", "tanh", "--depth", "0"], "--depth: 0 (допустимо: целое 1…60)"),
        (["lab", "softmax", "--logits", "1,2"], "(допустимо: 10 чисел через запятую в -30…30)"),
        (["lab", "batchnorm", "--foo", "2"], "у лабораторной batchnorm нет параметра --foo; её параметры: --channels,"),
        (["lab", "tanh", "--DEPTH", "3"], "нет параметра --DEPTH"),
        (["lab", "tanh", "--depth", "--lang", "ru"], "для --depth нужно значение"),
        (["lab", "tanh", "--z-min", "3", "--z-max", "1"], "(допустимо: число, большее --z-min (3) хотя бы на 1e-06)"),
    ],
)
def test_lab_usage_errors_in_russian(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--lang", "ru", *args]) == 2
    assert message in capsys.readouterr().err


def test_russian_bad_values_name_no_english_allowed_text(
    capsys: pytest.CaptureFixture[str],
) -> None:
    cases = [
        ["lab", "tanh", "--depth", "0"],
        ["lab", "softmax", "--logits", "1,2"],
        ["lab", "batchnorm", "--foo", "2"],
        ["lab", "tanh", "--z-min", "3", "--z-max", "1"],
    ]
    for args in cases:
        assert main(["--lang", "ru", *args]) == 2
        err = capsys.readouterr().err
        for english in ("integer", "comma-separated", "parameters:", "greater", "allowed"):
            assert english not in err, (args, err)


def test_russian_help_lists_allowed_values_in_russian(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "ru", "lab", "softmax", "--help"]) == 0
    out = capsys.readouterr().out
    assert "10 чисел через запятую в -30…30" in out and "целое 0…9" in out
    assert "comma-separated" not in out and "integer" not in out


def test_a_lang_after_the_lab_id_speaks_for_its_errors(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lab", "tanh", "--Depth", "3", "--lang", "ru"]) == 2
    assert "нет параметра --Depth" in capsys.readouterr().err
    assert main(["lab", "tanh", "--param", "--lang", "en"]) == 2
    assert "--param is not a parameter" in capsys.readouterr().err
