"""The live preview shows a saved post or page first, then rebuilds the whole site.

At 1,000 posts a rebuild takes 3-4 s, most of it before the edited page is even
rendered: making every post from the cache, the whole-site checks, the theme's data,
deciding which of 1,900 pages changed. But the build that served the last save is
still in memory: its process stays alive after it (tooling.build_server). When a
saved file is one of that build's posts, drafts or pages, the process reads the file again,
renders that one page with the rest of the last build's context, and puts it in the
site. The browser shows it at once; the full build follows and reloads it again.

What the quick page shows of the rest of the site is the last build's until the full
build ends: listings, previous and next, related posts, and what the theme works out
from a post's body (its table of contents, reading time). Only a save that changes the
text is shown first; anything else is left to the full build, which reports it: a
changed field (title, date, tags, price), a file that is new or gone or not a post or
page, any warning or error while reading or rendering.
The quick page never outlives the full build: page_reuse carries a page over only
when the previous site holds the very file (or bytes) it recorded. If that build
fails, the quick page stays until one succeeds; the problem is in the terminal.
"""

import logging
import os
import tempfile
from itertools import chain
from pathlib import Path

from images.image_build import CONTEXT_KEY as IMAGES_KEY
from pelican import signals
from pelican.contents import Article, Page
from pelican.generators import ArticlesGenerator, PagesGenerator
from pelican.writers import Writer
from plugin_support.page_reuse import PREVIOUS_OUTPUT_KEY
from plugin_support.parallel_writing import keep_generators_after_build, kept_generators
from plugin_support.pelican_internals import (
    reader_output,
    register_plugins_again,
    replace_reader_output,
)

from tooling.build_server import serve


def serve_builds(build_once, settings):
    """Serve the live preview's builds (tooling.build_server.serve), each build keeping
    what render_saved needs, and its process staying to show saved pages first."""

    def build():
        keep_generators_after_build()
        return build_once()

    serve(build, settings=settings, preview=render_saved)


def render_saved(paths):
    """Render again the pages of the saved `paths` into the last build's site; how
    many pages were written (0: none, the full build shows the change)."""
    generators = kept_generators()
    if not generators or not paths:
        return 0
    owners = _owners(generators)
    saved = [owners.get(os.path.abspath(path)) for path in paths]
    if not all(saved):
        return 0
    settings = generators[0].settings
    site = Path(settings.get(PREVIOUS_OUTPUT_KEY) or settings["OUTPUT_PATH"])
    _write_into(site, settings, generators)
    with tempfile.TemporaryDirectory(prefix=f".{site.name}.preview-", dir=site.parent) as made:
        with _anything_logged() as logged:
            try:
                _connect_plugins_once(settings)
                written = [_render_again(generator, item, Path(made)) for generator, item in saved]
            except Exception:  # whatever it is, the full build that follows reports it
                return 0
        if logged or not all(written):
            return 0
        for relative in written:
            target = site / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(Path(made) / relative, target)  # a new file: never through a hard link
    return len(written)


# Whether this process connected the plugins again after its build (once: a plugin that
# connects a new object each time, such as a wrapper, must not act twice).
_plugins_connected = {"done": False}


def _connect_plugins_once(settings):
    """The build's end disconnected every plugin; reading a post needs theirs (the HTML
    fields, prices, images)."""
    if not _plugins_connected["done"]:
        register_plugins_again(settings)
        _plugins_connected["done"] = True


def _write_into(site, settings, generators):
    """What a page's content writes as it renders (image copies) goes into the site:
    the staging folder the build wrote into became the site when the build ended."""
    settings["OUTPUT_PATH"] = str(site)
    for generator in generators:
        images = generator.context.get(IMAGES_KEY)
        if images is not None:
            images.output_root = site


# The lists of posts and pages each generator writes a page for.
WRITTEN_LISTS = {
    ArticlesGenerator: (
        "translations",
        "articles",
        "hidden_translations",
        "hidden_articles",
        "drafts_translations",
        "drafts",
    ),
    PagesGenerator: (
        "translations",
        "pages",
        "hidden_translations",
        "hidden_pages",
        "draft_translations",
        "draft_pages",
    ),
}


def _owners(generators):
    """{absolute source path: (generator, item)} of the posts and pages the build wrote."""
    owners = {}
    for generator in generators:
        for kind, list_names in WRITTEN_LISTS.items():
            if isinstance(generator, kind):
                for item in chain.from_iterable(getattr(generator, name) for name in list_names):
                    owners[os.path.abspath(item.source_path)] = (generator, item)
    return owners


def _render_again(generator, old, folder):
    """Read `old`'s file again and write its page into `folder`, as the generator
    writes it; the page's path in the site, or None when the full build must show it."""
    is_article = isinstance(generator, ArticlesGenerator)
    content_class, preread, context_signal = (
        (Article, signals.article_generator_preread, signals.article_generator_context)
        if is_article
        else (Page, signals.page_generator_preread, signals.page_generator_context)
    )
    new = generator.readers.read_file(
        base_path=generator.path,
        path=os.path.relpath(old.source_path, generator.path),
        content_class=content_class,
        context=generator.context,
        preread_signal=preread,
        preread_sender=generator,
        context_signal=context_signal,
        context_sender=generator,
    )
    if new is None or new.status != old.status or new.save_as != old.save_as:
        return None
    # A changed field (a title, a date, tags, a price) reaches other pages and data the
    # plugins derive across the site, such as the service's price box, which the page
    # would show from the last build: only a save that changes the text is shown first.
    if new.metadata != old.metadata:
        return None
    # The fields are the same, so the new text is all that changed: the last build's
    # object is given it and rendered. Lists across the site hold that object (recent
    # posts, a series' parts), and the theme marks the current page by identity (`is
    # sameas`); plugins changed some of its attributes after reading (a service's
    # template). What they worked out over the whole site (related posts, the table of
    # contents, reading time, structured data) stays the last build's until the full
    # build ends.
    replace_reader_output(old, reader_output(new))
    _write_page(generator, old, folder)
    return old.save_as


def _write_page(generator, item, folder):
    """Write `item`'s page into `folder` with what its generator writes it with
    (generate_articles, generate_drafts, or the pages' generate_output)."""
    writer = Writer(str(folder), settings=generator.settings)
    if isinstance(generator, PagesGenerator):
        signals.page_generator_write_page.send(generator, content=item)
        own = {"page": item}
    elif item.status == "draft":  # no signal for a draft, which also gets every post
        own = {"article": item, "category": item.category, "blog": True}
        own["all_articles"] = generator.articles
    else:
        signals.article_generator_write_article.send(generator, content=item)
        own = {"article": item, "category": getattr(item, "category", None), "blog": True}
    writer.write_file(
        item.save_as,
        generator.get_template(item.template),
        generator.context,
        relative_urls=generator.settings["RELATIVE_URLS"],
        override_output=hasattr(item, "override_save_as"),
        url=item.url,
        **own,
    )


class _anything_logged:
    """Within it, every log record is kept back (the full build reports it) and noted."""

    def __enter__(self):
        self.records = []
        self._handlers = logging.root.handlers[:]
        self._level = logging.root.level
        note = logging.Handler(logging.DEBUG)
        note.emit = lambda record: record.levelno >= logging.WARNING and self.records.append(record)
        logging.root.handlers = [note]
        logging.root.setLevel(logging.WARNING)
        return self.records

    def __exit__(self, *exception):
        logging.root.handlers = self._handlers
        logging.root.setLevel(self._level)
        return False
