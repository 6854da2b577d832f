"""In Russian mode every word on screen is Russian: Textual's own included.

The command palette (placeholder, "nothing found", system commands), the
ctrl+c notice, the status words (a question, задача, is feminine: "решена"; an
item, пункт, masculine: "решён"), and no English UI word on any screen.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from textual.pilot import Pilot

from tests.app.conftest import FAKE_ITEMS, open_question, wait_until
from tutor.app.widgets.answer_box import AnswerBox
from tutor.app.widgets.question_table import QuestionTable

SIZE = (80, 24)

#: words of the app's and Textual's English UI that must not show in Russian mode
ENGLISH = re.compile(
    r"\b(Search|No matches|Nothing found|Theme|Quit|Keys|Screenshot|palette|Help|Back|Next|Hint|"
    r"Solution|Question|Item|Score|Total|checking|interpreted|attempts|not started|solved|"
    r"given up|Close|Skip|Review|Retry|Continue|Open|language)\b"
)


def screen_text(app: object) -> str:
    strips = app.screen._compositor.render_strips()  # type: ignore[attr-defined]
    return "\n".join("".join(segment.text for segment in strip) for strip in strips)


async def _type(pilot: Pilot, text: str, expect: str) -> None:
    """Type into the palette, then wait until it shows ``expect`` (it searches in a worker)."""
    for character in text:
        await pilot.press(character)
    await wait_until(pilot, lambda: expect in screen_text(pilot.app), repr(expect))


async def test_the_command_palette_speaks_russian(make_app: Callable) -> None:
    app = make_app(lang="ru")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await wait_until(pilot, lambda: "Задача 1: Производные" in screen_text(app), "the palette")
        text = screen_text(app)
        assert "Найти задачу" in text and "Задача 1: Производные" in text
        assert not ENGLISH.search(text), ENGLISH.search(text)
        await _type(pilot, "zzqq", "Ничего не найдено")
        await pilot.press("ctrl+u")
        await _type(pilot, "выход", "выйти из dltutor")
        await pilot.press("ctrl+u")
        await _type(pilot, "тема", "Цветовая тема")
        await pilot.press("enter")
        await wait_until(pilot, lambda: "Найти цветовую тему" in screen_text(app), "the themes")
        assert not ENGLISH.search(screen_text(app))


async def test_ctrl_c_says_how_to_quit_in_russian(make_app: Callable) -> None:
    app = make_app(lang="ru")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+c")
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any("ctrl+q" in m and "выйти" in m for m in messages), messages


async def test_status_words_agree_with_question_and_item(make_app: Callable) -> None:
    app = make_app(lang="ru")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "○ не начата" in app.screen.query_one(QuestionTable).get_row("2")[3]
        await open_question(pilot, 2, tab="quiz")
        box = app.screen.query_one(AnswerBox)
        title = str(box.query_one(".item-title").render())
        assert title.startswith("Пункт 2 ·") and "○ не начат" in title and "не начата" not in title
        await pilot.press(*FAKE_ITEMS[2].spec, "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "✓ решён" in str(box.query_one(".item-title").render())
        await pilot.press("escape", "q")
        await pilot.pause()
        assert "✓ решена" in app.screen.query_one(QuestionTable).get_row("2")[3]


async def test_no_english_word_on_any_screen_in_russian(make_app: Callable) -> None:
    app = make_app(lang="ru")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        seen = {"home": screen_text(app)}
        for key, name in (("2", "question"), ("2", "answer"), ("3", "plot"), ("4", "lab")):
            await pilot.press(key)
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            seen[name] = screen_text(app)
        await pilot.press("q", "z")
        await pilot.pause()
        seen["quiz"] = screen_text(app)
        await pilot.press("escape", "h")
        await pilot.pause()
        seen["quiz, hint"] = screen_text(app)
        await pilot.press("escape", "q", "f1")
        await pilot.pause()
        seen["help"] = screen_text(app)
        for name, text in seen.items():
            assert not ENGLISH.search(text), (name, ENGLISH.search(text), text)
