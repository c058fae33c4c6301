"""Strict builds: every content mistake is one clear line and a failed build.

The plugin half lives here (a stricter reader, whole-site checks); the runner
that turns collected problems into an exit code is `strict_build.runner`.
"""

from markupsafe import Markup
from pelican import signals

from .checks import check_site
from .html_fields import give_html_fields, use_text_safe_striptags
from .reader import StrictMarkdownReader

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


def accept_root_relative_lead_image(generator, metadata):
    """`Image: /images/x.svg` means the file under content/, as `images/x.svg` does.

    Themes print `{{ SITEURL }}/{{ image }}`; with the slash kept, the preview's empty
    SITEURL made `//images/x.svg`, a link to a host named "images"."""
    image = metadata.get("image")
    if isinstance(image, str) and image.startswith("/") and not image.startswith("//"):
        metadata["image"] = image.lstrip("/")


def register():
    # readers_init runs before any file is read, so every Markdown file goes through
    # the strict reader; the *_context signals fire after typogrify, before the
    # content object is built; generator_init: each generator's Jinja environment
    # exists and nothing is rendered yet; content_object_init fires for every post
    # and page, cached or not; all_generators_finalized sees the whole site once.
    signals.readers_init.connect(use_strict_reader)
    signals.article_generator_context.connect(mark_plain_text_fields_safe)
    signals.page_generator_context.connect(mark_plain_text_fields_safe)
    signals.article_generator_context.connect(accept_root_relative_lead_image)
    signals.page_generator_context.connect(accept_root_relative_lead_image)
    signals.generator_init.connect(use_text_safe_striptags)
    signals.content_object_init.connect(give_html_fields)
    signals.all_generators_finalized.connect(check_site)
