"""Drafts and scheduled posts: visible and marked in the preview, absent in production.

Settings (one dict, validated at start-up):

    PUBLICATION = {
        "preview": True,      # dev: show drafts and future posts, marked; False: drop them
        "build_time": None,   # ISO 8601 "now" for scheduling; None means the real clock
    }

The environment variable SITE_BUILD_TIME, when set, overrides "build_time"; it is
how the publishing tests move the clock without sleeping.

Pelican's own WITH_FUTURE_DATES turns future posts into drafts when a file is
read, and that status is then kept in the content cache. Deciding here, on every
build and without changing any item, keeps cached builds correct on the day a
post is due.
"""

import logging
import os
from datetime import datetime
from zoneinfo import ZoneInfo

from pelican import signals

logger = logging.getLogger(__name__)

DEFAULTS = {"preview": True, "build_time": None}
BUILD_TIME_VARIABLE = "SITE_BUILD_TIME"


def validated_settings(settings):
    """Merge PUBLICATION over the defaults; log one line per mistake."""
    given = dict(settings.get("PUBLICATION") or {})
    merged = {**DEFAULTS, **given}
    problems = []
    for key in sorted(set(given) - set(DEFAULTS)):
        problems.append(
            f'pelicanconf.py: PUBLICATION["{key}"]: unknown setting '
            f"(allowed: {', '.join(sorted(DEFAULTS))})"
        )
    if not isinstance(merged["preview"], bool):
        problems.append('pelicanconf.py: PUBLICATION["preview"]: must be True or False')
    build_time = os.environ.get(BUILD_TIME_VARIABLE) or merged["build_time"]
    source = (
        BUILD_TIME_VARIABLE if os.environ.get(BUILD_TIME_VARIABLE) else 'PUBLICATION["build_time"]'
    )
    if build_time is not None:
        try:
            merged["build_time"] = _aware(datetime.fromisoformat(str(build_time)), settings)
        except ValueError:
            problems.append(
                f'{source}: "{build_time}" is not a date and time '
                "(write ISO 8601, e.g. 2026-11-23T06:00:00+00:00)"
            )
    for problem in problems:
        logger.error("%s", problem)
    return merged


def _aware(moment, settings):
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=ZoneInfo(settings.get("TIMEZONE") or "UTC"))
    return moment


def build_time(settings):
    """The moment that decides which posts are due, as an aware datetime."""
    chosen = settings["PUBLICATION"]["build_time"]
    return chosen or datetime.now(ZoneInfo(settings.get("TIMEZONE") or "UTC"))


def store_validated_settings(pelican):
    pelican.settings["PUBLICATION"] = validated_settings(pelican.settings)


def is_scheduled(item, now):
    """A post is due on its day in the site's time zone, whatever hour it names.

    CI builds once a day, early; comparing to the minute would publish a post dated
    "09:00" a day late.
    """
    date = getattr(item, "date", None)
    if date is None:
        return False
    site_zone = ZoneInfo(item.settings.get("TIMEZONE") or "UTC")
    return (
        _aware(date, item.settings).astimezone(site_zone).date() > now.astimezone(site_zone).date()
    )


def apply_to_articles(generator):
    settings = generator.settings
    now = build_time(settings)
    listed = (
        generator.articles,
        generator.translations,
        generator.hidden_articles,
        generator.hidden_translations,
    )
    if settings["PUBLICATION"]["preview"]:
        for items in (*listed, generator.drafts):
            for item in items:
                item.scheduled = is_scheduled(item, now)
        return
    # In place: Pelican's context may already hold these very lists.
    for items in listed:
        items[:] = [item for item in items if not is_scheduled(item, now)]
    generator.drafts[:] = []
    generator.drafts_translations[:] = []


def apply_to_pages(generator):
    if generator.settings["PUBLICATION"]["preview"]:
        return
    generator.draft_pages[:] = []
    generator.draft_translations[:] = []


def register():
    # initialized: settings are checked once per build, before anything is read.
    # article_generator_pretaxonomy: the article lists are final but categories,
    # tags, archives and feeds are not built yet, so a dropped post leaves no trace.
    # page_generator_finalized: runs before any page is written.
    signals.initialized.connect(store_validated_settings)
    signals.article_generator_pretaxonomy.connect(apply_to_articles)
    signals.page_generator_finalized.connect(apply_to_pages)
