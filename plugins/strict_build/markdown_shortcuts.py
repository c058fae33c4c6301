"""Skip Markdown's inline patterns on text they cannot match, and its block
processors on blocks they cannot take.

Python-Markdown tries each of its inline patterns (about fifteen with "extra": code
spans, escapes, footnotes, links, images, autolinks, raw HTML, entities, emphasis)
on every run of text in a post, one method call each, and most of them find nothing:
a paragraph without "[" has no link. Every one of these patterns contains a literal
string that any match must hold (a link "[", an image "![", raw HTML "<", an entity
"&", emphasis one of its delimiters), so on text without any of its strings the
pattern's search finds nothing, and Markdown's own step does nothing but move on to
the next pattern. That step is taken here without the call. And the patterns are
listed once for each conversion (InlineProcessor.run) instead of being looked up in
Markdown's registry, which sorts itself on each look-up, for every pattern of every
text.

Only patterns whose regular expression is one listed below (compared as text, so a
Markdown upgrade that changes one simply loses its shortcut) or an emphasis
processor (its delimiters are its strings) are skipped; any other pattern, from an
extension a site adds, is always tried. The output is the same byte for byte
(tests/performance/test_markdown_shortcuts.py converts the example site, a generated
corpus, each pattern's edge cases and random text both ways). Markdown takes about a
fifth less time (2,088 posts of three sites: 9.6 s -> 7.5 s of CPU).

Blocks get the same treatment one level up. Markdown's block parser asks every block
processor (seventeen with "extra"), in order, whether it takes the next block, and most
of them search the whole block with a regular expression that finds nothing in a
paragraph. Each processor in BLOCK_SHORTCUTS can only take a block that holds its
string, so a block without it is refused without the search. A processor of another
class (a subclass from an extension) or with a pattern of its own is always asked. A
quarter less of Markdown's time again (the bench's posts: 3.1 -> 2.3 ms each).
"""

from markdown import blockprocessors, inlinepatterns, treeprocessors, util
from markdown.extensions import abbr, def_list, footnotes, tables

# Markdown's private method this replaces (name-mangled, so it is looked up by hand).
HANDLE_INLINE = "_InlineProcessor__handleInline"
APPLY_PATTERN = "_InlineProcessor__applyPattern"
# Where a run keeps its patterns and their strings while it lasts.
PATTERNS_OF_THIS_RUN = "_patterns_and_needed_strings"

# A pattern's regular expression -> the strings at least one of which a match holds.
# Read off each expression: every alternative of it contains one of them literally.
NEEDED_BY_PATTERN = {
    # "`", or backslashes followed by "`" (a lookahead, but one the match needs).
    inlinepatterns.BACKTICK_RE: ("`",),
    inlinepatterns.ESCAPE_RE: ("\\",),
    inlinepatterns.LINK_RE: ("[",),  # also REFERENCE_RE, and the short reference's
    inlinepatterns.IMAGE_LINK_RE: ("![",),  # also IMAGE_REFERENCE_RE
    inlinepatterns.AUTOLINK_RE: ("<",),
    inlinepatterns.AUTOMAIL_RE: ("<",),
    inlinepatterns.LINE_BREAK_RE: ("  \n",),
    inlinepatterns.HTML_RE: ("<",),  # a tag, comment, processing instruction or CDATA
    inlinepatterns.ENTITY_RE: ("&",),
    # The footnotes extension's reference (its pattern is local to its setup).
    r"\[\^([^\]]*)\]": ("[^",),
}


def needed_strings(pattern):
    """The strings one of which text must hold for `pattern` to match, or None (always try)."""
    if isinstance(pattern, inlinepatterns.DelimiterProcessor):
        return pattern.tokens  # the list itself: a token added later counts too
    compiled = getattr(pattern, "compiled_re", None)
    if compiled is None or not isinstance(pattern, inlinepatterns.InlineProcessor):
        return None
    return NEEDED_BY_PATTERN.get(compiled.pattern)


def _handle_inline(self, data, patternIndex=0):
    # Markdown's loop, with a pattern that cannot match skipped as if it had been
    # tried: "not matched" moves on to the next pattern, which starts at 0.
    if isinstance(data, util.AtomicString):
        return data
    apply_pattern = getattr(self, APPLY_PATTERN)
    patterns, needs = self.__dict__.get(PATTERNS_OF_THIS_RUN) or _patterns_and_needs(self)
    start = 0
    while patternIndex < len(patterns):
        needed = needs[patternIndex]
        if needed is not None:
            for part in needed:
                if part in data:
                    break
            else:
                patternIndex += 1
                start = 0
                continue
        data, matched, start = apply_pattern(patterns[patternIndex], data, patternIndex, start)
        if not matched:
            patternIndex += 1
    return data


def _patterns_and_needs(processor):
    """The processor's patterns in their order now, and the strings each needs."""
    patterns = list(processor.inlinePatterns)
    return patterns, [needed_strings(pattern) for pattern in patterns]


def _run(self, tree, *arguments, **keywords):
    # The patterns are those of the whole run: worked out once, not for every text.
    self.__dict__[PATTERNS_OF_THIS_RUN] = _patterns_and_needs(self)
    try:
        return _run.without_shortcut(self, tree, *arguments, **keywords)
    finally:
        del self.__dict__[PATTERNS_OF_THIS_RUN]


# Block processors, and the string a block must hold for each to take it, read off each
# one's code in Markdown 3.11: a heading's "#", a quote's ">", a link reference's "]:",
# a definition's ":", a footnote definition's "[^", an abbreviation's "*[", and a
# table's "|" (its header row must split into two cells, or start or end with a pipe).
# The last four and the reference say yes to every block in their test and search it in
# their run, which gives the block back when it finds nothing: refusing it in the test
# comes to the same.
BLOCK_SHORTCUTS = (
    (blockprocessors.HashHeaderProcessor, "#"),
    (blockprocessors.BlockQuoteProcessor, ">"),
    (blockprocessors.ReferenceProcessor, "]:"),
    (def_list.DefListProcessor, ":"),
    (footnotes.FootnoteBlockProcessor, "[^"),
    (abbr.AbbrBlockprocessor, "*["),
    (tables.TableProcessor, "|"),
)


def _asked_only_with(processor_class, needed, test):
    def test_blocks_it_can_take(self, parent, block):
        if (
            needed not in block
            and type(self) is processor_class
            and getattr(self, "RE", None) is getattr(processor_class, "RE", None)
        ):
            return False
        return test(self, parent, block)

    test_blocks_it_can_take.without_shortcut = test
    return test_blocks_it_can_take


def install_markdown_shortcuts():
    """Use the shortcuts for every Markdown conversion in this process (idempotent)."""
    processor = treeprocessors.InlineProcessor
    if getattr(processor, HANDLE_INLINE) is not _handle_inline:
        _handle_inline.without_shortcut = getattr(processor, HANDLE_INLINE)
        _run.without_shortcut = processor.run
        setattr(processor, HANDLE_INLINE, _handle_inline)
        processor.run = _run
    for processor_class, needed in BLOCK_SHORTCUTS:
        if not hasattr(processor_class.test, "without_shortcut"):
            processor_class.test = _asked_only_with(processor_class, needed, processor_class.test)


def remove_markdown_shortcuts():
    """Put Markdown's own methods back (the tests compare both)."""
    processor = treeprocessors.InlineProcessor
    if getattr(processor, HANDLE_INLINE) is _handle_inline:
        setattr(processor, HANDLE_INLINE, _handle_inline.without_shortcut)
        processor.run = _run.without_shortcut
    for processor_class, _needed in BLOCK_SHORTCUTS:
        if hasattr(processor_class.test, "without_shortcut"):
            processor_class.test = processor_class.test.without_shortcut
