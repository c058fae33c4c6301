"""Pelican's own settings that this project relies on, checked once at start-up.

Pelican reads its settings without checking most types, and a wrong one shows
up later as a crash in the middle of the build ("'str' object cannot be
interpreted as an integer"). Each mistake here is one line naming the setting,
the file it is in and the fix.
"""

import string
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from plugin_support.settings import report_setting_problem


def _text(value):
    if not isinstance(value, str):
        return f"{value!r} is not text", "write it in quotes"
    return None


def _folders(value):
    if not isinstance(value, list | tuple) or not all(isinstance(item, str) for item in value):
        return f"{value!r} is not a list of folder names", 'write e.g. ["posts"]'
    return None


def _pagination(value):
    if value is False or (isinstance(value, int) and not isinstance(value, bool) and value > 0):
        return None
    return f"{value!r} is not a whole number above 0 or False", "write e.g. 10"


def _time_zone(value):
    try:
        ZoneInfo(str(value))
    except (ZoneInfoNotFoundError, ValueError):
        return f"{value!r} is not a time zone", 'write e.g. "America/New_York" or "UTC"'
    return None


def _menu(value):
    pairs_ok = isinstance(value, list | tuple) and all(
        isinstance(pair, list | tuple)
        and len(pair) == 2
        and all(isinstance(part, str) for part in pair)
        for pair in value
    )
    if not pairs_ok:
        return (
            "must be a list of (label, path) pairs",
            'write e.g. (("Blog", "/"), ("About", "/about/"))',
        )
    return None


def _field_names(value):
    if not isinstance(value, list | tuple) or not all(isinstance(item, str) for item in value):
        return f"{value!r} is not a list of field names", 'write e.g. ["Reading_Level"]'
    return None


URL_PLACEHOLDERS = {
    "ARTICLE": {"slug", "date", "lang", "category", "author"},
    "PAGE": {"slug", "lang"},
    "CATEGORY": {"slug", "name"},
    "TAG": {"slug", "name"},
    "AUTHOR": {"slug", "name"},
}


def _url_pattern(allowed):
    def check(value):
        if not isinstance(value, str):
            return f"{value!r} is not text", 'write e.g. "blog/{slug}/"'
        try:
            fields = {
                field.split(".")[0].split("[")[0].split(":")[0]
                for _, field, _, _ in string.Formatter().parse(value)
                if field
            }
        except ValueError:
            return f'"{value}" is not a pattern', "use braces only around placeholders like {slug}"
        unknown = sorted(fields - allowed)
        if unknown:
            shown = ", ".join("{" + name + "}" for name in unknown)
            known = ", ".join("{" + name + "}" for name in sorted(allowed))
            return f'"{value}" uses {shown}', f"use only {known}"
        return None

    return check


CHECKS = {
    "SITENAME": _text,
    "TIMEZONE": _time_zone,
    "ARTICLE_PATHS": _folders,
    "PAGE_PATHS": _folders,
    "STATIC_PATHS": _folders,
    "DEFAULT_PAGINATION": _pagination,
    "MENUITEMS": _menu,
    "SITE_CONTENT_FIELDS": _field_names,
    **{
        f"{kind}_{suffix}": _url_pattern(allowed)
        for kind, allowed in URL_PLACEHOLDERS.items()
        for suffix in ("URL", "SAVE_AS")
    },
}


def check_core_settings(pelican):
    """initialized handler: one line per Pelican setting of the wrong type or shape."""
    settings = pelican.settings
    for name, check in CHECKS.items():
        if name not in settings or settings[name] is None:
            continue
        problem = check(settings[name])
        if problem:
            report_setting_problem(settings, name, *problem)
