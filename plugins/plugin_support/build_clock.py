"""The build's "now", fixed once per build, so every plugin sees the same day.

The moment comes from the SITE_BUILD_TIME environment variable, else
PUBLICATION["build_time"], else the real clock. It is stored in the settings
under BUILD_TIME by the first plugin whose `initialized` handler asks for it;
every later reader gets the same value, so a build that runs over midnight
does not see two different days.

Dates are compared as calendar days in the site's TIMEZONE: the daily CI run is
early in the morning, and a post dated "09:00" is due that day, not the next.
"""

import os
from datetime import datetime
from zoneinfo import ZoneInfo

ENVIRONMENT_VARIABLE = "SITE_BUILD_TIME"
SETTINGS_KEY = "BUILD_TIME"
ISO_EXAMPLE = "write ISO 8601, e.g. 2026-11-23T06:00:00+00:00"


def site_zone(settings):
    return ZoneInfo(settings.get("TIMEZONE") or "UTC")


def parse_build_time(value, settings):
    """An aware datetime from an ISO 8601 string or datetime; ValueError if it is neither."""
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=site_zone(settings))
    return moment


def fix_build_time(settings):
    """Decide the build's moment once and store it in `settings`; return it.

    A value that cannot be read is reported by publication_status's settings
    check; here it falls back to the real clock so nothing crashes.
    """
    if isinstance(settings.get(SETTINGS_KEY), datetime):
        return settings[SETTINGS_KEY]
    publication = settings.get("PUBLICATION")
    chosen = os.environ.get(ENVIRONMENT_VARIABLE) or (
        publication.get("build_time") if isinstance(publication, dict) else None
    )
    moment = None
    if chosen:
        try:
            moment = parse_build_time(chosen, settings)
        except (ValueError, TypeError):
            moment = None
    settings[SETTINGS_KEY] = moment or datetime.now(site_zone(settings))
    return settings[SETTINGS_KEY]


def build_time(settings):
    """The build's moment, an aware datetime (fixed on first use)."""
    return fix_build_time(settings)


def build_day(settings):
    """The build's date in the site's TIMEZONE."""
    return build_time(settings).astimezone(site_zone(settings)).date()


def day_of(moment, settings):
    """The calendar day of `moment` in the site's TIMEZONE (naive moments are site time)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=site_zone(settings))
    return moment.astimezone(site_zone(settings)).date()
