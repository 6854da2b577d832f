"""The front ends' last line of defence around the checker.

The checker reports an internal failure as ``Verdict(status="error", message=…,
detail=…)``; an older or broken checker may raise instead. Either way a front end
gets one :class:`CheckerFailure`, says so in one line naming the item, and goes on
with the next answer: a bug in judging one answer never ends a batch or a quiz.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tutor.answers.verdict import Verdict


@dataclass(frozen=True)
class CheckerFailure:
    """The checker could not judge an answer: not the student's mistake, and not an attempt."""

    item: str
    message: str  # for a person, in the requested language
    detail: str  # what went wrong inside, for a bug report

    def to_json(self) -> dict[str, object]:
        return {"item": self.item, "verdict": "error", "error": "checker",
                "message": self.message, "detail": self.detail}


class CheckerFailed(Exception):
    """Raised by :func:`strict_checker` so that a quiz session records nothing for the answer."""

    def __init__(self, failure: CheckerFailure) -> None:
        super().__init__(failure.detail or failure.message)
        self.failure = failure


def describe(err: BaseException) -> str:
    """``TypeError: … (judge.py:123)``: the exception and where it was raised, on one line."""
    import os

    tb = err.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    where = f" ({os.path.basename(tb.tb_frame.f_code.co_filename)}:{tb.tb_lineno})" if tb else ""
    text = f"{type(err).__name__}: {err}" if str(err) else type(err).__name__
    return " ".join(text.split())[:300] + where


def failure_of(verdict: Any, lang: str) -> CheckerFailure | None:
    """The failure a checker reported as a verdict with status "error", else None."""
    if getattr(verdict, "status", None) != "error":
        return None
    from tutor.i18n import t

    message = str(getattr(verdict, "message", "") or t("check.error.checker", lang))
    detail = str(getattr(verdict, "detail", "") or "")
    return CheckerFailure(str(getattr(verdict, "item", "")), message, " ".join(detail.split())[:300])


def judge(item: Any, answer: str, lang: str) -> Verdict | CheckerFailure:
    """``check_answer``'s verdict, or a :class:`CheckerFailure` however the checker failed."""
    from tutor.answers import check_answer

    try:
        verdict = check_answer(item, answer, lang)
    except Exception as err:  # RecursionError, MemoryError … included: one answer, not the run
        from tutor.i18n import t

        return CheckerFailure(item.id, t("check.error.checker", lang), describe(err))
    failure = failure_of(verdict, lang)
    if failure is not None:
        return CheckerFailure(item.id, failure.message, failure.detail)
    return verdict


def strict_checker(item: Any, answer: str, lang: str) -> Verdict:
    """A checker for :class:`QuizSession` that raises :class:`CheckerFailed` instead of
    returning a failure, so the session records neither an attempt nor a verdict."""
    result = judge(item, answer, lang)
    if isinstance(result, CheckerFailure):
        raise CheckerFailed(result)
    return result
