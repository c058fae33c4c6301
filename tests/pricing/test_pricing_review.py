"""Defects a reviewer reproduced, each pinned by a real build.

The build clock is injected with PUBLICATION["build_time"] (publication_status),
so the date checks do not depend on the day the tests run.
"""

import json

import pytest
from pricing_helpers import PROJECT_PRICING, add_service, service_file, text_of, write_files

# The build's "now": noon on June 1st 2026 in the site's TIMEZONE (America/New_York).
CLOCK = {"PUBLICATION": {"preview": True, "build_time": "2026-06-01T12:00:00"}}

CITING_POST = """
    Title: Prices
    Date: 2026-01-10
    Category: Notes

    The audit costs {price}audit.
"""

OFF_SITE_FIX = "(write https://evil.example/x, or a site path like /contact/)"

# Each defect as (files, settings, the lines the build prints).
REPORTED_DEFECTS = [
    pytest.param(
        [
            service_file(
                "audit",
                Price="1500",
                Currency="usd",
                Action_URL="//evil.example/x",
                body="Text.\n\n## Questions\n\nNone yet.",
            )
        ],
        {},
        [
            'content/services/audit.md: Currency: "usd" is not an ISO 4217 currency code '
            "(use a code in use today, e.g. USD, EUR or GBP)",
            'content/services/audit.md: Action_URL: "//evil.example/x" links to another site '
            f"without saying how {OFF_SITE_FIX}",
            "content/services/audit.md: Questions: the section has no ### questions "
            "(write each question as a ### heading)",
        ],
        id="every-mistake-of-a-service-in-one-run",
    ),
    pytest.param(
        [
            service_file("audit", Price="1500"),
            ("pages/prices.md", "Title: Prices\nSave_as: services/prices.json\n\nMine.\n"),
        ],
        {},
        [
            "content/pages/prices.md: output: writes services/prices.json, which the pricing "
            'plugin also writes (change Slug or Save_as, or PRICING["json_save_as"])'
        ],
        id="page-where-prices-json-goes",
    ),
    pytest.param(
        [
            service_file("audit", Price="1500", Action_URL="//evil.example/x"),
            service_file("call", Price="100", Action_URL="/\\evil.example/x"),
            service_file("plain", Price="100", Action_URL="http://cal.example/dana"),
            service_file("local", Price="100", Action_URL="/contact/"),
            ("pages/contact.md", "Title: Contact\n\nWrite to me.\n"),  # where /contact/ leads
        ],
        {},
        [
            'content/services/audit.md: Action_URL: "//evil.example/x" links to another site '
            f"without saying how {OFF_SITE_FIX}",
            'content/services/call.md: Action_URL: "/\\evil.example/x" links to another site '
            f"without saying how {OFF_SITE_FIX}",
        ],
        id="protocol-relative-action-url",
    ),
    pytest.param(
        [service_file("audit", Price="1500")],
        {"PRICING": {**PROJECT_PRICING, "action_url": "//evil.example/x"}},
        [
            'pelicanconf.py: PRICING["action_url"]: "//evil.example/x" links to another site '
            f"without saying how {OFF_SITE_FIX}"
        ],
        id="protocol-relative-action-url-setting",
    ),
    pytest.param(
        [
            service_file("audit", Price="1500", Status="draft"),
            service_file("session", Price="150"),
            (
                "posts/prices.md",
                CITING_POST.replace("{price}audit.", "{price}audit, {service}sesion."),
            ),
        ],
        {},
        [
            'content/posts/prices.md: {price}audit: the service "audit" is a draft '
            "(publish it, or cite another service)",
            'content/posts/prices.md: {service}sesion: no published service has the slug "sesion" '
            "(use the slug of a page in content/services/; known: session)",
        ],
        id="citing-a-draft-service",
    ),
    pytest.param(
        [service_file("audit", Price="0", Price_Type="from", Price_Unit="month")],
        {},
        [
            'content/services/audit.md: Price_Type: "from" with Price: 0 says nothing, every price '
            "starts at 0 (use Price_Type: fixed for a free service, or write the lowest price "
            "you charge in Price)"
        ],
        id="starting-price-of-zero",
    ),
    pytest.param(
        [
            service_file("audit", Price="1500", Price_Updated="2026-06-01"),  # today: fine
            service_file("session", Price="150", Price_Updated="2026-06-02"),
        ],
        CLOCK,
        [
            "content/services/session.md: Price_Updated: 2026-06-02 is after the build date "
            "2026-06-01 (write the day the price changed, today or earlier)"
        ],
        id="price-updated-in-the-future",
    ),
    pytest.param(
        [
            service_file("audit", Price="1500", Price_Valid_Until="2026-06-01"),  # today: fine
            service_file("session", Price="150", Price_Valid_Until="2026-05-31"),
        ],
        CLOCK,
        [
            "content/services/session.md: Price_Valid_Until: 2026-05-31 is before the build date "
            "2026-06-01 (the price has expired: write a later date, or remove the field)"
        ],
        id="price-valid-until-in-the-past",
    ),
    pytest.param(
        [service_file("audit", Price="1500")],
        {**CLOCK, "PRICING": {**PROJECT_PRICING, "price_valid_until": "2026-05-31"}},
        [
            'pelicanconf.py: PRICING["price_valid_until"]: 2026-05-31 is before the build date '
            "2026-06-01 (the prices have expired: write a later date, or None)"
        ],
        id="price-valid-until-setting-in-the-past",
    ),
]


@pytest.mark.parametrize(("files", "settings", "lines"), REPORTED_DEFECTS)
def test_each_defect_is_reported_as_its_lines(site_factory, files, settings, lines):
    site = site_factory()
    write_files(site, files)
    result = site.build(settings=settings)
    assert result.problems == lines
    assert not result.ok
    assert not result.output.exists()  # nothing written for publishing


@pytest.mark.parametrize(
    ("fields", "line"),
    [
        (
            {"Price": "\uff10"},
            'Price: "\uff10" has digits other than 0-9 (type it with the keys 0-9: Price: 0)',
        ),
        (
            {"Price": "\u0661\u0665\u0660"},
            'Price: "\u0661\u0665\u0660" has digits other than 0-9 '
            "(type it with the keys 0-9: Price: 150)",
        ),
        (
            {"Price": "100", "Price_Type": "range", "Price_Max": "\uff12\uff10\uff10"},
            'Price_Max: "\uff12\uff10\uff10" has digits other than 0-9 '
            "(type it with the keys 0-9: Price_Max: 200)",
        ),
        (
            {"Price": "100", "Order": "\uff11"},
            'Order: "\uff11" is not a whole number (write e.g. Order: 1)',
        ),
    ],
)
def test_only_ascii_digits_are_numbers(site_factory, fields, line):
    site = site_factory()
    add_service(site, "audit", **fields)
    assert site.build().problems == [f"content/services/audit.md: {line}"]


def test_free_service_with_a_unit_just_reads_free(site_factory):
    site = site_factory()
    add_service(site, "intro-call", Price="0", Price_Unit="hour")
    result = site.build()
    assert result.problems == []
    box = result.soup("services/intro-call/index.html").select_one(".price-box")
    assert box.select_one(".price-box__amount").get_text() == "Free"
    assert box.select_one(".price-box__terms") is None  # no "No charge per hour"
    records = json.loads(result.text("services/prices.json"))["services"]
    assert records[0]["display"] == "Free"
    page = result.soup("services/intro-call/index.html")
    documents = [json.loads(s.string) for s in page.find_all("script", type="application/ld+json")]
    [service] = [document for document in documents if document.get("@type") == "Service"]
    assert service["offers"]["price"] == "0"
    assert "priceSpecification" not in service["offers"]  # costs 0 whatever the unit


def test_range_from_zero_reads_up_to(site_factory):
    site = site_factory()
    add_service(site, "audit", Price="0", Price_Type="range", Price_Max="100", Price_Unit="hour")
    site.write("posts/prices.md", CITING_POST)
    result = site.build()
    assert result.problems == []
    amount = result.soup("services/audit/index.html").select_one(".price-box__amount")
    assert amount.get_text() == "Up to $100 per hour"
    post = text_of(result.soup("blog/prices/index.html").select_one(".post-body, article"))
    assert "The audit costs up to $100 per hour." in post


@pytest.mark.parametrize(
    ("currency", "expected"),
    [
        ("CHF", "CHF\u00a01,200\u2013CHF\u00a025,000.50"),
        ("USD", "$1,200\u2013$25,000.50"),
        ("EUR", "\u20ac1,200\u2013\u20ac25,000.50"),
    ],
)
def test_currency_codes_are_spaced_from_the_number(site_factory, currency, expected):
    site = site_factory()
    add_service(
        site, "audit", Price="1200", Price_Type="range", Price_Max="25000.50", Currency=currency
    )
    result = site.build()
    assert result.problems == []
    amount = result.soup("services/audit/index.html").select_one(".price-box__amount")
    assert amount.get_text() == expected
    [record] = json.loads(result.text("services/prices.json"))["services"]
    assert record["display"] == expected


def test_build_date_is_the_sites_own_day(site_factory, monkeypatch):
    # 02:00 UTC on June 2nd is still June 1st in New York.
    monkeypatch.setenv("SITE_BUILD_TIME", "2026-06-02T02:00:00+00:00")
    site = site_factory()
    add_service(site, "audit", Price="1500", Price_Updated="2026-06-02")
    assert site.build().problems == [
        "content/services/audit.md: Price_Updated: 2026-06-02 is after the build date "
        "2026-06-01 (write the day the price changed, today or earlier)"
    ]
