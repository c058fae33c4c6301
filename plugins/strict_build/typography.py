"""Typogrify inside the reader, so its output is kept in the content cache.

Pelican runs typogrify after the content cache, on every post, on every build:
at a thousand posts it is the largest single cost of a warm build. Typogrify is
pure (its output depends only on the text, the TYPOGRIFY_* settings and its
version, all of which key the cache, see content_cache.py), so the readers run
it here instead, and Pelican's own pass is switched off for the build.
"""

import smartypants
from typogrify.filters import typogrify

from .typography_shortcuts import install_typography_shortcuts

# Set at `initialized` when the site asked for TYPOGRIFY; Pelican's own pass is then off.
IN_READER_KEY = "TYPOGRIFY_IN_READER"
DASHES = {
    "oldschool": smartypants.Attr.set2,
    "oldschool_inverted": smartypants.Attr.set3,
}


def move_typography_into_readers(pelican):
    """initialized handler: typogrify in the readers (cached), not after the cache."""
    settings = pelican.settings
    if settings.get("TYPOGRIFY"):
        settings["TYPOGRIFY"] = False
        settings[IN_READER_KEY] = True


def typographer(settings):
    """A function that typogrifies HTML as Pelican would with these settings."""
    install_typography_shortcuts()
    # As Pelican does: the dash style, plus &quot; entities turned into curly quotes.
    smartypants.Attr.default = DASHES.get(settings["TYPOGRIFY_DASHES"], smartypants.Attr.set1)
    smartypants.Attr.default |= smartypants.Attr.w
    ignore_tags = settings["TYPOGRIFY_IGNORE_TAGS"]
    omitted = dict.fromkeys(settings["TYPOGRIFY_OMIT_FILTERS"], False)
    return lambda html: typogrify(html, ignore_tags, **omitted)


class TypographyMixin:
    """Typogrify the content, title and summary a reader returns."""

    def read(self, source_path):
        content, metadata = super().read(source_path)
        if not self.settings.get(IN_READER_KEY):
            return content, metadata
        polish = typographer(self.settings)
        if content:
            content = polish(content)
        for field in ("title", "summary"):
            if isinstance(metadata.get(field), str):
                metadata[field] = polish(metadata[field])
        return content, metadata


def with_typography(reader_class):
    """`reader_class` whose read() also typogrifies (a subclass made once per class)."""
    if issubclass(reader_class, TypographyMixin):
        return reader_class
    return type(f"Typographic{reader_class.__name__}", (TypographyMixin, reader_class), {})
