"""Multiple-choice items: an answer is a letter (Latin or Cyrillic) or an option number."""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
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


#: words a student may put before the choice: "option b", "ответ: б", "вариант 2"
_LEAD = re.compile(r"^\s*(?:option|variant|answer|ans|вариант|ответ)\s*[:#№-]?\s*", re.IGNORECASE)
_MARKED = re.compile(r"[(#№]?\s*([a-hа-з]|[1-8])\s*[).:]\s*(.*)", re.IGNORECASE | re.DOTALL)
MAX_CHOICE_TEXT = 300


def parse_choice(text: str, count: int, options: tuple[Mapping[str, str], ...] = (),
                 prompt: Mapping[str, str] | None = None) -> int | None:
    """The 0-based option chosen by ``b``, ``B)``, ``(б)``, ``2``, ``option b``, or the option's words.

    Words count when each one of three letters or more matches a word of exactly
    one option (in either language; endings may differ: валидация ~ валидационной).
    """
    if len(text) > MAX_CHOICE_TEXT:
        return None
    stripped = _LEAD.sub("", text.strip())
    cleaned = re.sub(r"[().#№\s]", "", stripped).lower()
    if cleaned.isascii() and cleaned.isdigit() and 1 <= int(cleaned) <= count:
        return int(cleaned) - 1
    for alphabet in (LATIN, CYRILLIC):
        if len(cleaned) == 1 and cleaned in alphabet[:count]:
            return alphabet.index(cleaned)
    marked = _MARKED.fullmatch(stripped)  # "b) the quality on a validation set"
    if marked and marked.group(2).strip():
        # the letter and the words must name the same option; if they disagree nothing is guessed
        index = parse_choice(marked.group(1), count)
        return index if index is not None and _option_by_words(marked.group(2), options, prompt) == index else None
    return _option_by_words(stripped, options, prompt)


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W\d_]+", text.lower().replace("ё", "е"))


def _same_word(a: str, b: str) -> bool:
    """Equal up to an ending: penalises ~ penalizes, валидация ~ валидационной, weight ~ weights."""
    common = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        common += 1
    return a == b or common >= max(4, min(len(a), len(b)) - 3)


#: words that stand for one another in the options of a training question, in both languages (a
#: student writes "validation metric" or "метрика на валидации" for "the quality on a validation set");
#: matched up to an ending, as option words are
SYNONYMS: tuple[frozenset[str], ...] = (
    frozenset({"quality", "score", "metric", "accuracy", "performance", "loss", "error",
               "качество", "метрика", "точность", "ошибка", "потери", "лосс", "скор"}),
    frozenset({"validation", "val", "valid", "dev", "holdout", "held", "валидация", "валидационной",
               "отложенной", "контрольной"}),
    frozenset({"set", "data", "dataset", "split", "sample", "выборка", "данные", "датасет", "сет"}),
    frozenset({"training", "train", "обучающей", "обучение", "трейн", "тренировочной"}),
    frozenset({"weights", "parameters", "params", "веса", "параметры"}),
    frozenset({"large", "big", "huge", "большие", "крупные"}),
    frozenset({"penalizes", "penalises", "punishes", "fines", "штрафует", "наказывает"}),
    frozenset({"neurons", "units", "activations", "нейроны", "нейронов", "активации"}),
    frozenset({"epochs", "iterations", "steps", "эпох", "итераций", "шагов"}),
    frozenset({"switches", "turns", "drops", "disables", "zeroes", "выключает", "отключает", "зануляет"}),
)
#: words that carry no choice: articles, pronouns, prepositions, "the model watches …"
FILLER = frozenset({"the", "and", "its", "out", "more", "extra", "больше", "that", "this", "which", "model", "net", "network",
                    "это", "она", "оно", "они", "который", "которая", "модель", "сеть", "образом"})


@lru_cache(maxsize=1024)
def _groups(word: str) -> frozenset[int]:
    """The synonym groups ``word`` belongs to, up to an ending (cached: option words recur)."""
    return frozenset(i for i, group in enumerate(SYNONYMS) if any(_same_word(word, s) for s in group))


def _related(word: str, option_word: str) -> bool:
    """Equal up to an ending, or synonyms (score ~ quality, вал ~ validation)."""
    return _same_word(word, option_word) or bool(_groups(word) & _groups(option_word))


def _option_by_words(text: str, options: tuple[Mapping[str, str], ...], prompt: Mapping[str, str] | None = None) -> int | None:
    """The one option every word of ``text`` names (words of the question and fillers aside)."""
    asked = {w for wording in (prompt or {}).values() for w in _words(wording)}
    option_words = {w for option in options for wording in option.values() for w in _words(wording)}
    words = [w for w in _words(text) if (len(w) >= 3 or w in ("вал",)) and w not in FILLER
             and (any(_same_word(w, o) for o in option_words) or not any(_same_word(w, a) for a in asked))]
    if not words or (len(words) < 2 and len(words[0]) < 6):
        return None  # one short word ("loss") is too vague to stand for an option
    matches = {
        index
        for index, option in enumerate(options)
        for wording in option.values()
        if all(any(_related(w, o) for o in _words(wording)) for w in words)
    }
    return matches.pop() if len(matches) == 1 else None


def check_choice(item: QuizItem, text: str, lang: str) -> Verdict:
    spec: ChoiceSpec = item.spec
    count = len(spec.options)
    chosen = parse_choice(text, count, spec.options, item.prompt)
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
