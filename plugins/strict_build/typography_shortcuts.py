"""Skip typogrify's converters on text they would return unchanged.

Smartypants runs its converters on every run of text between two tags, and each
converter is a handful of regular-expression substitutions: about 120 substitutions
per paragraph, most of which find nothing. Every one of them can only change text
that holds certain characters (convert_quotes needs a quote, process_escapes a
backslash, amp an ampersand), so on a run of text without them the converter's
result is its input, and calling it is skipped. The output is the same byte for
byte (tests/performance/test_typography_shortcuts.py compares both on the example
site, a generated corpus and the converters' edge cases); at 1,000 posts reading
takes about 3 s of CPU less, since typogrify is its largest cost.
"""

import smartypants
from typogrify import filters

# (module, converter, the characters at least one of which it needs to change anything).
# Each is read off the converter's patterns: every pattern contains one of them.
SHORTCUTS = (
    (smartypants, "process_escapes", "\\"),
    (smartypants, "convert_dashes", "-"),
    (smartypants, "convert_dashes_oldschool", "-"),
    (smartypants, "convert_dashes_oldschool_inverted", "-"),
    (smartypants, "convert_ellipses", "."),
    (smartypants, "convert_backticks", "`'"),
    (smartypants, "convert_single_backticks", "`'"),
    (smartypants, "convert_quotes", "'\""),
    (smartypants, "convert_entities", "&"),
    (filters, "amp", "&"),
)


def _skipping_unchanged_text(convert, needed):
    def convert_when_it_can_change(text, *arguments):
        for character in needed:
            if character in text:
                return convert(text, *arguments)
        return text

    convert_when_it_can_change.without_shortcut = convert
    return convert_when_it_can_change


def install_typography_shortcuts():
    """Replace each converter by one that skips text it cannot change (idempotent)."""
    for module, name, needed in SHORTCUTS:
        convert = getattr(module, name)
        if not hasattr(convert, "without_shortcut"):
            setattr(module, name, _skipping_unchanged_text(convert, needed))


def remove_typography_shortcuts():
    """Put the library's own converters back (the tests compare both)."""
    for module, name, _needed in SHORTCUTS:
        convert = getattr(module, name)
        setattr(module, name, getattr(convert, "without_shortcut", convert))
