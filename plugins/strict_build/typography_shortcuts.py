"""Skip typogrify's converters on text they would return unchanged.

Smartypants runs its converters on every run of text between two tags, and each
converter is a handful of regular-expression substitutions: about 120 substitutions
per paragraph, most of which find nothing. Every one of them can only change text
that holds certain characters (convert_quotes needs a quote, process_escapes a
backslash, amp an ampersand) or strings (convert_dashes needs "--", not a hyphen;
convert_ellipses "..." or ". . .", not a full stop), so on a run of text without
them the converter's result is its input, and calling it is skipped.

When a converter does run, its substitutions are applied as compiled patterns
(_substitutions_compiled_once) instead of being compiled, or looked up in re's
cache, a dozen times for every run of text: convert_quotes alone is fourteen. And a
substitution every match of which consumes a certain character is skipped on text
without it: half of convert_quotes' need a double quote, which most text lacks.

Two of typogrify's own filters get the same treatment in their own way:

- `caps` wraps runs of capitals, and can only change text holding two capitals
  with nothing but digits between them, or a capital, a dot (and a space) and a
  capital (CAPS_POSSIBLE): text without that is returned as it is.
- `widont` (one regular expression over the whole page, tried at every character)
  can only join the last two words before a closing p, h1-h6, li, dt or dd tag or
  the end of the text. So the text is cut after each such tag, and the library's
  widont runs on each piece from where its last two words can start (see
  _last_words_start): a fraction of the text, and the same result, because no
  match can reach across one of those tags.

The output is the same byte for byte (tests/performance/test_typography_shortcuts.py
compares both on the example site, a generated corpus, the converters' edge cases
and random text). At 1,000 posts typogrify takes about 1.9 s of CPU instead of 6.3 s.
"""

import functools
import re
import sys

import smartypants
from typogrify import filters

# (module, converter, the strings at least one of which it needs to change anything).
# Each is read off the converter's patterns: every pattern contains one of them.
SHORTCUTS = (
    (smartypants, "process_escapes", ("\\",)),
    (smartypants, "convert_dashes", ("--",)),
    (smartypants, "convert_dashes_oldschool", ("--",)),
    (smartypants, "convert_dashes_oldschool_inverted", ("--",)),
    (smartypants, "convert_ellipses", ("...", ". . .")),
    (smartypants, "convert_backticks", ("``", "''")),
    (smartypants, "convert_single_backticks", ("`", "'")),
    (smartypants, "convert_quotes", ("'", '"')),
    (smartypants, "convert_entities", ("&",)),
    (filters, "amp", ("&",)),
)

# What any change caps makes needs: two capitals with only digits between them, or
# capitals, a dot, an optional space, and another capital ("D.O.T.").
CAPS_POSSIBLE = re.compile(r"[A-Z]\d*[A-Z]|[A-Z]\.\s?[A-Z]")
# widont's ends: its match ends with one of these tags, or at the end of the text.
WIDONT_BLOCK_END = re.compile(r"</(?:p|h[1-6]|li|dt|dd)>")
# Closing tags widont steps over between the last word and the block's end.
WIDONT_INLINE_ENDS = tuple(f"</{tag}>" for tag in ("a", "em", "span", "strong", "i", "b"))


def _skipping_unchanged_text(convert, needed):
    def convert_when_it_can_change(text, *arguments):
        for part in needed:
            if part in text:
                return convert(text, *arguments)
        return text

    convert_when_it_can_change.without_shortcut = convert
    return convert_when_it_can_change


def _caps_when_it_can_change(caps):
    def caps_when_it_can_change(text):
        return caps(text) if CAPS_POSSIBLE.search(text) else text

    caps_when_it_can_change.without_shortcut = caps
    return caps_when_it_can_change


def _widont_near_block_ends(widont):
    def widont_near_block_ends(text):
        pieces, start = [], 0
        for block_end in WIDONT_BLOCK_END.finditer(text):
            first = _last_words_start(text, start, block_end.start())
            pieces += [text[start:first], widont(text[first : block_end.end()])]
            start = block_end.end()
        pieces.append(widont(text[start:]))
        return "".join(pieces)

    widont_near_block_ends.without_shortcut = widont
    return widont_near_block_ends


def _last_words_start(text, start, block_end):
    """Where, in text[start:block_end], widont's match ending at block_end can begin.

    Its match is: a character or an inline tag, white space, the last word, then only
    white space and inline closing tags up to the block's end. Read backwards from
    there, that place is fixed; block_end itself when no match is possible. An earlier
    place is always safe (the library's widont looks from there on), so for a tag it is
    just after the previous ">".
    """
    end = block_end
    while True:  # step back over white space and inline closing tags
        while end > start and text[end - 1].isspace():
            end -= 1
        tag = next((tag for tag in WIDONT_INLINE_ENDS if text.endswith(tag, start, end)), None)
        if tag is None:
            break
        end -= len(tag)
    word_start = end
    while word_start > start and not _space_or_bracket(text[word_start - 1]):
        word_start -= 1
    before = word_start
    while before > start and text[before - 1].isspace():
        before -= 1
    if word_start == end or before in (word_start, start):
        return block_end  # no last word, or nothing before the space that precedes it
    if text[before - 1] == ">":
        return max(start, text.rfind(">", start, before - 1) + 1)
    return block_end if text[before - 1] == "<" else before - 1


def _space_or_bracket(character):
    return character in "<>" or character.isspace()


# Typogrify's own filters that get a faster equivalent, and how it is made.
FILTER_SHORTCUTS = (
    (filters, "caps", _caps_when_it_can_change),
    (filters, "widont", _widont_near_block_ends),
)


def _substitutions_compiled_once(convert):
    """`convert` as the substitutions it makes, each compiled once, or None.

    A converter such as convert_quotes is a fixed list of regular-expression
    substitutions that it compiles (or looks up in re's cache) on every call, a dozen
    per run of text. Run once against a stand-in for `re` that notes each substitution,
    it gives that list, which is then applied as it is. A converter that uses `re` for
    anything but substitutions (a search deciding what comes next) is kept as it is."""
    recorder = _RecordingRe()
    module = sys.modules[convert.__module__]
    module.re = recorder
    try:
        convert(PROBE)
    except _NotOnlySubstitutions:
        return None
    finally:
        module.re = re
    substitutions = tuple(
        (substitute, replacement, count, _character_every_match_holds(substitute.__self__))
        for substitute, replacement, count in recorder.substitutions
    )

    def substitutions_compiled_once(text):
        for substitute, replacement, count, needed in substitutions:
            # convert_quotes' double-quote substitutions find nothing in text holding
            # only apostrophes (most text), and its single-quote ones the other way round.
            if needed is None or needed in text:
                text = substitute(replacement, text, count)
        return text

    substitutions_compiled_once.substitutions = substitutions
    # Work done some other way than through `re` would be missing here: it shows.
    if not substitutions or substitutions_compiled_once(PROBE) != convert(PROBE):
        return None
    return substitutions_compiled_once


def _character_every_match_holds(pattern):
    """A character every match of `pattern` consumes, or None: one written literally in
    the pattern's top-level sequence (not in a branch, a repeat or a lookaround), read off
    the pattern as re's own parser reads it."""
    if pattern.flags & re.IGNORECASE:
        return None
    try:
        parsed = re._parser.parse(pattern.pattern, pattern.flags)
        literal = re._constants.LITERAL
    except Exception:  # re's parser is private: if it changes, no shortcut
        return None
    for operation, argument in parsed:
        if operation is literal:
            return chr(argument)
    return None


# Text every converter changes something in.
PROBE = "'Quoted' \"words\" -- and --- so... . . . ``this'' and `that' \\\\ \\. it's the '80s"


class _NotOnlySubstitutions(Exception):
    pass


class _RecordingRe:
    """`re` for a converter's one run: substitutions are made and noted, flags read."""

    def __init__(self):
        self.substitutions = []

    def __getattr__(self, name):
        if name.isupper():  # a flag, such as re.VERBOSE
            return getattr(re, name)
        raise _NotOnlySubstitutions(name)

    def sub(self, pattern, replacement, text, count=0, flags=0):
        return self.compile(pattern, flags).sub(replacement, text, count)

    def compile(self, pattern, flags=0):
        return _RecordingPattern(self, re.compile(pattern, flags))


class _RecordingPattern:
    def __init__(self, recorder, compiled):
        self._recorder, self._compiled = recorder, compiled

    def __getattr__(self, name):
        raise _NotOnlySubstitutions(name)

    def sub(self, replacement, text, count=0):
        self._recorder.substitutions.append((self._compiled.sub, replacement, count))
        return self._compiled.sub(replacement, text, count)


def _skipping_unchanged_text_compiled_once(convert, needed):
    compiled = _substitutions_compiled_once(convert)
    shortcut = _skipping_unchanged_text(compiled or convert, needed)
    shortcut.without_shortcut = convert
    return shortcut


# Converters that are nothing but regular-expression substitutions (read off their
# source), applied as those substitutions compiled once.
COMPILED_ONCE = frozenset(
    {
        "process_escapes",
        "convert_dashes",
        "convert_dashes_oldschool",
        "convert_dashes_oldschool_inverted",
        "convert_ellipses",
        "convert_backticks",
        "convert_single_backticks",
        "convert_quotes",
    }
)


def _all_shortcuts():
    for module, name, needed in SHORTCUTS:
        make = (
            _skipping_unchanged_text_compiled_once
            if name in COMPILED_ONCE
            else _skipping_unchanged_text
        )
        yield module, name, functools.partial(make, needed=needed)
    yield from FILTER_SHORTCUTS


def install_typography_shortcuts():
    """Replace each converter by one that skips text it cannot change (idempotent)."""
    for module, name, shortcut_of in _all_shortcuts():
        convert = getattr(module, name)
        if not hasattr(convert, "without_shortcut"):
            setattr(module, name, shortcut_of(convert))


def remove_typography_shortcuts():
    """Put the library's own converters back (the tests compare both)."""
    for module, name, _shortcut_of in _all_shortcuts():
        convert = getattr(module, name)
        setattr(module, name, getattr(convert, "without_shortcut", convert))
