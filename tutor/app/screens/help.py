"""Every key of every screen, and the answer syntax (the checker's own document)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.dom import DOMNode
from textual.widgets import Markdown

from tutor.app.bindings import NUMBERED, binding_text, localize_tree
from tutor.app.screens.base import TutorScreen
from tutor.app.widgets.key_footer import KeyFooter
from tutor.app.widgets.title_bar import TitleBar
from tutor.i18n import strings, t


def binding_groups() -> list[tuple[str, type[DOMNode]]]:
    """The help's sections, in the order a student meets them."""
    from tutor.app.app import TutorApp
    from tutor.app.screens.home import HomeScreen
    from tutor.app.screens.practice import PracticeScreen
    from tutor.app.screens.question import QuestionScreen
    from tutor.app.screens.quiz import QuizScreen
    from tutor.app.screens.stats import StatsScreen
    from tutor.app.widgets.lab_panel import LabPanel
    from tutor.app.widgets.question_page import QuestionPage
    from tutor.app.widgets.self_check_box import SelfCheckBox
    from tutor.app.widgets.tanh_plot import TanhPlot

    return [
        ("app", TutorApp),
        ("home", HomeScreen),
        ("question", QuestionScreen),
        ("derivation", QuestionPage),
        ("plot", TanhPlot),
        ("lab", LabPanel),
        ("quiz", QuizScreen),
        ("self_check", SelfCheckBox),
        ("practice", PracticeScreen),
        ("stats", StatsScreen),
    ]


def syntax_markdown(lang: str) -> str | None:
    """The answer syntax written by the checker's author (``tutor/answers/SYNTAX*.md``)."""
    import tutor.answers

    folder = Path(tutor.answers.__file__).parent if tutor.answers.__file__ else None
    if folder is None:
        return None
    for name in (f"SYNTAX.{lang}.md", "SYNTAX.md"):
        path = folder / name
        if path.is_file():
            return path.read_text(encoding="utf-8")
    return None


#: how a key is written in the help (names Textual gives keys, and "space" in Russian)
KEY_LABELS = {
    "question_mark": "?",
    "left": "←",
    "right": "→",
    "up": "↑",
    "down": "↓",
    "plus": "+",
    "minus": "-",
    "comma": ",",
    "full_stop": ".",
    "escape": "esc",
    "enter": "enter",
    "left_square_bracket": "[",
    "right_square_bracket": "]",
}


def _key_label(key: str, lang: str) -> str:
    def label(name: str) -> str:
        return t("ui.help.space", lang) if name == "space" else KEY_LABELS.get(name, name)

    return " / ".join(label(k.strip()) for k in key.split(","))


def help_text(binding_id: str, lang: str) -> str:
    """A binding's line in the help: its ``.help`` text where the footer's is too terse."""
    if f"key.{binding_id}.help" in strings(lang):
        return binding_text(binding_id, lang, ".help")
    return binding_text(binding_id, lang)


def help_markdown(lang: str, questions: int | None = None) -> str:
    """Every screen's keys, then the answer syntax; ``questions``: how many digits open one."""
    lines = [f"# {t('ui.help.title', lang)}", "", t("ui.help.intro", lang), ""]
    for group, node in binding_groups():
        lines += [f"## {t(f'ui.help.group.{group}', lang)}", ""]
        seen: set[str] = set()
        for key, bindings in node._merged_bindings.key_to_bindings.items():  # type: ignore[union-attr]
            for binding in bindings:
                if not binding.id or binding.id in seen or binding.id == "app.palette":
                    continue  # the palette gets a fuller line below
                numbered = NUMBERED.match(binding.id)
                if numbered:  # a family (digits 1–9): one line for all of it
                    family = numbered["family"]
                    if family in seen:
                        continue
                    seen.add(family)
                    last = max(
                        int(m["number"])
                        for b in node.BINDINGS  # type: ignore[attr-defined]
                        if (m := NUMBERED.match(getattr(b, "id", None) or ""))
                        and m["family"] == family
                    )
                    last = min(last, questions) if questions else last
                    text = binding_text(binding.id, lang, ".group")
                    lines.append(f"- `{key}`–`{last}` {text}")
                    continue
                seen.add(binding.id)
                lines.append(f"- `{_key_label(key, lang)}` {help_text(binding.id, lang)}")
        if group == "app":
            lines.append(f"- `ctrl+p` {t('ui.help.palette', lang)}")
        lines.append("")
    syntax = syntax_markdown(lang)
    if syntax:  # the document's own heading would repeat the help's
        syntax = re.sub(r"\A#+ [^\n]*\n+", "", syntax)
    lines += [f"# {t('ui.help.syntax', lang)}", "", syntax or t("ui.help.no_syntax", lang)]
    return "\n".join(lines)


class HelpScreen(TutorScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", id="help.close"),
        Binding("q", "close", "Close", id="help.close_alt", show=False),
        Binding("f1", "close", "Close", id="help.close_f1", show=False),
    ]

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with VerticalScroll(id="help-scroll", classes="page"):
            yield Markdown(id="help")
        yield KeyFooter(compact=True)

    def on_mount(self) -> None:
        localize_tree(self, self.app.lang)
        self.apply_lang(self.app.lang)
        self.query_one("#help-scroll").focus()

    def apply_lang(self, lang: str) -> None:
        self.query_one("#help", Markdown).update(help_markdown(lang, max(q.number for q in self.app.course)))

    def action_close(self) -> None:
        self.dismiss()
