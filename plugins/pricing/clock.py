"""The build's date: Price_Updated may not be after it, Price_Valid_Until not before it.

The clock belongs to publication_status (PUBLICATION["build_time"], or the
SITE_BUILD_TIME environment variable), so scheduled posts and prices agree on
"today" and tests move both without sleeping. Without that plugin it is the
real clock. The date is the one in the site's TIMEZONE.

Read when pages are read, not in `initialized`: that signal reaches plugins in
PLUGINS order, and a site may list pricing before publication_status, so PUBLICATION
may not be checked yet there.
"""

from datetime import datetime
from zoneinfo import ZoneInfo

try:
    from publication_status import build_time as publication_build_time
except ImportError:  # a site without plugins/publication_status
    publication_build_time = None


def build_day(settings):
    """Today's date for this build, in the site's TIMEZONE."""
    zone = ZoneInfo(settings.get("TIMEZONE") or "UTC")
    publication = settings.get("PUBLICATION")
    moment = None
    if (
        publication_build_time is not None
        and isinstance(publication, dict)
        and "build_time" in publication
    ):
        moment = publication_build_time(settings)
    if not isinstance(moment, datetime) or moment.tzinfo is None:
        moment = datetime.now(zone)  # plugin disabled: its setting was never checked
    return moment.astimezone(zone).date()
