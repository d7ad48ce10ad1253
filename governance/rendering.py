"""Markdown to safe HTML, with stable anchors on headings and a table of contents.

Raw HTML is off in the parser, and nh3 sanitises the output anyway: the text of a version is written by people,
and a page must never run what someone typed into it.

Rendering is a pure function of the text, so each process keeps the last few results (keyed by the text itself,
so an edit is a new key and nothing needs invalidating): a version page renders the same body two or three times
per request (the page, the sections a comment may point at) and every reader asks for the same few texts.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import nh3
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify
from django.utils.translation import get_language
from markdown_it import MarkdownIt

ALLOWED_TAGS = {
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "p",
    "br",
    "hr",
    "strong",
    "em",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "a",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "del",
}
ALLOWED_ATTRIBUTES = {"*": {"id"}, "a": {"href", "title"}, "ol": {"start"}, "th": {"style"}, "td": {"style"}}
URL_SCHEMES = {"http", "https", "mailto"}


@dataclass(frozen=True)
class Heading:
    level: int
    anchor: str
    text: str


@dataclass(frozen=True)
class Rendered:
    """Shared between requests (see the module's docstring): immutable, headings included."""

    html: SafeString
    headings: tuple[Heading, ...]

    @property
    def toc(self) -> list[Heading]:
        """The sections: every heading below the document's own title (level 1), if there are any."""
        sections = [h for h in self.headings if h.level > 1]
        return sections or self.headings


def sanitize(html: str) -> str:
    """Keep only safe tags and attributes, and only http(s)/mailto links."""
    return nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes=URL_SCHEMES)


def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable(
        ["table", "strikethrough"]
    )


def _unique(anchor: str, seen: set[str]) -> str:
    base, n = anchor or "section", 2
    while anchor in seen or not anchor:
        anchor, n = f"{base}-{n}", n + 1
    seen.add(anchor)
    return anchor


def render_markdown(text: str, *, anchors: list[str] | tuple[str, ...] | None = None) -> Rendered:
    """Render ``text``; headings get ids from their own text, or from ``anchors`` taken in order.

    Passing the Spanish headings' anchors when rendering the English text gives both languages the same ids, so that
    a comment on a section points at the same place in either language.
    """
    return _render_markdown(text or "", None if anchors is None else tuple(anchors))


@lru_cache(maxsize=64)
def _render_markdown(text: str, anchors: tuple[str, ...] | None) -> Rendered:
    md = _parser()
    tokens = md.parse(text or "")
    found: list[Heading] = []
    seen: set[str] = set()
    for index, token in enumerate(tokens):
        if token.type not in ("heading_open", "heading_close"):
            continue
        level = int(token.tag[1])
        # The page has its own <h1>: the text's headings move one level down (# becomes <h2>).
        token.tag = f"h{min(level + 1, 6)}"
        if token.type == "heading_close":
            continue
        title = tokens[index + 1].content if index + 1 < len(tokens) else ""
        position = len(found)
        wanted = anchors[position] if anchors is not None and position < len(anchors) else slugify(title)
        anchor = _unique(wanted, seen)
        token.attrSet("id", anchor)
        found.append(Heading(level=level, anchor=anchor, text=title))
    html = md.renderer.render(tokens, md.options, {})
    return Rendered(html=mark_safe(sanitize(html)), headings=tuple(found))  # noqa: S308 - sanitised by nh3 in sanitize()


def headings(text: str) -> tuple[Heading, ...]:
    return render_markdown(text).headings


def render_body(body_es: str, body_en: str, language: str) -> Rendered:
    """The text in ``language``, with section anchors always taken from the Spanish original."""
    spanish = render_markdown(body_es)
    if language != "en" or not body_en:
        return spanish
    english_count = len(headings(body_en))
    # Same structure: share the Spanish anchors. Different structure: English keeps its own.
    anchors = [h.anchor for h in spanish.headings] if english_count == len(spanish.headings) else None
    return render_markdown(body_en, anchors=anchors)


def toc_html(rows: list[tuple[Heading, str]], *, show_comments: bool, commentable: bool) -> SafeString:
    """The table of contents beside a version: each section, with its count of comments (``rows`` pairs a
    heading with that count, already worded) and a link to comment on it when ``commentable``.

    Like the text itself, a pure function of its arguments and the language it is shown in, so each process
    keeps the last few: thirty sections are most of what a version page lays out apart from the text.
    """
    return _toc_html(tuple(rows), show_comments, commentable, get_language())


@lru_cache(maxsize=64)
def _toc_html(
    rows: tuple[tuple[Heading, str], ...], show_comments: bool, commentable: bool, language: str
) -> SafeString:
    context = {"toc_rows": rows, "show_comments": show_comments, "commentable": commentable}
    return render_to_string("governance/_toc.html", context)
