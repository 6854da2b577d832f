"""The app's last line of defence around the checker: one answer can never end the lesson."""

from __future__ import annotations

from typing import Any

from tutor.answers.verdict import Verdict
from tutor.i18n import t


def submit_safely(session: Any, item_id: str, text: str, lang: str) -> Verdict:
    """The session's verdict on ``text``; an unexpected error becomes an ``error`` verdict.

    The checker promises a verdict for anything typed (and may itself answer
    ``error``); if it raises all the same, the student sees what happened,
    nothing is counted, and the app goes on.
    """
    try:
        return session.submit(text)
    except Exception as error:
        detail = " ".join(f"{type(error).__name__}: {error}".split())[:160]
        return Verdict(item_id, "error", None, t("ui.verdict.error.detail", lang, error=detail))  # type: ignore[arg-type]
