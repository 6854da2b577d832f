"""The ``dltutor`` command: dispatches verbs to small modules, imported lazily.

Each verb lives in ``tutor/cli/<verb>_cmd.py`` and defines ``HELP``,
``add_arguments(parser)`` and ``run(args) -> int``. Verb modules import nothing
heavy at module level, so ``dltutor --help`` and ``dltutor list`` stay instant.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import sys
from collections.abc import Sequence
from typing import NoReturn

from tutor import __version__

#: verb name -> module under tutor.cli; the order is the order of ``--help``.
VERBS: dict[str, str] = {
    "list": "list_cmd",
    "show": "show_cmd",
    "check": "check_cmd",
    "quiz": "quiz_cmd",
    "open": "open_cmd",
    "plot": "plot_cmd",
    "lab": "lab_cmd",
    "progress": "progress_cmd",
    "export": "export_cmd",
    "lint": "lint_cmd",
}

EXIT_OK = 0
EXIT_USAGE = 2
EXIT_CONTENT = 1


class UsageError(Exception):
    """A mistake in how the command was called: one line on stderr, exit 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message} (see '{self.prog} --help')\n")


def build_parser() -> argparse.ArgumentParser:
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
    sub = parser.add_subparsers(dest="verb", metavar="VERB", parser_class=_Parser)
    for verb, module_name in VERBS.items():
        if importlib.util.find_spec(f"tutor.cli.{module_name}") is None:
            continue  # a verb still being written; tests assert that every verb exists
        module = importlib.import_module(f"tutor.cli.{module_name}")
        verb_parser = sub.add_parser(
            verb, help=module.HELP, description=module.HELP, parents=[common]
        )
        module.add_arguments(verb_parser)
        verb_parser.set_defaults(_module=module)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args, extras = parser.parse_known_args(argv)
    absorb = getattr(getattr(args, "_module", None), "absorb_extras", None)
    if extras and not (absorb and absorb(args, extras)):
        parser.error(f"unrecognized arguments: {' '.join(extras)}")
    from tutor.content.loader import ContentError
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
