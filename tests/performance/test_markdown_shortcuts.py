"""Markdown with the inline-pattern shortcut (strict_build.markdown_shortcuts) writes
exactly what Markdown without it writes: on the example site, a generated corpus,
each pattern's edge cases and many random mixes of the marks the patterns look for."""

import random
import re
from xml.etree import ElementTree

import markdown
from fixture_sites import PROJECT_ROOT, project_settings
from markdown import blockprocessors, inlinepatterns, treeprocessors
from strict_build.markdown_shortcuts import (
    APPLY_PATTERN,
    BLOCK_SHORTCUTS,
    _asked_only_with,
    install_markdown_shortcuts,
    needed_strings,
    remove_markdown_shortcuts,
)
from strict_build.reader import StrictMarkdownReader

from tooling.benchmark import write_corpus

# Text that makes each pattern act, next to text that looks alike but must not.
EDGE_CASES = (
    "Code `x` and ``y ` z`` and \\`not code\\` and \\\\`code after backslashes`",
    "A [link](/x) and [ref][r] and [short] and ![img](/i.png) and ![ref img][r]\n\n[r]: /r",
    "Footnote[^1] and [^not one\n\n[^1]: The note with *emphasis* and [a link](/n).",
    "<https://example.com/a?b=c> and <someone@example.com> and <not a link> and a < b",
    'Raw <span class="x">html</span>, <!-- a comment -->, <?pi?>, <![CDATA[x]]> <br/>',
    "Entities &amp; &#38; &#x26; &copy; and a bare & and &notanentity",
    "Line break  \nafter two spaces, none \nafter one.",
    "*em* **strong** ***both*** _em_ __strong__ a*b*c snake_case_word * lone star _",
    "Escapes \\* \\_ \\[ \\] \\< \\& \\\\ \\# and a trailing backslash \\",
    "Nothing to see here, just words. And a sentence with 'quotes' and \"more\".",
    "| a | b |\n|---|---|\n| *x* | [y](/y) |\n\nTerm\n:   Definition with `code`",
    "# Heading with *em* {#custom-id}\n\nParagraph {: .class }\n\n*[HTML]: Hyper Text",
    '<div markdown="1">*inside* [html](/h)</div>',
    "",
)

# What the patterns look for, and what they look for it next to.
FUZZ_PARTS = (
    *("word", "Two", " ", "  ", "\n", "\n\n", "  \n", "\t", "é", "x"),
    *("`", "``", "\\", "\\`", "\\\\", "[", "]", "(", ")", "![", "[^", "[^1]", "]:", "!"),
    *("<", ">", "</", "/>", "<b>", "</b>", '<span a="1">', "<!--", "-->", "<https://x.y>"),
    *("<a@b.c>", "@", "&", "&amp;", "&#38;", "&x", ";", "*", "**", "_", "__", "***"),
    *("[a](/b)", "[a][b]", "[b]: /c", "# ", "- ", "1. ", "> ", "    ", '"', "'", ":", "|"),
    # What block processors look for, mostly at the start of a line.
    *("\n# ", "\n## ", "#", "\n> ", "\n: ", "\n:   ", "\n[^1]: ", "\n*[", "*[word]: W"),
    *(
        "\n[a]: /z",
        "\n[c]:/d",
        "\n| a | b |\n|---|---|\n| c | d |",
        "\n|",
        "|\n",
        "\n---\n",
        "\n===\n",
    ),
)


def markdown_options(extra_extensions=()):
    """The site's MARKDOWN setting as Pelican's reader passes it to Markdown."""
    options = dict(project_settings()["MARKDOWN"])
    configured = list(options.get("extension_configs", {}))
    options["extensions"] = [*options.get("extensions", []), *configured, *extra_extensions]
    return options


def converter():
    return markdown.Markdown(**markdown_options())


def convert_all(texts):
    md = converter()
    out = []
    for text in texts:
        md.reset()
        out.append(md.convert(text))
    return out


def both_ways(texts):
    install_markdown_shortcuts()
    try:
        with_shortcut = convert_all(texts)
        remove_markdown_shortcuts()
        without = convert_all(texts)
    finally:
        install_markdown_shortcuts()
    return with_shortcut, without


def both_ways_with(extension, texts):
    """`texts` converted with the site's Markdown plus `extension`: with the shortcuts, then without."""
    outputs = []
    for install in (install_markdown_shortcuts, remove_markdown_shortcuts):
        install()
        md = markdown.Markdown(**markdown_options([extension]))
        outputs.append([md.reset().convert(text) for text in texts])
    install_markdown_shortcuts()
    return outputs


def test_the_shortcut_changes_no_byte_of_the_sites_html(tmp_path):
    write_corpus(tmp_path, 40)
    sources = sorted((PROJECT_ROOT / "content").rglob("*.md"))
    sources += sorted((tmp_path / "content").rglob("*.md"))
    texts = [source.read_text(encoding="utf-8") for source in sources] + list(EDGE_CASES)

    with_shortcut, without = both_ways(texts)

    assert with_shortcut == without
    joined = "".join(without)
    for made in ("<a href", "<code>", "<em>", "<strong>", "<img", "footnote", "&amp;", "<br"):
        assert made in joined


def test_the_shortcut_agrees_with_markdown_on_random_text():
    picker = random.Random("markdown-shortcut-fuzz")  # noqa: S311 (seeded test data)
    texts = [
        "".join(picker.choice(FUZZ_PARTS) for _ in range(picker.randint(0, 40)))
        for _ in range(3_000)
    ]

    with_shortcut, without = both_ways(texts)

    differences = [
        (text, mine, theirs)
        for text, mine, theirs in zip(texts, with_shortcut, without, strict=True)
        if mine != theirs
    ]
    assert differences == []
    # The random texts make the patterns and the block processors act, not only pass
    # through as paragraphs.
    for made in ("<a href", "<code>", "<em>", "<strong>", "<br", "&amp;", "<span"):
        assert sum(made in html for html in without) > 30, made
    for made in ("<h1", "<h2", "<blockquote", "<table", "<dl", "<abbr", 'class="footnote"'):
        assert sum(made in html for html in without) > 10, made


def test_every_pattern_of_the_sites_markdown_has_its_strings():
    """A Markdown upgrade that rewrites a pattern loses that pattern's shortcut (it is
    then always tried, still correct); this says so, so the table gets updated."""
    patterns = list(converter().inlinePatterns)

    missing = [type(pattern).__name__ for pattern in patterns if needed_strings(pattern) is None]

    assert len(patterns) >= 14
    assert missing == []


def test_a_pattern_the_shortcut_does_not_know_is_always_tried():
    class HashtagProcessor(inlinepatterns.InlineProcessor):
        def handleMatch(self, match, data):
            element = ElementTree.Element("b")
            element.text = match.group(1)
            return element, match.start(0), match.end(0)

    class Hashtags(markdown.Extension):
        def extendMarkdown(self, md):
            md.inlinePatterns.register(HashtagProcessor(r"#(\w+)", md), "hashtag", 65)

    outputs = both_ways_with(Hashtags(), ["A #tag here", "no tag", "*em* and #two [x](/y)"])

    assert outputs[0] == outputs[1]
    assert "<b>tag</b>" in outputs[0][0] and "<b>two</b>" in outputs[0][2]
    assert needed_strings(HashtagProcessor(r"#(\w+)", None)) is None


def test_text_without_a_patterns_strings_skips_the_pattern():
    texts = [
        "Plain words, then more plain words.\n\nAnd a [link](/x) once.",
        *EDGE_CASES,
    ]
    original_apply = getattr(treeprocessors.InlineProcessor, APPLY_PATTERN)
    tried = []

    def counting_apply(self, pattern, *arguments):
        tried.append(type(pattern).__name__)
        return original_apply(self, pattern, *arguments)

    counts = []
    setattr(treeprocessors.InlineProcessor, APPLY_PATTERN, counting_apply)
    try:
        for install in (remove_markdown_shortcuts, install_markdown_shortcuts):
            install()
            tried.clear()
            convert_all(texts)
            counts.append(len(tried))
    finally:
        setattr(treeprocessors.InlineProcessor, APPLY_PATTERN, original_apply)
        install_markdown_shortcuts()

    without, with_shortcut = counts
    assert 0 < with_shortcut < without / 2


def test_the_sites_reader_converts_with_the_shortcut(tmp_path):
    remove_markdown_shortcuts()
    source = tmp_path / "post.md"
    source.write_text("Title: A post\nDate: 2026-01-02\n\nSome *text* & a [link](/x).\n")

    content, metadata = StrictMarkdownReader(project_settings()).read(str(source))

    assert treeprocessors.InlineProcessor.run.__name__ == "_run"
    assert content == '<p>Some <em>text</em> &amp; a <a href="/x">link</a>.</p>'
    assert str(metadata["title"]) == "A post"


def test_a_block_without_a_processors_string_is_not_searched():
    texts = ["Plain words.\n\nMore plain words, and more.", *EDGE_CASES]
    remove_markdown_shortcuts()
    originals = {processor_class: processor_class.test for processor_class, _ in BLOCK_SHORTCUTS}
    asked = []

    def counting(processor_class):
        def counted(self, parent, block):
            asked.append(processor_class.__name__)
            return originals[processor_class](self, parent, block)

        return counted

    counts = []
    try:
        for shortcut in (False, True):
            for processor_class, needed in BLOCK_SHORTCUTS:
                test = counting(processor_class)
                if shortcut:
                    test = _asked_only_with(processor_class, needed, test)
                processor_class.test = test
            asked.clear()
            convert_all(texts)
            counts.append(len(asked))
    finally:
        for processor_class, test in originals.items():
            processor_class.test = test
        install_markdown_shortcuts()

    without, with_shortcut = counts
    assert 0 < with_shortcut < without / 3


def test_a_block_processor_of_another_class_or_pattern_is_always_asked():
    class PercentHeading(blockprocessors.HashHeaderProcessor):
        RE = re.compile(r"(?:^|\n)(?P<level>%{1,6})(?P<header>[^\n]*?)%*(?:\n|$)")

    class PercentHeadings(markdown.Extension):
        def extendMarkdown(self, md):
            md.parser.blockprocessors.register(PercentHeading(md.parser), "percent", 71)

    outputs = both_ways_with(
        PercentHeadings(), ["% A heading\n\nText.", "Plain.", "%% Two\n\n# One"]
    )

    assert outputs[0] == outputs[1]
    assert ">A heading</h1>" in outputs[0][0] and ">Two</h2>" in outputs[0][2]
