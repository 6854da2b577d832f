"""Key descriptions in the footer follow the language of the app.

Textual reads a binding's ``description`` when it draws the footer, so switching
the language rebuilds the node's bindings with descriptions looked up in
:mod:`tutor.i18n` by the binding's id (``key.<id>``).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from tutor.i18n import t

if TYPE_CHECKING:
    from textual.binding import Binding
    from textual.dom import DOMNode


def binding_text(binding_id: str, lang: str) -> str:
    """The footer and help text of one binding."""
    return t(f"key.{binding_id}", lang)


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
        group = replace(group, description=t(f"key.{binding.id}.group", lang))
    return replace(binding, description=binding_text(binding.id or "", lang), group=group)


def localize_tree(root: DOMNode, lang: str) -> None:
    """Localise ``root`` and every descendant that declares its own keys."""
    for node in root.walk_children(with_self=True):
        if node._bindings.key_to_bindings:
            localize_bindings(node, lang)
