"""The answer box of a generated variant: the quiz's box, titled by family and seed, not by points.

A variant is a 0-point item (practice never scores), so the box says what it is
(``6.gain · seed 4187``) and how it stands (tries left, or how it closed) instead
of the homework's points and status.
"""

from __future__ import annotations

from typing import Any

from textual.widgets import Static

from tutor.app.widgets.answer_box import AnswerBox
from tutor.i18n import t


class VariantBox(AnswerBox):
    def __init__(self, variant: Any, lang: str, **kwargs: Any) -> None:
        from tutor.app.widgets.answer_boxes import choice_options

        self.variant = variant
        #: what the title says after the family and seed (tries left, or the outcome)
        self.state_text = ""
        super().__init__(variant.item, lang, options=choice_options(variant.item), **kwargs)

    def set_lang(self, lang: str) -> None:
        super().set_lang(lang)
        title = t("ui.practice.box_title", lang, family=self.variant.family, seed=self.variant.seed)
        if self.state_text:
            title += f" · {self.state_text}"
        self.query_one(".item-title", Static).update(title)

    def set_state(self, text: str) -> None:
        """Say how the variant stands; before the box is composed it is kept for its first paint."""
        self.state_text = text
        if self.query(".item-title"):
            self.set_lang(self.lang)

    def show_given_up(self, *, scroll: bool = True) -> None:
        """The solution was asked for: not recalled, no points involved."""
        super().show_given_up(scroll=scroll)
        self.query_one(".verdict", Static).update(t("ui.practice.given_up", self.lang))
