"""How an item's or a question's status reads on screen (text plus a symbol that survives NO_COLOR).

In Russian a question (задача) is feminine and an item (пункт) masculine, so the
two have their own words: "задача решена", "пункт решён".
"""

from __future__ import annotations

from typing import Literal

from tutor.i18n import t

SYMBOLS: dict[str, str] = {
    "not-started": "○",
    "in-progress": "…",
    "solved": "✓",
    "given-up": "✗",
    "failed": "✗",
}


def status_text(status: str, lang: str, of: Literal["question", "item"] = "question") -> str:
    key = "ui.status" if of == "question" else "ui.item_status"
    return f"{SYMBOLS.get(status, '○')} {t(f'{key}.{status}', lang)}"
