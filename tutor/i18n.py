"""UI strings in both languages and the choice of language.

Every string a front end shows lives here, so that a translation is one table
and widgets never carry inline text.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

LANGS: tuple[str, ...] = ("ru", "en")
DEFAULT_LANG = "en"

_STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "app.title": "dltutor: deep learning fundamentals",
        "list.heading": "Homework: 8 questions, {total} points",
        "list.points": "{points} pt",
        "show.solution": "Solution",
        "show.step": "Step {k} of {n}",
        "show.part": "Part {part}",
        "error.no_question": "no question {number}: choose 1–{last}",
        "error.no_step": "question {number} has steps 1–{last}, not {step}",
        "error.bad_lang": "unknown language '{lang}': use ru or en",
        "lint.ok": "content OK: {questions} questions, {steps} solution steps in each language",
        "lint.problem": "content problem: {message}",
        "export.title": "Deep learning fundamentals: homework with solutions",
        "export.written": "wrote {path}",
        "plot.tanh.title": "tanh(z) and tanh′(z)",
        "plot.tanh.table": "tanh′(z) = 1 − tanh²(z)",
    },
    "ru": {
        "app.title": "dltutor: основы глубокого обучения",
        "list.heading": "Домашнее задание: 8 задач, {total} баллов",
        "list.points": "{points} б.",
        "show.solution": "Решение",
        "show.step": "Шаг {k} из {n}",
        "show.part": "Пункт {part}",
        "error.no_question": "нет задачи {number}: выберите 1–{last}",
        "error.no_step": "в задаче {number} шаги 1–{last}, а не {step}",
        "error.bad_lang": "неизвестный язык '{lang}': используйте ru или en",
        "lint.ok": "контент в порядке: задач {questions}, шагов решения на каждом языке {steps}",
        "lint.problem": "ошибка в контенте: {message}",
        "export.title": "Основы глубокого обучения: домашнее задание с решениями",
        "export.written": "записано в {path}",
        "plot.tanh.title": "tanh(z) и tanh′(z)",
        "plot.tanh.table": "tanh′(z) = 1 − tanh²(z)",
    },
}


def t(key: str, lang: str, **values: object) -> str:
    """Look up a UI string; a missing translation falls back to English, then the key."""
    table = _STRINGS.get(lang, _STRINGS[DEFAULT_LANG])
    text = table.get(key) or _STRINGS[DEFAULT_LANG].get(key) or key
    return text.format(**values) if values else text


def strings(lang: str) -> Mapping[str, str]:
    """All UI strings of one language (for tests that compare the tables)."""
    return _STRINGS[lang]


def lang_from_locale(environ: Mapping[str, str] | None = None) -> str:
    """Russian when the locale says so, else English.

    The order is POSIX's: LC_ALL overrides LC_MESSAGES overrides LANG; LANGUAGE
    (a GNU list such as ``ru:en``) is consulted first when set.
    """
    env = os.environ if environ is None else environ
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var, "")
        if not value:
            continue
        first = value.split(":")[0].strip().lower()
        if first in ("", "c", "posix"):
            if var == "LANGUAGE":
                continue
            return DEFAULT_LANG
        return "ru" if first.startswith("ru") else DEFAULT_LANG
    return DEFAULT_LANG


def resolve_lang(flag: str | None, environ: Mapping[str, str] | None = None) -> str:
    """``--lang`` first, then ``DLTUTOR_LANG``, then the locale."""
    env = os.environ if environ is None else environ
    for candidate in (flag, env.get("DLTUTOR_LANG")):
        if candidate:
            code = candidate.strip().lower()[:2]
            if code in LANGS:
                return code
    return lang_from_locale(env)
