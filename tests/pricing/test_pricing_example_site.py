"""The example site shows every pricing feature, and keeps building green after every date
in it has passed: the sale ends, the announced price takes effect, the 2027 post goes live.

The real-clock build (the `example_site` fixture) is checked for what does not depend on
the day; each date-dependent promise is checked in builds with the clock pinned before,
during and after its date (PUBLICATION["build_time"], in the site's TIMEZONE).
"""

import json
import shutil

import pytest
from fixture_sites import PROJECT_ROOT, FixtureSite
from jsonschema import Draft202012Validator
from lxml import etree
from pricing_helpers import text_of

ATOM = "{http://www.w3.org/2005/Atom}"
SERVICE_FILES = sorted((PROJECT_ROOT / "content" / "services").glob("*.md"))


def plain(element):
    """Text as read, without the spaces text_of puts between elements (before a full stop)."""
    return " ".join(element.get_text().replace("\u00a0", " ").split())


def json_ld(soup):
    """The pricing plugin's JSON-LD; the theme's own @graph (breadcrumbs) is tested with it."""
    documents = [json.loads(s.string) for s in soup.select('script[type="application/ld+json"]')]
    return [document for document in documents if "@graph" not in document]


def test_example_services_state_their_price_first(example_site):
    result, _site = example_site
    assert result.problems == []
    records = {r["slug"]: r for r in json.loads(result.text("services/prices.json"))["services"]}
    assert len(records) == len(SERVICE_FILES) == 6
    for path in SERVICE_FILES:
        soup = result.soup(f"services/{path.stem}/index.html")
        box = soup.select_one("main article .price-box")
        assert box.find_next_sibling(class_="page-body") is not None
        assert box.select(".price-box__includes li")
        assert box.select_one(".price-box__turnaround")
        assert box.select_one(".price-box__updated time")["datetime"]
        assert box.select_one(".price-box__action a")["href"]
        [service] = [d for d in json_ld(soup) if d["@type"] == "Service"]
        record = records[path.stem]
        assert service["url"] == record["url"] == f"https://danareyes.example/services/{path.stem}/"
        assert service["offers"]["priceCurrency"] == record["currency"]
        headline = box.select_one(".price-box__amount")
        assert headline["value"] == service["offers"].get("price", headline["value"])


def test_example_index_shows_the_group_once_and_the_data_in_its_footer(example_site):
    result, _site = example_site
    index = result.soup("services/index.html")
    names = [a.get_text() for a in index.select(".service-list__name a")]
    assert names == [
        "Social Media Audits",
        "Customer Service Retainer",
        "Strategy Session",
        "Customer Service Workshop for Your Team",
    ]
    group = index.select_one(".service-list__item--group")
    assert group.a["href"] == "https://danareyes.example/services/social-media-audit/"
    assert [a.get_text() for a in group.select(".service-list__tiers a")] == [
        "Starter Audit",
        "Standard Audit",
        "Premium Audit",
    ]
    footer_links = [a["href"] for a in index.select(".services-index__footer a")]
    assert footer_links == [
        "https://danareyes.example/services/prices.json",
        "https://danareyes.example/services/prices.schema.json",
        "https://danareyes.example/services/changes.atom.xml",
    ]
    assert not index.select(".service-list a[href$='prices.json']")


def test_example_vat_setting_and_fees(example_site):
    result, _site = example_site
    workshop = result.soup("services/team-workshop/index.html").select_one(".price-box")
    assert text_of(workshop.select_one(".price-box__price")) == "$1,350 all-in + VAT"
    assert text_of(workshop.select_one(".price-box__breakdown")) == (
        "Price $1,200 + Workbooks and materials $150"
    )
    retainer = result.soup("services/customer-service-retainer/index.html")
    assert text_of(retainer.select_one(".price-box__price")) == "From €500 per month incl. VAT"


@pytest.fixture(scope="module")
def example_on(tmp_path_factory):
    """Build the example site (production settings) as on a given day; one build per day."""
    builds = {}

    def build(moment):
        if moment not in builds:
            root = tmp_path_factory.mktemp("example-on")
            shutil.copytree(PROJECT_ROOT / "content", root / "content")
            builds[moment] = FixtureSite(root, theme_options="project").build(
                "prod", settings={"PUBLICATION": {"preview": False, "build_time": moment}}
            )
        return builds[moment]

    return build


# Noon in New York on each day: before the sale, during it, the day before the new audit
# price (the sale is over), the day it takes effect, and years after everything.
BEFORE_SALE = "2026-11-15T12:00:00"
DURING_SALE = "2026-12-01T12:00:00"
BEFORE_CHANGE = "2027-02-28T12:00:00"
ON_CHANGE = "2027-03-01T12:00:00"
LONG_AFTER = "2031-06-01T12:00:00"
DAYS = [BEFORE_SALE, DURING_SALE, BEFORE_CHANGE, ON_CHANGE, LONG_AFTER]


@pytest.mark.parametrize("moment", DAYS)
def test_example_site_builds_green_and_valid_on_every_day(example_on, moment):
    result = example_on(moment)
    assert result.problems == []
    prices = json.loads(result.text("services/prices.json"))
    schema = json.loads(result.text("services/prices.schema.json"))
    Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER).validate(
        prices
    )
    assert prices["$schema"] == schema["$id"]
    feed = etree.fromstring(result.path("services/changes.atom.xml").read_bytes())
    assert feed.tag == f"{ATOM}feed"
    titles = [entry.findtext(f"{ATOM}title") for entry in feed.iter(f"{ATOM}entry")]
    assert titles[0].startswith("Standard Audit: $1,500 \u2192 $1,800")


@pytest.mark.parametrize(
    ("moment", "headline", "struck"),
    [
        (BEFORE_SALE, "$150 per hour", None),
        (DURING_SALE, "$120 per hour", "Regular price: $150 per hour"),
        (BEFORE_CHANGE, "$150 per hour", None),
        (LONG_AFTER, "$150 per hour", None),
    ],
)
def test_example_sale_runs_only_between_its_dates(example_on, moment, headline, struck):
    result = example_on(moment)
    box = result.soup("services/strategy-session/index.html").select_one(".price-box")
    assert box.select_one(".price-box__amount").get_text() == headline
    regular = box.select_one(".price-regular")
    assert (text_of(regular) if regular else None) == struck
    if struck:
        assert plain(box.select_one(".price-box__sale")) == (
            "Sale price from November 16, 2026 to January 31, 2027. "
            "Lowest price in the 30 days before the sale: $150."
        )
    record = next(
        r
        for r in json.loads(result.text("services/prices.json"))["services"]
        if r["slug"] == "strategy-session"
    )
    assert (record["sale"] or {}).get("lowest_price_30_days") == (150 if struck else None)


@pytest.mark.parametrize("moment", [BEFORE_SALE, BEFORE_CHANGE])
def test_example_announces_the_2027_price(example_on, moment):
    result = example_on(moment)
    soup = result.soup("services/social-media-audit-standard/index.html")
    assert soup.select_one(".price-box__amount").get_text() == "$1,500"
    assert plain(soup.select_one(".price-box__next")) == (
        "New price: $1,800 from March 1, 2027. "
        "Audits booked before March 1, 2027 keep today's price."
    )
    [service] = json_ld(soup)[:1]
    assert service["offers"]["priceValidUntil"] == "2027-02-28"
    group = result.soup("services/social-media-audit/index.html")
    assert "$1,800 from March 1, 2027" in text_of(group.select_one(".tier-table"))
    assert not result.path("blog/prices-for-2027/index.html").exists()
    post = result.soup("blog/what-an-audit-costs/index.html").select_one(".post-body")
    assert "The standard audit costs $1,500, half when" in text_of(post)


@pytest.mark.parametrize("moment", [ON_CHANGE, LONG_AFTER])
def test_example_2027_price_takes_effect_by_itself(example_on, moment):
    result = example_on(moment)
    soup = result.soup("services/social-media-audit-standard/index.html")
    assert soup.select_one(".price-box__amount").get_text() == "$1,800"
    assert soup.select_one(".price-box__next") is None
    assert text_of(soup.select_one(".price-box__updated")) == "Price last changed March 1, 2027"
    rows = [
        [text_of(cell) for cell in row.find_all("td")]
        for row in soup.select(".price-history tbody tr")
    ]
    assert rows[-1] == ["January 15, 2026", "$1,500"]
    new_post = text_of(result.soup("blog/prices-for-2027/index.html").select_one(".post-body"))
    assert "The standard audit went up to $1,800." in new_post
    assert "when this was written" not in new_post  # written the day the price took effect
    old_post = plain(result.soup("blog/what-an-audit-costs/index.html").select_one(".post-body"))
    assert "costs $1,800 (was $1,500 when this was written), half when" in old_post


@pytest.mark.parametrize("moment", DAYS)
def test_example_post_written_when_the_retainer_cost_less(example_on, moment):
    result = example_on(moment)
    body = result.soup("blog/why-every-price-on-this-site-is-public/index.html")
    assert "costs from €500 per month (was from €450 per month when this was written)," in (
        plain(body.select_one(".post-body"))
    )
