"""The right box for a quiz item: an input for what the checker judges, a self-check otherwise."""

from __future__ import annotations

from typing import Any

from tutor.app.widgets.answer_box import AnswerBox, Options


def choice_options(item: Any) -> Options | None:
    """A choice item's lettered options, as its quiz session lists them; None for other kinds."""
    if item.kind != "choice":
        return None

    def options(lang: str) -> tuple[tuple[str, str], ...]:
        from tutor.quiz.session import QuizSession

        # An empty session reads nothing and saves nothing: it only letters the options.
        return QuizSession((), lang=lang).options(item)

    return options


def answer_box_for(item: Any, lang: str, **kwargs: Any) -> AnswerBox:
    """The box for ``item``; the self-check box (and the Markdown widget it draws the model
    answer with) is imported only for self-check items, so a review's first frame does not wait
    for markdown-it."""
    box_type: type[AnswerBox] = AnswerBox
    if item.kind == "self-check":
        from tutor.app.widgets.self_check_box import SelfCheckBox

        box_type = SelfCheckBox
    return box_type(item, lang, options=choice_options(item), **kwargs)
