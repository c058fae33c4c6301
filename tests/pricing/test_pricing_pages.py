"""Service pages, the pricing index, prices.json and price references, from real builds."""

import json

import pytest
from pricing_helpers import NOTMYIDEA, PROJECT_PRICING, add_service, text_of

AUDIT = {
    "Price": "1500",
    "Currency": "USD",
    "Price_Updated": "2026-01-15",
    "Price_History": "2024-01-01 1200; 2025-03-01 1350",
    "Includes": "Review of every channel; Competitor benchmark; 90-day plan",
    "Turnaround": "2 weeks",
    "Action": "book",
    "Action_URL": "https://cal.example/dana",
    "Summary": "A written review and a 90-day plan.",
}
AUDIT_BODY = """The long description comes after the price.

## Questions

### What do I need to give you?

Read-only access to your accounts.

### Can I pay later?

Yes, half at the start and half at the end.
"""


def json_ld(soup):
    """The pricing plugin's JSON-LD (the theme adds a @graph with breadcrumbs, tested in
    tests/theme)."""
    documents = [json.loads(s.string) for s in soup.find_all("script", type="application/ld+json")]
    return [document for document in documents if "@graph" not in document]


def test_price_box_comes_first_on_our_theme(site_factory):
    site = site_factory()
    add_service(site, "audit", title="Social Media Audit", body=AUDIT_BODY, **AUDIT)
    result = site.build()
    assert result.problems == []
    soup = result.soup("services/audit/index.html")
    article = soup.select_one("main article")
    blocks = [child for child in article.find_all(recursive=False)]
    assert [b.name for b in blocks[:2]] == ["h1", "section"]
    box = blocks[1]
    assert "price-box" in box["class"]
    assert blocks.index(box) < blocks.index(article.select_one(".page-body"))
    assert box.select_one(".price-box__amount").get_text() == "$1,500"
    assert box.select_one(".price-box__amount")["value"] == "1500"
    assert [li.get_text() for li in box.select(".price-box__includes li")] == [
        "Review of every channel",
        "Competitor benchmark",
        "90-day plan",
    ]
    assert box.select_one(".price-box__turnaround").get_text(" ", strip=True) == (
        "Turnaround: 2 weeks"
    )
    action = box.select_one(".price-box__action a")
    assert (action["href"], action.get_text(), action["data-action"]) == (
        "https://cal.example/dana",
        "Book now",
        "book",
    )


def test_freshness_and_history(site_factory):
    site = site_factory()
    add_service(site, "audit", body=AUDIT_BODY, **AUDIT)
    soup = site.build().soup("services/audit/index.html")
    updated = soup.select_one(".price-box__updated")
    assert updated.get_text(" ", strip=True) == "Price last changed January 15, 2026"
    assert updated.time["datetime"] == "2026-01-15"
    rows = [
        [cell.get_text() for cell in row.find_all("td")]
        for row in soup.select(".price-history tbody tr")
    ]
    assert rows == [["January 1, 2024", "$1,200"], ["March 1, 2025", "$1,350"]]


def test_questions_become_an_faq_that_needs_no_script(site_factory):
    site = site_factory()
    add_service(site, "audit", body=AUDIT_BODY, **AUDIT)
    soup = site.build().soup("services/audit/index.html")
    faq = soup.select_one(".page-body section.service-faq")
    assert faq.h2.get_text() == "Questions"
    assert faq["aria-labelledby"] == faq.h2["id"]
    items = faq.select("details.service-faq__item")
    assert [item.summary.get_text() for item in items] == [
        "What do I need to give\u00a0you?",
        "Can I pay\u00a0later?",
    ]
    assert text_of(items[0].select_one(".service-faq__answer")) == (
        "Read-only access to your accounts."
    )
    assert not soup.select(".page-body h3")  # the questions are summaries now, not loose headings


@pytest.mark.parametrize(
    ("fields", "offer"),
    [
        (
            {"Price": "1500"},
            {"@type": "Offer", "price": "1500", "priceCurrency": "USD"},
        ),
        (
            {"Price": "150", "Price_Unit": "hour"},
            {
                "@type": "Offer",
                "price": "150",
                "priceCurrency": "USD",
                "priceSpecification": {
                    "@type": "UnitPriceSpecification",
                    "price": "150",
                    "priceCurrency": "USD",
                    "unitText": "hour",
                },
            },
        ),
        (
            {"Price": "500", "Currency": "EUR", "Price_Type": "from", "Price_Unit": "month"},
            {
                "@type": "Offer",
                "priceCurrency": "EUR",
                "priceSpecification": {
                    "@type": "UnitPriceSpecification",
                    "minPrice": "500",
                    "priceCurrency": "EUR",
                    "unitText": "month",
                },
            },
        ),
        (
            {"Price": "1200", "Price_Type": "range", "Price_Max": "2500.50"},
            {
                "@type": "Offer",
                "priceCurrency": "USD",
                "priceSpecification": {
                    "@type": "PriceSpecification",
                    "minPrice": "1200",
                    "maxPrice": "2500.50",
                    "priceCurrency": "USD",
                },
            },
        ),
    ],
)
def test_service_json_ld_matches_the_metadata(site_factory, fields, offer):
    site = site_factory()
    add_service(site, "audit", title="Audit", Summary="What you get.", **fields)
    result = site.build(
        "prod",
        settings={
            # Tax not stated: the offer is exactly what the price fields say.
            "PRICING": {**PROJECT_PRICING, "price_valid_until": "2026-12-31", "tax": None},
            "SITEURL": "https://x.test",
            # A fixed clock: a priceValidUntil before the build date is an error.
            "PUBLICATION": {"preview": False, "build_time": "2026-06-01T12:00:00"},
        },
    )
    assert result.problems == []
    [service] = json_ld(result.soup("services/audit/index.html"))
    url = "https://x.test/services/audit/"
    assert service == {
        "@context": "https://schema.org",
        "@type": "Service",
        "name": "Audit",
        "description": "What you get.",
        "url": url,
        "provider": {"@type": "Person", "name": "Dana Reyes", "url": "https://x.test/"},
        "offers": {**offer, "url": url, "priceValidUntil": "2026-12-31"},
    }


def test_faq_json_ld_matches_the_questions(site_factory):
    site = site_factory()
    add_service(site, "audit", body=AUDIT_BODY, **AUDIT)
    documents = json_ld(site.build().soup("services/audit/index.html"))
    assert [d["@type"] for d in documents] == ["Service", "FAQPage"]
    assert documents[0]["offers"]["price"] == AUDIT["Price"]
    assert "priceValidUntil" not in documents[0]["offers"]
    assert documents[1]["mainEntity"] == [
        {
            "@type": "Question",
            "name": "What do I need to give you?",
            "acceptedAnswer": {"@type": "Answer", "text": "Read-only access to your accounts."},
        },
        {
            "@type": "Question",
            "name": "Can I pay later?",
            "acceptedAnswer": {
                "@type": "Answer",
                "text": "Yes, half at the start and half at the end.",
            },
        },
    ]


def test_metadata_reaches_the_page_escaped(site_factory):
    site = site_factory()
    title = 'Q&A: "Pricing" <2026> <img src=x onerror=alert(1)>'
    add_service(
        site, "qa", title=title, Price="10", Includes="<b>bold</b> & more", Turnaround="<script>x"
    )
    result = site.build()
    assert result.problems == []
    soup = result.soup("services/qa/index.html")
    assert not soup.select(".price-box img, .price-box b, .price-box script")
    assert soup.select_one(".price-box__includes li").get_text() == "<b>bold</b> & more"
    assert (
        json_ld(soup)[0]["name"] == "Q&A: \u201cPricing\u201d <2026> <img src=x onerror=alert(1)>"
    )


def test_pricing_index_orders_by_order_then_price(site_factory):
    site = site_factory()
    add_service(site, "big", Price="900", Order="1", Summary="Big one.")
    add_service(site, "cheap", Price="100", Summary="Cheap one.")
    add_service(site, "second", Price="50", Order="2", Price_Unit="hour")
    add_service(site, "cheaper", Price="50", Currency="EUR", Price_Updated="2026-02-01")
    add_service(site, "secret", Price="1", Status="hidden")
    result = site.build()
    assert result.problems == []
    soup = result.soup("services/index.html")
    items = soup.select(".service-list__item")
    assert [(i.a.get_text(), i.a["href"], i.data.get_text()) for i in items] == [
        ("Big", "/services/big/", "$900"),
        ("Second", "/services/second/", "$50 per hour"),
        ("Cheaper", "/services/cheaper/", "€50"),
        ("Cheap", "/services/cheap/", "$100"),
    ]
    assert items[0].select_one(".service-list__summary").get_text() == "Big one."
    plain = {
        "summary": None,
        "tax": "excluded",  # the project's PRICING["tax"]
        "fees": [],
        "extras": [],
        "payment_terms": None,
        "guarantee": None,
        "history": [],
        "next_change": None,
        "sale": None,
        "group": None,
        "tier_order": None,
        "recommended": False,
        "all_in_max_price": None,
    }
    assert json.loads(result.text("services/prices.json"))["services"][1:3] == [
        {
            **plain,
            "slug": "second",
            "name": "Second",
            "url": "/services/second/",
            "price": 50,
            "max_price": None,
            "currency": "USD",
            "unit": "hour",
            "type": "fixed",
            "display": "$50 per hour",
            "all_in_price": 50,
            "all_in_display": "$50 per hour",
            "updated": None,
        },
        {
            **plain,
            "slug": "cheaper",
            "name": "Cheaper",
            "url": "/services/cheaper/",
            "price": 50,
            "max_price": None,
            "currency": "EUR",
            "unit": "project",
            "type": "fixed",
            "display": "€50",
            "all_in_price": 50,
            "all_in_display": "€50",
            "updated": "2026-02-01",
        },
    ]


def test_posts_and_pages_cite_current_prices(site_factory):
    site = site_factory()
    add_service(site, "audit", Price="1500")
    add_service(site, "retainer", Price="500", Price_Type="from", Price_Unit="month")
    site.write(
        "posts/costs.md",
        """
        Title: What things cost
        Date: 2026-01-10
        Category: Notes

        The [audit]({service}audit#questions) costs {price}audit;
        the retainer costs {price}retainer.
        """,
    )
    site.write("pages/rates.md", "Title: Rates\n\nAudit: {price}audit.\n")
    result = site.build()
    assert result.problems == []
    body = result.soup("blog/what-things-cost/index.html").select_one(".post-body")
    assert body.a["href"] == "/services/audit/#questions"
    assert text_of(body) == "The audit costs $1,500; the retainer costs from $500 per month."
    assert text_of(result.soup("rates/index.html").select_one(".page-body")) == "Audit: $1,500."


def test_default_theme_gets_the_price_block_first_in_the_content(site_factory):
    site = site_factory()
    add_service(site, "audit", body=AUDIT_BODY, **AUDIT)
    result = site.build(
        "prod",
        settings=NOTMYIDEA,
    )
    assert result.problems == []
    soup = result.soup("services/audit/index.html")
    content = soup.select_one("section#content")
    children = content.find_all(recursive=False)
    assert children[0].name == "h1"
    assert "price-box" in children[1]["class"]
    assert len(soup.select(".price-box")) == 1
    assert children[1].select_one(".price-box__amount").get_text() == "$1,500"
    assert [d["@type"] for d in json_ld(soup)] == ["Service", "FAQPage"]
    assert soup.select("details.service-faq__item")
    index = result.soup("services/index.html")
    assert text_of(index.select_one(".service-list__price")) == "$1,500 per project + VAT"
    feed = result.text("feeds/all.atom.xml")
    assert "price-box" not in feed


@pytest.mark.parametrize("theme", ["ours", "notmyidea"])
def test_a_theme_overrides_the_price_box(site_factory, tmp_path, theme):
    overrides = tmp_path / "overrides"
    (overrides / "pricing").mkdir(parents=True)
    (overrides / "pricing" / "price_box.html").write_text(
        '<aside class="my-price">{{ service.terms.price.display }}</aside>\n'
    )
    site = site_factory()
    add_service(site, "audit", Price="1500")
    settings = {"THEME_TEMPLATES_OVERRIDES": [str(overrides)]}
    if theme == "notmyidea":
        settings.update(NOTMYIDEA)
    result = site.build(settings=settings)
    assert result.problems == []
    soup = result.soup("services/audit/index.html")
    assert soup.select_one("aside.my-price").get_text() == "$1,500"
    assert not soup.select(".price-box")


def test_a_summary_cites_the_current_price_everywhere(site_factory):
    site = site_factory()
    add_service(site, "audit", Price="1500")
    site.write(
        "posts/offer.md",
        """
        Title: The audit
        Date: 2026-01-10
        Category: Notes
        Summary: The audit costs {price}audit & takes 2 weeks.

        Book [the audit]({service}audit).
        """,
    )
    result = site.build("prod", settings={"SITEURL": "https://x.test"})
    assert result.problems == []
    expected = "The audit costs $1,500 & takes 2 weeks."
    assert text_of(result.soup("index.html").select_one(".post-summary")).endswith(expected)
    meta = result.soup("blog/the-audit/index.html").find("meta", attrs={"name": "description"})
    assert meta["content"].replace("\u00a0", " ") == expected
    assert "$1,500" in result.text("feeds/all.atom.xml")
    assert "{price}" not in result.text("feeds/all.atom.xml")
    assert 'href="https://x.test/services/audit/"' in result.text("feeds/all.atom.xml")


def test_a_post_can_show_the_reference_syntax_in_code(site_factory):
    site = site_factory()
    add_service(site, "audit", Price="1500")
    site.write(
        "posts/how.md",
        """
        Title: How to cite a price
        Date: 2026-01-10
        Category: Notes

        Write `{price}audit` and get {price}audit.

            [the audit]({service}slug)
        """,
    )
    result = site.build()
    assert result.problems == []
    body = result.soup("blog/how-to-cite-a-price/index.html").select_one(".post-body")
    assert [code.get_text() for code in body.select("code")] == [
        "{price}audit",
        "[the audit]({service}slug)\n",
    ]
    assert text_of(body.p) == "Write {price}audit and get $1,500."


@pytest.mark.parametrize(
    ("profile", "settings", "site"),
    [("dev", {}, ""), ("prod", {"SITEURL": "https://x.test"}, "https://x.test")],
)
def test_price_box_links_join_the_site_url_with_one_slash(site_factory, profile, settings, site):
    """The call to action's site path and the group link start at the site's root, once."""
    site_folder = site_factory()
    for slug, price in (("audit", "1500"), ("audit-plus", "2500")):
        add_service(site_folder, slug, Price=price, Group="Audits", Action_URL="/contact/")
    site_folder.write("pages/contact.md", "Title: Contact\n\nWrite to me.\n")
    result = site_folder.build(profile, settings=settings)
    assert result.problems == []
    box = result.soup("services/audit/index.html").select_one(".price-box")
    assert box.select_one(".price-box__action a")["href"] == f"{site}/contact/"
    assert box.select_one(".price-box__group a")["href"] == f"{site}/services/audits/"


def test_a_unit_reads_once_in_the_box_and_the_index(site_factory):
    site = site_factory()
    add_service(site, "session", Price="150", Price_Unit="hour")
    add_service(site, "audit", Price="1500")
    result = site.build()
    assert result.problems == []
    box = result.soup("services/session/index.html").select_one(".price-box")
    assert text_of(box.select_one(".price-box__amount")) == "$150 per hour"
    assert text_of(box.select_one(".price-box__terms")) == "Fixed price per hour, in USD"
    index = result.soup("services/index.html")
    # In a list, a one-off price names its unit too, so it compares with an hourly one.
    assert [text_of(price) for price in index.select(".service-list__price")] == [
        "$150 per hour + VAT",
        "$1,500 per project + VAT",
    ]
