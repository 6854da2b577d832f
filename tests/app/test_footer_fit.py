"""At 80×24 every key the footer shows is whole, in both languages, on every screen and tab."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from tutor.app.screens.help import help_markdown

SIZE = (80, 24)


def footer_overflow(app: object) -> list[str]:
    """Keys the footer cannot show whole: past the right edge or under the palette key."""
    footer = app.screen.query_one(Footer)  # type: ignore[attr-defined]
    keys = list(footer.query(FooterKey))
    palette = [k for k in keys if k.has_class("-command-palette") and k.display]
    limit = palette[0].region.x if palette else footer.region.right
    shown = [k for k in keys if not k.has_class("-command-palette") and k.display]
    assert shown, "the footer shows no key at all"
    return [
        f"{k.key} {k.description!r} ends at {k.region.right} > {limit}"
        for k in shown
        if k.region.right > limit or k.region.width < len(k.key_display) + len(k.description)
    ]


@pytest.mark.parametrize("lang", ["ru", "en"])
async def test_question_footer_fits_on_every_tab(make_app: Callable, lang: str) -> None:
    # question 2 has all four tabs: derivation, answer, tanh plot, lab
    app = make_app(lang=lang, question=2)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for tab in ("1", "2", "escape", "3", "4"):
            await pilot.press(tab)
            await pilot.pause()
            assert footer_overflow(app) == [], (lang, tab)


@pytest.mark.parametrize("lang", ["ru", "en"])
async def test_home_and_quiz_footers_fit(make_app: Callable, lang: str) -> None:
    app = make_app(lang=lang)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert footer_overflow(app) == []
    app = make_app(lang=lang, mode="quiz")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("escape")  # leave the answer box: the quiz's own keys show
        await pilot.pause()
        assert footer_overflow(app) == []


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_keys_left_out_of_the_footer_are_still_in_the_help(lang: str) -> None:
    from tutor.i18n import t

    text = help_markdown(lang)
    for binding_id in (
        "step.next",
        "step.all",
        "plot.zoom_in",
        "lab.view",
        "lab.defaults",
        "self_check.right",
        "quiz.review",
        "question.previous",
    ):
        assert t(f"key.{binding_id}", lang) in text, binding_id


async def test_home_key_prompt_is_visible_at_the_minimum_height(make_app: Callable) -> None:
    from tutor.app.app import MIN_HEIGHT, MIN_WIDTH

    for size in ((MIN_WIDTH, MIN_HEIGHT), (80, MIN_HEIGHT), SIZE):
        for lang in ("ru", "en"):
            app = make_app(lang=lang)
            async with app.run_test(size=size) as pilot:
                await pilot.pause()
                prompt = app.screen.query_one("#home-prompt")
                footer = app.screen.query_one(Footer)
                assert prompt.region.height >= 1, (size, lang)
                # all of the prompt's lines lie above the footer
                needed = prompt.virtual_region.height
                assert prompt.region.height == needed, (size, lang)
                assert prompt.region.bottom <= footer.region.y, (size, lang)
