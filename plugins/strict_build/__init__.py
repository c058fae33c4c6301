"""Strict builds: every content mistake is one clear line and a failed build.

The plugin lives here (a stricter reader, whole-site checks); the runner that
turns collected problems into an exit code is tooling's `tooling.runner`.
"""

from markupsafe import Markup
from pelican import signals
from plugin_support.content_fields import register_fields
from plugin_support.parallel_writing import provide_writer, remember_items
from plugin_support.pelican_internals import slugify_names_once
from plugin_support.plugin_templates import keep_compiled_templates

from .build_checks import BuildChecks
from .checks import report_path_settings_outside_output
from .content_cache import key_content_cache
from .core_settings import check_core_settings
from .html_fields import give_html_fields, use_text_safe_striptags
from .parallel_reading import read_ahead_in_parallel
from .reader import StrictMarkdownReader
from .stable_order import read_in_path_order, sort_by_source_path
from .term_membership import index_term_posts
from .term_pages import share_terms_with_pages
from .typography import move_typography_into_readers, with_typography

MARKDOWN_EXTENSIONS = ("md", "markdown", "mkd", "mdown")


# Fields the theme's templates read, and strict_build checks (lead image and its text).
THEME_FIELDS = ("image", "image_alt", "image_credit", "image_width", "image_height")


def register_theme_fields(pelican):
    register_fields(pelican.settings, "the theme", THEME_FIELDS)


def use_strict_reader(readers):
    """readers_init handler: Markdown through the strict reader; every reader typogrifies."""
    for extension in MARKDOWN_EXTENSIONS:
        if extension in readers.reader_classes:
            readers.reader_classes[extension] = StrictMarkdownReader
    for extension, reader_class in readers.reader_classes.items():
        if reader_class:
            readers.reader_classes[extension] = with_typography(reader_class)


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


def remember_slugs(pelican):
    """initialized: tags, categories and authors slugify each name once per process."""
    slugify_names_once()


def check_settings(pelican):
    report_path_settings_outside_output(pelican.settings)


def register():
    # initialized: the cache folder is chosen before any generator opens the cache,
    # and settings are checked once. readers_init runs before any file is read, so
    # every Markdown file goes through the strict reader; the *_context signals fire
    # after typogrify, before the content object is built; generator_init: each
    # generator's Jinja environment exists and nothing is rendered yet;
    # content_object_init fires for every post and page, cached or not;
    # all_generators_finalized sees the whole site once. article_generator_finalized:
    # categories, tags and authors are final, nothing is written yet, so the theme
    # links only the ones that get a page. finalized: every page is written, so the
    # link check reads what visitors get.
    signals.initialized.connect(key_content_cache)
    signals.initialized.connect(register_theme_fields)
    signals.initialized.connect(check_core_settings)
    signals.initialized.connect(check_settings)
    # After key_content_cache, which keys the cache on the site's own TYPOGRIFY.
    signals.initialized.connect(move_typography_into_readers)
    signals.initialized.connect(remember_slugs)
    signals.readers_init.connect(use_strict_reader)
    # Each generator exists and has opened its cache, and has read nothing yet.
    signals.article_generator_init.connect(read_ahead_in_parallel)
    signals.page_generator_init.connect(read_ahead_in_parallel)
    signals.article_generator_context.connect(mark_plain_text_fields_safe)
    signals.page_generator_context.connect(mark_plain_text_fields_safe)
    signals.article_generator_context.connect(accept_root_relative_lead_image)
    signals.page_generator_context.connect(accept_root_relative_lead_image)
    # Before the read-ahead (article_generator_init), which reads in the same order.
    signals.generator_init.connect(read_in_path_order)
    signals.generator_init.connect(use_text_safe_striptags)
    signals.generator_init.connect(keep_compiled_templates)
    signals.content_object_init.connect(give_html_fields)
    signals.article_generator_finalized.connect(share_terms_with_pages)
    # One object per build runs the whole-site checks and keeps what the link check
    # needs from them (which source made each page); strong references, as nothing
    # else keeps it alive (the build runner disconnects it after the build).
    checks = BuildChecks()
    signals.all_generators_finalized.connect(checks.check_site, weak=False)
    signals.all_generators_finalized.connect(sort_by_source_path)
    signals.all_generators_finalized.connect(index_term_posts)
    signals.finalized.connect(checks.check_links, weak=False)
    # Pages are rendered on every core (plugin_support.parallel_writing); the items
    # they read are known once every generator has finished.
    signals.all_generators_finalized.connect(remember_items)
    signals.get_writer.connect(provide_writer)
