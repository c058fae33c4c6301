"""Typogrify with the shortcuts (strict_build.typography_shortcuts) writes exactly what
typogrify without them writes, on real Markdown output, on the converters' edge cases,
and on many random mixes of the words, marks, spaces and tags the converters look for."""

import random
import re

import markdown
import pytest
import smartypants
from fixture_sites import PROJECT_ROOT, project_settings
from strict_build.typography import typographer
from strict_build.typography_shortcuts import (
    COMPILED_ONCE,
    FILTER_SHORTCUTS,
    PROBE,
    SHORTCUTS,
    _character_every_match_holds,
    _substitutions_compiled_once,
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
    "<p>A very simple test</p>\n<p>Two</p><p> Test</p><li>Test</p></li>",
    '<h1><a href="#">In a link inside a heading</i> </a></h1><h1><a href="#"></a></h1>',
    "<div>Divs are left alone</div><pre>and so are PREs</pre><dd>a <em>b</em> </dd>",
    "a last line of text with no tag after it\n",
    "<p>RFID, D.O.T. and the U.S. A. B. C.</p><kbd>KBD</kbd> <script>NO</script> HE34T",
)

# What the converters look for: capitals, dots, dashes, quotes, backslashes, entities,
# spaces of every kind, the tags whose end widont looks for and those it steps over,
# and tags and brackets that are neither.
FUZZ_PARTS = (
    *("word", "Two", "x", "é", "NASA", "KU", "D.O.T.", "A. B.", "2KU2", "JIMMY'S", "U.S"),
    *(" ", "  ", "\n", "\t", "\xa0", "\u2028", "\x1c", "'", '"', "&", "--", "...", "<", ">"),
    *("<p>", "</p>", "</p >", "</P>", "<li>", "</li>", "</LI>", "<h3>", "</h3>", "</h1>"),
    *("<dd>", "</dd>", "</dt>", '<a href="/x">', "</a>", "<abbr title=x>", "</abbr>"),
    *("<em>", "</em>", "<i>", "</i>", "<b>", "</b>", "<strong>", "</strong>", "</strong >"),
    *("<span class=c>", "</span>", "<br />", "<img src=x>", "<a x<y>", "<pre>", "</pre>"),
    *("<code>", "</code>", "<!-- c -->"),
    *("-", "---", ".", "..", ". .", ". . .", "`", "``", "''", "\\", '\\"', "&quot;", "&#8220;"),
    *("&amp;", "&#38;", " &amp; ", "Q &amp; A"),
)
# What each converter is called with besides the text (convert_entities: a mode).
EXTRA_ARGUMENTS = {"convert_entities": (1,)}

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


@pytest.mark.parametrize(
    ("module", "name"), [(module, name) for module, name, _ in SHORTCUTS + FILTER_SHORTCUTS]
)
def test_every_shortcut_agrees_with_typogrify_on_random_text(module, name):
    picker = random.Random(f"{name}-fuzz")  # noqa: S311 (seeded test data, not secrets)
    texts = [
        "".join(picker.choice(FUZZ_PARTS) for _ in range(picker.randint(0, 30)))
        for _ in range(10_000)
    ]
    install_typography_shortcuts()
    shortcut = getattr(module, name)
    library = shortcut.without_shortcut
    extra = EXTRA_ARGUMENTS.get(name, ())

    differences = [text for text in texts if shortcut(text, *extra) != library(text, *extra)]

    assert differences == []
    # The random texts make the library's converter act, often, not only pass text through.
    assert sum(library(text, *extra) != text for text in texts) > 1_000


def test_the_converters_made_of_substitutions_are_applied_compiled_once():
    install_typography_shortcuts()
    for name in COMPILED_ONCE:
        library = getattr(smartypants, name).without_shortcut
        compiled = _substitutions_compiled_once(library)
        assert compiled is not None, name
        assert compiled(PROBE) == library(PROBE) != PROBE, name


def test_a_converter_that_does_more_than_substitute_is_kept_as_it_is():
    def searches_first(text):
        if smartypants.re.search("x", text):  # decides what comes next
            return smartypants.re.sub("y", "z", text)
        return text

    def replaces_without_re(text):
        text = smartypants.re.sub("'", "&#8217;", text)
        return text.replace("--", "&#8212;")  # invisible to a stand-in for re

    for convert in (searches_first, replaces_without_re):
        convert.__module__ = "smartypants"
        assert _substitutions_compiled_once(convert) is None
    assert smartypants.re is __import__("re")


@pytest.mark.parametrize(
    "pattern, needed",
    [
        ("'", "'"),
        (r"(\s|&nbsp;|--)'(?=\w)", "'"),
        (r"(x)?\"(?=\s)", '"'),
        (r"\b'(?=\d{2}s)", "'"),
        (r"(?=')x", "x"),  # the lookahead's quote is not consumed; the x is
        (r"a|b", None),  # either one
        (r"(?:a'|b)", None),
        (r"'?x", "x"),
        (r"[']", "'"),  # one character: re reads it as that character
        (r"['\"]", None),
        (r"(?i)q", None),  # "Q" matches too
    ],
)
def test_a_substitution_is_skipped_only_on_text_without_a_character_every_match_holds(
    pattern, needed
):
    assert _character_every_match_holds(re.compile(pattern)) == needed


def test_quotes_of_one_kind_skip_the_other_kinds_substitutions():
    library = smartypants.convert_quotes
    library = getattr(library, "without_shortcut", library)
    compiled = _substitutions_compiled_once(library)

    needed = [character for *_substitution, character in compiled.substitutions]

    # Every one of convert_quotes' fourteen substitutions consumes a quote of one kind.
    assert len(needed) == 14
    assert needed.count("'") >= 5 and needed.count('"') >= 5
    assert set(needed) == {"'", '"'}
    for text in ("It's the client's call, isn't it?", 'She said "yes" twice: "yes".', "plain"):
        assert compiled(text) == library(text)
