"""Markdown as plain text for the line-based quiz: no fences, no ``**``, wrapped at words.

The quiz prints solution steps and hints that are written in markdown (math is
already Unicode by then). On a plain terminal, raw fences and emphasis marks are
noise, so they go; code keeps its lines, indented, and tables keep theirs.
"""

from __future__ import annotations

import re

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_HEADING = re.compile(r"^ {0,3}#{1,6}\s+")
_COMMENT = re.compile(r"<!--.*?-->")
_CODE_SPAN = re.compile(r"(`+)(.+?)\1")
_STRONG = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*|__(?=\S)(.+?)(?<=\S)__")
_EMPHASIS = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")
_LINK = re.compile(r"\[([^\]\n]+)\]\(([^)\s]+)\)")
_LIST_MARKER = re.compile(r"^(\s*)([-*+]|\d{1,3}[.)])\s+")


def to_plain(markdown: str) -> str:
    """Plain text of ``markdown``: fences dropped (code indented by four spaces), headings,
    emphasis, code spans and link syntax reduced to their text; tables kept."""
    out: list[str] = []
    fence: str | None = None
    for line in markdown.splitlines():
        opener = _FENCE.match(line)
        if fence is not None:
            if opener and opener.group(1)[0] == fence[0] and len(opener.group(1)) >= len(fence) \
                    and not line.strip().strip(fence[0]):
                fence = None
                continue
            out.append("    " + line)
            continue
        if opener:
            fence = opener.group(1)
            continue
        if line.lstrip().startswith("|"):
            out.append(line)
            continue
        out.append(_inline(_HEADING.sub("", line)))
    return "\n".join(out)


def _inline(line: str) -> str:
    line = _COMMENT.sub("", line)
    spans: list[str] = []

    def keep(match: re.Match[str]) -> str:  # code spans are literal: no emphasis inside
        spans.append(match.group(2).strip())
        return f"\x01{len(spans) - 1}\x01"

    line = _CODE_SPAN.sub(keep, line)
    line = _STRONG.sub(lambda m: m.group(1) or m.group(2), line)
    line = _EMPHASIS.sub(r"\1", line)
    line = _LINK.sub(lambda m: m.group(1) if m.group(1) == m.group(2) else f"{m.group(1)} ({m.group(2)})", line)
    return re.sub("\x01(\\d+)\x01", lambda m: spans[int(m.group(1))], line).rstrip()


def wrap(text: str, width: int) -> str:
    """Each line wrapped at word boundaries to ``width`` columns, keeping its indent.

    A list item's continuation lines hang under its text; a word longer than the
    width (a formula without spaces) stays whole rather than being cut. Code (indented
    four spaces or more) and table rows keep their lines.
    """
    import textwrap

    out: list[str] = []
    for line in text.splitlines():
        if len(line) <= width or line.startswith("    ") or line.lstrip().startswith("|"):
            out.append(line)
            continue
        marker = _LIST_MARKER.match(line)
        indent = " " * (marker.end() if marker else len(line) - len(line.lstrip(" ")))
        out.append(textwrap.fill(line, width, subsequent_indent=indent,
                                 break_long_words=False, break_on_hyphens=False))
    return "\n".join(out)
