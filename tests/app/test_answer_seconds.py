"""An answer given in the app is stored with the seconds since its answer box was first focused."""

from __future__ import annotations

from collections.abc import Callable

from tutor.app.widgets.answer_box import AnswerBox
from tutor.progress import ProgressStore


async def test_a_homework_answer_in_the_app_carries_its_seconds(make_app: Callable) -> None:
    app = make_app(lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_question(1, tab="quiz")
        await pilot.pause()
        box = app.screen.query(AnswerBox).first()
        box.input.focus()
        await pilot.pause()
        box.input.value = "3x"
        await pilot.press("enter")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        item = box.item.id
    rows = ProgressStore().attempts(item_id=item)
    assert [r.answer for r in rows] == ["3x"]
    assert rows[0].seconds is not None and rows[0].seconds >= 0
