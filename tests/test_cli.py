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
