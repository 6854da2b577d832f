"""A teacher's problem sheet: K variants, then their answers with worked solutions, as markdown.

The sheet is a function of the families, the first seed, the count and the
language only (variant k uses seed ``seed + k``; no date, no path, no version),
so the same command gives the same bytes on every machine: a teacher can hand
out the problems, keep the answers, and regenerate either from the seed. Math
stays LaTeX (``$…$``), like ``dltutor export``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from tutor.i18n import t

if TYPE_CHECKING:
    from tutor.practice.model import Family, Variant

#: variants a sheet may hold (a class set, not a flood)
MAX_COUNT = 200


def sheet_variants(families: Sequence[Family], seed: int, count: int) -> list[Variant]:
    """Variant k (from 0) of the sheet: the next family in turn, seed ``seed + k``."""
    from tutor.practice.session import VariantQueue

    queue = VariantQueue(families, seed=seed)
    return [queue.next() for _ in range(count)]


def _options(variant: Variant, lang: str) -> list[str]:
    options = getattr(variant.item.spec, "options", None)
    if variant.item.kind != "choice" or not options:
        return []
    from tutor.answers.choice import option_letter

    return [f"- ({option_letter(i, lang)}) {o[lang]}" for i, o in enumerate(options)]


def sheet_markdown(
    families: Sequence[Family], *, target: str, heading: str, seed: int, count: int, lang: str
) -> str:
    """The sheet: a heading, the problems, then the answers and worked solutions.

    ``target`` is what was asked for (a family id or a question number), for the
    line that says how to make the same sheet again.
    """
    from tutor.content.document import finish

    variants = sheet_variants(families, seed, count)
    command = f"dltutor practice {target} --count {count} --seed {seed} --export --lang {lang}"
    out = [f"# {t('sheet.title', lang, title=heading)}\n",
           t("sheet.about", lang, count=count, seed=seed, command=command) + "\n",
           f"## {t('sheet.problems', lang)}\n"]
    for k, variant in enumerate(variants, 1):
        out.append(f"### {t('sheet.problem', lang, k=k, family=variant.family, seed=variant.seed)}\n")
        out.append(variant.statement[lang].strip() + "\n")
        options = _options(variant, lang)
        if options:
            out.append("\n".join(options) + "\n")
    out.append(f"## {t('sheet.answers', lang)}\n")
    for k, variant in enumerate(variants, 1):
        out.append(f"### {t('sheet.problem', lang, k=k, family=variant.family, seed=variant.seed)}\n")
        out.append(t("sheet.answer", lang, answer=variant.answer[lang].strip()) + "\n")
        for step in variant.solution(lang):
            out.append(f"#### {step.index}. {step.title}\n")
            out.append(step.body.strip() + "\n")
    return finish("\n".join(out), lang, math="latex")
