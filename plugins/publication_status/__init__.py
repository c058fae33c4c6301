"""Drafts and scheduled posts: visible and marked in the preview, absent in production.

Settings (one dict, declared in DECLARATIONS, validated at start-up):

    PUBLICATION = {
        "preview": True,      # dev: show drafts and future posts, marked; False: drop them
        "build_time": None,   # ISO 8601 "now" for scheduling; None means the real clock
    }

The environment variable SITE_BUILD_TIME, when set, overrides "build_time"; it is
how the publishing tests and CI move the clock without sleeping.

Every post and page gets `visibility` (published, hidden, draft or scheduled)
from the one rule in plugin_support.publication; templates read that attribute
and nothing else. Pelican's own WITH_FUTURE_DATES turns future posts into drafts
when a file is read, and that status is then kept in the content cache. Deciding
here, on every build and without changing any item's status, keeps cached builds
correct on the day a post is due.
"""

import logging
import os
from datetime import datetime

from pelican import signals
from plugin_support.build_clock import ENVIRONMENT_VARIABLE, ISO_EXAMPLE, fix_build_time
from plugin_support.publication import SCHEDULED, visibility
from plugin_support.settings import Setting, is_bool, validated
from plugin_support.site_content import items_of

logger = logging.getLogger(__name__)


def _is_build_time(value):
    if value is None or isinstance(value, datetime):
        return None
    try:
        datetime.fromisoformat(str(value))
    except ValueError:
        return f'"{value}" is not a date and time', ISO_EXAMPLE
    return None


DECLARATIONS = {
    "preview": Setting(
        True, "show drafts and scheduled posts, marked (False: leave them out)", is_bool
    ),
    "build_time": Setting(
        None,
        f'"now" for scheduling, ISO 8601; None: the real clock ({ENVIRONMENT_VARIABLE} wins)',
        _is_build_time,
    ),
}


# The README's table of PUBLICATION is generated from this (tooling.settings_docs).
DOCUMENTED_SETTINGS = {"PUBLICATION": DECLARATIONS}


def store_validated_settings(pelican):
    settings = pelican.settings
    settings["PUBLICATION"] = validated(settings, "PUBLICATION", DECLARATIONS)
    problem = _is_build_time(os.environ.get(ENVIRONMENT_VARIABLE) or None)
    if problem:
        logger.error("%s: %s (%s)", ENVIRONMENT_VARIABLE, *problem)
    fix_build_time(settings)


def mark_visibility(items, settings):
    for item in items:
        item.visibility = visibility(item, settings)


def apply_to_articles(generator):
    settings = generator.settings
    mark_visibility(items_of(generator), settings)
    listed = (
        generator.articles,
        generator.translations,
        generator.hidden_articles,
        generator.hidden_translations,
    )
    if settings["PUBLICATION"]["preview"]:
        return
    # In place: Pelican's context may already hold these very lists.
    for items in listed:
        items[:] = [item for item in items if item.visibility != SCHEDULED]
    generator.drafts[:] = []
    generator.drafts_translations[:] = []


def apply_to_pages(generator):
    settings = generator.settings
    mark_visibility(items_of(generator), settings)
    if settings["PUBLICATION"]["preview"]:
        return
    generator.draft_pages[:] = []
    generator.draft_translations[:] = []


def register():
    # initialized: settings are checked and "now" is fixed once per build, before
    # anything is read. article_generator_pretaxonomy: the article lists are final
    # but categories, tags, archives and feeds are not built yet, so a dropped post
    # leaves no trace. page_generator_finalized: runs before any page is written.
    signals.initialized.connect(store_validated_settings)
    signals.article_generator_pretaxonomy.connect(apply_to_articles)
    signals.page_generator_finalized.connect(apply_to_pages)
