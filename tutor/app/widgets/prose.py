"""A statement or a prompt: simple markdown drawn as text by one light widget.

Textual's ``Markdown`` builds a widget per paragraph and loads markdown-it and
pygments; a question screen shows its statement in its first frame, so the
statement (and each item's prompt) is drawn by this widget instead, from
:mod:`tutor.app.markdown_text`. Markdown that module does not read is drawn
by Rich's own markdown renderer: slower to load, never wrong.
"""

from __future__ import annotations

from typing import Any, ClassVar

from rich.style import Style
from textual.widget import Widget

from tutor.app.markdown_text import BlockStyles, InlineStyles, ProseRenderable, parse_blocks


class Prose(Widget):
    DEFAULT_CSS = """
    Prose {
        height: auto;
        padding: 0 2;
    }
    Prose > .prose--h1 {
        color: $markdown-h1-color;
        text-style: $markdown-h1-text-style;
    }
    Prose > .prose--h2 {
        color: $markdown-h2-color;
        text-style: $markdown-h2-text-style;
    }
    Prose > .prose--h3 {
        color: $markdown-h3-color;
        text-style: $markdown-h3-text-style;
    }
    Prose > .prose--marker {
        color: $text-primary;
    }
    Prose:dark > .prose--code {
        background: $warning 10%;
        color: $text-warning 95%;
    }
    Prose:light > .prose--code {
        background: $error 5%;
        color: $text-error 95%;
    }
    Prose > .prose--link {
        text-style: underline;
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "prose--h1",
        "prose--h2",
        "prose--h3",
        "prose--marker",
        "prose--code",
        "prose--link",
    }

    def __init__(
        self, markdown: str = "", *, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.source = ""
        self._blocks: list[Any] | None = []
        self.update(markdown)

    def update(self, markdown: str) -> None:
        """Show ``markdown`` instead (its height may change)."""
        self.source = markdown
        self._blocks = parse_blocks(markdown)
        self.refresh(layout=True)

    @property
    def fast(self) -> bool:
        """Drawn by this module's reader (False: by Rich's markdown renderer)."""
        return self._blocks is not None

    def render(self) -> Any:
        if self._blocks is None:
            from rich.markdown import Markdown

            return Markdown(self.source)
        return ProseRenderable(self._blocks, self._styles())

    def _styles(self) -> BlockStyles:
        def style(name: str) -> Style:
            return self.get_component_rich_style(name, partial=True)

        h1, h2, h3 = style("prose--h1"), style("prose--h2"), style("prose--h3")
        bold = Style(bold=True)
        return BlockStyles(
            headings=(h1, h2, h3, bold, bold, bold),
            marker=style("prose--marker"),
            inline=InlineStyles(
                code=style("prose--code"),
                strong=bold,
                em=Style(italic=True),
                link=style("prose--link"),
            ),
        )
