"""The command palette (ctrl+p): jump to any question, plot, lab, quiz item or mode."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

from tutor.i18n import t

if TYPE_CHECKING:
    from tutor.app.app import TutorApp

Command = tuple[str, Callable[[], object], str]


class TutorCommands(Provider):
    def commands(self) -> list[Command]:
        """(text, callback, help) for everything the student can jump to, in course order."""
        app = cast("TutorApp", self.app)
        lang = app.lang
        out: list[Command] = []
        for q in app.course:
            out.append(
                (
                    t("ui.palette.question", lang, number=q.number, title=q.title[lang]),
                    partial(app.open_question, q.number),
                    t("ui.palette.question.help", lang),
                )
            )
            for plot in q.plots:
                out.append(
                    (
                        t("ui.palette.plot", lang, number=q.number, plot=plot),
                        partial(app.open_question, q.number, tab="plot"),
                        t("ui.palette.plot.help", lang),
                    )
                )
            if q.lab:
                out.append(
                    (
                        t("ui.palette.lab", lang, number=q.number, lab=q.lab),
                        partial(app.open_question, q.number, tab="lab"),
                        t("ui.palette.lab.help", lang),
                    )
                )
        for item in app.progress.items():
            out.append(
                (
                    t("ui.palette.item", lang, id=item.id),
                    partial(app.open_quiz, item=item.id),
                    _one_line(item.prompt[lang]),
                )
            )
        out.append((t("ui.palette.quiz", lang), app.open_quiz, t("ui.palette.quiz.help", lang)))
        out.append(
            (
                t("ui.palette.review", lang),
                partial(app.open_quiz, review=True),
                t("ui.palette.review.help", lang),
            )
        )
        out.append((t("ui.palette.spaced_review", lang), app.open_review,
                    t("ui.palette.spaced_review.help", lang)))
        out.append((t("ui.palette.stats", lang), app.open_stats, t("ui.palette.stats.help", lang)))
        for q in app.course:
            families = _families_of(q.number, app)
            if families:
                out.append((
                    t("ui.palette.practice", lang, number=q.number, title=q.title[lang]),
                    partial(app.open_practice, families),
                    t("ui.palette.practice.help", lang, n=len(families)),
                ))
        out.append((t("ui.palette.home", lang), app.go_home, ""))
        out.append((t("ui.palette.help", lang), app.action_help, ""))
        out.append((t("ui.palette.lang", lang), app.action_toggle_lang, ""))
        return out

    async def discover(self) -> Hits:
        for text, callback, help_text in self.commands():
            yield DiscoveryHit(text, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, callback, help_text in self.commands():
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, matcher.highlight(text), callback, text=text, help=help_text)


def _families_of(number: int, app: TutorApp) -> list[str]:
    """The variant families of question ``number`` (none if the content cannot be read)."""
    from tutor.content.errors import ContentError
    from tutor.practice import families_of

    try:
        return [f.id for f in families_of(number, app.course)]
    except ContentError:
        return []


def _one_line(text: str, width: int = 70) -> str:
    line = " ".join(text.split())
    return line if len(line) <= width else line[: width - 1] + "…"
