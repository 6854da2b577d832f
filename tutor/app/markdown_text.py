"""The markdown the course's statements use, as Rich text: no Markdown widget, no markdown-it.

A question screen must paint its statement in its first frame. Textual's
``Markdown`` widget builds a widget per block and needs markdown-it and
pygments: most of the time to that frame. Statements use a small part of
markdown (headings, paragraphs, flat lists, emphasis, code spans, links, math
already turned into Unicode), so this module reads that part (CommonMark's
rules for it) into :class:`Block` s that one widget draws with
:class:`ProseRenderable`. Anything else (tables, fenced or indented code, block
quotes, HTML, nested lists…) makes :func:`parse_blocks` return None, and the
caller falls back to a full markdown renderer: never a wrong rendering, at
worst a slower one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rich.style import Style
from rich.text import Text

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderResult

_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_ITEM = re.compile(r"^ {0,3}([-*+]|\d{1,9}[.)])(?:[ \t]+(.*)|[ \t]*)$")
#: what this reader does not handle: fences, tables, quotes, HTML blocks, rules, setext underlines
_UNSUPPORTED = re.compile(
    r"^ {0,3}(?:```|~~~|\||>|<(?!https?://)[A-Za-z!/?]|(?:[-*_][ \t]*){3,}$|=+[ \t]*$)"
)
#: inline syntax, first match wins: escapes, code spans, comments, links, autolinks, emphasis
_INLINE = re.compile(
    r"""(?P<escape>\\(?P<escaped>[!-/:-@\[-`{-~]))
      | (?P<code>(?P<ticks>`+)(?P<code_text>.+?)(?P=ticks))
      | (?P<comment><!--.*?-->)
      | (?P<link>\[(?P<link_text>[^\]\n]+)\]\((?P<link_href>[^)\s]+)\))
      | (?P<autolink><(?P<auto_href>(?:https?|mailto):[^>\s]+)>)
      | (?P<strong>\*\*(?=\S)(?P<strong_text>.+?)(?<=\S)\*\*|__(?=\S)(?P<strong_text2>.+?)(?<=\S)__(?!\w))
      | (?P<em>(?<![\w*])\*(?=\S)(?P<em_text>[^*\n]+?)(?<=\S)\*(?![\w*])|(?<!\w)_(?=\S)(?P<em_text2>[^_\n]+?)(?<=\S)_(?!\w))
    """,
    re.VERBOSE,
)


_BOLD = Style(bold=True)
_ITALIC = Style(italic=True)
_REVERSE = Style(reverse=True)
_UNDERLINE = Style(underline=True)


@dataclass(frozen=True)
class InlineStyles:
    """The styles of inline markup (taken from the widget's CSS)."""

    code: Style = _REVERSE
    strong: Style = _BOLD
    em: Style = _ITALIC
    link: Style = _UNDERLINE


@dataclass
class Block:
    """A heading (``level`` 1–6), a paragraph (``level`` 0), or a list item (``marker`` set)."""

    source: str
    level: int = 0
    marker: str | None = None


def parse_blocks(markdown: str) -> list[Block] | None:
    """The statement's blocks, or None if it uses markdown beyond what this module reads."""
    blocks: list[Block] = []
    current: Block | None = None  # the paragraph or list item that lines continue
    blank_before = False
    for line in markdown.splitlines():
        if not line.strip():
            current, blank_before = None, True
            continue
        if _UNSUPPORTED.match(line):
            return None
        heading = _HEADING.match(line)
        item = _ITEM.match(line)
        indent = len(line) - len(line.lstrip(" "))
        if heading:
            blocks.append(Block((heading.group(2) or "").strip(), level=len(heading.group(1))))
            current = None
        elif item and not (current is not None and current.marker is None and not blank_before
                           and not _can_interrupt(item.group(1))):
            marker = item.group(1)
            if indent > 3 or (current is not None and current.marker and indent >= 2):
                return None  # a nested list
            current = Block((item.group(2) or "").strip(), marker=marker)
            blocks.append(current)
        elif current is not None:
            current.source += "\n" + line.strip()  # continues the paragraph or item (lazily)
        elif indent >= 4 or (blank_before and blocks and blocks[-1].marker and indent >= 2):
            return None  # indented code, or a second paragraph inside a list item
        else:
            current = Block(line.strip())
            blocks.append(current)
        blank_before = False
    return blocks


def _can_interrupt(marker: str) -> bool:
    """A list item may start right under a paragraph line only as "-"/"*"/"+" or "1."."""
    return not marker[0].isdigit() or marker[:-1] == "1"


def inline_text(source: str, styles: InlineStyles, base: Style | None = None) -> Text:
    """One block's text with its inline markup applied (soft line breaks become spaces)."""
    text = Text(style=base or Style())
    _append_inline(text, _joined_lines(source), styles, Style())
    return text


def _joined_lines(source: str) -> str:
    """Soft breaks are spaces; a line ending in two spaces or a backslash breaks the line."""
    lines = source.split("\n")
    out = []
    for k, line in enumerate(lines):
        last = k == len(lines) - 1
        if not last and (line.endswith("  ") or line.endswith("\\")):
            out.append(line.rstrip(" ").removesuffix("\\") + "\n")
        else:
            out.append(line.rstrip() + ("" if last else " "))
    return "".join(out)


def _append_inline(text: Text, source: str, styles: InlineStyles, style: Style) -> None:
    position = 0
    for match in _INLINE.finditer(source):
        text.append(source[position : match.start()], style)
        position = match.end()
        kind = match.lastgroup
        if match.group("escape"):
            text.append(match.group("escaped"), style)
        elif match.group("code"):
            text.append(match.group("code_text").strip() or match.group("code_text"), style + styles.code)
        elif match.group("comment"):
            continue
        elif match.group("link"):
            _append_inline(text, match.group("link_text"), styles, style + styles.link)
        elif match.group("autolink"):
            text.append(match.group("auto_href"), style + styles.link)
        elif match.group("strong"):
            inner = match.group("strong_text") or match.group("strong_text2")
            _append_inline(text, inner, styles, style + styles.strong)
        elif match.group("em"):
            inner = match.group("em_text") or match.group("em_text2")
            _append_inline(text, inner, styles, style + styles.em)
        else:  # pragma: no cover - every alternative is named above
            raise AssertionError(kind)
    text.append(source[position:], style)


@dataclass(frozen=True)
class BlockStyles:
    """How each kind of block looks (headings by level, the list markers)."""

    headings: tuple[Style, ...] = (_BOLD,) * 6
    marker: Style = _BOLD
    inline: InlineStyles = field(default_factory=InlineStyles)


class ProseRenderable:
    """Blocks laid out at any width: a blank line between blocks, list items with a hanging indent."""

    def __init__(self, blocks: Iterable[Block], styles: BlockStyles) -> None:
        self.blocks = list(blocks)
        self.styles = styles

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich.segment import Segment

        width = max(1, options.max_width)
        first = True
        previous: Block | None = None
        for block in self.blocks:
            in_list = block.marker is not None and previous is not None and previous.marker is not None
            if not first and not in_list:
                yield Segment.line()
            first = False
            previous = block
            for line in self._lines(block, console, width):
                yield from line.render(console)
                yield Segment.line()

    def _lines(self, block: Block, console: Console, width: int) -> Iterator[Text]:
        styles = self.styles
        if block.marker is None:
            base = styles.headings[block.level - 1] if block.level else None
            yield from inline_text(block.source, styles.inline, base).wrap(console, width)
            return
        marker = "•" if block.marker in "-*+" else block.marker
        hang = len(marker) + 1
        body = inline_text(block.source, styles.inline).wrap(console, max(1, width - hang))
        for k, line in enumerate(body or [Text()]):
            prefix = Text(f"{marker} " if k == 0 else " " * hang, styles.marker if k == 0 else "")
            yield prefix + line

    def __rich_measure__(self, console: Console, options: ConsoleOptions):  # type: ignore[no-untyped-def]
        from rich.measure import Measurement

        return Measurement(1, options.max_width)


def plain_text(markdown: str) -> str | None:
    """The statement as plain text, as it reads on screen (tests, and a check of the reader)."""
    blocks = parse_blocks(markdown)
    if blocks is None:
        return None
    parts = []
    for block in blocks:
        text = inline_text(block.source, InlineStyles()).plain
        marker = "•" if block.marker and block.marker in "-*+" else block.marker
        parts.append(f"{marker} {text}" if marker else text)
    return "\n".join(parts)
