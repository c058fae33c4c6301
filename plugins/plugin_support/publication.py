"""The one rule for "is this item public at this build time".

The build (which posts are listed), the preview's marks, the publish checks and
the search index all ask `visibility`, so they can never disagree: on the
morning a post is due, it is built, marked public and indexed, and publishing
accepts it.
"""

from pelican.contents import Article

from .build_clock import build_day, day_of

PUBLIC = "published"  # listed, in feeds and search
HIDDEN = "hidden"  # published at its URL, but not listed or searchable
DRAFT = "draft"
SCHEDULED = "scheduled"  # dated after the build day: goes live on its day
SKIPPED = "skip"


def visibility(item, settings):
    """One of PUBLIC, HIDDEN, DRAFT, SCHEDULED, SKIPPED for a post or page.

    Posts are due on their calendar day in the site's TIMEZONE, whatever hour
    they name. Pages are never scheduled (Pelican gives them no listing date).
    """
    status = getattr(item, "status", PUBLIC)
    if status in (DRAFT, SKIPPED):
        return status
    if is_dated_after_build(item, settings):
        return SCHEDULED
    return HIDDEN if status == HIDDEN else PUBLIC


def is_dated_after_build(item, settings):
    date = getattr(item, "date", None)
    if date is None or not isinstance(item, Article):
        return False
    return day_of(date, settings) > build_day(settings)


def why_not_public(item, settings):
    """A short reason an item must not be in a published site, or None if it may be."""
    state = visibility(item, settings)
    if state in (DRAFT, SKIPPED):
        return f"Status: {state}"
    if state == SCHEDULED:
        return (
            f"Date: {day_of(item.date, settings).isoformat()} is after the build day "
            f"{build_day(settings).isoformat()}"
        )
    return None
