"""Content markdown prepared for Textual's ``Markdown`` widget.

Math becomes Unicode (escaped so Markdown shows it literally) and ``dltutor``
directives become drawings: the same treatment ``dltutor show`` gives.
"""

from __future__ import annotations

from collections.abc import Sequence

from tutor.content.models import Question, Step


def terminal_markdown(markdown: str, lang: str) -> str:
    from tutor.content.document import finish

    try:
        return finish(markdown, lang, math="unicode", escape_markdown=True)
    except ImportError:
        # The math renderer or directives are not installed yet: raw text still reads.
        return markdown


def statement_markdown(question: Question, lang: str) -> str:
    return terminal_markdown(question.statement[lang], lang)


def step_markdown(step: Step, lang: str) -> str:
    return terminal_markdown(step.body, lang)


def steps_markdown(steps: Sequence[Step], lang: str) -> str:
    """Worked steps as one document (the model answer of a part, or its solution)."""
    text = "\n\n".join(f"### {s.index}. {s.title}\n\n{s.body}" for s in steps)
    return terminal_markdown(text, lang)
