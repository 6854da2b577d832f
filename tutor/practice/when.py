"""When the next review is, said as a person would: "in 10 min", "tomorrow, 03.12", "in 5 days, 07.12"."""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo

from tutor.i18n import plural_form as plural
from tutor.i18n import t


def date_text(moment: datetime, lang: str) -> str:
    return moment.strftime("%d.%m.%Y") if lang == "ru" else moment.strftime("%Y-%m-%d")


def due_text(due: datetime | None, now: datetime, lang: str, tz: tzinfo | None = None) -> str:
    """``due`` relative to ``now``: now, in minutes or hours the same day, else by local date."""
    if due is None:
        return t("when.never", lang)
    if due <= now:
        return t("when.now", lang)
    local_due = due.astimezone(tz) if tz is not None else due.astimezone()
    local_now = now.astimezone(tz) if tz is not None else now.astimezone()
    days = (local_due.date() - local_now.date()).days
    delta = due - now
    if days == 0 or delta < timedelta(hours=1):
        if delta < timedelta(hours=1):
            minutes = max(1, -(-int(delta.total_seconds()) // 60))
            return t("when.minutes", lang, n=minutes)
        hours = int(delta.total_seconds() // 3600)
        return t("when.hours", lang, n=hours, time=local_due.strftime("%H:%M"))
    if days == 1:
        return t("when.tomorrow", lang, date=date_text(local_due, lang))
    return t(f"when.days.{plural(days, lang)}", lang, n=days, date=date_text(local_due, lang))
