"""Announced prices and sales from real builds, with the clock injected before, on and after
each date. The day turns at midnight in the site's TIMEZONE (America/New_York): 04:59 UTC
on March 1st is still February 28th there, 05:00 UTC is March 1st."""

import json

import pytest
from jsonschema import Draft202012Validator
from lxml import etree
from pricing_helpers import PROJECT_PRICING, add_service

ATOM = "{http://www.w3.org/2005/Atom}"

ANNOUNCED = {
    "Price": "1500",
    "Price_Updated": "2026-01-15",
    "Price_History": "2025-03-01 1350",
    "Price_Next": "1800",
    "Price_Next_From": "2027-03-01",
    "Price_Next_Note": "Bookings made before then keep today's price.",
    "Summary": "The audit.",
}
CITING_POST = """
    Title: What the audit costs
    Date: 2026-05-02 09:00
    Category: Notes

    The audit costs {price}audit; today, {price_now}audit.
"""


def plain(element):
    return " ".join(element.get_text().replace("\u00a0", " ").split())


def json_ld(soup):
    """The pricing plugin's JSON-LD; the theme's own @graph (breadcrumbs) is tested with it."""
    documents = [json.loads(s.string) for s in soup.find_all("script", type="application/ld+json")]
    return [document for document in documents if "@graph" not in document]


def build_on(site, moment, **settings):
    return site.build(
        "prod",
        settings={
            "SITEURL": "https://x.test",
            "PUBLICATION": {"preview": False, "build_time": moment},
            "PRICING": {**PROJECT_PRICING, "tax": None},
            **settings,
        },
    )


def valid_price_list(result):
    prices = json.loads(result.text("services/prices.json"))
    schema = json.loads(result.text("services/prices.schema.json"))
    Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER).validate(
        prices
    )
    return prices


@pytest.fixture
def announced_site(site_factory):
    site = site_factory()
    add_service(site, "audit", **ANNOUNCED)
    site.write("posts/cost.md", CITING_POST)
    return site


@pytest.mark.parametrize(
    "moment",
    [
        "2026-06-01T12:00:00",
        "2027-03-01T04:59:00+00:00",  # 23:59 on February 28th in New York
    ],
)
def test_before_its_day_the_new_price_is_announced_beside_todays(announced_site, moment):
    result = build_on(announced_site, moment)
    assert result.problems == []
    soup = result.soup("services/audit/index.html")
    box = soup.select_one(".price-box")
    assert box.select_one(".price-box__amount").get_text() == "$1,500"
    assert plain(box.select_one(".price-box__next")) == (
        "New price: $1,800 from March 1, 2027. Bookings made before then keep today's price."
    )
    assert box.select_one(".price-box__next time")["datetime"] == "2027-03-01"
    [service] = json_ld(soup)
    assert service["offers"]["price"] == "1500"
    assert service["offers"]["priceValidUntil"] == "2027-02-28"
    index = result.soup("services/index.html").select_one(".service-list__item")
    assert plain(index.select_one(".service-list__next")) == "$1,800 from March 1, 2027"
    [record] = valid_price_list(result)["services"]
    assert (record["price"], record["updated"]) == (1500, "2026-01-15")
    assert record["next_change"] == {
        "price": 1800,
        "all_in_price": 1800,
        "from": "2027-03-01",
        "note": "Bookings made before then keep today's price.",
        "display": "$1,800 from March 1, 2027",
    }
    post = plain(result.soup("blog/what-the-audit-costs/index.html").select_one(".post-body"))
    assert post == "The audit costs $1,500; today, $1,500."


@pytest.mark.parametrize(
    "moment",
    [
        "2027-03-01T05:00:00+00:00",  # midnight in New York: the new day has begun
        "2029-01-01T12:00:00",
    ],
)
def test_from_its_day_the_new_price_is_the_price_by_itself(announced_site, moment):
    result = build_on(announced_site, moment)
    assert result.problems == []
    soup = result.soup("services/audit/index.html")
    box = soup.select_one(".price-box")
    assert box.select_one(".price-box__amount").get_text() == "$1,800"
    assert box.select_one(".price-box__next") is None
    assert plain(box.select_one(".price-box__updated")) == "Price last changed March 1, 2027"
    history = [
        [plain(td) for td in tr.find_all("td")] for tr in box.select(".price-history tbody tr")
    ]
    assert history == [["March 1, 2025", "$1,350"], ["January 15, 2026", "$1,500"]]
    [service] = json_ld(soup)
    assert service["offers"]["price"] == "1800" and "priceValidUntil" not in service["offers"]
    [record] = valid_price_list(result)["services"]
    assert (record["price"], record["updated"], record["next_change"]) == (1800, "2027-03-01", None)
    assert record["history"] == [
        {"from": "2025-03-01", "price": 1350},
        {"from": "2026-01-15", "price": 1500},
    ]
    post = result.soup("blog/what-the-audit-costs/index.html").select_one(".post-body")
    assert (
        plain(post) == "The audit costs $1,800 (was $1,500 when this was written); today, $1,800."
    )
    assert plain(post.select_one(".price-citation__was")) == "(was $1,500 when this was written)"


def test_the_citation_note_can_be_turned_off(announced_site):
    result = build_on(
        announced_site,
        "2027-06-01T12:00:00",
        PRICING={**PROJECT_PRICING, "tax": None, "citation_note": False},
    )
    assert result.problems == []
    post = plain(result.soup("blog/what-the-audit-costs/index.html").select_one(".post-body"))
    assert post == "The audit costs $1,800; today, $1,800."


def test_the_change_feed_lists_past_and_announced_changes_as_atom(announced_site):
    result = build_on(announced_site, "2026-06-01T12:00:00")
    assert result.problems == []
    feed = etree.fromstring(result.path("services/changes.atom.xml").read_bytes())
    assert feed.tag == f"{ATOM}feed"
    assert (
        feed.findtext(f"{ATOM}title") == "Price changes · Dana Reyes · Marketing & Customer Service"
    )
    assert feed.find(f"{ATOM}link[@rel='self']").get("href") == (
        "https://x.test/services/changes.atom.xml"
    )
    entries = [
        {
            "title": entry.findtext(f"{ATOM}title"),
            "link": entry.find(f"{ATOM}link").get("href"),
            "updated": entry.findtext(f"{ATOM}updated"),
            "id": entry.findtext(f"{ATOM}id"),
            "summary": entry.findtext(f"{ATOM}summary"),
        }
        for entry in feed.iter(f"{ATOM}entry")
    ]
    assert entries == [
        {
            "title": "Audit: $1,500 → $1,800 from March 1, 2027",
            "link": "https://x.test/services/audit/",
            "updated": "2027-03-01T00:00:00-05:00",
            "id": "tag:x.test,2027-03-01:/services/audit/",
            "summary": "Audit will cost $1,800 from March 1, 2027 (before: $1,500). "
            "Bookings made before then keep today&#39;s price.",
        },
        {
            "title": "Audit: $1,350 → $1,500 since January 15, 2026",
            "link": "https://x.test/services/audit/",
            "updated": "2026-01-15T00:00:00-05:00",
            "id": "tag:x.test,2026-01-15:/services/audit/",
            "summary": "Audit costs $1,500 from January 15, 2026 (before: $1,350).",
        },
    ]
    # Atom requires an author and an updated date on the feed.
    assert feed.findtext(f"{ATOM}author/{ATOM}name") == "Dana Reyes"
    assert feed.findtext(f"{ATOM}updated") == "2027-03-01T00:00:00-05:00"


def test_pricing_pages_advertise_the_change_feed(announced_site):
    result = build_on(announced_site, "2026-06-01T12:00:00")
    feed_url = "https://x.test/services/changes.atom.xml"
    for page in ("services/index.html", "services/audit/index.html"):
        links = result.soup(page).select('link[rel=alternate][type="application/atom+xml"]')
        assert feed_url in [link["href"] for link in links], page
    footer = result.soup("services/index.html").select_one(".services-index__footer")
    assert feed_url in [a["href"] for a in footer.select("a")]


SALE = {
    "Price": "150",
    "Price_Unit": "hour",
    "Price_Updated": "2026-10-01",
    "Price_History": "2025-01-01 140",
    "Sale_Price": "120",
    "Sale_From": "2026-11-16",
    "Sale_Until": "2027-01-31",
    "Summary": "An hour.",
}


@pytest.mark.parametrize(
    ("moment", "on_sale"),
    [
        ("2026-11-16T04:59:00+00:00", False),  # November 15th, 23:59 in New York
        ("2026-11-16T05:00:00+00:00", True),  # November 16th, 00:00
        ("2027-02-01T04:59:00+00:00", True),  # January 31st, 23:59: its last day
        ("2027-02-01T05:00:00+00:00", False),  # February 1st: over, by itself
    ],
)
def test_a_sale_shows_only_from_its_first_to_its_last_day(site_factory, moment, on_sale):
    site = site_factory()
    add_service(site, "session", **SALE)
    result = build_on(site, moment)
    assert result.problems == []
    soup = result.soup("services/session/index.html")
    box = soup.select_one(".price-box")
    [offer] = [json_ld(soup)[0]["offers"]]
    [record] = valid_price_list(result)["services"]
    index_price = plain(result.soup("services/index.html").select_one(".service-list__price"))
    if not on_sale:
        assert box.select_one(".price-box__amount").get_text() == "$150 per hour"
        assert box.select(".price-regular, .price-box__sale, .price-box__sale-label") == []
        assert index_price == "$150 per hour"
        assert record["sale"] is None
        assert offer["price"] == "150" and "validFrom" not in offer
        return
    assert box.select_one(".price-box__amount").get_text() == "$120 per hour"
    assert plain(box.select_one(".price-regular")) == "Regular price: $150 per hour"
    assert box.select_one(".price-regular").name == "s"
    assert plain(box.select_one(".price-box__sale-label")) == "Sale until January 31, 2027"
    assert plain(box.select_one(".price-box__sale")) == (
        "Sale price from November 16, 2026 to January 31, 2027. "
        "Lowest price in the 30 days before the sale: $150."
    )
    assert index_price == "$120 per hour Regular price: $150 per hour"
    assert record["sale"] == {
        "price": 120,
        "all_in_price": 120,
        "from": "2026-11-16",
        "until": "2027-01-31",
        "lowest_price_30_days": 150,
        "display": "$120 per hour",
    }
    assert offer == {
        "@type": "Offer",
        "price": "120",
        "priceCurrency": "USD",
        "priceSpecification": [
            {
                "@type": "UnitPriceSpecification",
                "price": "120",
                "priceCurrency": "USD",
                "unitText": "hour",
            },
            {
                "@type": "UnitPriceSpecification",
                "price": "150",
                "priceCurrency": "USD",
                "unitText": "hour",
                "priceType": "https://schema.org/StrikethroughPrice",
            },
        ],
        "url": "https://x.test/services/session/",
        "validFrom": "2026-11-16",
        "priceValidUntil": "2027-01-31",
    }


def test_fees_tax_terms_and_guarantee_reach_the_page_json_ld_and_prices_json(site_factory):
    site = site_factory()
    add_service(
        site,
        "workshop",
        Price="1200",
        Tax="excluded",
        Fees="Setup 150; Licence 90",
        Extras="Travel outside the city 200",
        Payment_Terms="50% to book, 50% on delivery",
        Guarantee="Money back if it does not help",
        Summary="A workshop.",
    )
    result = build_on(site, "2026-06-01T12:00:00", PRICING={**PROJECT_PRICING, "tax_word": "GST"})
    assert result.problems == []
    soup = result.soup("services/workshop/index.html")
    box = soup.select_one(".price-box")
    assert plain(box.select_one(".price-box__price")) == "$1,440 all-in + GST"
    assert (
        plain(box.select_one(".price-box__breakdown")) == "Price $1,200 + Setup $150 + Licence $90"
    )
    assert [plain(li) for li in box.select(".price-box__extras li")] == [
        "Travel outside the city: $200"
    ]
    assert plain(box.select_one(".price-box__payment")) == "Payment: 50% to book, 50% on delivery"
    assert (
        plain(box.select_one(".price-box__guarantee"))
        == "Guarantee: Money back if it does not help"
    )
    [service] = json_ld(soup)
    assert service["termsOfService"] == "50% to book, 50% on delivery"
    assert service["offers"] == {
        "@type": "Offer",
        "price": "1440",
        "priceCurrency": "USD",
        "priceSpecification": {
            "@type": "CompoundPriceSpecification",
            "price": "1440",
            "priceCurrency": "USD",
            "valueAddedTaxIncluded": False,
            "priceComponent": [
                {
                    "@type": "UnitPriceSpecification",
                    "name": "Price",
                    "price": "1200",
                    "priceCurrency": "USD",
                },
                {
                    "@type": "UnitPriceSpecification",
                    "name": "Setup",
                    "price": "150",
                    "priceCurrency": "USD",
                },
                {
                    "@type": "UnitPriceSpecification",
                    "name": "Licence",
                    "price": "90",
                    "priceCurrency": "USD",
                },
            ],
        },
        "url": "https://x.test/services/workshop/",
        "warranty": {"@type": "WarrantyPromise", "description": "Money back if it does not help"},
    }
    [record] = valid_price_list(result)["services"]
    assert {key: record[key] for key in ("price", "tax", "fees", "all_in_price", "extras")} == {
        "price": 1200,
        "tax": "excluded",
        "fees": [{"label": "Setup", "amount": 150}, {"label": "Licence", "amount": 90}],
        "all_in_price": 1440,
        "extras": [{"label": "Travel outside the city", "amount": 200}],
    }
    assert (record["payment_terms"], record["guarantee"]) == (
        "50% to book, 50% on delivery",
        "Money back if it does not help",
    )


@pytest.mark.parametrize(
    ("tax", "included", "shown"), [("included", True, "incl."), ("none", None, "no")]
)
def test_tax_rules_in_json_ld_and_on_the_page(site_factory, tax, included, shown):
    site = site_factory()
    add_service(site, "audit", Price="900", Tax=tax)
    result = build_on(site, "2026-06-01T12:00:00")
    soup = result.soup("services/audit/index.html")
    assert plain(soup.select_one(".price-tax")) == f"{shown} VAT"
    specification = json_ld(soup)[0]["offers"].get("priceSpecification", {})
    assert specification.get("valueAddedTaxIncluded") is included


def test_metadata_of_the_new_fields_reaches_the_page_escaped(site_factory):
    site = site_factory()
    add_service(
        site,
        "qa",
        Price="10",
        Fees="<b>Setup</b> & co 5",
        Extras="<script>x</script> 5",
        Payment_Terms="<img src=x onerror=alert(1)>",
        Guarantee='"Quotes" & <tags>',
        Price_Updated="2026-01-01",
        Price_Next="12",
        Price_Next_From="2027-01-01",
        Price_Next_Note="<i>soon</i>",
    )
    result = build_on(site, "2026-06-01T12:00:00")
    assert result.problems == []
    box = result.soup("services/qa/index.html").select_one(".price-box")
    assert not box.select("b, script, img, i")
    assert plain(box.select_one(".price-box__payment")) == "Payment: <img src=x onerror=alert(1)>"
    assert plain(box.select_one(".price-box__guarantee")) == 'Guarantee: "Quotes" & <tags>'
    assert "<b>Setup</b> & co $5" in plain(box.select_one(".price-box__breakdown"))
    assert plain(box.select_one(".price-box__next")).endswith("<i>soon</i>")


HISTORY_FIX = "write the day today's price took effect in Price_Updated and earlier prices in Price_History, so the lowest price of those days can be stated"


@pytest.mark.parametrize(
    ("fields", "line"),
    [
        (
            {"Price_Next": "1800"},
            'Price_Next_From: missing for Price_Next (add the day the new price starts, e.g. "Price_Next_From: 2027-03-01")',
        ),
        (
            {"Price_Next_From": "2027-03-01"},
            'Price_Next: missing for Price_Next_From (add the new price, e.g. "Price_Next: 1800", or remove Price_Next_From)',
        ),
        (
            {"Price_Next": "1500", "Price_Next_From": "2027-03-01"},
            "Price_Next: 1500 is the same as Price (write the new price, or remove Price_Next and Price_Next_From)",
        ),
        (
            {"Sale_Price": "1200", "Sale_From": "2026-05-01"},
            f"Sale_From: the price on 2026-04-01, within the 30 days before the sale, is not known ({HISTORY_FIX})",
        ),
        (
            {"Price_Updated": "2026-01-01", "Sale_Price": "1500", "Sale_From": "2026-05-01"},
            "Sale_Price: $1,500 is not below $1,500, the lowest price in the 30 days before Sale_From "
            "2026-05-01 (a sale price must be lower than every price of those 30 days)",
        ),
        (
            {
                "Price_Updated": "2026-01-01",
                "Sale_Price": "1200",
                "Sale_From": "2026-05-01",
                "Sale_Until": "2026-04-30",
            },
            "Sale_Until: 2026-04-30 is before Sale_From 2026-05-01 (a sale ends on or after the day it starts; fix the dates)",
        ),
        (
            {"Tax": "maybe"},
            'Tax: "maybe" is not a tax rule (use included, excluded or none)',
        ),
        (
            {"Fees": "Setup"},
            'Fees: "Setup" is not a label and an amount (write "label amount" pairs separated by ";", e.g. Fees: Setup 150; Licence 90)',
        ),
        (
            {"Recommended": "yes"},
            'Recommended: only used with Group (add "Group: …" naming the offer, or remove Recommended)',
        ),
        (
            {"Price": "1" + "0" * 30},
            'Price: "1000000000000000000000000000000" is too large '
            "(write at most 12 digits before the decimal point)",
        ),
        (
            {"Price_History": "2024-01-01 " + "9" * 20},
            'Price_History: "2024-01-01 99999999999999999999": the price is too large '
            '(write entries as "YYYY-MM-DD amount" separated by ";", e.g. 2024-01-01 1200; 2025-03-01 1350)',
        ),
        (
            {"Order": "9" * 5000},
            f'Order: "{"9" * 39}…" is too large (use a number of at most 9 digits, e.g. Order: 1)',
        ),
    ],
)
def test_each_refused_case_is_one_line(site_factory, fields, line):
    site = site_factory()
    add_service(site, "audit", **{"Price": "1500", **fields})
    result = site.build(
        settings={"PUBLICATION": {"preview": True, "build_time": "2026-06-01T12:00:00"}}
    )
    assert result.problems == [f"content/services/audit.md: {line}"]
    assert not result.ok


def test_a_feed_without_changes_is_the_same_file_on_every_build(site_factory):
    site = site_factory()
    add_service(site, "audit", Price="900")
    first = build_on(site, "2026-06-01T12:00:00")
    second = build_on(site, "2026-06-02T12:00:00", OUTPUT_PATH=str(site.root / "second"))
    assert first.problems == second.problems == []
    feed = first.path("services/changes.atom.xml").read_bytes()
    assert feed == second.path("services/changes.atom.xml").read_bytes()
    parsed = etree.fromstring(feed)
    assert list(parsed.iter(f"{ATOM}entry")) == []
    assert parsed.findtext(f"{ATOM}updated") == "1970-01-01T00:00:00+00:00"
