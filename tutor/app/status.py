"""How an item's or a question's status reads on screen (text plus a symbol that survives NO_COLOR)."""

from __future__ import annotations

from tutor.i18n import t

SYMBOLS: dict[str, str] = {
    "not-started": "○",
    "in-progress": "…",
    "solved": "✓",
    "given-up": "✗",
}


def status_text(status: str, lang: str) -> str:
    return f"{SYMBOLS.get(status, '○')} {t(f'ui.status.{status}', lang)}"
