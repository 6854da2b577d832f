"""The ``dltutor`` command: dispatches verbs to small modules, imported lazily.

Each verb lives in ``tutor/cli/<verb>_cmd.py`` and defines
``add_arguments(parser)`` and ``run(args) -> int``; its one-line help is in ``VERBS``. Verb modules import nothing
heavy at module level, so ``dltutor --help`` and ``dltutor list`` stay instant.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from tutor import __version__

TYPE_CHECKING = False  # not typing.TYPE_CHECKING: importing typing costs 2 ms of start-up
if TYPE_CHECKING:
    from typing import NoReturn

    from tutor.content.models import Course, Question

#: verb -> (module under tutor.cli, one-line help); the order is the order of ``--help``.
#: The help lives here, not in the modules, so that ``--help`` imports none of them.
VERBS: dict[str, tuple[str, str]] = {
    "list": ("list_cmd", "list the questions, their parts and points"),
    "show": ("show_cmd", "show a question, with its solution (--solution) or one step (--step K)"),
    "check": (
        "check_cmd",
        "check an answer to a quiz item (exit 0 correct, 1 incorrect, 3 unreadable)",
    ),
    "quiz": (
        "quiz_cmd",
        "take the quiz: in the app, or line by line with --plain (the default when piped)",
    ),
    "open": ("open_cmd", "open the app on question N"),
    "plot": ("plot_cmd", "draw a plot in the terminal (without a name: list the plots)"),
    "lab": (
        "lab_cmd",
        "run a lab: an experiment with plots and numbers (without an id: list the labs)",
    ),
    "progress": ("progress_cmd", "show saved progress per question (score out of 10), or reset it"),
    "export": (
        "export_cmd",
        "write every question and its full solution as one markdown document (LaTeX kept)",
    ),
    "lint": ("lint_cmd", "validate the content folder (exit 1 on any problem)"),
}

EXIT_OK = 0
EXIT_USAGE = 2
EXIT_CONTENT = 1


class UsageError(Exception):
    """A mistake in how the command was called: one line on stderr, exit 2."""


def require_question(course: Course, number: int, lang: str) -> Question:
    """Question ``number`` of ``course``, or the UsageError every verb gives for a wrong number."""
    question = course.question(number)
    if question is None:
        from tutor.i18n import t

        last = max(q.number for q in course)
        raise UsageError(t("error.no_question", lang, number=number, last=last))
    return question


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message} (see '{self.prog} --help')\n")


def selected_verb(argv: Sequence[str]) -> str | None:
    """The verb on the command line, found before parsing so only its module is imported."""
    skip_next = False
    for arg in argv:
        if skip_next:
            skip_next = False
        elif arg == "--lang":
            skip_next = True
        elif arg == "--":
            return None
        elif not arg.startswith("-"):
            return arg if arg in VERBS else None
    return None


def build_parser(selected: str | None = None) -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--lang",
        choices=("ru", "en"),
        default=argparse.SUPPRESS,
        help="language of the text (default: $DLTUTOR_LANG, else the locale)",
    )
    parser = _Parser(
        prog="dltutor",
        description="A terminal tutor for the fundamentals of deep learning. "
        "Without a verb, opens the interactive app.",
    )
    parser.add_argument("--version", action="version", version=f"dltutor {__version__}")
    parser.add_argument("--lang", choices=("ru", "en"), default=None, help=common._actions[0].help)
    # prog given: otherwise argparse builds a help formatter (and imports shutil) right away
    sub = parser.add_subparsers(dest="verb", metavar="VERB", parser_class=_Parser, prog="dltutor")
    for verb, (module_name, help_text) in VERBS.items():
        verb_parser = sub.add_parser(verb, help=help_text, description=help_text, parents=[common])
        if verb == selected:
            # Only the verb being run is imported: the others' arguments are never needed.
            module = importlib.import_module(f"tutor.cli.{module_name}")
            module.add_arguments(verb_parser)
            verb_parser.set_defaults(_module=module)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(selected_verb(argv))
    args, extras = parser.parse_known_args(argv)
    absorb = getattr(getattr(args, "_module", None), "absorb_extras", None)
    if extras and not (absorb and absorb(args, extras)):
        parser.error(f"unrecognized arguments: {' '.join(extras)}")
    from tutor.content.errors import ContentError
    from tutor.i18n import resolve_lang

    args.lang = resolve_lang(args.lang)
    module = getattr(args, "_module", None)
    if module is None:
        from tutor.cli import app_cmd

        module = app_cmd
    try:
        return int(module.run(args) or 0)
    except UsageError as err:
        print(f"dltutor: error: {err}", file=sys.stderr)
        return EXIT_USAGE
    except ContentError as err:
        # Broken content is the author's to fix: name the file, no traceback.
        print(f"dltutor: content problem: {err} (run 'dltutor lint')", file=sys.stderr)
        return EXIT_CONTENT
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `dltutor export | head`: the reader left; not our error.
        sys.stderr.close()
        return EXIT_OK
