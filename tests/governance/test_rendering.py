from __future__ import annotations

from governance.diffing import inline, side_by_side
from governance.rendering import render_body, render_markdown, sanitize


def test_script_iframe_and_javascript_links_are_harmless():
    text = (
        "## Hola\n\n<script>alert(1)</script>\n\n<iframe src='https://evil.example'></iframe>\n\n"
        "[clic](javascript:alert(2)) [ok](https://ngn.example) <img src=x onerror=alert(3)>\n"
    )
    html = str(render_markdown(text).html)
    assert "<script" not in html and "<iframe" not in html and "<img" not in html
    assert 'href="javascript' not in html.lower() and "<img" not in html
    assert 'href="https://ngn.example"' in html
    assert "&lt;script&gt;" in html  # shown as text, not run


def test_a_text_is_rendered_once_per_process_and_shared_read_only():
    text = "## Uno\n\nTexto\n\n## Dos"
    first = render_markdown(text)
    assert render_markdown(text) is first  # the same text is not parsed again
    assert isinstance(first.headings, tuple)  # shared between requests: nobody can append to it
    assert render_markdown(text + "\n\nMás") is not first  # an edit is a new key


def test_the_sanitiser_strips_javascript_urls_even_if_the_parser_let_one_through():
    dirty = '<a href="javascript:alert(1)">x</a><iframe src="https://e.example"></iframe><p onclick="x()">p</p>'
    clean = sanitize(dirty)
    assert "javascript" not in clean and "iframe" not in clean and "onclick" not in clean


def test_headings_get_stable_unique_anchors_and_a_toc():
    rendered = render_markdown("# Título\n\n## Propósito y misión\n\ntexto\n\n## Propósito y misión\n")
    assert [h.anchor for h in rendered.headings] == ["titulo", "proposito-y-mision", "proposito-y-mision-2"]
    assert [h.anchor for h in rendered.toc] == ["proposito-y-mision", "proposito-y-mision-2"]  # not the title
    # the page owns the <h1>: the text's headings move one level down
    assert '<h2 id="titulo">' in str(rendered.html) and '<h3 id="proposito-y-mision">' in str(rendered.html)


def test_english_text_shares_the_spanish_anchors():
    es = "## Propósito\n\nx\n\n## Membresía\n"
    en = "## Purpose\n\nx\n\n## Membership\n"
    assert [h.anchor for h in render_body(es, en, "en").toc] == ["proposito", "membresia"]
    assert [h.text for h in render_body(es, en, "en").toc] == ["Purpose", "Membership"]


def test_diff_marks_changed_lines_both_ways():
    rows = side_by_side("a\nb\nc", "a\nB\nc\nd")
    assert [r.op for r in rows] == ["equal", "replace", "equal", "insert"]
    lines = inline("a\nb", "a\nc")
    assert [(line.op, line.text) for line in lines] == [("equal", "a"), ("delete", "b"), ("insert", "c")]


def test_a_changed_line_marks_the_changed_words():
    (row,) = side_by_side("hasta 5 años de servicio", "hasta 7 años de servicio")
    assert row.op == "replace"
    assert [text for changed, text in row.left_parts if changed] == ["5"]
    assert [text for changed, text in row.right_parts if changed] == ["7"]
