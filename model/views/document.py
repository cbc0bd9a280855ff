"""A tiny document model, written out as Markdown and as self-contained HTML.

The report is built once as a list of blocks and rendered twice, so the Markdown
and the HTML versions always say the same thing.
"""

from __future__ import annotations

import base64
import html
import re
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Heading:
    """A section heading; level 1 is the document title."""

    text: str
    level: int = 2


@dataclass(frozen=True)
class Paragraph:
    """Running text; ``**words**`` are shown in bold."""

    text: str


@dataclass(frozen=True)
class Bullets:
    """A bulleted list, or a numbered one."""

    items: tuple[str, ...]
    numbered: bool = False


@dataclass(frozen=True)
class Table:
    """A table with a header row."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Image:
    """A figure: a PNG file relative to the document, and a caption."""

    path: str
    caption: str


Block = Heading | Paragraph | Bullets | Table | Image

_BOLD = re.compile(r"\*\*(.+?)\*\*")

STYLE = """
body { font-family: system-ui, -apple-system, 'Segoe UI', sans-serif; max-width: 75rem;
       margin: 2rem auto; padding: 0 1rem; color: #222; line-height: 1.5; }
h1 { font-size: 1.8rem; } h2 { margin-top: 2.2rem; border-bottom: 1px solid #ddd; }
table { border-collapse: collapse; margin: 1rem 0; }
th, td { border: 1px solid #ccc; padding: 0.3rem 0.7rem; text-align: left; }
th { background: #f2f2f2; }
figure { margin: 1.5rem 0; } figure img { max-width: 100%; border: 1px solid #eee; }
figcaption { color: #555; font-size: 0.95rem; }
"""


def to_markdown(blocks: list[Block]) -> str:
    """Render blocks as Markdown; images are linked by their relative path."""
    return "\n\n".join(_markdown(block) for block in blocks) + "\n"


def to_html(blocks: list[Block], title: str, base: Path) -> str:
    """Render blocks as one HTML page with every image embedded as base64 PNG.

    Args:
        blocks: the document.
        title: the page title.
        base: the directory image paths are relative to.
    """
    body = "\n".join(_html(block, base) for block in blocks)
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{html.escape(title)}</title>\n<style>{STYLE}</style>\n</head>\n"
        f"<body>\n{body}\n</body>\n</html>\n"
    )


def _markdown(block: Block) -> str:
    match block:
        case Heading(text, level):
            return f"{'#' * level} {text}"
        case Paragraph(text):
            return text
        case Bullets(items, numbered):
            marks = [f"{i}." if numbered else "-" for i in range(1, len(items) + 1)]
            return "\n".join(f"{mark} {item}" for mark, item in zip(marks, items, strict=True))
        case Table(header, rows):
            lines = [header, tuple("---" for _ in header), *rows]
            return "\n".join("| " + " | ".join(cells) + " |" for cells in lines)
        case Image(path, caption):
            return f"![{caption}]({path})\n\n*{caption}*"
    raise TypeError(f"not a document block: {block!r}")


def _inline(text: str) -> str:
    return _BOLD.sub(r"<strong>\1</strong>", html.escape(text))


def _html(block: Block, base: Path) -> str:
    match block:
        case Heading(text, level):
            return f"<h{level}>{_inline(text)}</h{level}>"
        case Paragraph(text):
            return f"<p>{_inline(text)}</p>"
        case Bullets(items, numbered):
            tag = "ol" if numbered else "ul"
            body = "\n".join(f"<li>{_inline(i)}</li>" for i in items)
            return f"<{tag}>\n{body}\n</{tag}>"
        case Table(header, rows):
            head = "".join(f"<th>{_inline(c)}</th>" for c in header)
            body = "\n".join(
                "<tr>" + "".join(f"<td>{_inline(c)}</td>" for c in row) + "</tr>" for row in rows
            )
            return f"<table>\n<tr>{head}</tr>\n{body}\n</table>"
        case Image(path, caption):
            data = base64.b64encode((base / path).read_bytes()).decode("ascii")
            alt = html.escape(caption, quote=True)
            return (
                f'<figure><img src="data:image/png;base64,{data}" alt="{alt}">'
                f"<figcaption>{_inline(caption)}</figcaption></figure>"
            )
    raise TypeError(f"not a document block: {block!r}")
