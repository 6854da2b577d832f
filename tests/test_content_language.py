"""One term per idea in each language, and one English spelling, across content and UI strings.

The glossary is the review's (issue 10, A12): «раскладка» for layout, «скользящие
среднее и дисперсия» for running statistics, «буфер импульса» for the momentum
buffer (not «момент», which clashes with Adam's moments), «строка матрицы Якоби»;
in English "with respect to" for derivatives and -ize spellings, as the titles
and PyTorch use. The sentences the review quoted as awkward must not come back.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from tutor.i18n import _STRINGS as STRINGS

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"


def _quiz_strings(path: Path) -> dict[str, list[str]]:
    """Every {"ru": …, "en": …} text of a quiz.py except its EXAMPLES tables (students' spellings)."""
    found: dict[str, list[str]] = {"ru": [], "en": []}
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in tree.body:
        targets = [t.id for t in getattr(node, "targets", []) if isinstance(t, ast.Name)]
        if "EXAMPLES" in targets or (isinstance(node, ast.AugAssign)) or (
            isinstance(node, ast.Expr) and not isinstance(getattr(node, "value", None), ast.Constant)
        ):
            continue
        for sub in ast.walk(node):
            if isinstance(sub, ast.Dict):
                keys = [k.value for k in sub.keys if isinstance(k, ast.Constant)]
                if set(keys) >= {"ru", "en"}:
                    for key, value in zip(sub.keys, sub.values, strict=True):
                        if isinstance(key, ast.Constant) and key.value in found:
                            found[key.value].append(_text(value))
    return found


def _text(node: ast.expr) -> str:
    if isinstance(node, ast.Constant):
        return str(node.value)
    if isinstance(node, ast.JoinedStr):
        return "".join(_text(v) if not isinstance(v, ast.FormattedValue) else "{}" for v in node.values)
    return ""


def texts(lang: str) -> list[tuple[str, str]]:
    """(where, text) of everything a student reads in ``lang``: content files and UI strings."""
    out: list[tuple[str, str]] = []
    for folder in sorted(CONTENT.iterdir()):
        if not (folder / "meta.toml").is_file():
            continue
        for kind in ("question", "solution"):
            out.append((f"{folder.name}/{kind}.{lang}.md", (folder / f"{kind}.{lang}.md").read_text(encoding="utf-8")))
        meta = (folder / "meta.toml").read_text(encoding="utf-8")
        out += [(f"{folder.name}/meta.toml", m) for m in re.findall(rf'{lang} = "([^"]*)"', meta)]
        out += [(f"{folder.name}/quiz.py", s) for s in _quiz_strings(folder / "quiz.py")[lang]]
    out += [(f"i18n {key}", value) for key, value in STRINGS[lang].items()]
    out += _variant_texts(lang)
    return out


def _variant_texts(lang: str) -> list[tuple[str, str]]:
    """What a student reads in practice variants: statement, idea, hints, notes, worked steps (3 seeds)."""
    from tutor.practice.loader import load_families

    out: list[tuple[str, str]] = []
    for family in load_families():
        out.append((f"family {family.id} idea", family.idea[lang]))
        for seed in range(3):
            variant = family.variant(seed)
            where = f"family {family.id} seed {seed}"
            out.append((where, variant.statement[lang]))
            out += [(where, hint[lang]) for hint in variant.item.hints]
            spec = variant.item.spec
            notes = [*getattr(spec, "mistakes", ()), *getattr(spec, "conventions", ())]
            if isinstance(getattr(spec, "mistakes", None), dict):
                notes = list(spec.mistakes.values())
            out += [(where, alt.note[lang]) for alt in notes]
            out += [(where, f"{step.title}\n{step.body}") for step in variant.solution(lang)]
    return out


def _code_free(text: str) -> str:
    """Prose only: code blocks and `code` spans hold identifiers, not words."""
    return re.sub(r"`[^`\n]*`", "", re.sub(r"```.*?```", "", text, flags=re.S))


#: words that end in -ise in every spelling
ISE_WORDS = {"otherwise", "noise", "raise", "rise", "precise", "exercise", "promise", "compromise", "advise",
             "concise", "surprise", "premise", "expertise", "likewise", "clockwise", "wise", "revise", "devise",
             "supervise", "comprise", "enterprise", "paradise", "franchise"}
ISE = re.compile(r"\b([A-Za-z]+?)(ise|ises|ised|ising|iser|isers|isation|isations)\b")


def test_english_uses_ize_spellings_throughout() -> None:
    bad = []
    for where, text in texts("en"):
        for m in ISE.finditer(_code_free(text)):
            word = m.group(0).lower()
            root = word[: -len(m.group(2))] + "ise"
            if root in ISE_WORDS or word.endswith("wise") or root.endswith("wise"):
                continue
            bad.append(f"{where}: {m.group(0)}")
    assert not bad, bad


def test_english_derivatives_are_with_respect_to() -> None:
    by = re.compile(r"\b(derivatives?|differentiat\w*)\b( of [^.;:,]{1,40}?)? by (a |the )?(vector|\$|z\b|x\b)",
                    re.I)
    bad = [f"{where}: {m.group(0)}" for where, text in texts("en") for m in by.finditer(_code_free(text))]
    assert not bad, bad


#: Russian: a variant that must not appear → the term to use
RU_GLOSSARY: dict[str, str] = {
    r"\bзапис\w* по (числителю|знаменателю)": "раскладка по числителю/знаменателю",
    r"\bбегущ\w*": "скользящие среднее и дисперсия",
    # a statistical moment («второй момент») or a moment in time («на данный момент») is fine
    r"(?<!второй )(?<!второго )(?<!первый )(?<!первого )(?<!данный )(?<!тот )(?<!этот )\bмомент(а|ом|у)?\b":
        "импульс (момент — у Adam)",
    r"\bстрок\w* Якоби": "строка матрицы Якоби",
}

#: the sentences the review quoted, reworded
AWKWARD = {
    "ru": ["производная x по x для числа", "комфортное", "сколь угодно близко к ней подходят", "зачем она",
           "от зерна к зерну", "верность метки"],
    "en": ["the comfortable", "derivative of a number x"],
}


@pytest.mark.parametrize(("pattern", "term"), RU_GLOSSARY.items())
def test_russian_uses_one_term_per_idea(pattern: str, term: str) -> None:
    bad = [f"{where}: {m.group(0)}" for where, text in texts("ru") for m in re.finditer(pattern, _code_free(text))]
    assert not bad, f"use «{term}»: {bad}"


def test_the_glossary_terms_are_used() -> None:
    ru = "\n".join(text for _, text in texts("ru"))
    for term in ("раскладке по числителю", "скользящие среднее и дисперсия", "буфер импульса", "строка матрицы Якоби"):
        assert term in ru, term
    en = "\n".join(text for _, text in texts("en"))
    assert "with respect to" in en


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_the_quoted_awkward_sentences_are_gone(lang: str) -> None:
    every = "\n".join(text for _, text in texts(lang))
    for phrase in AWKWARD[lang]:
        assert phrase not in every, phrase
