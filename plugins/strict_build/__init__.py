"""Strict builds: every content mistake is one clear line and a failed build.

The plugin half lives here (a stricter reader, whole-site checks); the runner
that turns collected problems into an exit code is `strict_build.runner`.
"""

from markupsafe import Markup
from pelican import signals

from .build_checks import BuildChecks
from .checks import report_path_settings_outside_output
from .reader import StrictMarkdownReader
from .term_pages import share_terms_with_pages

MARKDOWN_EXTENSIONS = ("md", "markdown", "mkd", "mdown")


def use_strict_reader(readers):
    for extension in MARKDOWN_EXTENSIONS:
        if extension in readers.reader_classes:
            readers.reader_classes[extension] = StrictMarkdownReader


def mark_plain_text_fields_safe(generator, metadata):
    """Title and summary were escaped by the reader (then typogrified): mark them as
    safe HTML, so an autoescaping theme prints them once, not double-escaped."""
    for field in ("title", "summary"):
        if isinstance(metadata.get(field), str):
            # Safe: StrictMarkdownReader escaped the author's text before typogrify ran.
            metadata[field] = Markup(metadata[field])  # noqa: S704


def check_settings(pelican):
    report_path_settings_outside_output(pelican.settings)


def register():
    # initialized: path settings are checked before anything is read or written.
    # readers_init runs before any file is read, so every Markdown file goes through
    # the strict reader; the *_context signals fire after typogrify, before the
    # content object is built; all_generators_finalized sees the whole site once.
    # article_generator_finalized: categories, tags and authors are final, nothing is
    # written yet, so the theme links only the ones that get a page.
    # finalized: every page is written, so the link check reads what visitors get.
    signals.initialized.connect(check_settings)
    signals.readers_init.connect(use_strict_reader)
    signals.article_generator_context.connect(mark_plain_text_fields_safe)
    signals.page_generator_context.connect(mark_plain_text_fields_safe)
    signals.article_generator_finalized.connect(share_terms_with_pages)
    # One object per build runs the whole-site checks and keeps what the link check
    # needs from them (which source made each page); strong references, as nothing
    # else keeps it alive (the build runner disconnects it after the build).
    checks = BuildChecks()
    signals.all_generators_finalized.connect(checks.check_site, weak=False)
    signals.finalized.connect(checks.check_links, weak=False)
