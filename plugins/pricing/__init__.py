"""Transparent pricing: every service page states its price first, and the build enforces it.

Service pages live in content/services/. The plugin reads and checks their
pricing fields as of the build date (contract.py, with field_values.py,
charges.py for tax and fees, schedule.py for announced prices and sales),
checks groups of tiers (groups.py), keeps the site's services and groups for
this build (catalogue.py), resolves {price}slug / {price_now}slug /
{service}slug in any post or page (references.py, citations.py, page_body.py),
renders the FAQ and, for themes that do not know it, the price box
(rendering.py), and writes the pricing index, group pages, prices.json with
its schema (price_list.py) and the price-change feed (change_feed.py) from
index.py. Lines for the author that never fail a build: notes.py.
Markup lives in templates/pricing/*.html. Settings: one PRICING dict (settings.py).
"""

from pelican import signals
from pelican.generators import PagesGenerator
from plugin_support.content_fields import register_fields
from plugin_support.own_page_blocks import add_own_page_block

from .catalogue import collect_services
from .contract import CONTENT_FIELDS
from .index import write_index
from .page_body import check_references, install_body_hook, price_box_before
from .rendering import add_templates_to
from .settings import SETTINGS, store_validated_settings

# The README's table of PRICING is generated from this (tooling.settings_docs).
DOCUMENTED_SETTINGS = {"PRICING": SETTINGS}


def prepare_generator(generator):
    add_templates_to(generator)
    if isinstance(generator, PagesGenerator):
        add_own_page_block(generator, price_box_before)


def register_pricing_fields(pelican):
    register_fields(pelican.settings, "pricing", CONTENT_FIELDS)


def register():
    # initialized: settings are checked once, before anything is read.
    # generator_init: themes can include pricing/*.html (their own copies first), and
    #   a theme without service.html gets the price box on each service's own page only.
    # content_object_init: runs for every post and page on every build, cached or not,
    #   so each gets its body hook (references are resolved when the HTML is asked for).
    # page_generator_finalized: every page is read, so every service is known.
    # all_generators_finalized: posts and pages are all read; check every reference once.
    # page_writer_finalized: pages are written; add the index, group pages, prices.json,
    #   its schema and the price-change feed.
    signals.initialized.connect(store_validated_settings)
    signals.initialized.connect(register_pricing_fields)
    signals.generator_init.connect(prepare_generator)
    signals.content_object_init.connect(install_body_hook)
    signals.page_generator_finalized.connect(collect_services)
    signals.all_generators_finalized.connect(check_references)
    signals.page_writer_finalized.connect(write_index)
