"""The read-only CLI verbs, in-process and as real processes, piped and on a terminal."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tutor.cli import VERBS, main
from tutor.content import load_course

ANSI = re.compile(r"\x1b\[")
HEAVY = ("numpy", "sympy", "plotext", "textual")


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "tutor", *args],
        capture_output=True,
        text=True,
        env=full_env,
        timeout=60,
    )


def test_every_registered_verb_has_a_module() -> None:
    import importlib

    from tutor.i18n import strings

    for verb, module_name in VERBS.items():
        module = importlib.import_module(f"tutor.cli.{module_name}")
        assert callable(module.run) and callable(module.add_arguments), verb
        for lang in ("ru", "en"):
            assert strings(lang)[f"cli.verb.{verb}"], (verb, lang)


def test_list_shows_every_question_and_points(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "en", "list"]) == 0
    out = capsys.readouterr().out
    course = load_course()
    for q in course:
        assert f"{q.number}. {q.title['en']}" in out
        for part in q.parts:
            assert part.id in out
    assert "10 points" in out


def test_list_in_russian(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list", "--lang", "ru"]) == 0
    out = capsys.readouterr().out
    assert "Производные" in out and "баллов" in out


def test_show_statement_only(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "1", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "Derivatives" in out and "xᵀx" in out
    assert "Step 1" not in out
    assert "$" not in out and "\\" not in out


def test_show_solution_has_every_step_with_unicode_math(capsys: pytest.CaptureFixture[str]) -> None:
    course = load_course()
    for q in course:
        for lang in ("ru", "en"):
            assert main(["show", str(q.number), "--solution", "--lang", lang]) == 0
            out = capsys.readouterr().out
            total = len(q.steps[lang])
            for step in q.steps[lang]:
                assert step.title.split("$")[0].strip()[:20] in out
            word = "Step" if lang == "en" else "Шаг"
            assert f"{word} {total} " in out
            assert "\\frac" not in out and "\\hat" not in out


def test_show_one_step(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "1", "--step", "2", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    q = load_course().question(1)
    assert q is not None
    assert q.steps["en"][1].title in out
    assert q.steps["en"][0].title not in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["show", "9"], "no question 9"),
        (["show", "1", "--step", "99"], "not 99"),
        (["show", "x"], "invalid int value"),
        (["frobnicate"], "invalid choice"),
        (["list", "--lang", "de"], "invalid choice"),
    ],
)
def test_usage_errors_are_one_line_exit_2(args: list[str], message: str) -> None:
    result = run_cli(*args, "--lang", "en") if args[0] == "show" else run_cli(*args)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert message in lines[0]
    assert "Traceback" not in result.stderr


def test_version_and_help() -> None:
    from tutor import __version__

    assert run_cli("--version").stdout.strip() == f"dltutor {__version__}"
    help_text = run_cli("--help").stdout
    for verb in VERBS:
        assert verb in help_text


def test_piped_output_has_no_escape_codes() -> None:
    for args in (["list"], ["show", "3", "--solution"], ["export"]):
        result = run_cli(*args, env={"TERM": "xterm-256color", "FORCE_COLOR": ""})
        assert result.returncode == 0, result.stderr
        assert not ANSI.search(result.stdout), args


class _FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _render_on_terminal(monkeypatch: pytest.MonkeyPatch, no_color: bool) -> str:
    from tutor.cli.output import print_markdown
    from tutor.content.document import question_markdown

    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    else:
        monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    q = load_course().question(1)
    assert q is not None
    stream = _FakeTerminal()
    print_markdown(
        lambda esc: question_markdown(q, "en", solution=True, math="unicode", escape_markdown=esc),
        stream,
    )
    return stream.getvalue()


def test_terminal_output_is_styled_and_no_color_is_respected(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    styled = _render_on_terminal(monkeypatch, no_color=False)
    plain = _render_on_terminal(monkeypatch, no_color=True)
    assert "Derivatives" in styled and "Derivatives" in plain
    assert re.search(r"\x1b\[[0-9;]*3[0-9]m|\x1b\[38;", styled)  # a colour was used
    assert not re.search(r"\x1b\[[0-9;]*3[0-9]m|\x1b\[38;", plain)  # NO_COLOR: no colours


def test_export_keeps_latex_and_every_question(tmp_path: Path) -> None:
    target = tmp_path / "homework.md"
    result = run_cli("export", "--lang", "ru", "-o", str(target))
    assert result.returncode == 0, result.stderr
    text = target.read_text(encoding="utf-8")
    course = load_course()
    for q in course:
        assert q.title["ru"] in text
        for step in q.steps["ru"]:
            assert step.title in text
    assert "$x^\\top x$" in text or "x^\\top x" in text  # LaTeX kept for hand-in
    assert "```dltutor" not in text  # generated drawings expanded


def test_export_to_unwritable_path_is_a_clean_error(tmp_path: Path) -> None:
    result = run_cli("export", "-o", str(tmp_path / "no" / "such" / "dir" / "x.md"))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and "x.md" in result.stderr


def test_lint_passes_on_shipped_content() -> None:
    result = run_cli("lint", "--lang", "en")
    assert result.returncode == 0, result.stderr
    assert "content OK" in result.stdout


def test_lint_fails_on_broken_content(tmp_path: Path) -> None:
    import shutil

    root = tmp_path / "content"
    shutil.copytree(load_course().question(1).path, root / "01-derivatives")  # type: ignore[arg-type]
    (root / "01-derivatives" / "question.en.md").write_text(
        "Bad $\\frac{1}{$ math\n", encoding="utf-8"
    )
    result = run_cli("lint", str(root), "--lang", "en")
    assert result.returncode == 1
    assert "question.en.md" in result.stderr


def test_language_from_environment() -> None:
    assert "Производные" in run_cli("list", env={"DLTUTOR_LANG": "ru"}).stdout
    assert "Производные" in run_cli("list", env={"LANG": "ru_RU.UTF-8"}).stdout
    assert (
        "Derivatives" in run_cli("list", env={"LANG": "ru_RU.UTF-8", "DLTUTOR_LANG": "en"}).stdout
    )


@pytest.mark.parametrize("args", [["list"], ["show", "2", "--solution"], ["--help"]])
def test_light_verbs_import_nothing_heavy(args: list[str]) -> None:
    probe = (
        "import sys, contextlib, io\n"
        "from tutor.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    try:\n"
        f"        main({args!r})\n"
        "    except SystemExit:\n"
        "        pass\n"
        f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().replace("'", '"')) == []


def test_broken_content_is_one_line_not_a_traceback(tmp_path: Path) -> None:
    import shutil

    root = tmp_path / "content"
    shutil.copytree(load_course().question(1).path, root / "01-derivatives")  # type: ignore[arg-type]
    (root / "01-derivatives" / "solution.ru.md").unlink()
    for args in (["list"], ["show", "1"], ["quiz", "--plain"], ["progress"]):
        result = run_cli(*args, env={"DLTUTOR_CONTENT": str(root)})
        assert result.returncode == 1, (args, result.stderr)
        assert "Traceback" not in result.stderr
        assert "solution.ru.md" in result.stderr and "missing file" in result.stderr


def test_check_takes_an_answer_that_starts_with_minus(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "3.1", "-(p - ŷ)", "--lang", "en"]) == 0
    assert "−(p − ŷ)" in capsys.readouterr().out
    assert main(["check", "3.1", "-p/ŷ", "--json", "--lang", "en"]) == 1
    assert json.loads(capsys.readouterr().out)["mistake"] is not None
    assert main(["check", "3.1", "ŷ - p", "--bogus"]) == 2


def test_readme_documents_the_answer_syntax_verbatim() -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    syntax = (
        Path(__file__).resolve().parent.parent / "tutor" / "answers" / "SYNTAX.md"
    ).read_text(encoding="utf-8")
    assert syntax.strip() in readme


# -- issue 9 §6: numbers that look like options, a bad language after a lab id ---------


@pytest.mark.parametrize("ends", [("-1e6", "1e6"), ("-1E+3", "-2.5e-1"), ("-.5", ".5")])
def test_plot_range_takes_negative_numbers_in_any_notation(
    capsys: pytest.CaptureFixture[str], ends: tuple[str, str]
) -> None:
    assert main(["plot", "tanh", "--range", *ends, "--lang", "en"]) == 0
    assert "tanh′(z) = 1 − tanh²(z)" in capsys.readouterr().out


@pytest.mark.parametrize("args", [["lab", "tanh", "--lang", "xx"], ["--lang", "ru", "lab", "tanh", "--lang", "xx"]])
def test_lab_with_an_unknown_language_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "'xx'" in err and "Traceback" not in err


# -- issue 8 §6: the command line in Russian ---------------------------------------------


def _all_help_texts(lang: str) -> dict[str, str]:
    from tutor.cli import build_parser
    from tutor.cli.parser_text import translated_argparse

    texts = {}
    with translated_argparse(lang):
        for verb in VERBS:
            parser = build_parser(verb, lang)
            sub = next(a for a in parser._actions if a.dest == "verb")
            texts[verb] = sub.choices[verb].format_help()  # type: ignore[index]
    return texts


def test_every_argument_of_every_verb_has_help_in_both_languages() -> None:
    from tutor.cli import build_parser
    from tutor.i18n import strings

    for verb in VERBS:
        parser = build_parser(verb, "en")
        sub = next(a for a in parser._actions if a.dest == "verb")
        for action in sub.choices[verb]._actions:  # type: ignore[index]
            if action.dest in ("help", "lang", "_module"):
                continue
            for lang in ("ru", "en"):
                assert strings(lang).get(f"cli.arg.{verb}.{action.dest}"), (verb, action.dest, lang)


@pytest.mark.parametrize("argv", [["--help"], ["check", "--help"], ["lab", "--help"]])
@pytest.mark.parametrize("how", ["flag", "env"])
def test_help_is_russian_in_russian_mode(argv: list[str], how: str) -> None:
    args = [*argv, "--lang", "ru"] if how == "flag" else argv
    result = run_cli(*args, env={"DLTUTOR_LANG": "ru"} if how == "env" else None)
    assert result.returncode == 0
    out = result.stdout
    assert out.startswith("использование: dltutor")
    assert "параметры:" in out and "показать эту справку и выйти" in out
    assert "usage:" not in out and "options:" not in out and "show this help" not in out
    assert "код выхода:" in out or argv != ["--help"]


def test_every_verbs_help_is_russian() -> None:
    import re

    names = {"dltutor", "tanh", "softmax", "sympy", "json", "latex", "markdown", "csv", "pytorch"}
    for verb, text in _all_help_texts("ru").items():
        assert text.startswith("использование: dltutor " + verb), verb
        body = text[text.index("\n\n"):]  # after the usage lines
        for line in body.splitlines():
            words = [w for w in line.split() if not w.startswith(("-", "[", "{", "'", "$"))]
            latin = [w for w in words if re.fullmatch(r"[a-z]{3,}[:.]?", w) and w.strip(":.") not in names]
            # a line may name an option or list columns, but a word of prose is Russian
            assert not latin or re.search("[а-яё]", line), (verb, line)


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["frobnicate"], "недопустимое значение: 'frobnicate'"),
        (["list", "--bogus"], "нераспознанные аргументы: --bogus"),
        (["show", "x"], "недопустимое значение типа int: 'x'"),
        (["show"], "не хватает обязательных аргументов: N"),
        (["list", "--lang"], "аргумент --lang: ожидается одно значение"),
        (["plot", "tanh", "--range", "1"], "аргумент --range: ожидается 2 значения"),
        (["check"], "укажите пункт и ответ"),
    ],
)
def test_argparse_messages_are_russian(args: list[str], fragment: str) -> None:
    result = run_cli(*args, env={"DLTUTOR_LANG": "ru"})
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and fragment in lines[0], result.stderr
    assert lines[0].startswith(("dltutor: ошибка: ", "dltutor show: ошибка: ", "dltutor list: ошибка: ",
                                "dltutor plot: ошибка: "))


def test_argparse_is_english_again_after_a_russian_run() -> None:
    import argparse

    assert main(["--lang", "ru", "list"]) == 0
    assert argparse._("usage: ") == "usage: "  # type: ignore[attr-defined]


def test_plural_forms() -> None:
    from tutor.i18n import plural_form

    assert [plural_form(n, "ru") for n in (1, 2, 5, 11, 21, 22, 25, 112)] == [
        "one", "few", "many", "many", "one", "few", "many", "many"]
    assert [plural_form(n, "en") for n in (1, 2)] == ["one", "many"]


def test_no_ui_string_uses_a_placeholder_that_t_cannot_fill() -> None:
    """t(key, lang, **values): a placeholder named 'key' or 'lang' could never be formatted."""
    import string

    from tutor.i18n import strings

    for lang in ("ru", "en"):
        for key, text in strings(lang).items():
            names = {name for _, name, _, _ in string.Formatter().parse(text) if name}
            assert not names & {"key", "lang"}, (lang, key)


def test_every_exit_status_is_documented_in_the_readme_and_in_help() -> None:
    from tutor.cli import EXIT_CONTENT, EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_USAGE, streams
    from tutor.cli.batch import (
        EXIT_CHECKER_FAILED,
        EXIT_MALFORMED,
        EXIT_SOME_INCORRECT,
        EXIT_SOME_UNREADABLE,
    )
    from tutor.cli.quiz_cmd import EXIT_NOT_SAVED
    from tutor.i18n import strings

    codes = {0, EXIT_CONTENT, EXIT_USAGE, EXIT_SOME_INCORRECT, EXIT_SOME_UNREADABLE, EXIT_MALFORMED,
             EXIT_CHECKER_FAILED, EXIT_NOT_SAVED, EXIT_INTERNAL, streams.EXIT_IO, EXIT_INTERRUPTED,
             streams.EXIT_BROKEN_PIPE}
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    for code in codes:
        assert f"\n| {code} | " in readme, code
        for lang in ("ru", "en"):
            assert f"\n  {code} " in strings(lang)["cli.epilog"], (code, lang)


def test_an_unexpected_exception_is_one_line_and_exit_70(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from tutor.cli import list_cmd

    def broken(args: object) -> int:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(list_cmd, "run", broken)
    monkeypatch.delenv("DLTUTOR_DEBUG", raising=False)
    assert main(["list", "--lang", "en"]) == 70
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "internal error: ZeroDivisionError: division by zero (at test_cli.py:" in err
    monkeypatch.setenv("DLTUTOR_DEBUG", "1")
    assert main(["list", "--lang", "en"]) == 70
    assert "Traceback (most recent call last)" in capsys.readouterr().err


def test_main_leaves_the_process_streams_as_it_found_them() -> None:
    stdout, stdin = sys.stdout, sys.stdin
    assert main(["--lang", "en", "list"]) == 0
    assert sys.stdout is stdout and sys.stdin is stdin
