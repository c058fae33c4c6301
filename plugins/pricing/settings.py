"""The PRICING settings dict: documented defaults, validated once per build.

    PRICING = {
        "currency": "USD",
        "locale": "en_US",
        ...
    }

Each key below is declared with its default and what it does; a key that is
not declared here is a mistake, reported like any other.
"""

import logging
import re
from datetime import date

from babel.core import Locale, UnknownLocaleError

from .currencies import is_active_currency

logger = logging.getLogger(__name__)

ACTION_KINDS = ("book", "contact", "buy")

SETTINGS = {
    "currency": ("USD", "ISO 4217 code used when a service has no Currency field."),
    "locale": ("en_US", "Babel locale for every price and date, e.g. en_US, de_DE."),
    "service_path": ("services", "Folder under the content folder that holds service pages."),
    "page_url": ("services/{slug}/", "URL of a (non-draft) service page."),
    "page_save_as": (
        "services/{slug}/index.html",
        "File a (non-draft) service page is written to.",
    ),
    "default_unit": ("project", "Price_Unit when a service has none."),
    "default_action": (
        "contact",
        "Call to action when a service has no Action: book, contact or buy.",
    ),
    "action_url": (None, "Where the call to action goes when a service has no Action_URL."),
    "provider_name": (
        None,
        "Who provides the services in JSON-LD; None means AUTHOR, else SITENAME.",
    ),
    "provider_type": ("Person", "schema.org type of the provider: Person or Organization."),
    "price_valid_until": (
        None,
        "YYYY-MM-DD for every Offer's priceValidUntil; None leaves it out.",
    ),
    "faq_heading": ("Questions", "Text of the ## heading whose ### headings are FAQ questions."),
    "inject": (
        "auto",
        'Put the price box into the content: "auto" (when the theme has no service.html), True or False.',
    ),
    "index_url": ("services/", "URL of the pricing index."),
    "index_save_as": ("services/index.html", "File the pricing index is written to."),
    "json_save_as": ("services/prices.json", "File the machine-readable price list is written to."),
}
DEFAULTS = {key: default for key, (default, _description) in SETTINGS.items()}

URL_SCHEMES = re.compile(r"^(https?://\S+|mailto:\S+|tel:\S+|/\S*)$")


def validated_settings(settings):
    """Return PRICING merged over DEFAULTS; log one line per mistake, then raise."""
    given = dict(settings.get("PRICING") or {})
    merged = {**DEFAULTS, **given}
    problems = [
        (key, "unknown setting", f"allowed: {', '.join(sorted(DEFAULTS))}")
        for key in sorted(set(given) - set(DEFAULTS))
    ]
    problems += _value_problems(merged)
    service_path = str(merged["service_path"]).strip("/")
    page_paths = [str(path).strip("/") for path in settings.get("PAGE_PATHS", [])]
    if service_path and not any(
        service_path == path or service_path.startswith(path + "/") for path in page_paths
    ):
        problems.append(
            (
                "service_path",
                f'"{service_path}" is not inside PAGE_PATHS ({", ".join(page_paths)})',
                f'add "{service_path}" to PAGE_PATHS',
            )
        )
    for key, problem, fix in problems:
        logger.error('%s: PRICING["%s"]: %s (%s)', "pelicanconf.py", key, problem, fix)
    stale_cache = settings.get("LOAD_CONTENT_CACHE") and (
        settings.get("CONTENT_CACHING_LAYER") == "generator"
    )
    if stale_cache:
        # That layer reuses whole posts from the last build, with the catalogue of
        # services they saw then; the reader layer keeps only what the reader made.
        logger.error(
            '%s: CONTENT_CACHING_LAYER: "generator" would show last build\'s prices in '
            'cached posts (use "reader", Pelican\'s default)',
            "pelicanconf.py",
        )
    if problems or stale_cache:
        raise RuntimeError("PRICING settings are invalid")
    if merged["price_valid_until"] is not None:
        merged["price_valid_until"] = date.fromisoformat(merged["price_valid_until"])
    return merged


def _value_problems(merged):
    problems = []
    currency = merged["currency"]
    if not (isinstance(currency, str) and is_active_currency(currency)):
        problems.append(
            (
                "currency",
                f'"{currency}" is not an ISO 4217 currency code',
                'use e.g. "USD" or "EUR"',
            )
        )
    try:
        Locale.parse(str(merged["locale"]))
    except (UnknownLocaleError, ValueError, TypeError):
        problems.append(
            ("locale", f'"{merged["locale"]}" is not a locale Babel knows', 'use e.g. "en_US"')
        )
    for key in (
        "service_path",
        "default_unit",
        "page_url",
        "page_save_as",
        "faq_heading",
        "index_url",
        "index_save_as",
        "json_save_as",
    ):
        if not (isinstance(merged[key], str) and merged[key].strip()):
            problems.append(
                (key, "must be a non-empty string", f'the default is "{DEFAULTS[key]}"')
            )
    if merged["default_action"] not in ACTION_KINDS:
        problems.append(
            (
                "default_action",
                f'"{merged["default_action"]}" is not a call to action',
                f"use one of: {', '.join(ACTION_KINDS)}",
            )
        )
    action_url = merged["action_url"]
    if action_url is not None and not (
        isinstance(action_url, str) and URL_SCHEMES.match(action_url)
    ):
        problems.append(
            (
                "action_url",
                f'"{action_url}" is not a link',
                "use https://…, mailto:…, tel:… or a site path like /contact/",
            )
        )
    if merged["provider_name"] is not None and not isinstance(merged["provider_name"], str):
        problems.append(("provider_name", "must be a string or None", 'e.g. "Dana Reyes"'))
    if merged["provider_type"] not in ("Person", "Organization"):
        problems.append(
            (
                "provider_type",
                f'"{merged["provider_type"]}" is not allowed',
                "use Person or Organization",
            )
        )
    valid_until = merged["price_valid_until"]
    if valid_until is not None:
        try:
            date.fromisoformat(str(valid_until))
        except ValueError:
            problems.append(
                ("price_valid_until", f'"{valid_until}" is not a date', "write YYYY-MM-DD or None")
            )
    if not (merged["inject"] == "auto" or isinstance(merged["inject"], bool)):
        problems.append(
            ("inject", f'"{merged["inject"]}" is not allowed', 'use "auto", True or False')
        )
    return problems


def store_validated_settings(pelican):
    """initialized handler: replace PRICING with its validated copy (the user's dict is untouched)."""
    pelican.settings["PRICING"] = validated_settings(pelican.settings)
