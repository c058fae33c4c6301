"""Every pricing mistake fails the build with one line: file, field, problem, fix."""

import pytest
from pricing.settings import SETTINGS
from pricing_helpers import PROJECT_PRICING, add_service, service_file, write_files

GOOD_POST = """
    Title: Prices
    Date: 2026-01-10
    Category: Notes

    The audit costs {price}audit.
"""

HISTORY_FIX = (
    'write entries as "YYYY-MM-DD amount" separated by ";", e.g. 2024-01-01 1200; 2025-03-01 1350'
)


@pytest.mark.parametrize(
    ("fields", "line"),
    [
        (
            {},
            'Price: missing (add a line "Price: 1500", or "Price: 0" for a free service)',
        ),
        (
            {"Price": "twelve"},
            'Price: "twelve" is not a number (write e.g. Price: 1500)',
        ),
        (
            {"Price": "-100"},
            'Price: "-100" is negative (a price is 0 or more)',
        ),
        (
            {"Price": "$1500"},
            'Price: "$1500" has a currency sign '
            "(write the number only, e.g. Price: 1500, and the code in Currency:)",
        ),
        (
            {"Price": "1,500"},
            'Price: "1,500" has a thousands separator (write it without one, e.g. Price: 1500)',
        ),
        (
            {"Price": "1500", "Currency": "XYZ"},
            'Currency: "XYZ" is not an ISO 4217 currency code '
            "(use a code in use today, e.g. USD, EUR or GBP)",
        ),
        (
            {"Price": "1500", "Price_Type": "range", "Price_Max": "1500"},
            "Price_Max: 1500 is not above Price 1500 "
            "(make Price_Max larger than Price, or use Price_Type: fixed)",
        ),
        (
            {"Price": "1500", "Price_Type": "range", "Price_Max": "1000"},
            "Price_Max: 1000 is not above Price 1500 "
            "(make Price_Max larger than Price, or use Price_Type: fixed)",
        ),
        (
            {"Price": "1500", "Price_Type": "range"},
            'Price_Max: missing for Price_Type: range (add e.g. "Price_Max: 2500", a number above Price)',
        ),
        (
            {"Price": "150", "Price_Unit": "per hour"},
            'Price_Unit: "per hour" starts with "per" (write the unit alone: "hour")',
        ),
        (
            {"Price": "1500", "Price_Type": "monthly"},
            'Price_Type: "monthly" is not a price type (use fixed, from or range)',
        ),
        (
            {"Price": "1500", "Price_Updated": "2026-02-30"},
            'Price_Updated: "2026-02-30" is not a date (write it as YYYY-MM-DD, e.g. 2026-01-15)',
        ),
        (
            {"Price": "1500", "Price_History": "2024-01-01 1200; March 2025 1350"},
            f'Price_History: "March 2025 1350" is not a date and a price ({HISTORY_FIX})',
        ),
        (
            {"Price": "1500", "Price_History": "2024-01-01 1,200"},
            f'Price_History: "2024-01-01 1,200": the price has a thousands separator ({HISTORY_FIX})',
        ),
    ],
)
def test_pricing_mistake_fails_the_build(site_factory, fields, line):
    site = site_factory()
    add_service(site, "audit", **fields)
    result = site.build()
    assert result.problems == [f"content/services/audit.md: {line}"]
    assert not result.ok
    assert not result.output.exists()  # nothing written for publishing


def test_free_service_is_not_an_error(site_factory):
    site = site_factory()
    add_service(site, "intro-call", Price="0")
    result = site.build()
    assert result.problems == []
    price = result.soup("services/intro-call/index.html").select_one(".price-box__amount")
    assert price.get_text() == "Free"


TYPO_POST = """
    Title: Typo
    Date: 2026-01-10
    Category: Notes

    See [the audit]({service}audti), it costs {price}audit.
"""

# Mistakes in several files, in a post or page, or in the settings: (files, settings, lines).
SITE_MISTAKES = [
    pytest.param(
        [
            service_file("audit", Price="$1500", Currency="XYZ"),
            service_file("retainer", Price="500", Price_Type="from", Price_Updated="soon"),
            ("posts/prices.md", GOOD_POST),
        ],
        {},
        [
            'content/services/audit.md: Currency: "XYZ" is not an ISO 4217 currency code '
            "(use a code in use today, e.g. USD, EUR or GBP)",
            'content/services/audit.md: Price: "$1500" has a currency sign '
            "(write the number only, e.g. Price: 1500, and the code in Currency:)",
            'content/services/retainer.md: Price_Updated: "soon" is not a date '
            "(write it as YYYY-MM-DD, e.g. 2026-01-15)",
        ],  # the post citing the broken audit adds no second error about it
        id="all-mistakes-in-one-run",
    ),
    pytest.param(
        [service_file("audit", Price="1500")],
        {"PRICING": {"currency": "XYZ"}},
        [
            'pelicanconf.py: PRICING["currency"]: "XYZ" is not an ISO 4217 currency code '
            '(use e.g. "USD" or "EUR")'
        ],
        id="setting-currency",
    ),
    pytest.param(
        [service_file("audit", Price="1500")],
        {"PRICING": {"locale": "xx_YY"}},
        [
            'pelicanconf.py: PRICING["locale"]: "xx_YY" is not a locale Babel knows '
            '(use e.g. "en_US")'
        ],
        id="setting-locale",
    ),
    pytest.param(
        [service_file("audit", Price="1500")],
        {"PRICING": {"colour": "green", "inject": "sometimes"}},
        [
            'pelicanconf.py: PRICING["colour"]: unknown setting (known keys: '
            + ", ".join(SETTINGS)
            + ")",
            'pelicanconf.py: PRICING["inject"]: "sometimes" is not allowed '
            '(use "auto", True or False)',
        ],
        id="setting-unknown-key-and-inject",
    ),
    pytest.param(
        [service_file("audit", Price="1500")],
        {"PRICING": {"action_url": "www.example.com", "price_valid_until": "next year"}},
        [
            'pelicanconf.py: PRICING["action_url"]: "www.example.com" is not a link '
            "(use https://…, mailto:…, tel:… or a site path like /contact/)",
            "pelicanconf.py: PRICING[\"price_valid_until\"]: 'next year' is not a date "
            '(write "YYYY-MM-DD" in quotes, or None)',
        ],
        id="setting-action-url-and-valid-until",
    ),
    pytest.param(
        [service_file("audit", Price="1500")],
        {"PRICING": {**PROJECT_PRICING, "default_unit": "per session"}},
        [
            'pelicanconf.py: PRICING["default_unit"]: "per session" starts with "per" '
            '(write the unit alone: "session")'
        ],
        id="setting-default-unit-with-per",
    ),
    pytest.param(
        [service_file("audit", Price="1500"), ("posts/typo.md", TYPO_POST)],
        {},
        [
            'content/posts/typo.md: {service}audti: no published service has the slug "audti" '
            "(use the slug of a page in content/services/; known: audit)"
        ],
        id="unknown-slug",
    ),
    pytest.param(
        [service_file("audit", Price="1500", body="Text.\n\n## Questions\n\nNone yet.")],
        {},
        [
            "content/services/audit.md: Questions: the section has no ### questions "
            "(write each question as a ### heading)"
        ],
        id="questions-heading-without-questions",
    ),
    pytest.param(
        [
            service_file(
                "audit", Price="1500", body="## Questions\n\n### Refunds?\n\n### Later?\n\nYes."
            )
        ],
        {},
        [
            'content/services/audit.md: Questions: "Refunds?" has no answer '
            "(write the answer below the ### question)"
        ],
        id="question-without-answer",
    ),
    pytest.param(
        [service_file("audit", Price="1500")],
        {"PRICING": {**PROJECT_PRICING, "service_path": "offers"}},
        [
            'pelicanconf.py: PRICING["service_path"]: "offers" is not inside PAGE_PATHS '
            '(pages, services) (add "offers" to PAGE_PATHS)',
        ],
        id="service-path-not-a-page-path",
    ),
    pytest.param(
        [
            service_file("audit", Price="1500"),
            ("pages/services.md", "Title: Services\n\nMy own list.\n"),
        ],
        {},
        [
            "content/pages/services.md: output: writes services/index.html, which the pricing "
            'plugin also writes (change Slug or Save_as, or PRICING["index_save_as"])'
        ],
        id="page-where-the-index-goes",
    ),
    pytest.param(
        [
            service_file("audit", Price="1500"),
            ("pages/about.md", "Title: About\nSummary: See {service}audit.\n\nHi.\n"),
        ],
        {},
        [
            "content/pages/about.md: Summary: {service}audit cannot be a link in a summary "
            "(use {price}audit there, and link the service in the body)"
        ],
        id="summary-links-a-service",
    ),
    pytest.param(
        [service_file("audit", Price="1500")],
        {"CONTENT_CACHING_LAYER": "generator"},
        [
            'pelicanconf.py: CONTENT_CACHING_LAYER: "generator" would show last build\'s prices '
            'in cached posts (use "reader", Pelican\'s default)',
        ],
        id="generator-cache-layer",
    ),
]


@pytest.mark.parametrize(("files", "settings", "lines"), SITE_MISTAKES)
def test_each_site_mistake_is_one_line(site_factory, files, settings, lines):
    site = site_factory()
    write_files(site, files)
    result = site.build(settings=settings)
    assert result.problems == lines
    assert not result.ok
    assert not result.output.exists()  # nothing written for publishing
