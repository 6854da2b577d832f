"""A small stand-in course, items and checker for the session and plain-quiz tests.

They let the quiz machinery be tested on its own terms, independent of the real
checker's judgement and of the content's wording.
"""

from __future__ import annotations

from tutor.answers.verdict import Verdict
from tutor.content.models import Course, Part, Question, Step
from tutor.quiz.items import QuizItem

#: item id -> the one answer the stand-in checker accepts
ANSWERS = {"1a": "I", "1b": "2x", "3.1": "y_hat - p", "3.2": "y_hat - p", "4.params": "44"}


def _item(item_id: str, question: int, part: str | None, points: float, hints: int = 2) -> QuizItem:
    return QuizItem(
        id=item_id,
        question=question,
        part=part,
        kind="expression",
        prompt={"ru": f"вопрос {item_id}", "en": f"question {item_id}"},
        hints=tuple({"ru": f"подсказка {k}", "en": f"hint {k}"} for k in range(1, hints + 1)),
        points=points,
    )


ITEMS = (
    _item("1a", 1, "1a", 0.5),
    _item("1b", 1, "1b", 0.5, hints=3),
    _item("3.1", 3, "3.1", 2),
    _item("3.2", 3, "3.2", 1),
    _item("4.params", 4, None, 1),
)


def _question(number: int, title: str, parts: tuple[str, ...], points: float) -> Question:
    steps = tuple(
        Step(k + 1, f"step {k + 1}", f"body {k + 1} of {number}", part)
        for k, part in enumerate(parts or (None, None))
    )
    return Question(
        number=number,
        slug=f"q{number}",
        points=points,
        title={"ru": f"Задача-{title}", "en": title},
        statement={"ru": "", "en": ""},
        steps={"ru": steps, "en": steps},
        parts=tuple(Part(p, {"ru": f"пункт {p}", "en": f"part {p}"}) for p in parts),
    )


COURSE = Course(
    (
        _question(1, "Derivatives", ("1a", "1b"), 1),
        _question(2, "Activations", (), 1),  # no items: shown by progress, absent from quizzes
        _question(3, "Losses", ("3.1", "3.2"), 3),
        _question(4, "Networks", (), 1),
    )
)


def fake_checker(item: QuizItem, text: str, lang: str) -> Verdict:
    if text == "???":
        return Verdict(item.id, "invalid", None, "cannot read", column=1)
    ok = text == ANSWERS[item.id]
    return Verdict(item.id, "correct" if ok else "incorrect", text, f"{lang}:{ok}")
