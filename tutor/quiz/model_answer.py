"""The right answer of a quiz item, as the student is shown it once the item is closed."""

from __future__ import annotations

from tutor.quiz.items import QuizItem


def model_answer(item: QuizItem, lang: str) -> str | None:
    """The reference answer as the checker echoes it (Unicode), or the right option with its letter.

    None for items without one (self-check items: their model answer is the
    solution step the student compares with). Front ends show it only for
    closed items; :meth:`tutor.quiz.session.QuizSession.model_answer` enforces that.
    """
    from tutor.answers.spec import ChoiceSpec, ExpressionSpec

    spec = item.spec
    if isinstance(spec, ChoiceSpec):
        from tutor.answers.choice import option_letter

        return f"{option_letter(spec.answer, lang)}) {spec.options[spec.answer][lang]}"
    if isinstance(spec, ExpressionSpec):
        from tutor.answers import interpret

        return interpret(item, spec.answer, lang).echo or spec.answer
    return None
