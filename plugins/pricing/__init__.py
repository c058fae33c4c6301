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

from .catalogue import collect_services
from .index import write_index
from .page_body import check_references, install_body_hook, start_injecting, stop_injecting
from .rendering import add_templates_to
from .settings import store_validated_settings


def register():
    # initialized: settings are checked once, before anything is read.
    # generator_init: themes can include pricing/*.html, their own copies first.
    # content_object_init: runs for every post and page on every build, cached or not,
    #   so each gets its body hook (references are resolved when the HTML is asked for).
    # page_generator_finalized: every page is read, so every service is known.
    # all_generators_finalized: posts and pages are all read; check every reference once.
    # page_generator_write_page / content_written: the price box goes into one page's
    #   own HTML file only, never into summaries or listings.
    # page_writer_finalized: pages are written; add the index, group pages, prices.json,
    #   its schema and the price-change feed.
    signals.initialized.connect(store_validated_settings)
    signals.generator_init.connect(add_templates_to)
    signals.content_object_init.connect(install_body_hook)
    signals.page_generator_finalized.connect(collect_services)
    signals.all_generators_finalized.connect(check_references)
    signals.page_generator_write_page.connect(start_injecting)
    signals.content_written.connect(stop_injecting)
    signals.page_writer_finalized.connect(write_index)
