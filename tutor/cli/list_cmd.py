"""``dltutor list``: the questions, their parts and points."""

from __future__ import annotations

import argparse


def add_arguments(parser: argparse.ArgumentParser) -> None:
    pass


def format_points(points: float) -> str:
    return f"{points:g}"


def run(args: argparse.Namespace) -> int:
    from tutor.cli.output import write
    from tutor.content.outline import load_outline
    from tutor.i18n import t

    lang = args.lang
    outline = load_outline()
    total = sum(q.points for q in outline)
    lines = [t("list.heading", lang, total=format_points(total)), ""]
    for q in outline:
        points = t("list.points", lang, points=format_points(q.points))
        lines.append(f"{q.number:>2}. {q.title[lang]}  ({points})")
        for part in q.parts:
            part_points = (
                f"  ({t('list.points', lang, points=format_points(part.points))})"
                if part.points is not None  # a 0-point practice part says so
                else ""
            )
            lines.append(f"      {part.id:<6} {part.title[lang]}{part_points}")
    write("\n".join(lines))
    return 0
