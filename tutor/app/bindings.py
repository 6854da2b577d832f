"""Key descriptions in the footer follow the language of the app.

Textual reads a binding's ``description`` when it draws the footer, so switching
the language rebuilds the node's bindings with descriptions looked up in
:mod:`tutor.i18n` by the binding's id (``key.<id>``). The footer must fit 80
columns in either language, so a binding may have a shorter footer label
(``key.<id>.short``); the help always gives the full text.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from tutor.i18n import strings, t

if TYPE_CHECKING:
    from textual.binding import Binding
    from textual.dom import DOMNode


#: a binding of a numbered family (``home.question_3``): the family shares one text,
#: ``key.home.question_n``, with the number in it
NUMBERED = re.compile(r"^(?P<family>.+)_(?P<number>\d+)$")


def binding_text(binding_id: str, lang: str, suffix: str = "") -> str:
    """The footer and help text of one binding (``suffix``: ``.short``, ``.group``)."""
    key = f"key.{binding_id}{suffix}"
    numbered = NUMBERED.match(binding_id)
    if key not in strings(lang) and numbered:
        return t(f"key.{numbered['family']}_n{suffix}", lang, number=numbered["number"])
    return t(key, lang)


def footer_text(binding_id: str, lang: str) -> str:
    """The footer's label of one binding: its short form where one is defined."""
    if f"key.{binding_id}.short" in strings(lang):
        return binding_text(binding_id, lang, ".short")
    return binding_text(binding_id, lang)


def localize_bindings(node: DOMNode, lang: str) -> None:
    """Replace the descriptions of ``node``'s bindings in place (keeps added ones).

    A binding in a footer group (``↑↓ parameter``) also names its group:
    ``key.<id>.group``.
    """
    bindings = node._bindings
    bindings.key_to_bindings = {
        key: [_localized(b, lang) if b.id else b for b in group]
        for key, group in bindings.key_to_bindings.items()
    }


def _localized(binding: Binding, lang: str) -> Binding:
    group = binding.group
    if group is not None and binding.id:
        group = replace(group, description=binding_text(binding.id, lang, ".group"))
    return replace(binding, description=footer_text(binding.id or "", lang), group=group)


def localize_tree(root: DOMNode, lang: str) -> None:
    """Localise ``root`` and every descendant that declares its own keys."""
    for node in root.walk_children(with_self=True):
        if node._bindings.key_to_bindings:
            localize_bindings(node, lang)
