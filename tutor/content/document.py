"""Questions and solutions assembled into one markdown document.

``show`` (terminal), ``export`` (hand-in file) and the tests share this, so a
question reads the same everywhere; only the math treatment differs: LaTeX kept
for export, Unicode for the terminal.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from tutor.content.models import Course, Question, Step
from tutor.i18n import t

MathMode = Literal["latex", "unicode"]


def points_text(points: float, lang: str) -> str:
    return t("list.points", lang, points=f"{points:g}")


def question_heading(q: Question, lang: str) -> str:
    return f"{q.number}. {q.title[lang]} ({points_text(q.points, lang)})"


def steps_markdown(q: Question, steps: Iterable[Step], lang: str, *, level: int = 3) -> str:
    """Steps as headed sections; a part label is inserted where the part changes."""
    hashes = "#" * level
    total = len(q.steps[lang])
    out: list[str] = []
    current_part: str | None = None
    for step in steps:
        if step.part and step.part != current_part:
            part = q.part(step.part)
            label = t("show.part", lang, part=step.part)
            title = f": {part.title[lang]}" if part else ""
            out.append(f"{hashes} {label}{title}\n")
        current_part = step.part
        out.append(f"{hashes}# {t('show.step', lang, k=step.index, n=total)}. {step.title}\n")
        out.append(step.body.strip() + "\n")
    return "\n".join(out)


def question_markdown(
    q: Question,
    lang: str,
    *,
    solution: bool = False,
    step: int | None = None,
    math: MathMode = "latex",
    escape_markdown: bool = False,
) -> str:
    """The statement, and the whole solution or one step of it, as markdown."""
    parts = [f"## {question_heading(q, lang)}\n", q.statement[lang].strip() + "\n"]
    if solution or step is not None:
        steps = q.steps[lang] if step is None else (q.steps[lang][step - 1],)
        parts.append(f"### {t('show.solution', lang)}\n")
        parts.append(steps_markdown(q, steps, lang, level=3))
    return finish("\n".join(parts), lang, math=math, escape_markdown=escape_markdown)


def course_markdown(course: Course, lang: str, *, math: MathMode = "latex") -> str:
    """Every question with its full solution: what ``dltutor export`` writes."""
    body = [f"# {t('export.title', lang)}\n"]
    for q in course:
        body.append(question_markdown(q, lang, solution=True, math=math))
    return "\n".join(body)


def finish(markdown: str, lang: str, *, math: MathMode, escape_markdown: bool = False) -> str:
    """Expand generated drawings; convert math for the terminal when asked."""
    from tutor.content.directives import expand_directives

    markdown = expand_directives(markdown, lang)
    if math == "unicode":
        from tutor.content.mathtext import render_markdown_math

        markdown = render_markdown_math(markdown, escape_markdown=escape_markdown)
    return markdown
