"""Groups of tiers, from real builds: the group page and its comparison table, the index card,
JSON-LD, prices.json, citations of a group, and each refused case as one line."""

import json

import pytest
from pricing_helpers import NOTMYIDEA, add_service, service_file, text_of, write_files

AUDIT_TIERS = {
    "starter": {
        "Price": "900",
        "Tier_Order": "1",
        "Includes": "Review of two channels; Written report",
        "Turnaround": "1 week",
        "Summary": "Two channels reviewed.",
    },
    "standard": {
        "Price": "1500",
        "Tier_Order": "2",
        "Recommended": "yes",
        "Includes": "Review of every channel; Written report; 90-day plan",
        "Action_Label": "Book the standard audit",
        "Summary": "Every channel reviewed.",
    },
    "premium": {
        "Price": "2400",
        "Tier_Order": "3",
        "Includes": "Review of every channel; Written report; 90-day plan; Inbox review",
        "Turnaround": "3 weeks",
        "Summary": "Every channel and your inbox.",
    },
}


def tier_files(group="Social media audit", tiers=AUDIT_TIERS, **extra):
    """The service files of a group's tiers, as (path, text); `extra` adds fields per tier."""
    return [
        service_file(
            f"audit-{slug}",
            title=f"{slug.title()} Audit",
            Group=group,
            Action="book",
            Action_URL=f"https://cal.example/{slug}",
            **{**fields, **extra.get(slug, {})},
        )
        for slug, fields in tiers.items()
    ]


def add_tiers(site, group="Social media audit", tiers=AUDIT_TIERS, **extra):
    write_files(site, tier_files(group, tiers, **extra))


def json_ld(soup):
    """The pricing plugin's JSON-LD; the theme's own @graph (breadcrumbs) is tested with it."""
    documents = [json.loads(s.string) for s in soup.find_all("script", type="application/ld+json")]
    return [document for document in documents if "@graph" not in document]


@pytest.fixture
def group_site(site_factory):
    site = site_factory()
    add_tiers(site)
    add_service(site, "session", Price="150", Price_Unit="hour", Summary="An hour.")
    site.write(
        "services/groups/social-media-audit.md",
        """
        Title: Social Media Audits & <Reviews>
        Summary: Three audits, from a quick look to the full review.

        Pick the one that fits; the [session]({service}session) costs {price}session.
        """,
    )
    site.write(
        "posts/audits.md",
        """
        Title: Audits
        Date: 2026-01-10
        Category: Notes

        There are [three audits]({service}social-media-audit), {price}social-media-audit.
        """,
    )
    site.write("pages/contact.md", "Title: Contact\n\nWrite to me.\n")  # where /contact/ leads
    result = site.build(
        "prod",
        settings={"SITEURL": "https://x.test", "PRICING": {"tax": None, "action_url": "/contact/"}},
    )
    assert result.problems == []
    return result


def test_the_group_page_compares_the_tiers_in_an_accessible_table(group_site):
    soup = group_site.soup("services/social-media-audit/index.html")
    assert (
        soup.title.get_text()
        == "Social Media Audits & <Reviews> · Dana Reyes · Marketing & Customer Service"
    )
    assert soup.h1.get_text() == "Social Media Audits & <Reviews>"
    assert text_of(soup.select_one(".service-group__span")) == "From $900 to $2,400"
    assert text_of(soup.select_one(".service-group__summary")) == (
        "Three audits, from a quick look to the full review."
    )
    table = soup.select_one("table.tier-table")
    assert text_of(table.caption) == (
        "Social Media Audits & <Reviews>: 3 tiers side by side; Standard Audit is recommended"
    )
    columns = table.select("thead th[scope=col]")
    assert [text_of(th.a) for th in columns] == ["Starter Audit", "Standard Audit", "Premium Audit"]
    assert [th["id"] for th in columns] == [
        "tier-audit-starter",
        "tier-audit-standard",
        "tier-audit-premium",
    ]
    assert "Recommended" in text_of(columns[1]) and "Recommended" not in text_of(columns[0])
    rows = {
        text_of(row.th): [text_of(cell) for cell in row.find_all("td")]
        for row in table.select("tbody tr")
    }
    assert [th["scope"] for th in table.select("tbody th")] == ["row"] * len(rows)
    assert rows == {
        "Price": ["$900", "$1,500", "$2,400"],
        "Review of two channels": ["✓ Included", "✗ Not included", "✗ Not included"],
        "Written report": ["✓ Included", "✓ Included", "✓ Included"],
        "Review of every channel": ["✗ Not included", "✓ Included", "✓ Included"],
        "90-day plan": ["✗ Not included", "✓ Included", "✓ Included"],
        "Inbox review": ["✗ Not included", "✗ Not included", "✓ Included"],
        "Turnaround": ["1 week", "Ask", "3 weeks"],
        "Get started": ["Book now", "Book the standard audit", "Book now"],
    }
    assert [a["href"] for a in table.select("tbody a.button")] == [
        "https://cal.example/starter",
        "https://cal.example/standard",
        "https://cal.example/premium",
    ]
    # The symbols are for the eye; the words are what a screen reader reads.
    assert all(span["aria-hidden"] == "true" for span in table.select("td > span"))
    body = text_of(soup.select_one(".service-group .page-body"))
    assert body == "Pick the one that fits; the session costs $150 per hour."


def test_the_group_page_has_stacked_cards_with_the_same_facts(group_site):
    soup = group_site.soup("services/social-media-audit/index.html")
    cards = soup.select("ol.tier-cards > li.tier-card")
    assert [text_of(card.h3) for card in cards] == [
        "Starter Audit",
        "Standard Audit",
        "Premium Audit",
    ]
    assert ["tier-card--recommended" in card["class"] for card in cards] == [False, True, False]
    assert text_of(cards[1].select_one(".tier-badge")) == "Recommended"
    assert [text_of(li) for li in cards[0].select(".tier-card__items li")] == [
        "✓ Review of two channels",
        "✓ Written report",
        "✗ Review of every channel (not included)",
        "✗ 90-day plan (not included)",
        "✗ Inbox review (not included)",
    ]
    assert [card.select_one(".tier-card__amount").get_text() for card in cards] == [
        "$900",
        "$1,500",
        "$2,400",
    ]
    ids = [tag["id"] for tag in soup.select("[id]")]
    assert len(ids) == len(set(ids))


def test_group_json_ld_is_one_service_with_an_offer_per_tier(group_site):
    [service] = json_ld(group_site.soup("services/social-media-audit/index.html"))
    offers = service.pop("offers")
    assert service == {
        "@context": "https://schema.org",
        "@type": "Service",
        "name": "Social Media Audits & <Reviews>",
        "url": "https://x.test/services/social-media-audit/",
        "provider": {"@type": "Person", "name": "Dana Reyes", "url": "https://x.test/"},
        "description": "Three audits, from a quick look to the full review.",
    }
    tiers = offers.pop("offers")
    assert offers == {
        "@type": "AggregateOffer",
        "priceCurrency": "USD",
        "lowPrice": "900",
        "highPrice": "2400",
        "offerCount": 3,
    }
    assert [(o["name"], o["price"], o["url"]) for o in tiers] == [
        ("Starter Audit", "900", "https://x.test/services/audit-starter/"),
        ("Standard Audit", "1500", "https://x.test/services/audit-standard/"),
        ("Premium Audit", "2400", "https://x.test/services/audit-premium/"),
    ]


def test_the_index_shows_the_group_once_with_its_span(group_site):
    index = group_site.soup("services/index.html")
    items = index.select(".service-list > li")
    # By price: the session, then the group where its cheapest tier would be.
    assert [text_of(item.h2) for item in items] == ["Session", "Social Media Audits & <Reviews>"]
    card = items[1]
    assert text_of(card.select_one(".service-list__price")) == "From $900 to $2,400"
    assert [(text_of(a), a["href"]) for a in card.select(".service-list__tiers a")] == [
        ("Starter Audit", "https://x.test/services/social-media-audit/#tier-audit-starter"),
        ("Standard Audit", "https://x.test/services/social-media-audit/#tier-audit-standard"),
        ("Premium Audit", "https://x.test/services/social-media-audit/#tier-audit-premium"),
    ]
    assert card.select_one(".service-list__action a")["href"] == (
        "https://x.test/services/social-media-audit/"
    )
    assert len(card.select("a.button")) == 1  # one call to action per card


def test_prices_json_carries_the_group(group_site):
    data = json.loads(group_site.text("services/prices.json"))
    assert [s["slug"] for s in data["services"]] == [
        "session",
        "audit-starter",
        "audit-standard",
        "audit-premium",
    ]
    standard = data["services"][2]
    assert standard["group"] == {
        "name": "Social media audit",
        "slug": "social-media-audit",
        "url": "https://x.test/services/social-media-audit/",
    }
    assert (standard["tier_order"], standard["recommended"]) == (2, True)
    assert data["services"][0]["group"] is None
    assert data["groups"] == [
        {
            "slug": "social-media-audit",
            "name": "Social media audit",
            "url": "https://x.test/services/social-media-audit/",
            "summary": "Three audits, from a quick look to the full review.",
            "currency": "USD",
            "unit": "project",
            "low_price": 900,
            "high_price": 2400,
            "display": "From $900 to $2,400",
            "tiers": ["audit-starter", "audit-standard", "audit-premium"],
            "recommended": "audit-standard",
        }
    ]


def test_a_post_cites_and_links_a_group(group_site):
    body = group_site.soup("blog/audits/index.html").select_one(".post-body")
    assert text_of(body) == "There are three audits , from $900."
    assert body.a["href"] == "https://x.test/services/social-media-audit/"


def test_a_tier_page_links_its_group(group_site):
    box = group_site.soup("services/audit-premium/index.html").select_one(".price-box")
    group = box.select_one(".price-box__group")
    assert (
        text_of(group)
        == "One of 3 tiers of Social Media Audits & <Reviews> : compare them side by side."
    )
    assert group.a["href"] == "https://x.test/services/social-media-audit/"


def test_a_theme_without_pricing_templates_gets_the_group_page_and_cards(site_factory):
    site = site_factory()
    add_tiers(site)
    result = site.build("prod", settings={**NOTMYIDEA, "SITEURL": "https://x.test"})
    assert result.problems == []
    soup = result.soup("services/social-media-audit/index.html")
    assert soup.select_one("section#content h1").get_text() == "Social media audit"
    assert len(soup.select("table.tier-table thead th[scope=col]")) == 3
    assert [d["@type"] for d in json_ld(soup)] == ["Service"]
    assert soup.select_one('link[rel=alternate][href$="changes.atom.xml"]')
    index = result.soup("services/index.html")
    assert text_of(index.select_one(".service-list__item--group .service-list__price")) == (
        "From $900 to $2,400"
    )
    assert index.select_one('footer a[href$="prices.schema.json"]')


def test_without_an_introduction_the_tiers_summaries_introduce_the_group(site_factory):
    site = site_factory()
    add_tiers(site, group="Audits")
    result = site.build()
    assert result.problems == []
    soup = result.soup("services/audits/index.html")
    assert soup.h1.get_text() == "Audits"
    assert text_of(soup.select_one(".service-group__summary")) == (
        "Two channels reviewed. Every channel reviewed. Every channel and your inbox."
    )
    assert soup.select_one(".service-group .page-body") is None
    assert not result.path("groups/audits/index.html").exists()


# Each refused group as (files, the lines the build prints).
REFUSED_GROUPS = [
    pytest.param(
        tier_files(premium={"Recommended": "yes"}),
        [
            'content/services/audit-standard.md: Recommended: "Standard Audit" and "Premium Audit" '
            'are both recommended in the group "Social media audit" (mark at most one tier "Recommended: yes")'
        ],
        id="recommended-twice",
    ),
    pytest.param(
        tier_files(premium={"Currency": "EUR"}),
        [
            'content/services/audit-premium.md: Currency: EUR differs from USD of "Starter Audit", another '
            'tier of "Social media audit" (the tiers of one group share one currency)'
        ],
        id="currencies-differ",
    ),
    pytest.param(
        tier_files(premium={"Price_Unit": "month"}),
        [
            'content/services/audit-premium.md: Price_Unit: "month" differs from "project" of "Starter '
            'Audit", another tier of "Social media audit" (the tiers of one group are priced per the '
            "same unit)"
        ],
        id="units-differ",
    ),
    pytest.param(
        tier_files(premium={"Tier_Order": "2"}),
        [
            'content/services/audit-standard.md: Tier_Order: 2 is also the Tier_Order of "Premium Audit" '
            'in the group "Social media audit" (give each tier its own number)'
        ],
        id="tier-order-twice",
    ),
    pytest.param(
        [
            *tier_files(tiers={"starter": AUDIT_TIERS["starter"]}),
            *tier_files(tiers={"premium": {**AUDIT_TIERS["premium"], "Status": "draft"}}),
        ],
        [
            'content/services/audit-starter.md: Group: "Social media audit" has only one published '
            'tier (give another service "Group: Social media audit", or remove this line)'
        ],
        id="one-published-tier",
    ),
    pytest.param(
        [*tier_files(), service_file("social-media-audit", Price="100")],
        [
            'content/services/social-media-audit.md: Slug: "social-media-audit" is also the address of '
            'the group "Social media audit" (give this service another Slug, or rename the group in '
            "its tiers' Group:)"
        ],
        id="group-slug-is-a-service-slug",
    ),
    pytest.param(
        [
            *tier_files(),
            ("services/groups/social-media-audit.md", "Title: Audits\nPrice: 900\n\nText.\n"),
            ("services/groups/audit.md", "Title: Typo\n\nText.\n"),
        ],
        [
            'content/services/groups/audit.md: file name: "audit" is not the slug of a group '
            "(name the file after its group's slug; known: social-media-audit)",
            "content/services/groups/social-media-audit.md: Price: a group introduction states no "
            "price (each tier's own file holds its price; remove Price)",
        ],
        id="introduction-mistakes",
    ),
    pytest.param(
        [service_file("audit", Price="900", Tier_Order="1")],
        [
            'content/services/audit.md: Tier_Order: only used with Group (add "Group: …" naming the '
            "offer, or remove Tier_Order)"
        ],
        id="tier-field-without-a-group",
    ),
]


@pytest.mark.parametrize(("files", "lines"), REFUSED_GROUPS)
def test_each_refused_group_is_one_line(site_factory, files, lines):
    site = site_factory()
    write_files(site, files)
    result = site.build()
    assert result.problems == lines
    assert not result.ok
    assert not result.output.exists()  # nothing written for publishing


def test_an_introduction_of_a_group_with_mistakes_adds_no_line(site_factory):
    site = site_factory()
    add_tiers(site, tiers={"starter": AUDIT_TIERS["starter"]})
    site.write("services/groups/social-media-audit.md", "Title: Audits\n\nText.\n")
    assert [line.split(":")[0] for line in site.build().problems] == [
        "content/services/audit-starter.md"
    ]
