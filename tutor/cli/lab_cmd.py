"""``dltutor lab [ID] [--param value …]``: run a lab and print its plots and key numbers."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tutor.labs.base import LabSpec


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("id", nargs="?", help="the lab to run (see 'dltutor lab')")
    # Each lab has its own parameters, so they are parsed after the id is known:
    # 'dltutor lab ID --help' lists them with their allowed values.
    parser.add_argument(
        "params", nargs=argparse.REMAINDER, help="--name value … (see 'dltutor lab ID --help')"
    )


def parse_params(words: list[str], lang: str = "en",
                 known: tuple[str, ...] | None = None,
                 lab_id: str = "") -> tuple[dict[str, str], dict[str, str]]:
    """``--name value`` / ``--name=value`` pairs, split into lab parameters and the options
    this verb itself takes after the id (``--lang``, ``--view``, ``--help``).

    With ``known`` (the lab's parameter flags), a name that is none of them is refused
    as such before its value is looked at: a wrong name is not a wrong value."""
    from tutor.cli import UsageError
    from tutor.i18n import t

    params: dict[str, str] = {}
    options: dict[str, str] = {}
    i = 0
    while i < len(words):
        word = words[i]
        if word in ("-h", "--help"):
            options["help"] = "1"
            i += 1
            continue
        if not word.startswith("--") or word == "--":
            raise UsageError(t("lab.error.not_option", lang, word=word))
        name, eq, value = word[2:].partition("=")
        if known is not None and name not in ("lang", "view") and f"--{name.replace('_', '-')}" not in known:
            raise UsageError(t("lab.error.unknown_param", lang, flag=f"--{name}", lab=lab_id,
                               flags=", ".join(known)))
        if not eq:
            # the next word is this option's value unless it is an option itself (a
            # negative number such as -1e6 is a value: it has one dash)
            if i + 1 >= len(words) or words[i + 1].startswith("--") or words[i + 1] in ("-h",):
                raise UsageError(t("lab.error.no_value", lang, flag=word))
            value = words[i + 1]
            i += 1
        i += 1
        key = name.replace("-", "_")
        (options if key in ("lang", "view") else params)[key] = value
    return params, options


def describe(lab: LabSpec, lang: str) -> list[str]:
    """The lab's summary, figures and parameters with defaults and allowed values."""
    from tutor.i18n import t

    lines = [
        f"{lab.id}: {lab.title[lang]} ({t('lab.question', lang, n=lab.question)})",
        lab.summary[lang],
        "",
    ]
    lines.append(
        t("lab.views", lang) + " " + ", ".join(f"{v.id} ({v.label[lang]})" for v in lab.views)
    )
    lines.append(t("lab.params", lang))
    for p in lab.params:
        default = (
            ",".join(f"{x:g}" for x in p.default) if isinstance(p.default, tuple) else p.default
        )
        lines.append(f"  {p.flag:<14} {p.label[lang]}  [{p.allowed(lang)}; {default}]")
    return lines


def run(args: argparse.Namespace) -> int:
    from tutor.cli import UsageError
    from tutor.cli.output import use_color, write
    from tutor.i18n import resolve_lang, t
    from tutor.labs import LABS

    lang = args.lang
    if args.id is None:
        lines = [t("lab.list.heading", lang)]
        lines += [
            f"  {lab.id:<11} {t('lab.question', lang, n=lab.question):<4} {lab.title[lang]}"
            for lab in LABS.values()
        ]
        write("\n".join(lines))
        return 0
    if args.id not in LABS:
        raise UsageError(t("lab.error.unknown", lang, id=args.id, ids=", ".join(LABS)))
    lab = LABS[args.id]
    words = list(args.params or [])
    from tutor.cli import argv_lang

    lang = argv_lang(words) or lang  # a --lang after the lab's id speaks for its errors too
    raw, options = parse_params(words, lang, tuple(p.flag for p in lab.params), lab.id)
    if "lang" in options:
        if options["lang"] not in ("ru", "en"):
            raise UsageError(t("error.bad_lang", lang, code=options["lang"]))
        lang = resolve_lang(options["lang"])
    if "help" in options:
        write("\n".join(describe(lab, lang)))
        return 0
    views = [v.id for v in lab.views]
    if "view" in options and options["view"] not in views:
        raise UsageError(t("lab.error.view", lang, view=options["view"], views=" | ".join(views)))

    from tutor.labs.base import ParamError

    try:
        result = lab.compute(**raw)
    except ParamError as err:
        flag = "--" + err.name.replace("_", "-")
        raise UsageError(
            t("lab.error.param", lang, flag=flag, value=err.value, allowed=err.allowed_in(lang))
        ) from None

    from tutor import plots
    from tutor.cli.output import terminal_size

    width, rows = terminal_size()
    height = max(min(rows - 2, 30), 12)
    color = use_color()
    chunks = [f"{lab.id}: {lab.title[lang]} ({t('lab.question', lang, n=lab.question)})"]
    for view in [options["view"]] if "view" in options else views:
        chunks.append(
            plots.render_to_text(
                lambda plt, view=view: lab.draw(result, plt, lang, view=view),
                width,
                height,
                color=color,
            )
        )
    chunks.append("\n".join(lab.report(result, lang)))
    write("\n\n".join(chunks))
    return 0
