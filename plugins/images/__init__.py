"""Images that cost the reader nothing, and a share card for every post and service.

- Social cards (social_cards.py, card_drawing.py): a PNG with the title, the site
  name and, for a service, its price, in the theme's colours and a font from a
  font package; used as og:image when the author gave no raster Image.
- The author's images (body_images.py, image_files.py): width and height (an SVG's
  from its viewBox), loading="lazy" below the first, and AVIF/WebP copies in a
  <picture> for photos.
Cards and copies live in a cache outside the output, named by their inputs
(derived_cache.py), and are hard-linked into each build's output.
Settings: one IMAGES dict (settings.py). Markup: templates/images/*.html.
"""

import logging

from pelican import signals
from pelican.generators import ArticlesGenerator, PagesGenerator, StaticGenerator
from plugin_support.site_content import items_of

from .body_images import add_lead_image_data, install_body_hook
from .image_build import CONTEXT_KEY, image_build
from .settings import SETTING_NAME, SETTINGS, store_validated_settings
from .snippets import add_templates_to
from .social_cards import add_social_card, choose_share_image

# The README's table of IMAGES is generated from this (tooling.settings_docs).
DOCUMENTED_SETTINGS = {SETTING_NAME: SETTINGS}

logger = logging.getLogger(__name__)


def posts_and_pages(generators):
    """([every post, any status], [every page, any status]) of this build."""
    posts, pages = [], []
    for generator in generators:
        if isinstance(generator, ArticlesGenerator):
            posts += items_of(generator)
        elif isinstance(generator, PagesGenerator):
            pages += items_of(generator)
    return posts, pages


def report_files_in_output_folder(generators, output_folder):
    """A static file inside the cards' folder could clash with a card or a copy."""
    for generator in generators:
        if not isinstance(generator, StaticGenerator):
            continue
        for static in generator.staticfiles:
            if static.save_as.lstrip("/").startswith(output_folder + "/"):
                logger.error(
                    "%s: output: writes %s, inside %s/, which holds the social cards and "
                    'image copies (move the file, or change IMAGES["output_folder"])',
                    static.source_path,
                    static.save_as,
                    output_folder,
                )


def prepare_images(generators):
    """all_generators_finalized handler: lead images, cards and share images, once per build.

    Every page is read and every service priced by now (pricing runs before), and
    nothing is written yet, so templates see the data and the files are in place.
    """
    settings = generators[0].settings
    config = settings[SETTING_NAME]
    state = image_build(generators[0].context, settings)
    report_files_in_output_folder(generators, config["output_folder"])
    posts, pages = posts_and_pages(generators)
    for item in posts + pages:
        add_lead_image_data(item, state)
    if config["social_cards"]:
        services = [page for page in pages if getattr(page, "service", None) is not None]
        for item in posts + services:
            add_social_card(item, state)
    for item in posts + pages:
        item.share_image = choose_share_image(item)
    state.cache.save_index()


def finish_images(generator, writer):
    """page_writer_finalized handler: keep what was measured while pages were written."""
    state = generator.context.get(CONTEXT_KEY)
    if state is None:
        return
    state.cache.save_index()
    logger.debug(
        "images: %s files made, %s from the cache", state.cache.stats.made, state.cache.stats.reused
    )


def register():
    # initialized: settings are checked once, before anything is read.
    # generator_init: themes can include images/*.html, their own copies first.
    # content_object_init: every post and page, cached or not, gets the body hook; it
    #   must come after pricing's, which it wraps (PLUGINS lists images after pricing).
    # all_generators_finalized: every post and service is read and priced, nothing is
    #   written yet: make the cards and set what the templates show.
    # page_writer_finalized: posts and pages are written; save the source index.
    signals.initialized.connect(store_validated_settings)
    signals.generator_init.connect(add_templates_to)
    signals.content_object_init.connect(install_body_hook)
    signals.all_generators_finalized.connect(prepare_images)
    signals.page_writer_finalized.connect(finish_images)
