"""The stats as lines of text, shared by ``dltutor stats`` and the app's stats screen."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tutor.i18n import t

if TYPE_CHECKING:
    from datetime import tzinfo

    from tutor.practice.stats import Stats


def idea_lines(stats: Stats, lang: str, width: int) -> list[str]:
    """One line per family practised: id, answers, per cent right, weekly trend, the idea
    (cut with "…" to fit ``width``), then the columns' key."""
    from tutor.practice.stats import TREND_WEEKS, sparkline

    lines = [t("stats.ideas", lang, weeks=TREND_WEEKS)]
    practised = stats.practised
    if not practised:
        return [*lines, "  " + t("stats.no_practice", lang)]
    id_width = max(len(i.family) for i in practised)
    for idea in practised:
        accuracy = idea.total.accuracy
        right = "   —" if accuracy is None else f"{100 * accuracy:3.0f}%"
        row = f"  {idea.family:<{id_width}}  {idea.total.answered:>5}  {right}  {sparkline(idea.weeks)}  "
        room = max(0, width - len(row) - 1)
        text = idea.idea[lang]
        lines.append(row + (text if len(text) <= room else text[: max(0, room - 1)] + "…"))
    return [*lines, "  " + t("stats.ideas.columns", lang)]


def mistake_lines(stats: Stats, lang: str) -> list[str]:
    lines = [t("stats.mistakes", lang)]
    if not stats.mistakes:
        return [*lines, "  " + t("stats.mistakes.none", lang)]
    key_width = max(len(m.key) for m in stats.mistakes)
    return [*lines, *(f"  {m.key:<{key_width}}  {m.mistake}  ×{m.count}" for m in stats.mistakes)]


def reviews_line(stats: Stats, lang: str, tz: tzinfo | None = None) -> str:
    from tutor.practice.when import due_text

    return t("stats.reviews", lang, now=stats.due_now, today=stats.due_today,
             when=due_text(stats.next_due, stats.now, lang, tz))
