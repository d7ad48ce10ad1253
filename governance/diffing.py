"""Line diffs between two versions' texts, as rows a template can show side by side or inline (escaped there)."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from functools import lru_cache

from django.template.loader import render_to_string
from django.utils.safestring import SafeString

# Words and the spaces between them: a changed line shows which words changed.
WORDS = re.compile(r"\s+|[^\s]+")
# Below this similarity, a replaced line is shown as wholly changed.
SIMILAR_LINES = 0.5


@dataclass(frozen=True)
class SideBySideRow:
    op: str  # "equal", "delete", "insert", "replace"
    left_no: int | None
    left: str
    right_no: int | None
    right: str
    # For replaced lines: (changed, text) pieces of each side, so the changed words can be marked.
    left_parts: list[tuple[bool, str]] = field(default_factory=list)
    right_parts: list[tuple[bool, str]] = field(default_factory=list)


@dataclass(frozen=True)
class InlineLine:
    op: str  # "equal", "delete", "insert"
    old_no: int | None
    new_no: int | None
    text: str


def _opcodes(old: list[str], new: list[str]) -> list[tuple[str, int, int, int, int]]:
    return difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes()


def word_parts(old_line: str, new_line: str) -> tuple[list[tuple[bool, str]], list[tuple[bool, str]]]:
    old, new = WORDS.findall(old_line), WORDS.findall(new_line)
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    if matcher.ratio() < SIMILAR_LINES:  # two different lines side by side: word marks would only be noise
        return [(True, old_line)], [(True, new_line)]
    left: list[tuple[bool, str]] = []
    right: list[tuple[bool, str]] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if i2 > i1:
            left.append((op != "equal", "".join(old[i1:i2])))
        if j2 > j1:
            right.append((op != "equal", "".join(new[j1:j2])))
    return left, right


def side_by_side(old_text: str, new_text: str) -> list[SideBySideRow]:
    old, new = old_text.splitlines(), new_text.splitlines()
    rows: list[SideBySideRow] = []
    for op, i1, i2, j1, j2 in _opcodes(old, new):
        left, right = list(range(i1, i2)), list(range(j1, j2))
        for k in range(max(len(left), len(right))):
            li = left[k] if k < len(left) else None
            rj = right[k] if k < len(right) else None
            if op != "replace":
                row_op = op
            elif li is not None and rj is not None:
                row_op = "replace"
            else:  # a replaced block with more lines on one side: the extra lines are plain deletions/insertions
                row_op = "delete" if li is not None else "insert"
            left_text = "" if li is None else old[li]
            right_text = "" if rj is None else new[rj]
            left_parts, right_parts = word_parts(left_text, right_text) if row_op == "replace" else ([], [])
            rows.append(
                SideBySideRow(
                    op=row_op,
                    left_no=None if li is None else li + 1,
                    left=left_text,
                    right_no=None if rj is None else rj + 1,
                    right=right_text,
                    left_parts=left_parts,
                    right_parts=right_parts,
                )
            )
    return rows


def inline(old_text: str, new_text: str) -> list[InlineLine]:
    old, new = old_text.splitlines(), new_text.splitlines()
    lines: list[InlineLine] = []
    for op, i1, i2, j1, j2 in _opcodes(old, new):
        if op == "equal":
            lines.extend(
                InlineLine("equal", i + 1, j + 1, old[i]) for i, j in zip(range(i1, i2), range(j1, j2), strict=True)
            )
            continue
        lines.extend(InlineLine("delete", i + 1, None, old[i]) for i in range(i1, i2))
        lines.extend(InlineLine("insert", None, j + 1, new[j]) for j in range(j1, j2))
    return lines


def has_changes(old_text: str, new_text: str) -> bool:
    return old_text.splitlines() != new_text.splitlines()


@lru_cache(maxsize=16)
def diff_html(old_text: str, new_text: str, mode: str) -> SafeString:
    """The rows of a diff as HTML (``mode`` "side" or "inline"), escaped by the template.

    A pure function of the two texts, so each process keeps the last few: every reader of a consultation asks
    for the same comparison, and laying out a few hundred rows costs more than the rest of the page. The markup
    holds no words to translate and nothing about the reader.
    """
    if mode == "inline":
        html = render_to_string("governance/_diff_inline.html", {"lines": inline(old_text, new_text)})
    else:
        html = render_to_string("governance/_diff_rows.html", {"rows": side_by_side(old_text, new_text)})
    # The inline view keeps white space (pre-wrap): no blank line from the template file's own newlines.
    return SafeString(html.strip())
