"""Plots whose legend box covered data say which marker is which in text instead.

plotext always draws its legend in the top-left corner of the canvas; in the
tanh curve, the init lab and the network's parameter bars that corner holds data
in an 80×24 app, so the key moves to the title or the report.
"""

from __future__ import annotations

import pytest

from tutor.labs import get_lab
from tutor.plots import MARKERS, key_text, marker_glyph, render_to_text

#: about the plot of a lab panel in the app at 80×24
APP_SIZE = (76, 12)


def canvas_rows(text: str) -> list[str]:
    """The rows inside the plot frame (between ┌ and └)."""
    lines = text.splitlines()
    top = next(i for i, line in enumerate(lines) if "┌" in line)
    bottom = next(i for i, line in enumerate(lines) if "└" in line)
    return lines[top + 1 : bottom]


def draw(lab_id: str, view: str, lang: str = "en", **values: object) -> tuple[str, object]:
    lab = get_lab(lab_id)
    result = lab.compute(**values)
    text = render_to_text(
        lambda plt: lab.draw(result, plt, lang, view=view), *APP_SIZE, color=False
    )
    return text, result


def test_key_text_uses_the_legend_glyph_of_an_hd_line() -> None:
    assert marker_glyph("hd") == "▞" and marker_glyph("x") == "x"
    assert key_text([("hd", "a"), ("•", "b")]) == "▞ a  • b"


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_tanh_curve_key_is_the_title_not_a_box(lang: str) -> None:
    text, _ = draw("tanh", "curve", lang)
    title = text.splitlines()[0]
    assert "▞ tanh(z)" in title and "• tanh′(z)" in title and "x tanh′ < 0.01" in title
    assert "@ tanh′(2) = 0.07065" in title
    rows = canvas_rows(text)
    assert not any("▞▞" in row or "tanh(z)" in row for row in rows)
    # the saturated tail at the left edge is drawn where the legend used to be
    zero_row = next(row for row in rows if row.lstrip().startswith("0.00"))
    assert zero_row.split("┤", 1)[1].startswith("xxxx")


@pytest.mark.parametrize("view", ["std", "saturation"])
def test_init_plot_has_no_legend_and_the_report_names_each_marker(view: str) -> None:
    text, result = draw("init", view)
    assert not any("gain" in row for row in canvas_rows(text))
    lab = get_lab("init")
    lines = [line for line in lab.report(result, "en") if "std(a₂₀)" in line]
    assert len(lines) == len(result.runs) == 5
    for i, (line, run) in enumerate(zip(lines, result.runs, strict=True)):
        glyph = marker_glyph(MARKERS[i])
        assert line[2:].startswith(f"{glyph} {run.nonlinearity} gain {run.gain:.3g}")
    if view == "saturation":  # tanh runs only, yet gain 3 (third run) keeps its x
        assert "x" in "".join(canvas_rows(text))


def test_network_bars_key_in_the_title_and_bars_inside_the_frame() -> None:
    text, _ = draw("network", "params")
    title = text.splitlines()[0]
    assert "(total 44)" in title and "█ weights  ▒ biases" in title
    rows = canvas_rows(text)
    assert not any("weights" in row or "biases" in row for row in rows)
    # the tallest bar (3→5: 15 + 5 = 20) reaches the top row, biases (▒) on weights (█)
    assert "▒" in rows[0].split("┤", 1)[-1]
    width = max(len(line) for line in text.splitlines())
    assert width <= APP_SIZE[0]
    assert all(row.rstrip().endswith("│") for row in rows)


# -- every lab view: no legend box on the canvas, the key in the title or the report --

#: (lab, view) → the series labels plotext would have put into a legend box
LEGEND_LABELS: dict[tuple[str, str], tuple[str, ...]] = {
    ("tanh", "chain"): ("scale 0.5", "ReLU"),
    ("softmax", "gradient"): ("ŷ − p", "finite differences"),
    ("softmax", "probs"): ("softmax",),
    ("network", "output"): ("network", "Wx + b′"),
    ("optimizers", "paths"): ("SGD+L2", "AdamW", "level sets"),
    ("optimizers", "losses"): ("SGD+L2", "AdamW"),
    ("init", "std"): ("gain",),
    ("init", "saturation"): ("gain",),
    ("batchnorm", "mean"): ("input x", "normalized"),
    ("batchnorm", "std"): ("input x", "normalized"),
    ("training", "early"): ("train", "validation", "best"),
    ("training", "schedules"): ("StepLR", "LinearLR"),
    ("training", "dropout"): ("kept", "dropped"),
    ("training", "l2"): ("λ = 0",),
}

#: the views whose key is the title (marker glyph + label, as plotext draws them)
TITLE_KEYS: dict[tuple[str, str], tuple[str, ...]] = {
    ("softmax", "gradient"): ("█ ŷ − p", "▒ finite differences", "(max gap 9.8e-12)"),
    ("softmax", "probs"): ("█ ŷ", "▒ p", "(CE = 1.1656)"),
    ("network", "output"): ("█ network", "▒ Wx + b′"),
    ("optimizers", "paths"): ("· level sets of f",),
    ("batchnorm", "mean"): ("█ input x", "▒ normalized x̂ (0)", "░ γx̂ + β (= β)"),
    ("batchnorm", "std"): ("█ input x", "▒ normalized x̂ (1)", "░ γx̂ + β (= γ)"),
    ("training", "early"): ("▞ train", "• validation", "@ best epoch 22", "stopped at 27"),
    ("training", "dropout"): ("█ kept × 2 (36)", "· dropped (28)"),
}


def all_views() -> list[tuple[str, str]]:
    from tutor.labs import LABS

    return [(lab.id, view.id) for lab in LABS.values() for view in lab.views]


def test_the_table_covers_every_view_of_every_lab() -> None:
    assert set(all_views()) <= set(LEGEND_LABELS) | {("tanh", "curve"), ("network", "params")}
    assert set(LEGEND_LABELS) <= set(all_views())


@pytest.mark.parametrize(("lab_id", "view"), all_views())
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_no_view_draws_a_legend_box_and_its_title_fits(lab_id: str, view: str, lang: str) -> None:
    text, _ = draw(lab_id, view, lang)
    canvas = "\n".join(canvas_rows(text))
    for label in LEGEND_LABELS.get((lab_id, view), ()):
        assert label not in canvas, f"{lab_id}/{view}: {label!r} is drawn on the canvas"
    # a legend box is two marker glyphs and a space at the canvas's left edge
    for row in canvas_rows(text):
        inside = row.split("┤", 1)[-1].split("│", 1)[-1]
        assert not (inside[:1] == " " and inside[1:3] in {"▞▞", "••", "██", "··", "xx"}), row
    title = text.splitlines()[0].strip()
    assert len(title) <= APP_SIZE[0] - 2 and "┌" not in title


@pytest.mark.parametrize(("lab_id", "view"), sorted(TITLE_KEYS))
def test_a_short_key_is_in_the_title(lab_id: str, view: str) -> None:
    text, _ = draw(lab_id, view)
    title = text.splitlines()[0]
    for entry in TITLE_KEYS[(lab_id, view)]:
        assert entry in title, f"{lab_id}/{view}: {entry!r} not in {title!r}"


def test_batchnorm_title_is_russian_in_russian() -> None:
    text, _ = draw("batchnorm", "mean", "ru")
    title = text.splitlines()[0]
    assert "среднее по каналам: █ вход x  ▒ нормированный x̂ (0)  ░ γx̂ + β (= β)" in title


def report_line(lines: list[str], start: str) -> str:
    return next(line for line in lines if line.lstrip().startswith(start))


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_long_keys_are_in_the_report_with_the_plot_markers(lang: str) -> None:
    glyphs = [marker_glyph(m) for m in MARKERS]
    tanh = get_lab("tanh")
    lines = tanh.report(tanh.compute(), lang)
    scale = "масштаб" if lang == "ru" else "scale"
    for i, s in enumerate(("0.5", "1", "2")):
        assert report_line(lines, f"{glyphs[i]} {scale} {s}:")
    assert report_line(lines, f"{glyphs[3]} ReLU: 10^0")

    optimizers = get_lab("optimizers")
    result = optimizers.compute()
    lines = optimizers.report(result, lang)
    for i, name in enumerate(result.paths):
        assert name == ("SGD+L2", "SGDW", "Adam+L2", "AdamW")[i]
        assert report_line(lines, f"{glyphs[i]} {name} ")

    training = get_lab("training")
    result = training.compute()
    lines = training.report(result, lang)
    for i, name in enumerate(result.lrs):
        assert report_line(lines, f"{glyphs[i]} {name} ")
    for i, lam in enumerate(result.norms):
        assert report_line(lines, f"{glyphs[i]} λ = {lam:g} ")


def test_the_chain_plot_draws_each_scale_with_the_marker_its_report_line_names() -> None:
    text, result = draw("tanh", "chain")
    rows = canvas_rows(text)
    relu_row = next(row for row in rows if row.lstrip().startswith("0.0"))
    assert relu_row.split("┤", 1)[1].strip("│ ").strip("+") == ""  # ReLU: + at 10^0 across
    # the deepest scale (2, marker x) ends lowest: its last value is on the bottom row
    assert rows[-1].rstrip("│ ").endswith("x")
    assert result.chains[-1][1][-1] < -8
