"""Typogrify with the shortcuts (strict_build.typography_shortcuts) writes exactly what
typogrify without them writes, on real Markdown output and on the converters' edge cases."""

import markdown
import pytest
import smartypants
from fixture_sites import PROJECT_ROOT, project_settings
from strict_build.typography import typographer
from strict_build.typography_shortcuts import (
    SHORTCUTS,
    install_typography_shortcuts,
    remove_typography_shortcuts,
)

from tooling.benchmark import write_corpus

# Text runs that make each converter act, next to runs that look alike but must not.
EDGE_CASES = (
    "\"Quoted\" and 'single' and it's the '80s -- or --- so... . . . ok",
    "<p>He said, \"'Quoted' words.\"</p><p>'</p><p>\"</p><p>x'</p>",
    "Escapes: \\\\ \\\" \\' \\. \\- \\` and ``backticks'' and `single'",
    "Q & A, Q &amp; A, Q &#38; A, Q&nbsp;&amp;&nbsp;A, R&D, &quot;entity&quot; quotes",
    '<pre>"kept" -- as is</pre><code>\'kept\'</code> then "curled"',
    '<a href="/x?a=1&amp;b=2" title="One & Two">link</a> plain text with no marks',
    "<h2>NASA and the FBI</h2><li>one two three</li><dd>word</dd>",
    "",
    "-",
    ".",
    "'",
    '"',
    "&",
    "no marks at all",
)

DASH_STYLES = ("default", "oldschool", "oldschool_inverted")


def markdown_pages(tmp_path):
    """HTML as the readers make it: the example site's Markdown and a generated corpus."""
    write_corpus(tmp_path, 30)
    sources = sorted((PROJECT_ROOT / "content").rglob("*.md"))
    sources += sorted((tmp_path / "content").rglob("*.md"))
    converter = markdown.Markdown(**project_settings()["MARKDOWN"])
    pages = []
    for source in sources:
        converter.reset()
        pages.append(converter.convert(source.read_text(encoding="utf-8")))
    return pages


def typographer_for(dashes):
    return typographer(
        {"TYPOGRIFY_DASHES": dashes, "TYPOGRIFY_IGNORE_TAGS": ["pre"], "TYPOGRIFY_OMIT_FILTERS": []}
    )


@pytest.mark.parametrize("dashes", DASH_STYLES)
def test_shortcuts_change_no_byte_of_typogrify_output(tmp_path, dashes):
    texts = markdown_pages(tmp_path) + list(EDGE_CASES)
    polish = typographer_for(dashes)  # installs the shortcuts
    assert all(hasattr(getattr(module, name), "without_shortcut") for module, name, _ in SHORTCUTS)
    with_shortcuts = [polish(text) for text in texts]
    try:
        remove_typography_shortcuts()
        without = [polish(text) for text in texts]
    finally:
        install_typography_shortcuts()

    assert with_shortcuts == without
    assert sum(before != after for before, after in zip(texts, with_shortcuts, strict=True)) > 40


def test_the_shortcut_skips_only_text_runs_without_a_quote(tmp_path):
    texts = markdown_pages(tmp_path)
    polish = typographer_for("default")
    remove_typography_shortcuts()
    library_convert_quotes = smartypants.convert_quotes
    converted = []

    def counting_convert_quotes(text):
        converted.append(text)
        return library_convert_quotes(text)

    try:
        smartypants.convert_quotes = counting_convert_quotes
        for text in texts:
            polish(text)
        without_shortcuts = list(converted)
        converted.clear()
        install_typography_shortcuts()
        for text in texts:
            polish(text)
    finally:
        remove_typography_shortcuts()
        smartypants.convert_quotes = library_convert_quotes
        install_typography_shortcuts()

    skipped = set(without_shortcuts) - set(converted)
    assert len(converted) < len(without_shortcuts) / 2
    assert skipped and not any("'" in text or '"' in text for text in skipped)
