"""Multiple-choice items: an answer is a letter (Latin or Cyrillic) or an option number."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from tutor.answers.spec import ChoiceSpec
from tutor.answers.verdict import Verdict
from tutor.i18n import t

if TYPE_CHECKING:
    from tutor.quiz.items import QuizItem

LATIN = "abcdefgh"
CYRILLIC = "абвгдежз"


def option_letter(index: int, lang: str) -> str:
    return (CYRILLIC if lang == "ru" else LATIN)[index]


def parse_choice(text: str, count: int) -> int | None:
    """The 0-based option chosen by ``b``, ``B)``, ``(б)``, ``2`` or ``2.``; None if unreadable."""
    cleaned = re.sub(r"[().\s]", "", text).lower()
    if len(cleaned) > 2:
        return None
    if cleaned.isascii() and cleaned.isdigit() and 1 <= int(cleaned) <= count:
        return int(cleaned) - 1
    for alphabet in (LATIN, CYRILLIC):
        if len(cleaned) == 1 and cleaned in alphabet[:count]:
            return alphabet.index(cleaned)
    return None


def check_choice(item: QuizItem, text: str, lang: str) -> Verdict:
    spec: ChoiceSpec = item.spec
    count = len(spec.options)
    chosen = parse_choice(text, count)
    if chosen is None:
        letters = ", ".join(option_letter(i, lang) for i in range(count))
        message = t("answer.choice.invalid", lang, letters=letters, count=count)
        return Verdict(item.id, "invalid", None, message[0].upper() + message[1:] + ".")
    shown = f"{option_letter(chosen, lang)}) {spec.options[chosen][lang]}"
    if chosen == spec.answer:
        return Verdict(item.id, "correct", shown, t("answer.correct", lang))
    mistake = spec.mistakes.get(chosen)
    if mistake is not None:
        return Verdict(item.id, "incorrect", shown, mistake.note[lang], mistake=mistake.id)
    return Verdict(item.id, "incorrect", shown, t("answer.incorrect", lang))
