"""The help's answer syntax in Russian (SYNTAX.ru.md) follows the checker's SYNTAX.md.

The two documents must have the same structure: the same headings, the same
table rows and the same paragraphs, in the same order, and in each of them the
same examples in backticks. Only the examples that are messages or words of
the language are translated, and they are listed here, so that a change to
SYNTAX.md fails this test until the Russian text follows it.
"""

from __future__ import annotations

import re
from pathlib import Path

import tutor.answers
from tutor.app.screens.help import help_markdown, syntax_markdown

FOLDER = Path(tutor.answers.__file__).parent
CODE = re.compile(r"`([^`]+)`")

#: examples that are text in a language: English in SYNTAX.md → Russian in SYNTAX.ru.md
TRANSLATED = {
    "interpreted as: 2·x": "понято как: 2·x",
    "44 parameters": "44 параметра",
    "forty-four": "сорок четыре",
    "read x(…) as the product x·(…)": "запись x(…) прочитана как произведение x·(…)",
    "unknown name 's': did you mean ŷ?": "неизвестное имя 's': может быть, ŷ?",
    "W₂·x: cannot multiply 2×5 by 3×1": "W₂·x: нельзя умножить 2×5 на 3×1",
    "A column of size 3 was expected, got a row of size 3.": "Ожидается столбец размера 3, а ваш ответ — строка размера 3.",
    "Not correct: entry 2 of 3 is not right.": "Неверно: элемент 2 из 3 не совпадает с верным.",
}


def blocks(text: str) -> list[tuple[str, list[str]]]:
    """(kind, examples) for every heading, table row and paragraph, in order."""
    out: list[tuple[str, list[str]]] = []
    paragraph: list[str] = []

    def close() -> None:
        if paragraph:
            bold = re.match(r"\*\*", paragraph[0])
            out.append(("paragraph" + (" **" if bold else ""), CODE.findall(" ".join(paragraph))))
            paragraph.clear()

    for line in text.splitlines():
        if not line.strip():
            close()
        elif line.startswith("#"):
            close()
            out.append((line.split(" ", 1)[0], CODE.findall(line)))
        elif line.startswith("|"):
            close()
            cells = line.strip("|").split("|")
            out.append((f"row of {len(cells)}", CODE.findall(line)))
        else:
            paragraph.append(line)
    close()
    return out


def test_the_russian_syntax_has_the_structure_and_examples_of_the_english() -> None:
    english = blocks((FOLDER / "SYNTAX.md").read_text(encoding="utf-8"))
    russian = blocks((FOLDER / "SYNTAX.ru.md").read_text(encoding="utf-8"))
    assert [kind for kind, _ in russian] == [kind for kind, _ in english]
    for (kind, en), (_, ru) in zip(english, russian, strict=True):
        assert ru == [TRANSLATED.get(example, example) for example in en], kind


def test_the_help_shows_the_syntax_in_the_apps_language() -> None:
    assert syntax_markdown("ru").startswith("## Как вводить ответы")
    assert syntax_markdown("en").startswith("## Answer syntax")
    assert "Как вводить ответы" in help_markdown("ru") and "понято как" in help_markdown("ru")
    assert "interpreted as" not in help_markdown("ru")
