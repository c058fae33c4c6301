"""The PRICING settings dict: documented defaults, validated once per build.

    PRICING = {
        "currency": "USD",
        "locale": "en_US",
        ...
    }

Each key is declared below with its default, what it does and how it is
checked; a key that is not declared here is a mistake, reported like any other.
"""

import re
import string
from datetime import date

from babel.core import Locale, UnknownLocaleError
from plugin_support.settings import Setting, is_output_path, report_setting_problem, validated
from plugin_support.site_content import register_plugin_folder

from .currencies import is_active_currency

ACTION_KINDS = ("book", "contact", "buy")
# Inside service_path: introductions of groups of tiers, which state no price.
GROUP_FOLDER = "groups"
URL_SCHEMES = re.compile(r"^(https?://\S+|mailto:\S+|tel:\S+|/\S*)$")
# "//host/x" (and "/\\host/x", which browsers read the same way) is a link to another
# host with the page's own scheme, not a site path.
PROTOCOL_RELATIVE = re.compile(r"^[/\\]{2}")
LINK_FIX = "use https://…, mailto:…, tel:… or a site path like /contact/"


def link_problem(url):
    """(problem, fix) when `url` is not a link a call to action may use, else None."""
    if PROTOCOL_RELATIVE.match(url):
        host_and_path = url.lstrip("/\\")
        return (
            f'"{url}" links to another site without saying how',
            f"write https://{host_and_path}, or a site path like /contact/",
        )
    if not URL_SCHEMES.match(url):
        return f'"{url}" is not a link', LINK_FIX
    return None


UNIT_WORDS = re.compile(r"^[^\W\d_][\w -]*$")
# Prices read "$150 per hour": a unit written with its own "per" would read "per per hour".
PER_PREFIX = re.compile(r"^per\s+", re.IGNORECASE)
UNIT_FIX = "name what one price buys in words, e.g. project, hour, session, month"


def unit_problem(unit):
    """(problem, fix) when `unit` is not a unit a price can be "per", else None."""
    if not UNIT_WORDS.match(unit):
        return f'"{unit}" is not a unit', UNIT_FIX
    if PER_PREFIX.match(unit):
        alone = PER_PREFIX.sub("", unit)
        return f'"{unit}" starts with "per"', f'write the unit alone: "{alone}"'
    return None


def _currency(value):
    if not (isinstance(value, str) and is_active_currency(value)):
        return f'"{value}" is not an ISO 4217 currency code', 'use e.g. "USD" or "EUR"'
    return None


def _locale(value):
    try:
        Locale.parse(str(value))
    except (UnknownLocaleError, ValueError, TypeError):
        return f'"{value}" is not a locale Babel knows', 'use e.g. "en_US"'
    return None


def _text(value):
    if not (isinstance(value, str) and value.strip()):
        return "must be a non-empty string", "see the default in the README"
    return None


def _slug_pattern(value):
    if not (isinstance(value, str) and "{slug}" in value):
        return f'"{value}" has no {{slug}}', 'e.g. "services/{slug}/"'
    try:
        placeholders = {field for _, field, _, _ in string.Formatter().parse(value) if field}
    except ValueError:
        return f'"{value}" is not a pattern', 'e.g. "services/{slug}/" (braces only around slug)'
    if placeholders != {"slug"}:
        unknown = ", ".join(sorted("{" + name + "}" for name in placeholders - {"slug"}))
        return f'"{value}" uses {unknown}, which a service does not have', "use only {slug}"
    return _slug_pattern_inside_output(value)


def _slug_pattern_inside_output(value):
    return is_output_path(value.replace("{slug}", "slug"))


def _unit(value):
    return _text(value) or unit_problem(value)


def _action(value):
    if value not in ACTION_KINDS:
        return f'"{value}" is not a call to action', f"use one of: {', '.join(ACTION_KINDS)}"
    return None


def _optional_link(value):
    if value is None:
        return None
    if not isinstance(value, str):
        return f'"{value}" is not a link', LINK_FIX
    return link_problem(value)


def _optional_text(value):
    if value is not None and not isinstance(value, str):
        return "must be a string or None", 'e.g. "Dana Reyes"'
    return None


def _provider_type(value):
    if value not in ("Person", "Organization"):
        return f'"{value}" is not allowed', "use Person or Organization"
    return None


ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _optional_day(value):
    if value is None or isinstance(value, date):
        return None
    # Only "YYYY-MM-DD" in quotes: 20270101 (a number) or "20270101" would be guessed at.
    if not (isinstance(value, str) and ISO_DAY.match(value)):
        return f"{value!r} is not a date", 'write "YYYY-MM-DD" in quotes, or None'
    try:
        date.fromisoformat(value)
    except ValueError:
        return f'"{value}" is not a date', 'write "YYYY-MM-DD" in quotes, or None'
    return None


def _tax(value):
    if value not in (None, "included", "excluded", "none"):
        return f'"{value}" is not a tax rule', 'use "included", "excluded", "none" or None'
    return None


def _bool(value):
    if not isinstance(value, bool):
        return f'"{value}" is not allowed', "use True or False"
    return None


def _optional_file(value):
    if value is None:
        return None
    if not (isinstance(value, str) and value.strip()):
        return "must be a file path or None", 'e.g. "services/changes.atom.xml"'
    return is_output_path(value)


def _inject(value):
    if not (value == "auto" or isinstance(value, bool)):
        return f'"{value}" is not allowed', 'use "auto", True or False'
    return None


SETTINGS = {
    "currency": Setting("USD", "ISO 4217 code for services with no Currency field", _currency),
    "locale": Setting("en_US", "Babel locale for every price and date", _locale),
    "service_path": Setting("services", "folder of service pages, inside PAGE_PATHS", _text),
    "page_url": Setting("services/{slug}/", "URL of a published service page", _slug_pattern),
    "page_save_as": Setting(
        "services/{slug}/index.html", "file a published service page goes to", _slug_pattern
    ),
    "default_unit": Setting("project", "Price_Unit when a service has none", _unit),
    "default_action": Setting("contact", "Action when a service has none", _action),
    "action_url": Setting(None, "Action_URL when a service has none", _optional_link),
    "provider_name": Setting(None, "JSON-LD provider; None: AUTHOR, else SITENAME", _optional_text),
    "provider_type": Setting("Person", "JSON-LD provider type", _provider_type),
    "price_valid_until": Setting(None, "every Offer's priceValidUntil", _optional_day),
    "faq_heading": Setting("Questions", "the ## heading whose ### headings are questions", _text),
    "inject": Setting("auto", "put the price box into the content", _inject),
    "index_url": Setting("services/", "URL of the pricing index", _text),
    "index_save_as": Setting("services/index.html", "file of the pricing index", is_output_path),
    "json_save_as": Setting(
        "services/prices.json", "file of the price list as JSON", is_output_path
    ),
    "schema_save_as": Setting(
        "services/prices.schema.json", "file of the JSON Schema of prices.json", is_output_path
    ),
    "feed_save_as": Setting(
        "services/changes.atom.xml", "Atom feed of price changes; None: no feed", _optional_file
    ),
    "tax": Setting(
        None, "Tax when a service has none: included, excluded, none; None: not stated", _tax
    ),
    "tax_word": Setting("VAT", 'the tax\'s name, as in "+ VAT"', _text),
    "citation_note": Setting(
        True, '{price} in a dated post adds "(was … when this was written)"', _bool
    ),
}


def validated_settings(settings):
    """Return PRICING checked and merged over the defaults; one line per mistake."""
    merged = validated(settings, "PRICING", SETTINGS, check_together=_check_together)
    if settings.get("LOAD_CONTENT_CACHE") and settings.get("CONTENT_CACHING_LAYER") == "generator":
        # That layer reuses whole posts from the last build, with the catalogue of
        # services they saw then; the reader layer keeps only what the reader made.
        report_setting_problem(
            settings,
            "CONTENT_CACHING_LAYER",
            '"generator" would show last build\'s prices in cached posts',
            'use "reader", Pelican\'s default',
        )
    valid_until = merged["price_valid_until"]
    if valid_until is not None and not isinstance(valid_until, date):
        merged["price_valid_until"] = date.fromisoformat(valid_until)
    return merged


def _check_together(merged, settings):
    problem = _service_path_outside_pages(merged["service_path"], settings)
    return [("service_path", *problem)] if problem else []


def _service_path_outside_pages(service_path, settings):
    if not isinstance(service_path, str):
        return None  # already reported as not a string
    folder = service_path.strip("/")
    page_paths = [str(path).strip("/") for path in settings.get("PAGE_PATHS", [])]
    if any(folder == path or folder.startswith(path + "/") for path in page_paths):
        return None
    return (
        f'"{folder}" is not inside PAGE_PATHS ({", ".join(page_paths)})',
        f'add "{folder}" to PAGE_PATHS',
    )


def store_validated_settings(pelican):
    """initialized handler: replace PRICING with its validated copy (the user's dict is untouched).

    Group introductions (services/groups/) have no price: Pelican must not read them as
    service pages, so their folder joins a copy of PAGE_EXCLUDES.
    """
    pricing = validated_settings(pelican.settings)
    pelican.settings["PRICING"] = pricing
    if isinstance(pricing["service_path"], str):
        groups_folder = pricing["service_path"].strip("/") + "/" + GROUP_FOLDER
        excludes = list(pelican.settings.get("PAGE_EXCLUDES") or [])
        if groups_folder not in excludes:
            pelican.settings["PAGE_EXCLUDES"] = [*excludes, groups_folder]
        # Read by this plugin (catalogue.read_group_intros), so no file there is unread.
        register_plugin_folder(pelican.settings, groups_folder)
