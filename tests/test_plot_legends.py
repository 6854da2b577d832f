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
