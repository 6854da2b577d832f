"""The ``dltutor`` command: dispatches verbs to small modules, imported lazily.

Each verb lives in ``tutor/cli/<verb>_cmd.py`` and defines
``add_arguments(parser)`` and ``run(args) -> int``; its help texts are i18n keys
(``cli.verb.<verb>``, ``cli.arg.<verb>.<dest>``), so ``--help`` is in the user's language.
Verb modules import nothing heavy at module level, so ``dltutor --help`` and
``dltutor list`` stay instant.
"""

from __future__ import annotations

import argparse
import importlib
import re  # already imported by argparse: free
import sys
from collections.abc import Sequence

from tutor import __version__

TYPE_CHECKING = False  # not typing.TYPE_CHECKING: importing typing costs 2 ms of start-up
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import NoReturn

    from tutor.content.models import Course, Question

#: verb -> its module under tutor.cli; the order is the order of ``--help``. The one-line
#: help of each is the i18n key ``cli.verb.<verb>``, so ``--help`` imports none of the modules.
VERBS: dict[str, str] = {
    "list": "list_cmd",
    "show": "show_cmd",
    "check": "check_cmd",
    "quiz": "quiz_cmd",
    "open": "open_cmd",
    "plot": "plot_cmd",
    "lab": "lab_cmd",
    "progress": "progress_cmd",
    "practice": "practice_cmd",
    "review": "review_cmd",
    "stats": "stats_cmd",
    "export": "export_cmd",
    "lint": "lint_cmd",
}

EXIT_OK = 0
EXIT_CONTENT = 1
EXIT_USAGE = 2
#: an unexpected exception (a bug): one line on stderr, DLTUTOR_DEBUG=1 for the traceback
EXIT_INTERNAL = 70
EXIT_INTERRUPTED = 130


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


_NEGATIVE_NUMBER = re.compile(r"^-(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$|^-(inf|infinity|nan)$", re.I)


class _Parser(argparse.ArgumentParser):
    """argparse with dltutor's usage-error line (in the user's language) and exit status 2."""

    def __init__(self, *args: object, lang: str = "en", **kwargs: object) -> None:
        self.lang = lang
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        # argparse takes -1e6 for an option (it knows only -1 and -1.5 as numbers), so
        # 'plot tanh --range -1e6 1e6' failed; any number, scientific notation included,
        # is a value here (no option of dltutor looks like a number).
        self._negative_number_matcher = _NEGATIVE_NUMBER

    def error(self, message: str) -> NoReturn:
        from tutor.i18n import t

        self.exit(EXIT_USAGE, t("cli.usage_error", self.lang, prog=self.prog, message=message) + "\n")


class _HelpFormatter(argparse.HelpFormatter):
    """Wraps one-paragraph texts as usual, but keeps a table's lines (the exit statuses) as written."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        if "\n" in text:
            return "".join(indent + line for line in text.splitlines(keepends=True))
        return super()._fill_text(text, width, indent)


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


def build_parser(selected: str | None = None, lang: str = "en") -> argparse.ArgumentParser:
    """The command's parser; help texts come from i18n (``cli.arg.<verb>.<dest>``) in ``lang``."""
    from tutor.i18n import t

    lang_help = t("cli.arg.lang", lang)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--lang", choices=("ru", "en"), default=argparse.SUPPRESS, help=lang_help
    )
    formatter = _HelpFormatter  # keeps the exit-status table as written
    parser = _Parser(
        prog="dltutor",
        description=t("cli.description", lang),
        epilog=t("cli.epilog", lang),
        formatter_class=formatter,
        lang=lang,
    )
    parser.add_argument(
        "--version", action="version", version=f"dltutor {__version__}", help=t("cli.arg.version", lang)
    )
    parser.add_argument("--lang", choices=("ru", "en"), default=None, help=lang_help)
    # prog given: otherwise argparse builds a help formatter (and imports shutil) right away
    sub = parser.add_subparsers(
        dest="verb", metavar=t("cli.metavar.verb", lang), parser_class=_Parser, prog="dltutor"
    )
    for verb, module_name in VERBS.items():
        help_text = t(f"cli.verb.{verb}", lang)
        verb_parser = sub.add_parser(
            verb,
            help=help_text,
            description=help_text,
            epilog=t("cli.epilog", lang) if verb == "check" else None,
            formatter_class=formatter,
            parents=[common],
            lang=lang,
        )
        if verb == selected:
            # Only the verb being run is imported: the others' arguments are never needed.
            module = importlib.import_module(f"tutor.cli.{module_name}")
            module.add_arguments(verb_parser)
            localize_help(verb_parser, verb, lang)
            verb_parser.set_defaults(_module=module)
    return parser


def localize_help(parser: argparse.ArgumentParser, verb: str, lang: str) -> None:
    """Each argument's help from i18n key ``cli.arg.<verb>.<dest>``, where there is one.

    Verb modules write their help in English; the catalog holds both languages, so a
    Russian ``--help`` needs no change in the modules.
    """
    from tutor.i18n import strings

    table = strings(lang)
    for action in parser._actions:
        key = f"cli.arg.{verb}.{action.dest}"
        if key in table:
            action.help = table[key]


def argv_lang(argv: Sequence[str]) -> str | None:
    """The last valid ``--lang X`` / ``--lang=X`` on the command line (before ``--``).

    Found before parsing so that argparse's own help and messages are in the user's
    language; an invalid value is left for argparse (or the verb) to refuse.
    """
    from tutor.i18n import LANGS

    found: str | None = None
    for k, arg in enumerate(argv):
        if arg == "--":
            break
        value = argv[k + 1] if arg == "--lang" and k + 1 < len(argv) else None
        if arg.startswith("--lang="):
            value = arg.partition("=")[2]
        if value in LANGS:
            found = value
    return found


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command and return its exit status; never a traceback.

    The policy for the standard streams (closed, full, broken pipe, narrow encodings)
    and for unexpected errors lives here once, for every verb: see :mod:`tutor.cli.streams`.
    """
    from tutor.cli import streams
    from tutor.cli.parser_text import translated_argparse
    from tutor.i18n import resolve_lang

    streams.guard_standard_streams()
    try:
        argv = list(sys.argv[1:] if argv is None else argv)
        lang = resolve_lang(argv_lang(argv))
        with translated_argparse(lang):
            code = _run_guarded(lambda: _dispatch(argv, lang), lang)
        return _run_guarded(lambda: _flushed(code), lang)
    finally:
        streams.restore_standard_streams()


def _flushed(code: int) -> int:
    from tutor.cli import streams

    streams.flush_output()
    return code


def _run_guarded(body: Callable[[], int], lang: str) -> int:
    """``body()``'s exit status, with every failure mapped to its documented code."""
    from tutor.cli import streams
    from tutor.content.errors import ContentError
    from tutor.i18n import t
    from tutor.store import DataDirError

    try:
        return body()
    except SystemExit as exit_:  # argparse: --help, --version and usage errors
        if exit_.code is None or isinstance(exit_.code, int):
            return exit_.code or 0
        streams.complain(str(exit_.code))
        return EXIT_CONTENT
    except UsageError as err:
        streams.complain(t("cli.error", lang, prog="dltutor", message=err))
        return EXIT_USAGE
    except DataDirError:
        streams.complain(t("cli.error", lang, prog="dltutor", message=t("cli.home_empty", lang)))
        return EXIT_USAGE
    except ContentError as err:
        # Broken content is the author's to fix: name the file, no traceback.
        streams.complain(t("cli.content_problem", lang, message=err))
        return EXIT_CONTENT
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except streams.StreamError as err:
        if err.stream == "output":
            streams.discard_output()
        if err.broken_pipe:  # `dltutor export | head`: the reader left; not worth a word
            return streams.EXIT_BROKEN_PIPE
        key = "cli.input_failed" if err.stream == "input" else "cli.output_failed"
        streams.complain(t(key, lang, reason=err.reason or t("cli.stream_closed", lang)))
        return streams.EXIT_IO
    except Exception as err:  # the last line of defence: a bug is one line, not a traceback
        return _internal_error(err, lang)


def _dispatch(argv: list[str], lang: str) -> int:
    from tutor.i18n import resolve_lang

    parser = build_parser(selected_verb(argv), lang)
    args, extras = parser.parse_known_args(argv)
    absorb = getattr(getattr(args, "_module", None), "absorb_extras", None)
    if extras and not (absorb and absorb(args, extras)):
        parser.error(argparse._("unrecognized arguments: %s") % " ".join(extras))  # type: ignore[attr-defined]
    args.lang = resolve_lang(args.lang)
    module = getattr(args, "_module", None)
    if module is None:
        from tutor.cli import app_cmd

        module = app_cmd
    return int(module.run(args) or 0)


def _internal_error(err: BaseException, lang: str) -> int:
    """One line naming the exception and where it happened; DLTUTOR_DEBUG=1 shows the traceback."""
    import os

    from tutor.cli import streams
    from tutor.i18n import t

    if os.environ.get("DLTUTOR_DEBUG"):
        import traceback

        traceback.print_exception(type(err), err, err.__traceback__)
    tb = err.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    where = f"{os.path.basename(tb.tb_frame.f_code.co_filename)}:{tb.tb_lineno}" if tb else "?"
    what = f"{type(err).__name__}: {err}" if str(err) else type(err).__name__
    streams.complain(t("cli.internal_error", lang, error=what[:300], where=where))
    return EXIT_INTERNAL
